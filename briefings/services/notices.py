"""Change notices: when a session's time or room changes, its registrants can be told.

A programme edit leaves an open notice holding the session's old time and
room; the organizer then sends it (old -> new, through the outbox) or
closes it without sending. Several edits before sending make one notice,
from the first old values to the session as it is now.
"""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import (
    BriefingSession,
    MessageBatch,
    MessageKind,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionChangeNotice,
    SessionSeat,
    utcnow,
)
from .audit import record
from .messaging import MailRenderer, MessageError, outbox_row, record_batch
from .outbox import public_url

# Registrations that still expect to attend: they hear about changes.
ACTIVE = (RS.CONFIRMED, RS.WAITLISTED, RS.PENDING)


def _same(notice: SessionChangeNotice, session: BriefingSession) -> bool:
    return (notice.old_starts_at == session.starts_at and notice.old_ends_at == session.ends_at
            and notice.old_room == session.room)


def open_notice(session_id: int) -> SessionChangeNotice | None:
    """The session's notice that is neither sent nor closed, if any."""
    return db.session.scalar(
        sa.select(SessionChangeNotice)
        .where(SessionChangeNotice.session_id == session_id,
               SessionChangeNotice.closed_at.is_(None))
        .order_by(SessionChangeNotice.id.desc()).limit(1))


def note_change(session: BriefingSession, old_starts_at: datetime, old_ends_at: datetime,
                old_room: str, *, actor) -> SessionChangeNotice | None:
    """After a programme edit: open (or keep) a notice if the time or room differ from before.

    Returns the open notice, or None when there is nothing to tell: nobody
    chose the session, or an edit put it back as it was (the notice goes).
    """
    notice = open_notice(session.id)
    if notice is None:
        if not registrant_count(session.id):
            return None  # nobody to tell
        notice = SessionChangeNotice(session_id=session.id, old_starts_at=old_starts_at,
                                     old_ends_at=old_ends_at, old_room=old_room or "",
                                     created_by_id=getattr(actor, "id", None))
        if _same(notice, session):
            return None
        db.session.add(notice)
    elif _same(notice, session):
        db.session.delete(notice)
        notice = None
    db.session.commit()
    return notice


def registrants_query(session_id: int) -> sa.Select:
    """The registrations holding or awaiting a seat in the session, still expecting to come."""
    return (
        sa.select(Registration)
        .join(SessionSeat, SessionSeat.registration_id == Registration.id)
        .where(SessionSeat.session_id == session_id, SessionSeat.status != SeatStatus.RELEASED,
               Registration.status.in_(ACTIVE))
        .order_by(Registration.id)
    )


def registrant_count(session_id: int) -> int:
    """How many people a notice about the session would reach."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(
        registrants_query(session_id).order_by(None).subquery())) or 0


def changes(notice: SessionChangeNotice) -> dict:
    """What changed: ``time`` and/or ``room``, each an (old, new) pair."""
    session = notice.session
    result = {}
    if (notice.old_starts_at, notice.old_ends_at) != (session.starts_at, session.ends_at):
        result["time"] = ((notice.old_starts_at, notice.old_ends_at),
                          (session.starts_at, session.ends_at))
    if notice.old_room != session.room:
        result["room"] = (notice.old_room, session.room)
    return result


def _claim(notice_id: int, now: datetime) -> SessionChangeNotice | None:
    """Close the notice if it is still open; None if someone else already did."""
    claimed = db.session.execute(
        sa.update(SessionChangeNotice)
        .where(SessionChangeNotice.id == notice_id, SessionChangeNotice.closed_at.is_(None))
        .values(closed_at=now)).rowcount
    if claimed != 1:
        db.session.rollback()
        return None
    return db.session.get(SessionChangeNotice, notice_id, populate_existing=True)


def send_notice(notice_id: int, *, actor, now: datetime | None = None) -> MessageBatch:
    """E-mail the session's registrants what changed (old -> new); the notice is then closed."""
    now = now or utcnow()
    notice = _claim(notice_id, now)
    if notice is None:
        raise MessageError(_l("This change notice was already sent or closed."))
    what = changes(notice)
    if not what:
        db.session.rollback()
        raise MessageError(_l("The session's time and room are as they were: there is nothing "
                              "to tell."))
    session = notice.session
    briefing = session.briefing
    renderer = MailRenderer("session_changed", briefing=briefing, session=session,
                            changes=what)
    mails = []
    for person in db.session.scalars(registrants_query(session.id)):
        subject, text = renderer.render(person.language, registration=person,
                                        private_link=public_url(f"/r/{person.token}"))
        mails.append((person.id, outbox_row(to=person.email, subject=subject, body=text,
                                            kind="session_changed", briefing_id=briefing.id,
                                            registration_id=person.id, now=now)))
    subject = mails[0][1]["subject"] if mails else session.title
    batch = record_batch(briefing, MessageKind.SESSION_CHANGE, subject, "", mails=mails,
                          actor=actor, now=now,
                          audience={"session_id": session.id, "changed": sorted(what)})
    notice.batch_id = batch.id
    db.session.commit()
    return batch


def close_notice(notice_id: int, *, actor, now: datetime | None = None) -> bool:
    """Close a notice without sending it; False if it was no longer open."""
    notice = _claim(notice_id, now or utcnow())
    if notice is None:
        return False
    record("session.notice_closed", notice.session, actor=actor,
           briefing=notice.session.briefing, changes={"notice_id": notice.id})
    db.session.commit()
    return True
