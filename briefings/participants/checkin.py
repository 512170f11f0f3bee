"""The check-in desk: scan or type a ticket code (or a name), see who arrived, undo a mistake.

Built for a USB scanner that types the code and presses Enter: a plain form
POST, then a redirect back to the page with the field focused again.
"""
import sqlalchemy as sa
from flask import abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import format_time, zone_abbreviation
from ..models import BriefingSession, Registration
from ..routing import whole_number
from ..services import checkin as desk
from ..services.registrations import RegistrationError
from . import bp
from .forms import ButtonForm, CheckInForm

REFRESH_SECONDS = 15


def _at(moment) -> str:
    zone = g.briefing.timezone
    return f"{format_time(moment, zone)} {zone_abbreviation(moment, zone)}"


def _shown_registration(arg: str = "person") -> Registration | None:
    """The registration named in the query string, if it belongs to this briefing."""
    value = whole_number(request.args.get(arg))
    if value is None:
        return None
    return db.session.scalar(
        sa.select(Registration).options(joinedload(Registration.stakeholder_group))
        .where(Registration.id == value, Registration.briefing_id == g.briefing.id))


def _registration_or_404(registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.briefing_id != g.briefing.id:
        abort(404)
    return registration


def _attendance_sessions() -> list[BriefingSession]:
    return [s for s in g.briefing.sessions if s.takes_attendance]


def _admit(registration_id: int) -> None:
    """Check a registration in and say what happened."""
    try:
        admission = desk.check_in(registration_id, actor=current_user)
    except RegistrationError as refusal:
        flash(str(refusal), "danger")
        return
    if admission.already:
        flash(_("%(name)s was already checked in at %(time)s.",
                name=admission.name, time=_at(admission.at)), "warning")
    else:
        flash(_("Checked in: %(name)s.", name=admission.name), "success")


def _counts_by_key(arrivals: desk.Arrivals) -> dict[str, int]:
    counts = {"arrived": arrivals.arrived, "confirmed": arrivals.confirmed}
    for row in arrivals.groups:
        key = f"group-{row.group.id if row.group else 'none'}"
        counts[f"{key}-arrived"] = row.arrived
        counts[f"{key}-confirmed"] = row.confirmed
    return counts


@bp.route("/checkin", methods=["GET", "POST"])
def checkin():
    """The desk: a ticket code checks its holder in; anything else searches the names."""
    form = CheckInForm()
    if form.validate_on_submit():
        registration = desk.find_by_code(g.briefing.id, form.query.data)
        if registration is None:
            return redirect(url_for(".checkin", q=form.query.data.strip()))
        # Read before the commit expires them: the redirect then needs no query.
        registration_id, slug = registration.id, g.briefing.slug
        _admit(registration_id)
        return redirect(url_for(".checkin", slug=slug, person=registration_id))
    query = request.args.get("q", "").strip()[:200]
    return render_template(
        "participants/checkin.html", form=form, person=_shown_registration(),
        query=query, matches=desk.search(g.briefing.id, query) if query else [],
        arrivals=desk.arrivals(g.briefing.id), sessions=_attendance_sessions(),
        button=ButtonForm(), refresh_seconds=REFRESH_SECONDS,
    ), 400 if form.errors else 200


@bp.route("/checkin/counts.json")
def checkin_counts():
    """The desk's live counts, for the page's script to refresh them."""
    return jsonify(counts=_counts_by_key(desk.arrivals(g.briefing.id)))


@bp.route("/checkin/<int:registration_id>", methods=["POST"])
def check_in(registration_id):
    """The Check in button beside a name found by search."""
    registration = _registration_or_404(registration_id)
    if ButtonForm().validate_on_submit():
        _admit(registration.id)
    return redirect(url_for(".checkin", person=registration.id))


@bp.route("/checkin/<int:registration_id>/undo", methods=["POST"])
def undo_check_in(registration_id):
    """Clear an arrival recorded by mistake."""
    registration = _registration_or_404(registration_id)
    if ButtonForm().validate_on_submit():
        try:
            desk.undo_check_in(registration.id, actor=current_user)
        except RegistrationError as refusal:
            flash(str(refusal), "warning")
        else:
            flash(_("Check-in undone for %(name)s.", name=registration.full_name), "success")
    return redirect(url_for(".checkin", person=registration.id))


# Attendance at the sessions that take it.

def _attendance_session(session_id: int) -> BriefingSession:
    session = db.session.get(BriefingSession, session_id)
    if session is None or session.briefing_id != g.briefing.id or not session.takes_attendance:
        abort(404)
    return session


def _attend(session: BriefingSession, registration: Registration) -> None:
    try:
        admission = desk.mark_attended(registration.id, session.id, actor=current_user)
    except RegistrationError as refusal:
        flash(str(refusal), "danger")
        return
    if admission.already:
        flash(_("%(name)s's attendance was already recorded at %(time)s.",
                name=registration.full_name, time=_at(admission.at)), "warning")
    else:
        flash(_("Attendance recorded: %(name)s.", name=registration.full_name), "success")


@bp.route("/checkin/sessions/<int:session_id>", methods=["GET", "POST"])
def session_checkin(session_id):
    """A session's door: a ticket code records attendance; anything else searches the names."""
    session = _attendance_session(session_id)
    form = CheckInForm()
    if form.validate_on_submit():
        registration = desk.find_by_code(g.briefing.id, form.query.data)
        if registration is None:
            return redirect(url_for(".session_checkin", session_id=session.id,
                                    q=form.query.data.strip()))
        _attend(session, registration)
        return redirect(url_for(".session_checkin", session_id=session.id,
                                person=registration.id))
    query = request.args.get("q", "").strip()[:200]
    matches = desk.search(g.briefing.id, query) if query else []
    person = _shown_registration()
    shown = matches + ([person] if person else [])
    attended, seats = desk.session_attendance(session.id)
    return render_template(
        "participants/session_checkin.html", session=session, form=form, person=person,
        query=query, matches=matches,
        seats=desk.seats_of(session.id, [r.id for r in shown]),
        has_room=desk.has_room(session), attended=attended, seat_count=seats,
        button=ButtonForm(),
    ), 400 if form.errors else 200


@bp.route("/checkin/sessions/<int:session_id>/attend/<int:registration_id>", methods=["POST"])
def attend(session_id, registration_id):
    """The Mark attended button beside a name found by search."""
    session = _attendance_session(session_id)
    registration = _registration_or_404(registration_id)
    if ButtonForm().validate_on_submit():
        _attend(session, registration)
    return redirect(url_for(".session_checkin", session_id=session.id, person=registration.id))


@bp.route("/checkin/sessions/<int:session_id>/attend/<int:registration_id>/undo",
          methods=["POST"])
def undo_attend(session_id, registration_id):
    """Clear an attendance recorded by mistake."""
    session = _attendance_session(session_id)
    registration = _registration_or_404(registration_id)
    if ButtonForm().validate_on_submit():
        try:
            desk.undo_attendance(registration.id, session.id, actor=current_user)
        except RegistrationError as refusal:
            flash(str(refusal), "warning")
        else:
            flash(_("Attendance undone for %(name)s.", name=registration.full_name), "success")
    return redirect(url_for(".session_checkin", session_id=session.id, person=registration.id))


@bp.route("/checkin/sessions/<int:session_id>/walk-in/<int:registration_id>", methods=["POST"])
def walk_in(session_id, registration_id):
    """Seat a confirmed registrant who had not chosen the session, while it has room."""
    session = _attendance_session(session_id)
    registration = _registration_or_404(registration_id)
    if ButtonForm().validate_on_submit():
        try:
            desk.add_walk_in(registration.id, session.id, actor=current_user)
        except RegistrationError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("%(name)s has a seat as a walk-in; attendance recorded.",
                    name=registration.full_name), "success")
    return redirect(url_for(".session_checkin", session_id=session.id, person=registration.id))
