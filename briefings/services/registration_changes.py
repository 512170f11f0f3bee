"""Changing a registration from its private page: details, sessions and attendance mode.

Runs under the briefing lock like every registration change (``services.registrations``).
"""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    AttendanceMode,
    Briefing,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SystemReason,
)
from .audit import record
from .registrations import (
    Details,
    RegistrationError,
    checked_mode,
    chosen_sessions,
    confirm_waiting,
    email_key,
    promote,
    room_for,
)
from .seats import move_seats, promote_session_queues, take_seats


def update(registration_id: int, details: Details, *, actor=None) -> Registration:
    """Change a registration's details, sessions and attendance mode, under the briefing lock.

    Dropped sessions free their seat (the session's queue moves up); added
    sessions give a seat while there is room, else a place in the queue. A
    confirmed registrant switches mode only while the other mode has a free
    place: otherwise nothing changes and the error says so. A waiting one
    moves to the other mode's waiting list, or is confirmed if it has room.
    """
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise RegistrationError(_l("This registration does not exist."))
    briefing = lock_for_update(Briefing, registration.briefing_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    if registration.status in (RS.CANCELLED, RS.DECLINED):
        db.session.rollback()
        raise RegistrationError(_l("A cancelled or declined registration can no longer be changed."))
    key = email_key(details.email)
    if key != registration.email_key and db.session.scalar(sa.select(Registration.id).where(
            Registration.briefing_id == briefing.id, Registration.email_key == key)):
        db.session.rollback()
        raise RegistrationError(_l("Another registration for this briefing uses that e-mail."))
    try:
        sessions = chosen_sessions(briefing, details.session_ids)
        mode = checked_mode(briefing, details.attendance_mode
                            or registration.attendance_mode.value, sessions)
        _check_switch(briefing, registration, mode)
    except RegistrationError:
        db.session.rollback()
        raise
    changed = []
    for name, value in (("full_name", details.full_name.strip()), ("email", details.email.strip()),
                        ("organization", details.organization.strip()),
                        ("position", details.position.strip()),
                        ("stakeholder_group_id", details.stakeholder_group_id),
                        ("country", details.country), ("gender", details.gender or None),
                        ("language", details.language),
                        ("accessibility_needs", details.accessibility_needs.strip()),
                        ("list_consent", details.list_consent), ("attendance_mode", mode)):
        if getattr(registration, name) != value:
            setattr(registration, name, value)
            changed.append(name)
    registration.email_key = key
    switched = "attendance_mode" in changed
    wanted = {s.id for s in sessions}
    held = {seat.session_id: seat for seat in registration.seats}
    freed = False
    for session_id, seat in held.items():
        if session_id not in wanted and seat.status != SeatStatus.RELEASED:
            freed = freed or seat.status == SeatStatus.CONFIRMED
            seat.status = SeatStatus.RELEASED
            changed.append(f"session:{session_id}:dropped")
    for seat in list(registration.seats):
        if seat.session_id in wanted and seat.status == SeatStatus.RELEASED:
            registration.seats.remove(seat)  # chosen again: it queues anew
    db.session.flush()
    if switched:
        freed = move_seats(registration) or freed
        if registration.status == RS.WAITLISTED and room_for(briefing, mode):
            confirm_waiting(registration, actor=actor, reason=SystemReason.MODE_WITH_ROOM)
    added = [s for s in sessions if s.id not in held or held[s.id].status == SeatStatus.RELEASED]
    take_seats(registration, added)
    changed += [f"session:{s.id}:added" for s in added]
    if changed:
        record("registration.update", registration, actor=actor, briefing=briefing,
               changes={"fields": changed})
    db.session.flush()
    if switched:
        promote(briefing, actor=actor)
    elif freed:
        promote_session_queues(briefing, actor=actor)
    db.session.commit()
    return registration


def _check_switch(briefing: Briefing, registration: Registration, mode: AttendanceMode) -> None:
    """Refuse a confirmed registrant's move to a mode with no free place (they keep theirs)."""
    if (mode == registration.attendance_mode or registration.status != RS.CONFIRMED
            or room_for(briefing, mode)):
        return
    message = (_l("No online places are left: your registration stays as it was.")
               if mode == AttendanceMode.ONLINE else
               _l("No places are left in the room: your registration stays as it was."))
    raise RegistrationError(message, field="attendance_mode")
