"""Follow-up of action items and pledges: owners, due dates, owners' updates, reminders.

Staff name an owner (name, e-mail, language) for an action item or a pledge;
the owner gets a private link (/f/<token>) through which they report the
status and a short note, without an account. Reminders go to owners a few
days before the due date and again while the item is overdue; a reminder row
is claimed with a conditional update, so no owner gets two on one day
whatever the number of senders.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..i18n import format_day
from ..models import (
    ActionItem,
    ActionStatus,
    Briefing,
    FollowUp,
    FollowUpUpdate,
    OutboxMessage,
    OutcomeDocument,
    Pledge,
    PledgeStatus,
    PledgeUpdate,
    utcnow,
)
from ..models.followup import new_owner_token
from ..published.labels import record_label
from .audit import record
from .outbox import enqueue, public_url

ACTION, PLEDGE = "action", "pledge"
KINDS = (ACTION, PLEDGE)
CLOSED = {ActionStatus.DONE, ActionStatus.DROPPED, PledgeStatus.FULFILLED, PledgeStatus.WITHDRAWN}
DEFAULT_REMINDER_DAYS = 7  # "due soon" this many days ahead (setting FOLLOWUP_REMINDER_DAYS)
OVERDUE_EVERY = timedelta(days=7)  # an overdue item is recalled weekly
MAX_NOTE = 1000
RESEND_AFTER = timedelta(minutes=10)  # "send the link again" twice within this time: refused

Item = ActionItem | Pledge


class FollowUpError(ValueError):
    """A change the rules refuse; ``field`` names the form field it concerns ("" for none)."""

    def __init__(self, message, field: str = ""):
        super().__init__(str(message))
        self.field = field


@dataclass
class OwnerData:
    """Who owns an item and by when it is due."""

    name: str = ""
    email: str = ""
    language: str = "en"
    due: date | None = None


# ---------------------------------------------------------------- items and their briefing

def kind_of(item: Item) -> str:
    return ACTION if isinstance(item, ActionItem) else PLEDGE


def load_item(kind: str, item_id: int, briefing_id: int) -> Item | None:
    """The action item or pledge ``item_id`` of a briefing (None if it is not one of its own)."""
    if kind == ACTION:
        return db.session.scalar(
            sa.select(ActionItem).join(OutcomeDocument)
            .where(ActionItem.id == item_id, OutcomeDocument.briefing_id == briefing_id))
    if kind == PLEDGE:
        return db.session.scalar(sa.select(Pledge).where(Pledge.id == item_id,
                                                         Pledge.briefing_id == briefing_id))
    return None


def briefing_of(item: Item) -> Briefing:
    if isinstance(item, ActionItem):
        return item.document.briefing
    return db.session.get(Briefing, item.briefing_id)


def title_of(item: Item) -> str:
    return item.what if isinstance(item, ActionItem) else item.title


def statuses_for(item: Item) -> type[ActionStatus] | type[PledgeStatus]:
    return ActionStatus if isinstance(item, ActionItem) else PledgeStatus


def follow_up_of(item: Item) -> FollowUp | None:
    column = FollowUp.action_item_id if isinstance(item, ActionItem) else FollowUp.pledge_id
    return db.session.scalar(sa.select(FollowUp).where(column == item.id))


def subject_of(follow_up: FollowUp) -> Item:
    return follow_up.action_item or follow_up.pledge


def due_of(item: Item, follow_up: FollowUp | None) -> date | None:
    """An action item's own due date; a pledge's from its follow-up."""
    if isinstance(item, ActionItem):
        return item.due
    return follow_up.due if follow_up else None


def local_today(briefing: Briefing, now: datetime | None = None) -> date:
    """Today's date where the briefing takes place."""
    return (now or utcnow()).astimezone(briefing.zone).date()


def is_overdue(item: Item, due: date | None, today: date) -> bool:
    return due is not None and due < today and item.status not in CLOSED


# ---------------------------------------------------------------- owners

def _clean_owner(data: OwnerData) -> OwnerData:
    name = " ".join((data.name or "").split())
    email = (data.email or "").strip()
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise FollowUpError(_l("Enter a valid e-mail address."), "email") from error
        if not name:
            raise FollowUpError(_l("Give the owner's name."), "name")
    elif name:
        raise FollowUpError(_l("Give the owner's e-mail address: reminders and the private "
                               "link go there."), "email")
    languages = current_app.config["LANGUAGES"]
    language = data.language if data.language in languages else languages[0]
    return OwnerData(name=name[:200], email=email, language=language, due=data.due)


def set_owner(item: Item, data: OwnerData, *, actor=None) -> FollowUp:
    """Name (or change, or remove) an item's owner and set its due date.

    A new owner gets a new private link, e-mailed to them; the previous
    owner's link stops working.
    """
    data = _clean_owner(data)
    briefing = briefing_of(item)
    follow_up = follow_up_of(item)
    if follow_up is None:
        follow_up = FollowUp(action_item_id=item.id if kind_of(item) == ACTION else None,
                             pledge_id=item.id if kind_of(item) == PLEDGE else None)
        db.session.add(follow_up)
    changes: dict = {}
    new_owner = data.email.casefold() != (follow_up.owner_email or "").casefold()
    if new_owner:
        follow_up.token = new_owner_token()
        follow_up.reminded_on = follow_up.overdue_reminded_on = None
        follow_up.upcoming_reminded_for = None
        changes["owner"] = True  # personal data: only that it changed
    if (follow_up.owner_name, follow_up.owner_language) != (data.name, data.language):
        changes.setdefault("owner", True)
    follow_up.owner_name, follow_up.owner_email = data.name, data.email
    follow_up.owner_language = data.language
    old_due = due_of(item, follow_up)
    if old_due != data.due:
        if isinstance(item, ActionItem):
            item.due = data.due
        else:
            follow_up.due = data.due
        changes["due"] = [d.isoformat() if d else None for d in (old_due, data.due)]
    db.session.flush()
    if changes:
        record("followup.owner", item, actor=actor, briefing=briefing, changes=changes)
    if new_owner and follow_up.has_owner:
        _mail_owner(follow_up, item, briefing, "assigned")
    db.session.commit()
    return follow_up


def resend_link(follow_up: FollowUp, *, actor=None, now: datetime | None = None) -> None:
    """E-mail the owner their private link again (not twice within a few minutes)."""
    if not follow_up.has_owner:
        raise FollowUpError(_l("This item has no owner to write to."))
    item = subject_of(follow_up)
    briefing = briefing_of(item)
    now = now or utcnow()
    recent = db.session.scalar(
        sa.select(OutboxMessage.id).where(
            OutboxMessage.briefing_id == briefing.id, OutboxMessage.kind == "followup_assigned",
            OutboxMessage.to_address == follow_up.owner_email,
            OutboxMessage.created_at > now - RESEND_AFTER).limit(1))
    if recent is not None:
        raise FollowUpError(_l("The link was sent to the owner a few minutes ago."))
    _mail_owner(follow_up, item, briefing, "assigned")
    record("followup.link_sent", item, actor=actor, briefing=briefing)
    db.session.commit()


def find_by_token(token: str) -> FollowUp | None:
    """The follow-up of an owner's private link (only while it has an owner)."""
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.token == token))
    return follow_up if follow_up is not None and follow_up.has_owner else None


def report(follow_up: FollowUp, status: str, note: str, *, actor=None,
           now: datetime | None = None) -> FollowUpUpdate:
    """Record the status of an item and a short note: by its owner (no actor) or by staff.

    A pledge's update also joins the pledge's own progress history.
    """
    now = now or utcnow()
    item = subject_of(follow_up)
    try:
        new_status = statuses_for(item)(status)
    except ValueError as error:
        raise FollowUpError(_l("Choose a status from the list."), "status") from error
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise FollowUpError(_l("Keep the note under %(num)d characters.", num=MAX_NOTE), "note")
    briefing = briefing_of(item)
    old_status = item.status
    item.status = new_status
    update = FollowUpUpdate(follow_up=follow_up, at=now, status=new_status.value, note=note,
                            by_owner=actor is None, author_id=getattr(actor, "id", None))
    db.session.add(update)
    if isinstance(item, Pledge):
        db.session.add(PledgeUpdate(pledge=item, on=local_today(briefing, now), status=new_status,
                                    note=note, author_id=getattr(actor, "id", None)))
    db.session.flush()
    record("followup.update", item, actor=actor, briefing=briefing,
           changes={"status": [old_status.value, new_status.value], "note": bool(note),
                    "by": "owner" if actor is None else "staff", "update_id": update.id})
    db.session.commit()
    return update


# ---------------------------------------------------------------- e-mails and reminders

def owner_link(follow_up: FollowUp) -> str:
    return public_url(f"/f/{follow_up.token}")


def _mail_owner(follow_up: FollowUp, item: Item, briefing: Briefing, reason: str) -> None:
    """Write an e-mail to the owner in their language (the caller commits)."""
    due = due_of(item, follow_up)
    context = {"briefing": briefing, "reason": reason, "owner_name": follow_up.owner_name,
               "title": " ".join(title_of(item).split())[:200], "link": owner_link(follow_up)}
    current_app.update_template_context(context)
    with force_locale(follow_up.owner_language or "en"):
        context.update(
            kind_label=str(_l("Action item") if kind_of(item) == ACTION else _l("Pledge")),
            status_label=record_label(item.status),
            due_text=format_day(datetime(due.year, due.month, due.day, 12, tzinfo=briefing.zone),
                                briefing.zone) if due else "")
        module = current_app.jinja_env.get_template("email/followup_reminder.txt") \
            .make_module(context)
        body, subject = str(module), str(getattr(module, "subject", "")).strip()
    enqueue(to=follow_up.owner_email, subject=subject or briefing.title,
            body=body.strip() + "\n", kind=f"followup_{reason}", briefing_id=briefing.id)


def reminder_days() -> int:
    return int(current_app.config.get("FOLLOWUP_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def reminder_due(follow_up: FollowUp, item: Item, today: date, days: int) -> str | None:
    """Which reminder this item needs today: "overdue", "upcoming" or None."""
    due = due_of(item, follow_up)
    if (not follow_up.has_owner or due is None or item.status in CLOSED
            or follow_up.reminded_on == today):
        return None
    if due < today:
        last = follow_up.overdue_reminded_on
        return "overdue" if last is None or today - last >= OVERDUE_EVERY else None
    if (due - today).days <= days and follow_up.upcoming_reminded_for != due:
        return "upcoming"
    return None


def _reminder_candidates(now: datetime, days: int) -> sa.Select:
    """Owned, unfinished items due by the end of the "due soon" window (a day's slack for zones)."""
    horizon = (now + timedelta(days=days + 1)).date()
    return (
        sa.select(FollowUp)
        .outerjoin(ActionItem, FollowUp.action_item_id == ActionItem.id)
        .outerjoin(Pledge, FollowUp.pledge_id == Pledge.id)
        .where(FollowUp.owner_email != "", sa.or_(
            sa.and_(ActionItem.status.not_in([s for s in ActionStatus if s in CLOSED]),
                    ActionItem.due <= horizon),
            sa.and_(Pledge.status.not_in([s for s in PledgeStatus if s in CLOSED]),
                    FollowUp.due <= horizon)))
        .options(contains_eager(FollowUp.action_item).joinedload(ActionItem.document)
                 .joinedload(OutcomeDocument.briefing),
                 contains_eager(FollowUp.pledge))
        .order_by(FollowUp.id))


def queue_reminders(now: datetime | None = None) -> int:
    """Write the owners' reminders that fall due into the outbox; returns how many.

    Called by the ``send-mail`` command. Each reminder is claimed by setting
    ``reminded_on`` to the briefing's local date with a conditional update,
    in the transaction that writes its e-mail.
    """
    now = now or utcnow()
    days = reminder_days()
    candidates = db.session.scalars(_reminder_candidates(now, days)).unique().all()
    work = []
    for follow_up in candidates:
        item = subject_of(follow_up)
        briefing = briefing_of(item)
        today = local_today(briefing, now)
        reason = reminder_due(follow_up, item, today, days)
        if reason:
            work.append((follow_up.id, reason, today))
    db.session.commit()
    sent = 0
    for follow_up_id, reason, today in work:
        claimed = db.session.execute(
            sa.update(FollowUp)
            .where(FollowUp.id == follow_up_id,
                   sa.or_(FollowUp.reminded_on.is_(None), FollowUp.reminded_on != today))
            .values(reminded_on=today)).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        follow_up = db.session.get(FollowUp, follow_up_id, populate_existing=True)
        item = subject_of(follow_up)
        if reason == "overdue":
            follow_up.overdue_reminded_on = today
        else:
            follow_up.upcoming_reminded_for = due_of(item, follow_up)
        _mail_owner(follow_up, item, briefing_of(item), reason)
        db.session.commit()
        sent += 1
    return sent
