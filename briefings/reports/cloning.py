"""Copy a briefing: its settings and programme, without its people, on a new first day."""
from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..organizer.forms import show_violation
from ..services import cloning as service
from ..services.briefings import RuleViolation
from . import bp
from .forms import CloneForm


@bp.route("/clone", methods=["GET", "POST"])
def clone():
    """Make a draft copy of this briefing's settings and programme, moved to a new first day."""
    form = CloneForm(data={"title": g.briefing.title})
    if form.validate_on_submit():
        try:
            copy = service.clone_briefing(g.briefing, title=form.title.data,
                                          slug=form.slug.data or "",
                                          first_day=form.start_date.data, actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("The copy is created as a draft, with the programme moved to its new dates. "
                    "Check its settings, rooms and meeting links, then publish it."), "success")
            return redirect(url_for("organizer.overview", slug=copy.slug))
    return render_template("reports/clone.html", form=form,
                           sessions=len(g.briefing.sessions)), 400 if form.errors else 200
