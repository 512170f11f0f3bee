"""The check-in desk: arrivals at a briefing and attendance at its sessions.

Only confirmed registrations are admitted. Each change takes the briefing
lock, is audited and committed on its own: a walk-in seat is counted under
that lock, so a session's capacity holds whatever the number of desks.
"""
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..database import lock_for_update, reread
from ..extensions import db
from ..labels import enum_label
from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
    utcnow,
)
from .audit import record
from .registrations import RegistrationError
from .seats import seats_taken_by_mode

SEARCH_LIMIT = 25


class CheckInRefused(RegistrationError):
    """The desk must not admit this registration; the message says why."""


class NoSeat(CheckInRefused):
    """The person is admitted to the briefing but holds no confirmed seat in the session."""


@dataclass
class Admission:
    """The outcome of a scan: who, when, and whether it had been recorded before."""

    registration: Registration
    at: datetime
    already: bool = False
    # Read while the registration is loaded: the desk says the name without another query.
    name: str = field(init=False)

    def __post_init__(self):
        self.name = self.registration.full_name


@dataclass
class GroupArrivals:
    group: StakeholderGroup | None
    arrived: int
    confirmed: int


@dataclass
class Arrivals:
    """Confirmed registrations and how many of them have arrived, overall and by group."""

    arrived: int = 0
    confirmed: int = 0
    groups: list[GroupArrivals] = field(default_factory=list)


def normalize_code(text: str) -> str:
    """A ticket code as stored: capitals, without the spaces or dashes people type or print."""
    return "".join(ch for ch in (text or "") if not ch.isspace() and ch != "-").upper()


def find_by_code(briefing_id: int, text: str) -> Registration | None:
    """The registration of the briefing whose ticket code is ``text`` (any case, spaces ignored)."""
    code = normalize_code(text)
    if not code or len(code) > 16:
        return None
    return db.session.scalar(sa.select(Registration).where(
        Registration.briefing_id == briefing_id, Registration.ticket_code == code))


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally (escape \\)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(briefing_id: int, text: str, limit: int = SEARCH_LIMIT) -> list[Registration]:
    """Registrations whose name or e-mail contains ``text``: confirmed ones first, then by name."""
    text = " ".join((text or "").split())
    if not text:
        return []
    pattern = like_pattern(text.lower())
    return list(db.session.scalars(
        sa.select(Registration)
        .options(joinedload(Registration.stakeholder_group))
        .where(Registration.briefing_id == briefing_id,
               sa.or_(sa.func.lower(Registration.full_name).like(pattern, escape="\\"),
                      Registration.email_key.like(pattern, escape="\\")))
        .order_by(sa.case((Registration.status == RS.CONFIRMED, 0), else_=1),
                  sa.func.lower(Registration.full_name), Registration.id)
        .limit(limit)
    ))


def _admissible(registration: Registration) -> None:
    if registration.status != RS.CONFIRMED:
        message = str(_l("Not admitted: this registration is %(status)s.")) % {
            "status": enum_label(registration.status)}
        db.session.rollback()  # releases the briefing lock
        raise CheckInRefused(message)


def _locked(registration_id: int) -> Registration:
    """The registration, re-read under its briefing's lock (the desk's writes queue up there).

    Several desks write at once: taking the lock first keeps SQLite from
    refusing a write on a stale read, and PostgreSQL from a lost update.
    """
    found = db.session.get(Registration, registration_id)  # no query if the desk just found it
    if found is None:
        raise RegistrationError(_l("This registration does not exist."))
    lock_for_update(Briefing, found.briefing_id)
    return reread(Registration, registration_id)


def check_in(registration_id: int, *, actor=None, now: datetime | None = None) -> Admission:
    """Record a confirmed registrant's arrival; a second scan reports the first time instead."""
    registration = _locked(registration_id)
    _admissible(registration)
    if registration.checked_in_at is not None:
        admission = Admission(registration, registration.checked_in_at, already=True)
        db.session.rollback()
        return admission
    registration.checked_in_at = now or utcnow()
    record("registration.check_in", registration, actor=actor, changes={"checked_in": True})
    admission = Admission(registration, registration.checked_in_at)
    db.session.commit()
    return admission


def undo_check_in(registration_id: int, *, actor=None) -> Registration:
    """Clear a recorded arrival (a scan made by mistake)."""
    registration = _locked(registration_id)
    if registration.checked_in_at is None:
        db.session.rollback()
        raise RegistrationError(_l("This person is not checked in."))
    registration.checked_in_at = None
    record("registration.check_in_undo", registration, actor=actor,
           changes={"checked_in": False})
    db.session.commit()
    return registration


def arrivals(briefing_id: int) -> Arrivals:
    """Arrived and confirmed registrations, overall and by stakeholder group (in list order)."""
    rows = db.session.execute(
        sa.select(Registration.stakeholder_group_id, sa.func.count(Registration.id),
                  sa.func.count(Registration.checked_in_at))
        .where(Registration.briefing_id == briefing_id, Registration.status == RS.CONFIRMED)
        .group_by(Registration.stakeholder_group_id)
    ).all()
    ids = [group_id for group_id, _, _ in rows if group_id is not None]
    groups = {g.id: g for g in db.session.scalars(
        sa.select(StakeholderGroup).where(StakeholderGroup.id.in_(ids)))} if ids else {}
    result = Arrivals()
    for group_id, confirmed, arrived in rows:
        result.groups.append(GroupArrivals(groups.get(group_id), arrived, confirmed))
        result.arrived += arrived
        result.confirmed += confirmed
    result.groups.sort(key=lambda g: (g.group is None, g.group.position if g.group else 0,
                                      g.group.id if g.group else 0))
    return result


# Attendance at sessions that take it.

def _seat(registration_id: int, session_id: int, *, fresh: bool = False) -> SessionSeat | None:
    return db.session.get(SessionSeat, (registration_id, session_id), populate_existing=fresh)


def has_room(session: BriefingSession) -> bool:
    """True while the session has a free seat in the room (or no limit): walk-ins come in person."""
    if session.capacity is None:
        return True
    taken = seats_taken_by_mode([session.id]).get((session.id, AttendanceMode.IN_PERSON), 0)
    return taken < session.capacity


def seats_of(session_id: int, registration_ids: list[int]) -> dict[int, SessionSeat]:
    """The seats in a session held by the given registrations, by registration id."""
    if not registration_ids:
        return {}
    return {seat.registration_id: seat for seat in db.session.scalars(sa.select(SessionSeat).where(
        SessionSeat.session_id == session_id, SessionSeat.registration_id.in_(registration_ids)))}


def _arrive(registration: Registration, seat: SessionSeat, now: datetime, actor) -> None:
    seat.attended_at = now
    if registration.checked_in_at is None:  # came straight to the room: they have arrived too
        registration.checked_in_at = now
        record("registration.check_in", registration, actor=actor, changes={"checked_in": True})


def mark_attended(registration_id: int, session_id: int, *, actor=None,
                  now: datetime | None = None) -> Admission:
    """Record that a confirmed registrant with a confirmed seat is in the session's room.

    Refused (``NoSeat``) when they hold no confirmed seat there: the desk may
    then add them as a walk-in while the session has room.
    """
    registration = _locked(registration_id)
    _admissible(registration)
    seat = _seat(registration_id, session_id, fresh=True)
    if seat is None or seat.status != SeatStatus.CONFIRMED:
        name = registration.full_name
        db.session.rollback()
        raise NoSeat(str(_l("%(name)s has no confirmed seat in this session.")) % {"name": name})
    if seat.attended_at is not None:
        admission = Admission(registration, seat.attended_at, already=True)
        db.session.rollback()
        return admission
    now = now or utcnow()
    _arrive(registration, seat, now, actor)
    record("seat.attend", registration, actor=actor, changes={"session_id": session_id})
    admission = Admission(registration, now)
    db.session.commit()
    return admission


def undo_attendance(registration_id: int, session_id: int, *, actor=None) -> None:
    """Clear a recorded attendance at a session (a scan made by mistake)."""
    registration = _locked(registration_id)
    seat = _seat(registration_id, session_id, fresh=True)
    if seat is None or seat.attended_at is None:
        db.session.rollback()
        raise RegistrationError(_l("No attendance is recorded for this person in this session."))
    seat.attended_at = None
    record("seat.attend_undo", registration, actor=actor, changes={"session_id": session_id})
    db.session.commit()


def add_walk_in(registration_id: int, session_id: int, *, actor=None,
                now: datetime | None = None) -> Admission:
    """Give a confirmed registrant a seat in a session at the door, and record their attendance.

    Counts the seats under the briefing lock: a full session refuses.
    """
    registration = _locked(registration_id)
    session = db.session.get(BriefingSession, session_id, populate_existing=True)
    if session is None or session.briefing_id != registration.briefing_id:
        db.session.rollback()
        raise RegistrationError(_l("This session is not part of the briefing."))
    _admissible(registration)
    seat = _seat(registration_id, session_id, fresh=True)
    if seat is None or seat.status != SeatStatus.CONFIRMED:
        if not has_room(session):
            db.session.rollback()
            raise RegistrationError(_l("This session is full: every seat is taken."))
        if seat is None:
            seat = SessionSeat(registration=registration, session=session)
            db.session.add(seat)
        seat.status = SeatStatus.CONFIRMED
        record("seat.walk_in", registration, actor=actor, changes={"session_id": session_id})
    already = seat.attended_at is not None
    if not already:
        _arrive(registration, seat, now or utcnow(), actor)
        record("seat.attend", registration, actor=actor, changes={"session_id": session_id})
    at = seat.attended_at
    db.session.commit()
    return Admission(registration, at, already=already)


def session_attendance(session_id: int) -> tuple[int, int]:
    """(attended, confirmed seats) for a session."""
    seats, attended = db.session.execute(
        sa.select(sa.func.count(), sa.func.count(SessionSeat.attended_at))
        .where(SessionSeat.session_id == session_id, SessionSeat.status == SeatStatus.CONFIRMED)
    ).one()
    return attended, seats
