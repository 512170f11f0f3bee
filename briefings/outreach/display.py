"""Names shown on the outreach pages: invitation states, message kinds, delivery states."""
from flask_babel import lazy_gettext as _l

from ..models import InvitationStatus, MessageKind, OutboxStatus
from . import bp

INVITATION_LABELS = {
    InvitationStatus.INVITED: _l("Invited"),
    InvitationStatus.REGISTERED: _l("Registered"),
    InvitationStatus.DECLINED: _l("Declined"),
}

KIND_LABELS = {
    MessageKind.MESSAGE: _l("Message"),
    MessageKind.SESSION_CHANGE: _l("Session change notice"),
    MessageKind.REMINDER: _l("Reminder before the briefing"),
}

DELIVERY_LABELS = {
    OutboxStatus.PENDING: _l("Waiting to be sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Failed"),
}


@bp.context_processor
def _display_helpers():
    return {
        "invitation_label": lambda status: str(INVITATION_LABELS.get(status, status)),
        "kind_label": lambda kind: str(KIND_LABELS.get(kind, kind)),
        "delivery_label": lambda status: str(DELIVERY_LABELS.get(status, status or "")),
    }
