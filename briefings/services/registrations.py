"""Registrations: sign-up under the capacity lock, status changes and the waiting lists.

Every function here runs one transaction and commits it. Seats change hands
only through ``promote``: first come, first served, under the briefing lock.
A hybrid briefing keeps two counts and two waiting lists, one per attendance
mode (``services.hybrid``): a freed seat in the room goes to the first person
waiting for the room, never to someone waiting to attend online.
"""
import secrets
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    StatusChange,
    SystemReason,
    stored_reason,
)
from . import outbox
from .audit import record
from .hybrid import ModeError, briefing_capacity, only_mode, resolve_mode, unreachable_sessions
from .seats import (
    confirm_queued_seats,
    has_room,
    move_seats,
    promote_session_queues,
    seats_taken,  # noqa: F401 (read by the registration and check-in pages)
    take_seats,
)


TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a desk
TICKET_LENGTH = 8

# Which status may follow which (design.md, "Life cycles").
TRANSITIONS: dict[RS, set[RS]] = {
    # A registrant may also withdraw while waiting for approval.
    RS.PENDING: {RS.CONFIRMED, RS.WAITLISTED, RS.DECLINED, RS.CANCELLED},
    RS.CONFIRMED: {RS.CANCELLED},
    RS.WAITLISTED: {RS.CONFIRMED, RS.CANCELLED},
    RS.DECLINED: set(),
    RS.CANCELLED: set(),
}

# The e-mail each new status sends to the registrant.
STATUS_MAIL = {
    RS.PENDING: "received",
    RS.CONFIRMED: "confirmed",
    RS.WAITLISTED: "waitlisted",
    RS.DECLINED: "declined",
    RS.CANCELLED: "cancelled",
}


class RegistrationError(ValueError):
    """A registration change the rules refuse; the message is meant for the user.

    ``field`` names the form field the message belongs next to ("" for none).
    """

    def __init__(self, message, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass
class Details:
    """What a person enters on the registration form."""

    full_name: str
    email: str
    organization: str = ""
    position: str = ""
    stakeholder_group_id: int | None = None
    country: str = ""
    gender: str | None = None
    language: str = "en"
    accessibility_needs: str = ""
    list_consent: bool = False
    session_ids: list[int] = field(default_factory=list)
    # "in_person" or "online" where the briefing is hybrid (None: in the room); elsewhere the
    # briefing decides. ``mode_required``: the person was asked, and must have answered.
    attendance_mode: str | None = None
    mode_required: bool = False


@dataclass
class Result:
    registration: Registration
    created: bool
    # Read before the commit expired the registration: the page that follows a registration
    # needs only these, and reading them again would take SQLite's write lock once more.
    registration_id: int
    token: str


def email_key(email: str) -> str:
    """The form of an e-mail address that identifies a person within a briefing."""
    return email.strip().lower()


def new_token() -> str:
    """A private-link token with 192 random bits."""
    return secrets.token_urlsafe(24)


def new_ticket_code() -> str:
    """A short ticket code, easy to read aloud and to type."""
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def confirmed_count(briefing_id: int, mode: AttendanceMode | None = None) -> int:
    """How many registrations hold a place in the briefing (in ``mode``, or in any)."""
    query = sa.select(sa.func.count(Registration.id)).where(
        Registration.briefing_id == briefing_id, Registration.status == RS.CONFIRMED)
    if mode is not None:
        query = query.where(Registration.attendance_mode == mode)
    return db.session.scalar(query) or 0


def confirmed_by_mode(briefing_id: int) -> dict[AttendanceMode, int]:
    """Confirmed registrations per attendance mode (both modes present, zero or more)."""
    counts = dict.fromkeys(AttendanceMode, 0)
    counts.update(db.session.execute(
        sa.select(Registration.attendance_mode, sa.func.count(Registration.id))
        .where(Registration.briefing_id == briefing_id, Registration.status == RS.CONFIRMED)
        .group_by(Registration.attendance_mode)).all())
    return counts


def waiting_position(registration: Registration) -> int | None:
    """The registration's place in its mode's waiting list (1: the next to get a place).

    The order is the one ``promote`` fills places in: first come, first served.
    None unless the registration is waitlisted.
    """
    if registration.status != RS.WAITLISTED:
        return None
    ahead = db.session.scalar(
        sa.select(sa.func.count(Registration.id))
        .where(Registration.briefing_id == registration.briefing_id,
               Registration.status == RS.WAITLISTED,
               Registration.attendance_mode == registration.attendance_mode,
               sa.tuple_(Registration.created_at, Registration.id)
               < sa.tuple_(registration.created_at, registration.id)))
    return (ahead or 0) + 1


def room_for(briefing: Briefing, mode: AttendanceMode) -> bool:
    """True while ``briefing`` has a free place for one more person attending in ``mode``."""
    return has_room(briefing_capacity(briefing, mode), confirmed_count(briefing.id, mode))


def checked_mode(briefing: Briefing, requested: str | None, sessions: list[BriefingSession],
                 *, required: bool = False) -> AttendanceMode:
    """The registrant's mode, and sessions they can attend in it; RegistrationError if not."""
    try:
        mode = resolve_mode(briefing, requested, required=required)
    except ModeError as error:
        raise RegistrationError(str(error), field="attendance_mode") from None
    unreachable = unreachable_sessions(sessions, mode)
    if unreachable:
        raise RegistrationError(_l(
            "“%(title)s” is held in the room only: attending online, you cannot choose it.",
            title=unreachable[0].title), field="sessions")
    return mode


def _set_status(registration: Registration, status: RS, *, actor,
                reason: str | SystemReason) -> None:
    registration.history.append(StatusChange(
        from_status=registration.status if registration.id else None,
        to_status=status, user_id=getattr(actor, "id", None), reason=stored_reason(reason)))
    registration.status = status


def chosen_sessions(briefing: Briefing, session_ids: list[int]) -> list[BriefingSession]:
    if not session_ids:
        return []
    sessions = db.session.scalars(sa.select(BriefingSession).where(
        BriefingSession.id.in_(session_ids), BriefingSession.briefing_id == briefing.id)).all()
    if len(sessions) != len(set(session_ids)):
        raise RegistrationError(_l("One of the chosen sessions is not part of this briefing."))
    return sorted(sessions, key=lambda s: (s.starts_at, s.position, s.id))


def register(briefing_id: int, details: Details, *, invited: bool = False,
             now: datetime | None = None) -> Result:
    """Register a person, or find their earlier registration by e-mail.

    Takes the briefing lock, so the seat count it reads stays true until it
    commits: capacity is never exceeded, whatever the concurrency. A second
    registration with the same e-mail creates nothing and re-sends the
    private link.
    """
    briefing = lock_for_update(Briefing, briefing_id)
    if briefing is None or not briefing.registration_open(now):
        db.session.rollback()
        raise RegistrationError(_l("Registration for this briefing is not open."))
    if briefing.invite_only and not invited:
        db.session.rollback()
        raise RegistrationError(_l("This briefing is by invitation only."))
    key = email_key(details.email)
    existing = db.session.scalar(sa.select(Registration).where(
        Registration.briefing_id == briefing.id, Registration.email_key == key))
    if existing is not None:
        outbox.enqueue_registration_mail(existing, "private_link")
        result = Result(existing, created=False, registration_id=existing.id,
                        token=existing.token)
        db.session.commit()
        return result

    try:
        sessions = chosen_sessions(briefing, details.session_ids)
        mode = checked_mode(briefing, details.attendance_mode, sessions,
                            required=details.mode_required)
    except RegistrationError:
        db.session.rollback()
        raise
    registration = Registration(
        briefing=briefing, full_name=details.full_name.strip(), email=details.email.strip(),
        email_key=key, organization=details.organization.strip(),
        position=details.position.strip(), stakeholder_group_id=details.stakeholder_group_id,
        country=details.country, gender=details.gender or None, language=details.language,
        accessibility_needs=details.accessibility_needs.strip(),
        list_consent=details.list_consent, token=new_token(), ticket_code=_unique_ticket(briefing),
        status=RS.PENDING, attendance_mode=mode,
    )
    if briefing.approval_required:
        status = RS.PENDING
    elif room_for(briefing, mode):
        status = RS.CONFIRMED
    else:
        status = RS.WAITLISTED
    registration.history.append(StatusChange(
        from_status=None, to_status=status, reason=stored_reason(SystemReason.REGISTERED_ONLINE)))
    registration.status = status
    db.session.add(registration)
    take_seats(registration, sessions)
    db.session.flush()
    record("registration.create", registration, briefing=briefing,
           changes={"status": status.value, "sessions": [s.id for s in sessions],
                    "attendance_mode": mode.value})
    outbox.enqueue_registration_mail(registration, STATUS_MAIL[status])
    result = Result(registration, created=True, registration_id=registration.id,
                    token=registration.token)
    db.session.commit()
    return result


def _unique_ticket(briefing: Briefing) -> str:
    while True:
        code = new_ticket_code()
        clash = db.session.scalar(sa.select(Registration.id).where(
            Registration.briefing_id == briefing.id, Registration.ticket_code == code))
        if clash is None:
            return code


def confirm_waiting(registration: Registration, *, actor, reason: SystemReason) -> None:
    """Confirm a waiting registration, with its queued seats, and tell the person."""
    _set_status(registration, RS.CONFIRMED, actor=actor, reason=reason)
    confirm_queued_seats(registration)
    record("registration.promote", registration, actor=actor, briefing=registration.briefing,
           changes={"status": [RS.WAITLISTED.value, RS.CONFIRMED.value],
                    "attendance_mode": registration.attendance_mode.value})
    outbox.enqueue_registration_mail(registration, "promoted")
    db.session.flush()


def cancel_by_registrant(registration_id: int) -> Registration:
    """The registrant cancels from their private page; the waiting list moves up."""
    return change_status(registration_id, RS.CANCELLED,
                         reason=SystemReason.CANCELLED_BY_REGISTRANT)


def change_status(registration_id: int, to_status: RS, *, actor=None,
                  reason: str | SystemReason = "") -> Registration:
    """Move a registration along its life cycle and refill freed seats from the waiting list.

    ``reason`` is what a person typed, kept as typed, or a ``SystemReason``
    when the application itself decides (shown in each reader's language).

    Approving a pending registration confirms it only while its attendance
    mode has room; past that capacity it joins the mode's waiting list instead.
    """
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise RegistrationError(_l("This registration does not exist."))
    lock_for_update(Briefing, registration.briefing_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    if to_status not in TRANSITIONS[registration.status]:
        db.session.rollback()
        raise RegistrationError(_l("A %(old)s registration cannot become %(new)s.",
                                   old=registration.status.value, new=to_status.value))
    briefing = registration.briefing
    if to_status == RS.CONFIRMED and not room_for(briefing, registration.attendance_mode):
        if registration.status == RS.WAITLISTED:
            db.session.rollback()
            raise RegistrationError(
                _l("The online places are all taken: raise the online capacity first.")
                if registration.attendance_mode == AttendanceMode.ONLINE
                else _l("The briefing is full: raise its capacity first."))
        to_status = RS.WAITLISTED
    was_confirmed = registration.status == RS.CONFIRMED
    old = registration.status
    _set_status(registration, to_status, actor=actor, reason=reason)
    if to_status in (RS.CANCELLED, RS.DECLINED):
        for seat in registration.seats:
            seat.status = SeatStatus.RELEASED
    elif to_status == RS.CONFIRMED:
        confirm_queued_seats(registration)
    record("registration.status", registration, actor=actor,
           changes={"status": [old.value, to_status.value]})
    outbox.enqueue_registration_mail(
        registration, "promoted" if old == RS.WAITLISTED and to_status == RS.CONFIRMED
        else STATUS_MAIL[to_status])
    db.session.flush()
    if was_confirmed or to_status in (RS.CANCELLED, RS.DECLINED):
        promote(briefing, actor=actor)
    db.session.commit()
    return registration


_KEEP = object()


def set_capacity(briefing_id: int, capacity: int | None, *, actor=None) -> list[Registration]:
    """Change a briefing's capacity; a larger one promotes the waiting list. Returns the promoted."""
    return set_attendance(briefing_id, capacity=capacity, actor=actor)


def set_attendance(briefing_id: int, *, fmt=_KEEP, capacity=_KEEP, online_capacity=_KEEP,
                   actor=None) -> list[Registration]:
    """Change a briefing's format and capacities together, under the lock; returns the promoted.

    Larger capacities promote the waiting list of their mode. When the briefing
    stops being hybrid, every registration moves to its only mode (and so do
    seats in sessions that are hybrid), then the waiting lists are refilled.
    """
    briefing = lock_for_update(Briefing, briefing_id)
    for value in (capacity, online_capacity):
        if value is not _KEEP and value is not None and value < 0:
            db.session.rollback()
            raise RegistrationError(_l("Capacity cannot be negative."))
    changes = {}
    for name, value in (("format", fmt), ("capacity", capacity),
                        ("online_capacity", online_capacity)):
        if value is not _KEEP and getattr(briefing, name) != value:
            old = getattr(briefing, name)
            setattr(briefing, name, value)
            changes[name] = [getattr(old, "value", old), getattr(value, "value", value)]
    if changes:
        record("briefing.capacity", briefing, actor=actor, changes=changes)
    fixed = only_mode(briefing.format)
    if "format" in changes and fixed is not None:
        _move_everyone(briefing, fixed)
    db.session.flush()
    promoted = promote(briefing, actor=actor)
    db.session.commit()
    return promoted


def _move_everyone(briefing: Briefing, mode: AttendanceMode) -> None:
    """Put every registration of ``briefing`` in ``mode`` (the briefing no longer offers both)."""
    moving = db.session.scalars(sa.select(Registration).where(
        Registration.briefing_id == briefing.id, Registration.attendance_mode != mode)).all()
    for registration in moving:
        registration.attendance_mode = mode
        move_seats(registration)


def promote(briefing: Briefing, *, actor=None) -> list[Registration]:
    """Fill free places from each mode's waiting list, first come, first served (lock held)."""
    promoted = []
    for mode in AttendanceMode:
        capacity = briefing_capacity(briefing, mode)
        free = None if capacity is None else capacity - confirmed_count(briefing.id, mode)
        if free is not None and free <= 0:
            continue
        waiting = db.session.scalars(
            sa.select(Registration)
            .where(Registration.briefing_id == briefing.id, Registration.status == RS.WAITLISTED,
                   Registration.attendance_mode == mode)
            .order_by(Registration.created_at, Registration.id)
            .limit(free)
        ).all()
        for registration in waiting:
            confirm_waiting(registration, actor=actor, reason=SystemReason.PROMOTED)
            promoted.append(registration)
    promote_session_queues(briefing, actor=actor)
    return promoted
