"""Personal data: a person's copy of it, erasure on request, retention, and who looked at it.

Erasing a registration *anonymizes* it: the fields that name or describe the
person are blanked, while what the briefing's figures are made of stays
(stakeholder group, country, status, sessions, check-in). Its private link
stops working, and the e-mails it was sent are emptied. The meeting record
(speakers lists, minutes) is not rewritten: speaking at a session is part of
that record, and its editors can correct it.
"""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import IMMEDIATE, lock_for_update
from ..extensions import db
from ..models import (
    AuditEvent,
    Briefing,
    OutboxMessage,
    OutboxStatus,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SystemReason,
    utcnow,
)
from ..labels import history_reason
from . import registrations
from .audit import record

ERASED_NAME = "[erased]"
# The personal fields that erasure blanks (reported in the audit event by name only).
PERSONAL_FIELDS = ("full_name", "email", "organization", "position", "gender",
                   "accessibility_needs", "list_consent")
ACTIVE = (RS.PENDING, RS.CONFIRMED, RS.WAITLISTED)
PURGE_BATCH = 500


class PrivacyError(ValueError):
    """A privacy request that cannot be carried out; the message is meant for the user."""


def erased_email(registration_id: int) -> str:
    """The address an erased registration keeps: unique per briefing, deliverable nowhere."""
    return f"erased-{registration_id}@erased.invalid"


def _anonymize(registration: Registration, now: datetime) -> None:
    """Blank the registration's personal fields and every copy of them; the caller commits."""
    registration.full_name = ERASED_NAME
    registration.email = registration.email_key = erased_email(registration.id)
    registration.organization = ""
    registration.position = ""
    registration.gender = None
    registration.accessibility_needs = ""
    registration.list_consent = False
    registration.token = registrations.new_token()  # the old private link is dead
    registration.anonymized_at = now
    for change in registration.history:
        if change.system_reason is None:
            change.reason = ""  # organizers' notes may name or describe the person
    messages = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.registration_id == registration.id))
    for message in messages:
        if message.status == OutboxStatus.PENDING:
            message.status = OutboxStatus.FAILED
            message.last_error = "not sent: the registration was erased"
        message.to_address = ""
        message.subject = ""
        message.body_text = ""
        message.body_html = ""
        message.attachments = []


def erase_registration(registration_id: int, *, actor=None,
                       now: datetime | None = None) -> Registration:
    """Erase a registration at its holder's request.

    Before the briefing ends, an active registration is first cancelled
    through the registration service, which releases its seats and promotes
    the waiting list; after the end the status is kept for the figures.
    """
    now = now or utcnow()
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.anonymized_at is not None:
        raise PrivacyError(_l("This registration does not exist."))
    if registration.status in ACTIVE and registration.briefing.ends_at > now:
        registrations.change_status(registration_id, RS.CANCELLED, actor=actor,
                                    reason=SystemReason.ERASED)
    lock_for_update(Briefing, registration.briefing_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    if registration.anonymized_at is not None:  # erased meanwhile, by another request
        db.session.rollback()
        return registration
    _anonymize(registration, now)
    record("registration.erase", registration, actor=actor,
           changes={"fields": list(PERSONAL_FIELDS), "by": "registrant" if actor is None
                    else "staff"})
    db.session.commit()
    return registration


def expired_briefings(now: datetime | None = None) -> list[Briefing]:
    """Briefings whose retention period has run out since their end."""
    now = now or utcnow()
    candidates = db.session.scalars(sa.select(Briefing).where(
        Briefing.retention_days.is_not(None), Briefing.ends_at < now)).all()
    return [b for b in candidates if b.ends_at + timedelta(days=b.retention_days) <= now]


def purge_expired(now: datetime | None = None) -> dict[str, int]:
    """Anonymize the registrations of every briefing past its retention period.

    One transaction per briefing; returns the number anonymized per briefing
    slug (briefings with nothing left to anonymize are left out).
    """
    now = now or utcnow()
    done: dict[str, int] = {}
    for briefing in expired_briefings(now):
        count = 0
        while True:
            batch = db.session.scalars(
                sa.select(Registration)
                .where(Registration.briefing_id == briefing.id,
                       Registration.anonymized_at.is_(None))
                .order_by(Registration.id).limit(PURGE_BATCH)).all()
            if not batch:
                break
            for registration in batch:
                _anonymize(registration, now)
            count += len(batch)
            db.session.flush()
        if count:
            record("registration.purge", briefing, changes={
                "count": count, "retention_days": briefing.retention_days})
            done[briefing.slug] = count
        db.session.commit()
    return done


def personal_data(registration: Registration) -> dict:
    """Everything the site holds about the holder of a registration, for them to download."""
    briefing = registration.briefing
    group = registration.stakeholder_group
    seats = sorted(registration.seats, key=lambda s: (s.session.starts_at, s.session.id))
    mails = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.registration_id == registration.id)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)).all()
    return {
        "briefing": {"title": briefing.title, "slug": briefing.slug,
                     "starts_at": _iso(briefing.starts_at), "ends_at": _iso(briefing.ends_at),
                     "retention_days": briefing.retention_days},
        "registration": {
            "full_name": registration.full_name,
            "email": registration.email,
            "organization": registration.organization,
            "position": registration.position,
            "stakeholder_group": group.name if group else None,
            "country": registration.country,
            "gender": registration.gender.value if registration.gender else None,
            "preferred_language": registration.language,
            "accessibility_needs": registration.accessibility_needs,
            "show_on_participant_list": registration.list_consent,
            "status": registration.status.value,
            "ticket_code": registration.ticket_code,
            "registered_at": _iso(registration.created_at),
            "updated_at": _iso(registration.updated_at),
            "checked_in_at": _iso(registration.checked_in_at),
        },
        "sessions": [
            {"title": seat.session.title, "starts_at": _iso(seat.session.starts_at),
             "seat": seat.status.value, "attended_at": _iso(seat.attended_at)}
            for seat in seats if seat.status != SeatStatus.RELEASED],
        "history": [
            {"at": _iso(change.at), "from": change.from_status.value if change.from_status
             else None, "to": change.to_status.value, "reason": history_reason(change),
             "reason_code": change.system_reason.value if change.system_reason else None}
            for change in registration.history],
        "emails": [
            {"kind": m.kind, "to": m.to_address, "subject": m.subject,
             "written_at": _iso(m.created_at), "sent_at": _iso(m.sent_at),
             "status": m.status.value} for m in mails],
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def record_access(action: str, obj, *, actor, briefing, what: str, count: int | None = None) -> None:
    """Write down that ``actor`` saw or exported personal data (which page, how many rows).

    ``action`` is ``personal_data.view`` or ``personal_data.export``; no
    personal value goes into the event, nor the search text that was used.
    Called from pages that only read: the read transaction is ended first and
    the event written in one that takes the write lock at its start (SQLite
    cannot turn a read into a write while another request writes).
    """
    changes: dict = {"what": what}
    if count is not None:
        changes["count"] = count
    # Read before the rollback expires them: the event then costs one INSERT, no reloads.
    event = AuditEvent(user_id=getattr(actor, "id", None), briefing_id=getattr(briefing, "id", None),
                       action=action, object_type=obj.__class__.__name__,
                       object_id=getattr(obj, "id", None), changes=changes)
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        db.session.connection(execution_options={IMMEDIATE: True})
    db.session.add(event)
    db.session.commit()
