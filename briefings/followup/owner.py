"""An owner's page behind their private link: where the item stands, and a way to update it."""
import re

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..services import followup as service
from . import bp
from .forms import ReportForm

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _follow_up(token: str):
    """The follow-up of an owner's link; unknown, malformed or replaced tokens are a plain 404."""
    if not TOKEN_SHAPE.fullmatch(token):
        abort(404)
    follow_up = service.find_by_token(token)
    if follow_up is None:
        abort(404)
    return follow_up


@bp.route("/f/<token>", methods=["GET", "POST"])
def owner_page(token):
    """See the item and report its status with a short note (no account needed)."""
    follow_up = _follow_up(token)
    item = service.subject_of(follow_up)
    form = ReportForm(item=item)
    if form.validate_on_submit():
        try:
            service.report(follow_up, form.status.data, form.note.data or "")
        except service.FollowUpError as error:
            target = form._fields.get(error.field)
            if target is None:
                form.form_errors.append(str(error))
            else:
                target.errors = list(target.errors) + [str(error)]
        else:
            flash(_("Thank you: your update is saved and the organizers can see it."), "success")
            return redirect(url_for(".owner_page", token=token))
    briefing = service.briefing_of(item)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "followup/owner_page.html", follow_up=follow_up, item=item, briefing=briefing,
        kind=service.kind_of(item), title=service.title_of(item),
        due=service.due_of(item, follow_up),
        overdue=service.is_overdue(item, service.due_of(item, follow_up),
                                   service.local_today(briefing)),
        form=form), status
