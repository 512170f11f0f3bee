"""The organizer's actions on registrations: one at a time, in bulk, and resending e-mails.

The rules stay in ``services.registrations``: these functions choose the
target status and let ``change_status`` decide (capacity, waiting list,
e-mails, history).
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..database import lock_for_update
from ..extensions import db
from ..labels import enum_label
from ..models import Briefing, OutboxMessage, Registration, RegistrationStatus as RS
from . import outbox
from .audit import record
from .registrations import STATUS_MAIL, TRANSITIONS, RegistrationError, change_status

# The status each button asks for and, for the two that both confirm, the only
# status it starts from: approve a pending registration, promote a waitlisted one.
ACTIONS: dict[str, tuple[RS, RS | None]] = {
    "approve": (RS.CONFIRMED, RS.PENDING),
    "promote": (RS.CONFIRMED, RS.WAITLISTED),
    "decline": (RS.DECLINED, None),
    "cancel": (RS.CANCELLED, None),
}

_REFUSALS = {
    "approve": _l("Only a pending registration can be approved (this one: %(status)s)."),
    "promote": _l("Only a waitlisted registration can be promoted (this one: %(status)s)."),
    "decline": _l("A registration that is %(status)s cannot be declined."),
    "cancel": _l("A registration that is %(status)s cannot be cancelled."),
}


@dataclass
class BulkResult:
    """What a bulk action did: the registrations it changed, and those it refused with why."""

    changed: list[Registration] = field(default_factory=list)
    refused: list[tuple[Registration, str]] = field(default_factory=list)


def allowed_actions(status: RS) -> list[str]:
    """The actions that apply to a registration in ``status``, in button order."""
    return [name for name, (target, only) in ACTIONS.items()
            if target in TRANSITIONS[status] and (only is None or only == status)]


def apply_action(registration_id: int, action: str, *, actor=None,
                 reason: str = "") -> Registration:
    """Approve, promote, decline or cancel one registration, in one transaction.

    Approving past capacity puts the person on the waiting list; promoting
    past capacity is refused by the registration service with its message.
    """
    if action not in ACTIONS:
        raise RegistrationError(_l("Unknown action."))
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise RegistrationError(_l("This registration does not exist."))
    if action not in allowed_actions(registration.status):
        raise RegistrationError(
            str(_REFUSALS[action]) % {"status": enum_label(registration.status)})
    return change_status(registration_id, ACTIONS[action][0], actor=actor, reason=reason)


def apply_bulk(briefing_id: int, registration_ids: list[int], action: str, *, actor=None,
               reason: str = "") -> BulkResult:
    """Apply one action to many registrations of a briefing, oldest first, each on its own.

    A refusal does not stop the others; ids from other briefings are ignored.
    """
    if action not in ACTIONS:
        raise RegistrationError(_l("Unknown action."))
    ids = db.session.scalars(
        sa.select(Registration.id)
        .where(Registration.briefing_id == briefing_id, Registration.id.in_(registration_ids))
        .order_by(Registration.created_at, Registration.id)
    ).all()
    result = BulkResult()
    for registration_id in ids:
        try:
            result.changed.append(apply_action(registration_id, action, actor=actor,
                                               reason=reason))
        except RegistrationError as refusal:
            db.session.rollback()
            result.refused.append((db.session.get(Registration, registration_id), str(refusal)))
    return result


def resend_status_mail(registration_id: int, *, actor=None) -> OutboxMessage:
    """Write again the e-mail that matches the registration's status, as a new outbox message."""
    briefing_id = db.session.scalar(
        sa.select(Registration.briefing_id).where(Registration.id == registration_id))
    if briefing_id is None:
        raise RegistrationError(_l("This registration does not exist."))
    # Under the briefing lock, the status read is the one the e-mail is about.
    lock_for_update(Briefing, briefing_id)
    registration = db.session.get(Registration, registration_id, populate_existing=True)
    kind = STATUS_MAIL[registration.status]
    message = outbox.enqueue_registration_mail(registration, kind)
    record("registration.resend", registration, actor=actor, changes={"kind": kind})
    db.session.commit()
    return message
