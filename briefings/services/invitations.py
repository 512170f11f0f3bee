"""Invitations: invite one person, send, remind, and the invitee's answer.

An invitation carries a personal token (192 random bits): its link opens the
registration form of the briefing (the only way in when the briefing is by
invitation only) or lets the invitee decline. Sends and reminders write in
bulk, so their number of statements does not grow with the invitations.
Importing a list is in ``invitation_import``.
"""
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    Briefing,
    BriefingStatus,
    Invitation,
    InvitationStatus as IS,
    Registration,
    utcnow,
)
from .audit import record
from .messaging import MailRenderer, bulk_enqueue, outbox_row
from .outbox import public_url
from .registrations import email_key

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
REMINDER_GAP = timedelta(hours=24)


class InvitationError(ValueError):
    """A refused change; ``field`` names the form field it concerns ("" for none)."""

    def __init__(self, message, field: str = ""):
        super().__init__(str(message))
        self.field = field


@dataclass
class Invitee:
    """One person to invite, as given on a form or a line of a file."""

    full_name: str
    email: str
    organization: str = ""
    stakeholder_group_id: int | None = None
    language: str = ""
    line: int = 0
    group_name: str = ""


def new_token() -> str:
    """An invitation token: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def taken(briefing_id: int) -> dict[str, str]:
    """E-mail keys that cannot be invited again: "invited" or "registered" (two queries)."""
    known = dict.fromkeys(db.session.scalars(sa.select(Registration.email_key).where(
        Registration.briefing_id == briefing_id)), "registered")
    known.update(dict.fromkeys(db.session.scalars(sa.select(Invitation.email_key).where(
        Invitation.briefing_id == briefing_id)), "invited"))
    return known


def invitation_row(briefing_id: int, person: Invitee, actor, now: datetime) -> dict:
    """The values of a new, unsent invitation, with a fresh token."""
    return {"briefing_id": briefing_id, "full_name": person.full_name.strip(),
            "email": person.email.strip(), "email_key": email_key(person.email),
            "organization": (person.organization or "").strip(),
            "stakeholder_group_id": person.stakeholder_group_id,
            "language": person.language or "", "token": new_token(), "status": IS.INVITED,
            "registration_id": None, "invited_by_id": getattr(actor, "id", None),
            "created_at": now, "sent_at": None, "reminded_at": None, "answered_at": None}


def invite(briefing_id: int, person: Invitee, *, actor, send: bool = True,
           now: datetime | None = None) -> Invitation:
    """Invite one person; with ``send`` the invitation e-mail is written at once."""
    now = now or utcnow()
    briefing = lock_for_update(Briefing, briefing_id)
    reason = taken(briefing_id).get(email_key(person.email))
    if reason:
        db.session.rollback()
        raise InvitationError(_l("This person is already invited.") if reason == "invited"
                              else _l("This person is already registered for this briefing."),
                              "email")
    if send:
        _check_sendable(briefing)
    invitation = Invitation(**invitation_row(briefing_id, person, actor, now))
    db.session.add(invitation)
    db.session.flush()
    record("invitation.create", invitation, actor=actor, briefing=briefing)
    if send:
        _write_mails(briefing, [invitation], now, reminder=False)
        invitation.sent_at = now
    db.session.commit()
    return invitation


# ---------------------------------------------------------------- sending and reminding

def _check_sendable(briefing: Briefing) -> None:
    if briefing.status != BriefingStatus.PUBLISHED:
        db.session.rollback()
        raise InvitationError(_l("Publish the briefing first: the invitation links lead to its "
                                 "registration page."))


def _write_mails(briefing: Briefing, invitations: list[Invitation], now: datetime, *,
                 reminder: bool) -> None:
    renderer = MailRenderer("invitation", briefing=briefing, reminder=reminder,
                            briefing_link=public_url(f"/b/{briefing.slug}"))
    fallback = (briefing.language_list or ["en"])[0]
    rows = []
    for invitation in invitations:
        base = f"/b/{briefing.slug}"
        subject, body = renderer.render(
            invitation.language or fallback, invitation=invitation,
            register_link=public_url(f"{base}/register?invitation={invitation.token}"),
            decline_link=public_url(f"{base}/invitation/{invitation.token}/decline"))
        rows.append(outbox_row(to=invitation.email, subject=subject, body=body,
                               kind="invitation_reminder" if reminder else "invitation",
                               briefing_id=briefing.id, now=now))
    bulk_enqueue(rows)


def _not_registered():
    """Invitations whose e-mail has no registration in the briefing (however it was made)."""
    return ~sa.exists().where(Registration.briefing_id == Invitation.briefing_id,
                              Registration.email_key == Invitation.email_key)


def _unsent(briefing_id: int):
    return (Invitation.briefing_id == briefing_id, Invitation.status == IS.INVITED,
            Invitation.sent_at.is_(None))


def unsent_count(briefing_id: int) -> int:
    """Invitations written but not sent yet."""
    return db.session.scalar(sa.select(sa.func.count(Invitation.id))
                             .where(*_unsent(briefing_id))) or 0


def _due_for_reminder(briefing_id: int, now: datetime):
    cutoff = now - REMINDER_GAP
    return (Invitation.briefing_id == briefing_id, Invitation.status == IS.INVITED,
            Invitation.sent_at.is_not(None),
            sa.or_(Invitation.reminded_at.is_(None), Invitation.reminded_at <= cutoff),
            _not_registered())


def remindable_count(briefing_id: int, now: datetime | None = None) -> int:
    """Invitees who have not answered and were not reminded in the last 24 hours."""
    return db.session.scalar(sa.select(sa.func.count(Invitation.id)).where(
        *_due_for_reminder(briefing_id, now or utcnow()))) or 0


def send_invitations(briefing_id: int, *, actor, now: datetime | None = None) -> int:
    """Write the invitation e-mail of every invitation not sent yet; returns how many."""
    now = now or utcnow()
    briefing = lock_for_update(Briefing, briefing_id)
    _check_sendable(briefing)
    pending = db.session.scalars(sa.select(Invitation).where(*_unsent(briefing_id))
                                 .order_by(Invitation.id)).all()
    return _mark_and_write(briefing, pending, now, actor, reminder=False)


def send_reminders(briefing_id: int, *, actor, now: datetime | None = None) -> int:
    """Remind those who have not answered, at most once in 24 hours each; returns how many."""
    now = now or utcnow()
    briefing = lock_for_update(Briefing, briefing_id)
    _check_sendable(briefing)
    due = db.session.scalars(sa.select(Invitation).where(
        *_due_for_reminder(briefing_id, now)).order_by(Invitation.id)).all()
    return _mark_and_write(briefing, due, now, actor, reminder=True)


def _mark_and_write(briefing, invitations, now, actor, *, reminder: bool) -> int:
    if not invitations:
        db.session.rollback()
        return 0
    _write_mails(briefing, invitations, now, reminder=reminder)
    column = "reminded_at" if reminder else "sent_at"
    db.session.execute(sa.update(Invitation).where(
        Invitation.id.in_([i.id for i in invitations])).values({column: now}))
    record("invitation.remind" if reminder else "invitation.send", briefing, actor=actor,
           changes={"count": len(invitations)})
    db.session.commit()
    return len(invitations)


# ---------------------------------------------------------------- the invitee's side

def lookup(briefing_id: int, token: str | None) -> Invitation | None:
    """The briefing's invitation with this token, or None (malformed tokens never reach the DB)."""
    if not token or not TOKEN_SHAPE.fullmatch(token):
        return None
    return db.session.scalar(sa.select(Invitation).where(
        Invitation.briefing_id == briefing_id, Invitation.token == token))


def mark_registered(invitation_id: int, registration_id: int,
                    now: datetime | None = None) -> None:
    """Record that the invitee registered (through their link)."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.registration_id == registration_id:
        return
    invitation.status = IS.REGISTERED
    invitation.registration_id = registration_id
    invitation.answered_at = now or utcnow()
    record("invitation.registered", invitation, briefing=invitation.briefing)
    db.session.commit()


def decline(invitation_id: int, now: datetime | None = None) -> Invitation:
    """The invitee says they will not come; nothing changes once they have registered."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation.status == IS.REGISTERED:
        raise InvitationError(_l("You have already registered. To cancel, use the private link "
                                 "in your confirmation e-mail."))
    if invitation.status != IS.DECLINED:
        invitation.status = IS.DECLINED
        invitation.answered_at = now or utcnow()
        record("invitation.declined", invitation, briefing=invitation.briefing)
        db.session.commit()
    return invitation
