"""Writes audit events inside the caller's transaction."""
from ..extensions import db
from ..models import AuditEvent


def record(action: str, obj, *, actor=None, briefing=None, changes: dict | None = None) -> AuditEvent:
    """Add an audit event for ``action`` on ``obj``; the caller commits.

    ``changes`` names the fields that changed with non-personal values only:
    callers pass ``True`` for a changed field whose value is personal data.
    """
    if briefing is None and obj.__class__.__name__ == "Briefing":
        briefing = obj
    elif briefing is None:
        briefing = getattr(obj, "briefing", None)
    event = AuditEvent(
        user_id=getattr(actor, "id", None),
        briefing_id=getattr(briefing, "id", None),
        action=action,
        object_type=obj.__class__.__name__,
        object_id=getattr(obj, "id", None),
        changes=changes or {},
    )
    db.session.add(event)
    return event
