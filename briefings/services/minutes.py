"""A session's minutes: saving with edit-conflict detection, revisions, review and approval.

A save names the version it was based on. The change is one conditional
UPDATE (``... WHERE id = :id AND version = :base AND status <> 'approved'``)
run as the first statement of a fresh transaction, so of two editors saving
on the same version exactly one wins, whatever the database: PostgreSQL
re-checks the condition after waiting for the row lock, SQLite takes its
write lock before reading. The loser gets ``EditConflict`` holding the text
now saved, and keeps their own. Approved minutes are locked until an
organizer reopens them.
"""
from dataclasses import dataclass
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    Briefing,
    BriefingSession,
    Membership,
    Minutes,
    MinutesRevision,
    MinutesStatus as MS,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionSeat,
    User,
    utcnow,
)
from .audit import record

MAX_BODY = 200_000

# action -> (from, to); approving and reopening are for organizers (checked by the routes).
TRANSITIONS = {
    "submit": (MS.DRAFT, MS.IN_REVIEW),
    "approve": (MS.IN_REVIEW, MS.APPROVED),
    "draft": (MS.IN_REVIEW, MS.DRAFT),
    "reopen": (MS.APPROVED, MS.DRAFT),
}


class MinutesError(ValueError):
    """A change to the minutes that the rules refuse; the message is meant for the user."""


class EditConflict(MinutesError):
    """Someone saved the minutes since the editor's version; ``current`` is what is saved now."""

    def __init__(self, current: Minutes):
        super().__init__(_l("Someone else saved these minutes while you were editing them."))
        self.current = current


class Locked(MinutesError):
    """The minutes are approved: nothing can be saved until an organizer reopens them."""

    def __init__(self, current: Minutes):
        super().__init__(_l("These minutes are approved and locked. An organizer can reopen them."))
        self.current = current


@dataclass
class Attendee:
    name: str
    organization: str
    at_door: bool  # attendance recorded at the session's door (else: checked in at the briefing)


@dataclass
class Attendance:
    """Who was in a session: recorded at its door, or checked in and registered for it."""

    recorded: int
    checked_in: int
    people: list[Attendee]


def normalize(body: str | None) -> str:
    """Text as stored: Unix line ends, no trailing blank space at the end."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").rstrip()


def minutes_of(session_id: int) -> Minutes | None:
    """The session's minutes with their rapporteur, or None before the first save."""
    return db.session.scalar(
        sa.select(Minutes).options(joinedload(Minutes.rapporteur))
        .where(Minutes.session_id == session_id))


def minutes_by_session(session_ids: list[int]) -> dict[int, Minutes]:
    """The minutes of several sessions, by session id (sessions without minutes left out)."""
    if not session_ids:
        return {}
    rows = db.session.scalars(
        sa.select(Minutes).options(joinedload(Minutes.rapporteur))
        .where(Minutes.session_id.in_(session_ids)))
    return {m.session_id: m for m in rows}


def _current(session_id: int) -> Minutes:
    db.session.rollback()
    return db.session.scalar(sa.select(Minutes).where(Minutes.session_id == session_id)
                             .execution_options(populate_existing=True))


def save(session_id: int, briefing_id: int, body: str, base_version: int, *,
         rapporteur_id: int | None = None, note: str = "", actor=None,
         restored_from: int | None = None) -> Minutes:
    """Save a new version of the minutes if ``base_version`` is still the latest one.

    Raises ``EditConflict`` when someone saved since, ``Locked`` when the
    minutes are approved. Creates the minutes on their first save (base 0).
    """
    body = normalize(body)
    if len(body) > MAX_BODY:
        raise MinutesError(_l("The minutes are too long to be saved."))
    actor_id = getattr(actor, "id", None)
    now = utcnow()
    db.session.rollback()  # the next statement must be the first of its transaction (above)
    if base_version == 0:
        minutes = Minutes(session_id=session_id, body=body, rapporteur_id=rapporteur_id,
                          status=MS.DRAFT, version=1, updated_at=now)
        db.session.add(minutes)
        try:
            db.session.flush()
        except IntegrityError:
            current = _current(session_id)
            raise EditConflict(current) from None
    else:
        result = db.session.execute(
            sa.update(Minutes)
            .where(Minutes.session_id == session_id, Minutes.version == base_version,
                   Minutes.status != MS.APPROVED)
            .values(body=body, rapporteur_id=rapporteur_id, version=base_version + 1,
                    updated_at=now)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:
            current = _current(session_id)
            if current is None:
                raise MinutesError(_l("These minutes no longer exist."))
            raise (Locked if current.status == MS.APPROVED else EditConflict)(current)
        minutes = db.session.scalar(sa.select(Minutes).where(Minutes.session_id == session_id)
                                    .execution_options(populate_existing=True))
    db.session.add(MinutesRevision(minutes_id=minutes.id, version=minutes.version, body=body,
                                   author_id=actor_id, created_at=now, note=note.strip()[:300]))
    changes = {"version": minutes.version, "session_id": session_id,
               "rapporteur_id": rapporteur_id}
    if restored_from is not None:
        changes["restored_from"] = restored_from
    record("minutes.restore" if restored_from is not None else "minutes.save", minutes,
           actor=actor, briefing=db.session.get(Briefing, briefing_id), changes=changes)
    db.session.commit()
    return minutes


def restore(session_id: int, briefing_id: int, version: int, base_version: int, *,
            actor=None, note: str = "") -> Minutes:
    """Save an old revision's text as the newest revision (nothing in between is lost)."""
    minutes = minutes_of(session_id)
    old = revision(minutes.id, version) if minutes else None
    if old is None:
        raise MinutesError(_l("There is no version %(num)d of these minutes.", num=version))
    return save(session_id, briefing_id, old.body, base_version,
                rapporteur_id=minutes.rapporteur_id, actor=actor, restored_from=version,
                note=note or str(_l("Restored version %(num)d", num=version)))


def change_status(session_id: int, briefing_id: int, action: str, *, actor=None) -> Minutes:
    """Move the minutes along draft -> in review -> approved (or back); reopening is logged."""
    if action not in TRANSITIONS:
        raise MinutesError(_l("Unknown action."))
    old, new = TRANSITIONS[action]
    db.session.rollback()
    result = db.session.execute(
        sa.update(Minutes).where(Minutes.session_id == session_id, Minutes.status == old)
        .values(status=new, updated_at=utcnow()).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        current = _current(session_id)
        if current is None:
            raise MinutesError(_l("Save the minutes before sending them on."))
        raise MinutesError(_l("The minutes are no longer in that state: someone changed it "
                              "meanwhile. Here is where they stand now."))
    minutes = db.session.scalar(sa.select(Minutes).where(Minutes.session_id == session_id)
                                .execution_options(populate_existing=True))
    record("minutes.reopen" if action == "reopen" else "minutes.status", minutes, actor=actor,
           briefing=db.session.get(Briefing, briefing_id),
           changes={"status": [old.value, new.value], "session_id": session_id,
                    "version": minutes.version})
    db.session.commit()
    return minutes


def revisions(minutes_id: int) -> list[MinutesRevision]:
    """Every saved version, newest first, with its author."""
    return list(db.session.scalars(
        sa.select(MinutesRevision).options(joinedload(MinutesRevision.author))
        .where(MinutesRevision.minutes_id == minutes_id)
        .order_by(MinutesRevision.version.desc())))


def revision(minutes_id: int, version: int) -> MinutesRevision | None:
    """One saved version of the minutes, or None."""
    return db.session.scalar(sa.select(MinutesRevision).where(
        MinutesRevision.minutes_id == minutes_id, MinutesRevision.version == version))


def rapporteurs(briefing_id: int, current_id: int | None = None) -> list[User]:
    """Who may be named rapporteur: the briefing's active organizers and secretariat.

    ``current_id`` keeps the present rapporteur offered after they left the team.
    """
    condition = sa.and_(Membership.briefing_id == briefing_id, User.active.is_(True))
    query = sa.select(User).outerjoin(Membership, Membership.user_id == User.id)
    if current_id is not None:
        condition = sa.or_(condition, User.id == current_id)
    return list(db.session.scalars(query.where(condition).distinct().order_by(User.name,
                                                                              User.id)))


def attendance(session_id: int) -> Attendance:
    """Who attended: seats marked at the door, and checked-in registrants who chose the session."""
    rows = db.session.execute(
        sa.select(Registration.full_name, Registration.organization, SessionSeat.attended_at,
                  Registration.checked_in_at)
        .join(SessionSeat, SessionSeat.registration_id == Registration.id)
        .where(SessionSeat.session_id == session_id,
               sa.or_(SessionSeat.attended_at.is_not(None),
                      sa.and_(Registration.checked_in_at.is_not(None),
                              Registration.status == RegistrationStatus.CONFIRMED,
                              SessionSeat.status == SeatStatus.CONFIRMED)))
        .order_by(Registration.full_name, Registration.id)).all()
    return Attendance(
        recorded=sum(1 for row in rows if row.attended_at is not None),
        checked_in=sum(1 for row in rows if row.checked_in_at is not None),
        people=[Attendee(row.full_name, row.organization, row.attended_at is not None)
                for row in rows])


def compiled(briefing: Briefing) -> list[tuple[BriefingSession, Minutes | None]]:
    """The briefing's sessions in programme order, each with its minutes (two queries)."""
    sessions = briefing.sessions
    by_session = minutes_by_session([s.id for s in sessions])
    return [(session, by_session.get(session.id)) for session in sessions]
