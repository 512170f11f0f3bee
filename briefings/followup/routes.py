"""The follow-up page of a briefing, and an item's owner and due date."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import current_language
from ..services import followup as service
from ..services.followup_board import PROGRESS_LABELS, Progress, board
from . import bp
from .forms import ButtonForm, OwnerForm


@bp.route("/manage/<slug>/follow-up")
def index():
    """Action items and pledges of this briefing and those it follows up: overdue first."""
    return render_template("followup/index.html", briefing=g.briefing, active_tab="follow-up",
                           board=board(g.briefing, current_user), progress=list(Progress),
                           progress_labels=PROGRESS_LABELS)


def _item(kind: str, item_id: int):
    item = service.load_item(kind, item_id, g.briefing.id)
    if item is None:
        abort(404)
    return item


@bp.route("/manage/<slug>/follow-up/<kind>/<int:item_id>", methods=["GET", "POST"])
def owner(kind, item_id):
    """Name an item's owner and its due date; see the owner's updates."""
    item = _item(kind, item_id)
    follow_up = service.follow_up_of(item)
    old_token = follow_up.token if follow_up and follow_up.has_owner else None
    form = OwnerForm() if request.method == "POST" else \
        OwnerForm.for_item(item, follow_up, current_language())
    if form.validate_on_submit():
        try:
            saved = service.set_owner(item, form.to_data(), actor=current_user)
        except service.FollowUpError as error:
            target = form._fields.get(error.field)
            if target is None:
                form.form_errors.append(str(error))
            else:
                target.errors = list(target.errors) + [str(error)]
        else:
            flash(_("Saved. The owner has been sent their private link.")
                  if saved.has_owner and saved.token != old_token
                  else _("Saved."), "success")
            return redirect(url_for(".index"))
    status = 400 if form.is_submitted() else 200
    return render_template("followup/owner.html", briefing=g.briefing, active_tab="follow-up",
                           item=item, kind=kind, follow_up=follow_up, form=form,
                           title=service.title_of(item), button=ButtonForm(formdata=None)), status


@bp.route("/manage/<slug>/follow-up/<kind>/<int:item_id>/resend", methods=["POST"])
def resend(kind, item_id):
    """E-mail the owner their private link again."""
    item = _item(kind, item_id)
    follow_up = service.follow_up_of(item)
    if follow_up is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            service.resend_link(follow_up, actor=current_user)
        except service.FollowUpError as error:
            flash(str(error), "danger")
        else:
            flash(_("The private link is sent to the owner again."), "success")
    return redirect(url_for(".owner", kind=kind, item_id=item_id))
