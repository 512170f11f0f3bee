"""The programme: sessions by day, adding, editing and deleting them, and their people."""
from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import current_language, to_local_input
from ..labels import ROLE_HEADINGS
from ..models import BriefingSession, Person, PersonRole, SessionPerson
from ..services import notices
from ..services import programme as service
from ..services.briefings import RuleViolation
from . import bp
from .forms import ButtonForm, SessionForm, SessionPersonForm, show_violation
from .translation_fields import with_translations


def _get_session(session_id: int) -> BriefingSession:
    """A session of the current briefing (its people loaded with it), or 404."""
    session = db.session.get(BriefingSession, session_id, options=[
        selectinload(BriefingSession.roles).joinedload(SessionPerson.person)])
    if session is None or session.briefing_id != g.briefing.id:
        abort(404)
    return session


def _get_link(session: BriefingSession, link_id: int) -> SessionPerson:
    """One of the session's people, or 404."""
    for link in session.roles:
        if link.id == link_id:
            return link
    abort(404)


def _session_form() -> type[SessionForm]:
    """The session form, with title and description fields for the briefing's other languages."""
    return with_translations(SessionForm, g.briefing.other_languages, ("title", "description"))


def _flash_warnings(warnings: list) -> None:
    for warning in warnings:
        flash(str(warning), "warning")


@bp.route("/<slug>/programme")
def programme(slug):
    """The programme, day by day in the briefing's timezone."""
    return render_template("organizer/programme.html", briefing=g.briefing,
                           days=service.programme_by_day(g.briefing))


@bp.route("/<slug>/programme/new", methods=["GET", "POST"])
def new_session(slug):
    """Add a session to the programme."""
    briefing = g.briefing
    form = _session_form()(zone=briefing.timezone, lang=current_language())
    if not form.is_submitted():
        start = service.suggested_start(briefing)
        form.starts_at.data = _local(start)
        form.ends_at.data = _local(start, hours=1)
        form.format.data = briefing.format.value  # a new session takes the briefing's format
    if form.validate_on_submit():
        try:
            session, warnings = service.create_session(briefing, form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("Session added. You can now add its chair, speakers and rapporteur."),
                  "success")
            _flash_warnings(warnings)
            return redirect(url_for(".edit_session", slug=slug, session_id=session.id))
    return render_template("organizer/session_form.html", briefing=briefing, form=form,
                           session=None)


def _local(value, hours: int = 0):
    """A suggested wall-clock time for a new session's form."""
    return to_local_input(value + timedelta(hours=hours), g.briefing.timezone)


def _edit_page(session: BriefingSession, form: SessionForm, person_form: SessionPersonForm):
    people = {role: [link for link in session.roles if link.role == role] for role in PersonRole}
    notice = notices.open_notice(session.id)
    return render_template("organizer/session_form.html", briefing=g.briefing, form=form,
                           session=session, person_form=person_form, people=people,
                           headings=ROLE_HEADINGS, button=ButtonForm(), notice=notice,
                           notice_changes=notices.changes(notice) if notice else None,
                           notice_count=notices.registrant_count(session.id) if notice else 0)


def _person_form(submitted: bool = False) -> SessionPersonForm:
    """The add-a-person form; empty unless it is the form being submitted."""
    kwargs = {} if submitted else {"formdata": None}
    return SessionPersonForm(people=service.people_of(g.briefing), lang=current_language(),
                             **kwargs)


@bp.route("/<slug>/programme/<int:session_id>", methods=["GET", "POST"])
def edit_session(slug, session_id):
    """Change a session; its people are listed and managed on the same page."""
    session = _get_session(session_id)
    form = _session_form().for_session(session, current_language())
    if form.validate_on_submit():
        before = (session.starts_at, session.ends_at, session.room)
        try:
            warnings = service.update_session(session, form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("Session saved."), "success")
            _flash_warnings(warnings)
            notices.note_change(session, *before, actor=current_user)
            return redirect(url_for(".edit_session", slug=slug, session_id=session_id))
    return _edit_page(session, form, _person_form())


@bp.route("/<slug>/programme/<int:session_id>/delete", methods=["GET", "POST"])
def delete_session(slug, session_id):
    """Delete a session, after a confirmation page."""
    session = _get_session(session_id)
    form = ButtonForm()
    if form.validate_on_submit():
        title = session.title
        service.delete_session(session, actor=current_user)
        flash(_("The session “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for(".programme", slug=slug))
    return render_template("organizer/session_delete.html", briefing=g.briefing,
                           session=session, form=form,
                           dependents=service.session_dependents(session))


@bp.route("/<slug>/programme/<int:session_id>/people", methods=["POST"])
def add_session_person(slug, session_id):
    """Give a listed or a new person a role in the session."""
    session = _get_session(session_id)
    person_form = _person_form(submitted=True)
    if person_form.validate_on_submit():
        chosen = person_form.person_id.data
        person = db.session.get(Person, chosen) if chosen is not None else None
        try:
            _link, warnings = service.add_session_person(
                session, person_form.role_value(), actor=current_user, person=person,
                new_person=person_form.new_person())
        except RuleViolation as violation:
            show_violation(person_form, violation)
        else:
            flash(_("Person added to the session."), "success")
            _flash_warnings(warnings)
            return redirect(url_for(".edit_session", slug=slug, session_id=session_id)
                            + "#people")
    form = _session_form().for_session(session, current_language(), formdata=None)
    return _edit_page(session, form, person_form)


@bp.route("/<slug>/programme/<int:session_id>/people/<int:link_id>/remove", methods=["POST"])
def remove_session_person(slug, session_id, link_id):
    """Take a person's role in the session away (they stay in the briefing's people)."""
    session = _get_session(session_id)
    link = _get_link(session, link_id)
    if ButtonForm().validate_on_submit():
        service.remove_session_person(link, actor=current_user)
        flash(_("Person removed from the session."), "success")
    return redirect(url_for(".edit_session", slug=slug, session_id=session_id) + "#people")


@bp.route("/<slug>/programme/<int:session_id>/people/<int:link_id>/<any(up, down):direction>",
          methods=["POST"])
def move_session_person(slug, session_id, link_id, direction):
    """Move a person one place up or down among those of the same role."""
    session = _get_session(session_id)
    link = _get_link(session, link_id)
    if ButtonForm().validate_on_submit():
        service.move_session_person(link, -1 if direction == "up" else 1, actor=current_user)
    return redirect(url_for(".edit_session", slug=slug, session_id=session_id) + "#people")
