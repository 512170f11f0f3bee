"""The briefing's people: who chairs, moderates, speaks at or reports on its sessions."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..i18n import current_language
from ..models import Person
from ..services import programme as service
from ..services.briefings import RuleViolation
from . import bp
from .forms import PersonForm, show_violation


def _get_person(person_id: int) -> Person:
    """A person of the current briefing, or 404."""
    person = db.session.get(Person, person_id)
    if person is None or person.briefing_id != g.briefing.id:
        abort(404)
    return person


@bp.route("/<slug>/people", methods=["GET", "POST"])
def people(slug):
    """List the briefing's people, with a form to add someone."""
    form = PersonForm(lang=current_language())
    if form.validate_on_submit():
        try:
            service.create_person(g.briefing, form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("Person added."), "success")
            return redirect(url_for(".people", slug=slug))
    return render_template("organizer/people.html", briefing=g.briefing,
                           people=service.people_of(g.briefing), form=form)


@bp.route("/<slug>/people/<int:person_id>", methods=["GET", "POST"])
def edit_person(slug, person_id):
    """Change a person's details."""
    person = _get_person(person_id)
    form = PersonForm.for_person(person, current_language())
    if form.validate_on_submit():
        try:
            changed = service.update_person(person, form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("Details saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for(".people", slug=slug))
    return render_template("organizer/person_form.html", briefing=g.briefing, person=person,
                           form=form)
