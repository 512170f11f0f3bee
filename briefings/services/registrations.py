"""Registrations: sign-up under the capacity lock, status changes and the waiting list.

Every function here runs one transaction and commits it. Seats change hands
only through ``_promote``: first come, first served, under the briefing lock.
"""
import secrets
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
    StatusChange,
    utcnow,
)
from . import outbox
from .audit import record

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
    """A registration change the rules refuse; the message is meant for the user."""


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


@dataclass
class Result:
    registration: Registration
    created: bool


def email_key(email: str) -> str:
    """The form of an e-mail address that identifies a person within a briefing."""
    return email.strip().lower()


def new_token() -> str:
    """A private-link token with 192 random bits."""
    return secrets.token_urlsafe(24)


def new_ticket_code() -> str:
    """A short ticket code, easy to read aloud and to type."""
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def confirmed_count(briefing_id: int) -> int:
    """How many registrations hold a seat in the briefing."""
    return db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(
            Registration.briefing_id == briefing_id, Registration.status == RS.CONFIRMED)
    ) or 0


def seats_taken(session_ids: list[int]) -> dict[int, int]:
    """Confirmed seats per session, for the given sessions."""
    if not session_ids:
        return {}
    rows = db.session.execute(
        sa.select(SessionSeat.session_id, sa.func.count())
        .where(SessionSeat.session_id.in_(session_ids), SessionSeat.status == SeatStatus.CONFIRMED)
        .group_by(SessionSeat.session_id)
    )
    taken = dict.fromkeys(session_ids, 0)
    taken.update({sid: n for sid, n in rows})
    return taken


def _has_room(capacity: int | None, taken: int) -> bool:
    return capacity is None or taken < capacity


def _set_status(registration: Registration, status: RS, *, actor, reason: str) -> None:
    registration.history.append(StatusChange(
        from_status=registration.status if registration.id else None,
        to_status=status, user_id=getattr(actor, "id", None), reason=reason[:300]))
    registration.status = status


def _chosen_sessions(briefing: Briefing, session_ids: list[int]) -> list[BriefingSession]:
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
        db.session.commit()
        return Result(existing, created=False)

    sessions = _chosen_sessions(briefing, details.session_ids)
    registration = Registration(
        briefing=briefing, full_name=details.full_name.strip(), email=details.email.strip(),
        email_key=key, organization=details.organization.strip(),
        position=details.position.strip(), stakeholder_group_id=details.stakeholder_group_id,
        country=details.country, gender=details.gender or None, language=details.language,
        accessibility_needs=details.accessibility_needs.strip(),
        list_consent=details.list_consent, token=new_token(), ticket_code=_unique_ticket(briefing),
        status=RS.PENDING,
    )
    if briefing.approval_required:
        status = RS.PENDING
    elif _has_room(briefing.capacity, confirmed_count(briefing.id)):
        status = RS.CONFIRMED
    else:
        status = RS.WAITLISTED
    registration.history.append(StatusChange(from_status=None, to_status=status,
                                             reason="registered online"))
    registration.status = status
    db.session.add(registration)
    _take_seats(registration, sessions)
    db.session.flush()
    record("registration.create", registration, briefing=briefing,
           changes={"status": status.value, "sessions": [s.id for s in sessions]})
    outbox.enqueue_registration_mail(registration, STATUS_MAIL[status])
    db.session.commit()
    return Result(registration, created=True)


def _unique_ticket(briefing: Briefing) -> str:
    while True:
        code = new_ticket_code()
        clash = db.session.scalar(sa.select(Registration.id).where(
            Registration.briefing_id == briefing.id, Registration.ticket_code == code))
        if clash is None:
            return code


def _take_seats(registration: Registration, sessions: list[BriefingSession]) -> None:
    """Give the registration a seat in each session with room, else a place in its queue."""
    taken = seats_taken([s.id for s in sessions if s.capacity is not None])
    for session in sessions:
        seat_status = SeatStatus.WAITLISTED
        if registration.status == RS.CONFIRMED and _has_room(session.capacity,
                                                             taken.get(session.id, 0)):
            seat_status = SeatStatus.CONFIRMED
            if session.id in taken:
                taken[session.id] += 1
        registration.seats.append(SessionSeat(session=session, status=seat_status))


def update(registration_id: int, details: Details, *, actor=None) -> Registration:
    """Change a registration's details and sessions, under the briefing lock.

    Dropped sessions free their seat (the session's queue moves up); added
    sessions give a seat while there is room, else a place in the queue.
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
        sessions = _chosen_sessions(briefing, details.session_ids)
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
                        ("list_consent", details.list_consent)):
        if getattr(registration, name) != value:
            setattr(registration, name, value)
            changed.append(name)
    registration.email_key = key
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
    added = [s for s in sessions if s.id not in held or held[s.id].status == SeatStatus.RELEASED]
    _take_seats(registration, added)
    changed += [f"session:{s.id}:added" for s in added]
    if changed:
        record("registration.update", registration, actor=actor, briefing=briefing,
               changes={"fields": changed})
    db.session.flush()
    if freed:
        _promote_session_queues(briefing, actor=actor)
    db.session.commit()
    return registration


def cancel_by_registrant(registration_id: int) -> Registration:
    """The registrant cancels from their private page; the waiting list moves up."""
    return change_status(registration_id, RS.CANCELLED, reason="cancelled by the registrant")


def change_status(registration_id: int, to_status: RS, *, actor=None,
                  reason: str = "") -> Registration:
    """Move a registration along its life cycle and refill freed seats from the waiting list.

    Approving a pending registration confirms it only while there is room;
    past capacity it joins the waiting list instead.
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
    if to_status == RS.CONFIRMED and not _has_room(briefing.capacity,
                                                   confirmed_count(briefing.id)):
        if registration.status == RS.WAITLISTED:
            db.session.rollback()
            raise RegistrationError(_l("The briefing is full: raise its capacity first."))
        to_status = RS.WAITLISTED
    was_confirmed = registration.status == RS.CONFIRMED
    old = registration.status
    _set_status(registration, to_status, actor=actor, reason=reason)
    if to_status in (RS.CANCELLED, RS.DECLINED):
        for seat in registration.seats:
            seat.status = SeatStatus.RELEASED
    elif to_status == RS.CONFIRMED:
        _confirm_queued_seats(registration)
    record("registration.status", registration, actor=actor,
           changes={"status": [old.value, to_status.value]})
    outbox.enqueue_registration_mail(
        registration, "promoted" if old == RS.WAITLISTED and to_status == RS.CONFIRMED
        else STATUS_MAIL[to_status])
    db.session.flush()
    if was_confirmed or to_status in (RS.CANCELLED, RS.DECLINED):
        _promote(briefing, actor=actor)
    db.session.commit()
    return registration


def set_capacity(briefing_id: int, capacity: int | None, *, actor=None) -> list[Registration]:
    """Change a briefing's capacity; a larger one promotes the waiting list. Returns the promoted."""
    briefing = lock_for_update(Briefing, briefing_id)
    if capacity is not None and capacity < 0:
        db.session.rollback()
        raise RegistrationError(_l("Capacity cannot be negative."))
    old = briefing.capacity
    briefing.capacity = capacity
    record("briefing.capacity", briefing, actor=actor, changes={"capacity": [old, capacity]})
    db.session.flush()
    promoted = _promote(briefing, actor=actor)
    db.session.commit()
    return promoted


def _confirm_queued_seats(registration: Registration) -> None:
    queued = [seat for seat in registration.seats if seat.status == SeatStatus.WAITLISTED]
    taken = seats_taken([seat.session_id for seat in queued])
    for seat in queued:
        if _has_room(seat.session.capacity, taken.get(seat.session_id, 0)):
            seat.status = SeatStatus.CONFIRMED
            taken[seat.session_id] = taken.get(seat.session_id, 0) + 1


def _promote(briefing: Briefing, *, actor=None) -> list[Registration]:
    """Fill free seats from the waiting lists, first come, first served (caller holds the lock)."""
    promoted = []
    free = None if briefing.capacity is None else briefing.capacity - confirmed_count(briefing.id)
    if free is None or free > 0:
        waiting = db.session.scalars(
            sa.select(Registration)
            .where(Registration.briefing_id == briefing.id, Registration.status == RS.WAITLISTED)
            .order_by(Registration.created_at, Registration.id)
            .limit(free)
        ).all()
        for registration in waiting:
            _set_status(registration, RS.CONFIRMED, actor=actor,
                        reason="promoted from the waiting list")
            _confirm_queued_seats(registration)
            record("registration.promote", registration, actor=actor, briefing=briefing,
                   changes={"status": [RS.WAITLISTED.value, RS.CONFIRMED.value]})
            outbox.enqueue_registration_mail(registration, "promoted")
            promoted.append(registration)
            db.session.flush()
    _promote_session_queues(briefing, actor=actor)
    return promoted


def _promote_session_queues(briefing: Briefing, *, actor=None) -> None:
    """Give freed session seats to confirmed registrants queued for them, oldest first."""
    sessions = [s for s in briefing.sessions if s.capacity is not None]
    taken = seats_taken([s.id for s in sessions])
    for session in sessions:
        free = session.capacity - taken[session.id]
        if free <= 0:
            continue
        queued = db.session.scalars(
            sa.select(SessionSeat).join(Registration)
            .where(SessionSeat.session_id == session.id,
                   SessionSeat.status == SeatStatus.WAITLISTED,
                   Registration.status == RS.CONFIRMED)
            .order_by(SessionSeat.created_at, Registration.id)
            .limit(free)
        ).all()
        for seat in queued:
            seat.status = SeatStatus.CONFIRMED
            record("seat.promote", seat.registration, actor=actor, briefing=briefing,
                   changes={"session_id": session.id})
            outbox.enqueue_registration_mail(seat.registration, "seat_confirmed",
                                             session=session)
        db.session.flush()

