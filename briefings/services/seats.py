"""Session seats: taken, queued and handed on, each counted against the capacity of its mode.

Called by ``services.registrations`` inside its transactions, under the
briefing lock; nothing here commits.
"""
import sqlalchemy as sa

from ..extensions import db
from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
)
from . import outbox
from .audit import record
from .hybrid import seat_mode, session_capacity


def has_room(capacity: int | None, taken: int) -> bool:
    """True while ``taken`` is below ``capacity`` (None: no limit)."""
    return capacity is None or taken < capacity


def seats_taken(session_ids: list[int]) -> dict[int, int]:
    """Confirmed seats per session, every mode together, for the given sessions."""
    taken = dict.fromkeys(session_ids, 0)
    for (session_id, _mode), n in seats_taken_by_mode(session_ids).items():
        taken[session_id] += n
    return taken


def seats_taken_by_mode(session_ids: list[int]) -> dict[tuple[int, AttendanceMode], int]:
    """Confirmed seats per (session, mode), for the given sessions (missing pairs: none)."""
    if not session_ids:
        return {}
    rows = db.session.execute(
        sa.select(SessionSeat.session_id, SessionSeat.mode, sa.func.count())
        .where(SessionSeat.session_id.in_(session_ids), SessionSeat.status == SeatStatus.CONFIRMED)
        .group_by(SessionSeat.session_id, SessionSeat.mode))
    return {(session_id, mode): n for session_id, mode, n in rows}


def take_seats(registration: Registration, sessions: list[BriefingSession]) -> None:
    """Give the registration a seat of its mode in each session with room, else a queued place."""
    # Before the count flushes a new registration: its list of seats is then known to be
    # empty, rather than loaded from the database once the registration is written.
    seats = registration.seats
    taken = seats_taken_by_mode([s.id for s in sessions])
    for session in sessions:
        mode = seat_mode(session, registration.attendance_mode)
        seat_status = SeatStatus.WAITLISTED
        key = (session.id, mode)
        if registration.status == RS.CONFIRMED and has_room(session_capacity(session, mode),
                                                            taken.get(key, 0)):
            seat_status = SeatStatus.CONFIRMED
            taken[key] = taken.get(key, 0) + 1
        seats.append(SessionSeat(session=session, status=seat_status, mode=mode))


def confirm_queued_seats(registration: Registration) -> None:
    """Confirm the registration's queued seats where their sessions have room in their mode."""
    queued = [seat for seat in registration.seats if seat.status == SeatStatus.WAITLISTED]
    taken = seats_taken_by_mode([seat.session_id for seat in queued])
    for seat in queued:
        key = (seat.session_id, seat.mode)
        if has_room(session_capacity(seat.session, seat.mode), taken.get(key, 0)):
            seat.status = SeatStatus.CONFIRMED
            taken[key] = taken.get(key, 0) + 1


def move_seats(registration: Registration) -> bool:
    """Move the registration's seats in hybrid sessions to its (new) mode.

    A moved seat keeps its confirmation while the session has room in the new
    mode, else it queues there. Returns True when a confirmed seat was given up
    (the old mode's queue may move up).
    """
    moving = [seat for seat in registration.seats if seat.status != SeatStatus.RELEASED
              and seat_mode(seat.session, registration.attendance_mode) != seat.mode]
    freed = False
    taken = seats_taken_by_mode([seat.session_id for seat in moving])
    for seat in moving:
        was_confirmed = seat.status == SeatStatus.CONFIRMED
        seat.mode = seat_mode(seat.session, registration.attendance_mode)
        key = (seat.session_id, seat.mode)
        if was_confirmed and has_room(session_capacity(seat.session, seat.mode),
                                      taken.get(key, 0)):
            taken[key] = taken.get(key, 0) + 1
        else:
            seat.status = SeatStatus.WAITLISTED
        freed = freed or was_confirmed
    db.session.flush()
    return freed


def promote_session_queues(briefing: Briefing, *, actor=None) -> None:
    """Give freed session seats to confirmed registrants queued for them, per mode, oldest first."""
    sessions = [s for s in briefing.sessions
                if s.capacity is not None or s.online_capacity is not None]
    taken = seats_taken_by_mode([s.id for s in sessions])
    for session in sessions:
        for mode in AttendanceMode:
            capacity = session_capacity(session, mode)
            if capacity is None:
                continue
            free = capacity - taken.get((session.id, mode), 0)
            if free <= 0:
                continue
            queued = db.session.scalars(
                sa.select(SessionSeat).join(Registration)
                .where(SessionSeat.session_id == session.id, SessionSeat.mode == mode,
                       SessionSeat.status == SeatStatus.WAITLISTED,
                       Registration.status == RS.CONFIRMED)
                .order_by(SessionSeat.created_at, Registration.id)
                .limit(free)
            ).all()
            for seat in queued:
                seat.status = SeatStatus.CONFIRMED
                record("seat.promote", seat.registration, actor=actor, briefing=briefing,
                       changes={"session_id": session.id, "mode": mode.value})
                outbox.enqueue_registration_mail(seat.registration, "seat_confirmed",
                                                 session=session)
            db.session.flush()
