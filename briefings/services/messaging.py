"""Messages to participants: placeholders, audiences, bulk outbox writes, the log, the reminder.

An e-mail to many people is one transaction: the batch, one outbox row per
recipient and the link between them are inserted in bulk, so the number of
statements does not grow with the number of recipients and the request
returns at once; ``services.mailer`` delivers later.
"""
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager, selectinload

from ..extensions import db
from ..models import (
    Briefing,
    BriefingReminder,
    BriefingStatus,
    MessageBatch,
    MessageKind,
    MessageRecipient,
    OutboxMessage,
    OutboxStatus,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
    utcnow,
)
from .audit import record
from .outbox import public_url

PLACEHOLDERS = ("name", "briefing", "link")
MAX_LEAD_HOURS = 720


class MessageError(ValueError):
    """A message the rules refuse; ``field`` names the form field it concerns ("" for none)."""

    def __init__(self, message, field: str = ""):
        super().__init__(str(message))
        self.field = field


# ---------------------------------------------------------------- writing e-mails in bulk

def outbox_row(*, to: str, subject: str, body: str, kind: str, briefing_id: int,
               registration_id: int | None = None, now: datetime) -> dict:
    """The values of one outbox row, Message-ID included (as ``outbox.enqueue`` would write)."""
    return {
        "created_at": now, "briefing_id": briefing_id, "registration_id": registration_id,
        "kind": kind, "to_address": to, "subject": " ".join(subject.split())[:300],
        "body_text": body.strip() + "\n", "body_html": "", "attachments": [],
        "message_id": make_msgid(idstring=kind,
                                 domain=current_app.config["MAIL_MESSAGE_ID_DOMAIN"]),
        "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": now, "last_error": "",
    }


def bulk_enqueue(rows: list[dict]) -> None:
    """Insert outbox rows with one statement; the caller commits them with their cause."""
    if rows:
        db.session.execute(sa.insert(OutboxMessage), rows)


class MailRenderer:
    """Renders ``templates/email/<name>.txt`` in a chosen language, many times over.

    The template may set ``subject`` at its top; ``render`` returns (subject, body).
    """

    def __init__(self, name: str, **shared):
        self.template = current_app.jinja_env.get_template(f"email/{name}.txt")
        self.shared = dict(shared)
        current_app.update_template_context(self.shared)

    def render(self, language: str, **context) -> tuple[str, str]:
        with force_locale(language or "en"):
            module = self.template.make_module({**self.shared, **context})
            return str(getattr(module, "subject", "")).strip(), str(module)


def record_batch(briefing: Briefing, kind: MessageKind, subject: str, body: str, *,
                  mails: list[tuple[int | None, dict]], actor=None, audience: dict | None = None,
                  now: datetime) -> MessageBatch:
    """Write a batch, its outbox rows and its recipients (the caller commits)."""
    batch = MessageBatch(briefing_id=briefing.id, kind=kind, subject=subject[:300], body=body,
                         audience=audience or {}, recipient_count=len(mails),
                         sent_by_id=getattr(actor, "id", None), created_at=now)
    db.session.add(batch)
    db.session.flush()
    bulk_enqueue([row for _, row in mails])
    if mails:
        db.session.execute(sa.insert(MessageRecipient), [
            {"batch_id": batch.id, "registration_id": registration_id,
             "outbox_message_id": row["message_id"]} for registration_id, row in mails])
    record(f"message.{kind.value}", batch, actor=actor, briefing=briefing,
           changes={"kind": kind.value, "recipients": len(mails), **(audience or {})})
    return batch


# ---------------------------------------------------------------- placeholders

def placeholder_errors(text: str) -> list[str]:
    """Why ``text`` cannot be filled in: unknown placeholders or unpaired braces (empty if fine)."""
    try:
        parts = list(string.Formatter().parse(text or ""))
    except ValueError:
        return [str(_l("A brace is not paired. Write {{ and }} for a brace that is not a "
                       "placeholder."))]
    unknown = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            token = "{" + name + ("!" + conversion if conversion else "") \
                + (":" + spec if spec else "") + "}"
            if token not in unknown:
                unknown.append(token)
    if unknown:
        return [str(_l("Unknown placeholder: %(names)s. You can use {name}, {briefing} and "
                       "{link}.", names=", ".join(unknown)))]
    return []


def fill(text: str, **values) -> str:
    """``text`` with its placeholders filled in (checked by ``placeholder_errors`` first)."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


# ---------------------------------------------------------------- audiences and messages

@dataclass
class Audience:
    """Whom a message is for: registrations in these statuses, optionally one group or session."""

    statuses: list[RS] = field(default_factory=lambda: [RS.CONFIRMED])
    group_id: int | None = None
    session_id: int | None = None

    def as_dict(self) -> dict:
        return {"statuses": [s.value for s in self.statuses], "group_id": self.group_id,
                "session_id": self.session_id}


def audience_query(briefing_id: int, audience: Audience) -> sa.Select:
    """The registrations a message to ``audience`` goes to, by name."""
    query = sa.select(Registration).where(Registration.briefing_id == briefing_id,
                                          Registration.status.in_(audience.statuses))
    if audience.group_id is not None:
        query = query.where(Registration.stakeholder_group_id == audience.group_id)
    if audience.session_id is not None:
        query = query.where(sa.exists().where(
            SessionSeat.registration_id == Registration.id,
            SessionSeat.session_id == audience.session_id,
            SessionSeat.status != SeatStatus.RELEASED))
    return query.order_by(sa.func.lower(Registration.full_name), Registration.id)


@dataclass
class Preview:
    count: int
    to: str = ""
    subject: str = ""
    body: str = ""


def _personal(briefing: Briefing, registration) -> dict:
    return {"name": registration.full_name, "briefing": briefing.title_in(registration.language),
            "link": public_url(f"/r/{registration.token}")}


def _check(subject: str, body: str) -> None:
    for name, text in (("subject", subject), ("body", body)):
        errors = placeholder_errors(text)
        if errors:
            raise MessageError(errors[0], name)


def preview_message(briefing: Briefing, subject: str, body: str, audience: Audience) -> Preview:
    """How many people would get the message, and what the first of them would read."""
    _check(subject, body)
    query = audience_query(briefing.id, audience)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(
        query.order_by(None).subquery())) or 0
    first = db.session.scalar(query.limit(1))
    if first is None:
        return Preview(0)
    values = _personal(briefing, first)
    _subject, text = MailRenderer("message", briefing=briefing).render(
        first.language, text=fill(body, **values), link=values["link"])
    return Preview(count, first.email, fill(subject, **values), text)


def send_message(briefing_id: int, subject: str, body: str, audience: Audience, *, actor,
                 now: datetime | None = None) -> MessageBatch:
    """E-mail everyone in ``audience``: one outbox row each, all in one transaction."""
    now = now or utcnow()
    _check(subject, body)
    briefing = db.session.get(Briefing, briefing_id)
    people = db.session.execute(
        audience_query(briefing_id, audience).with_only_columns(
            Registration.id, Registration.full_name, Registration.email, Registration.token,
            Registration.language)).all()
    if not people:
        raise MessageError(_l("Nobody matches the recipients you chose: nothing was sent."))
    renderer = MailRenderer("message", briefing=briefing)
    mails = []
    for person in people:
        values = _personal(briefing, person)
        _subject, text = renderer.render(person.language, text=fill(body, **values),
                                         link=values["link"])
        mails.append((person.id, outbox_row(
            to=person.email, subject=fill(subject, **values), body=text, kind="message",
            briefing_id=briefing.id, registration_id=person.id, now=now)))
    batch = record_batch(briefing, MessageKind.MESSAGE, subject, body, mails=mails, actor=actor,
                          audience=audience.as_dict(), now=now)
    db.session.commit()
    return batch


# ---------------------------------------------------------------- the log

def delivery_counts(batch_ids: list[int]) -> dict[int, dict[OutboxStatus, int]]:
    """For each batch, how many of its e-mails are waiting, sent or failed."""
    counts = {batch_id: dict.fromkeys(OutboxStatus, 0) for batch_id in batch_ids}
    if batch_ids:
        rows = db.session.execute(
            sa.select(MessageRecipient.batch_id, OutboxMessage.status, sa.func.count())
            .join(OutboxMessage, OutboxMessage.message_id == MessageRecipient.outbox_message_id)
            .where(MessageRecipient.batch_id.in_(batch_ids))
            .group_by(MessageRecipient.batch_id, OutboxMessage.status))
        for batch_id, status, n in rows:
            counts[batch_id][status] = n
    return counts


def recipients_query(batch_id: int) -> sa.Select:
    """A batch's recipients by name, each with its registration (if kept) and outbox row."""
    return (
        sa.select(MessageRecipient)
        .outerjoin(Registration, Registration.id == MessageRecipient.registration_id)
        .outerjoin(OutboxMessage, OutboxMessage.message_id == MessageRecipient.outbox_message_id)
        .options(contains_eager(MessageRecipient.registration),
                 contains_eager(MessageRecipient.outbox))
        .where(MessageRecipient.batch_id == batch_id)
        .order_by(sa.func.lower(sa.func.coalesce(Registration.full_name, "")),
                  MessageRecipient.id)
    )


# ---------------------------------------------------------------- the pre-briefing reminder

def reminder_for(briefing_id: int) -> BriefingReminder | None:
    """The briefing's reminder setting, if it has one."""
    return db.session.scalar(sa.select(BriefingReminder)
                             .where(BriefingReminder.briefing_id == briefing_id))


def set_reminder(briefing_id: int, lead_hours: int | None, *, actor) -> BriefingReminder | None:
    """Remind confirmed registrants ``lead_hours`` before the start; None turns it off."""
    if lead_hours is not None and not 1 <= lead_hours <= MAX_LEAD_HOURS:
        raise MessageError(_l("Enter a number of hours from 1 to %(max)d.", max=MAX_LEAD_HOURS),
                           "lead_hours")
    briefing = db.session.get(Briefing, briefing_id)
    reminder = reminder_for(briefing_id)
    old = reminder.lead_hours if reminder else None
    if lead_hours is None:
        if reminder is not None and reminder.sent_at is None:
            db.session.delete(reminder)
            reminder = None
    elif reminder is None:
        reminder = BriefingReminder(briefing_id=briefing_id, lead_hours=lead_hours)
        db.session.add(reminder)
    else:
        reminder.lead_hours = lead_hours
    if old != lead_hours:
        record("reminder.set", briefing, actor=actor, changes={"lead_hours": [old, lead_hours]})
    db.session.commit()
    return reminder


def queue_due_reminders(now: datetime | None = None) -> int:
    """Write the reminders that have fallen due into the outbox; returns how many briefings.

    Each briefing's reminder goes once, to its confirmed registrants: the
    reminder row is claimed with a conditional update in the same
    transaction that writes the e-mails, so two senders never both send it.
    """
    now = now or utcnow()
    candidates = db.session.execute(
        sa.select(BriefingReminder.id, BriefingReminder.lead_hours, Briefing.starts_at)
        .join(Briefing, Briefing.id == BriefingReminder.briefing_id)
        .where(BriefingReminder.sent_at.is_(None), Briefing.status == BriefingStatus.PUBLISHED,
               Briefing.starts_at > now)).all()
    db.session.commit()
    queued = 0
    for reminder_id, lead_hours, starts_at in candidates:
        if starts_at - timedelta(hours=lead_hours) > now:
            continue
        claimed = db.session.execute(
            sa.update(BriefingReminder)
            .where(BriefingReminder.id == reminder_id, BriefingReminder.sent_at.is_(None))
            .values(sent_at=now)).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        reminder = db.session.get(BriefingReminder, reminder_id)
        _queue_reminder(reminder, now)
        db.session.commit()
        queued += 1
    return queued


def _queue_reminder(reminder: BriefingReminder, now: datetime) -> None:
    briefing = reminder.briefing
    people = db.session.scalars(
        sa.select(Registration)
        .where(Registration.briefing_id == briefing.id, Registration.status == RS.CONFIRMED)
        .options(selectinload(Registration.seats).selectinload(SessionSeat.session))
        .order_by(Registration.id)).all()
    renderer = MailRenderer("reminder", briefing=briefing,
                            briefing_link=public_url(f"/b/{briefing.slug}"))
    mails = []
    for person in people:
        subject, text = renderer.render(person.language, registration=person,
                                        private_link=public_url(f"/r/{person.token}"))
        mails.append((person.id, outbox_row(to=person.email, subject=subject, body=text,
                                            kind="reminder", briefing_id=briefing.id,
                                            registration_id=person.id, now=now)))
    subject = mails[0][1]["subject"] if mails else briefing.title
    batch = record_batch(briefing, MessageKind.REMINDER, subject, "", mails=mails,
                          audience={"statuses": [RS.CONFIRMED.value],
                                    "lead_hours": reminder.lead_hours}, now=now)
    reminder.batch_id = batch.id
