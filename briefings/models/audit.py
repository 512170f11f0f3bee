"""The audit log and the e-mail outbox."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .users import User


class AuditEvent(db.Model):
    """Who did what to which record, with the fields that changed (never personal data)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    briefing_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(db.String(60))
    object_type: Mapped[str] = mapped_column(db.String(60))
    object_id: Mapped[int | None] = mapped_column()
    changes: Mapped[dict] = mapped_column(db.JSON, default=dict)

    user: Mapped["User | None"] = relationship()

    __table_args__ = (db.Index("ix_audit_event_briefing_at", "briefing_id", "at"),)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(db.Model):
    """An e-mail written in the transaction that caused it, delivered later by the sender."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    briefing_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="SET NULL")
    )
    registration_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("registration.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(db.String(40))
    to_address: Mapped[str] = mapped_column(db.String(254))
    subject: Mapped[str] = mapped_column(db.String(300))
    body_text: Mapped[str] = mapped_column(db.Text)
    body_html: Mapped[str] = mapped_column(db.Text, default="")
    attachments: Mapped[list] = mapped_column(db.JSON, default=list)
    message_id: Mapped[str] = mapped_column(db.String(200), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(db.String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        db.Index("ix_outbox_due", "status", "next_attempt_at"),
        db.Index("ix_outbox_message_registration", "registration_id"),  # a registration's mails
    )
