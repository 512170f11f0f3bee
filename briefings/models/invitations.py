"""Outreach: invitations, messages to participants, change notices and the pre-briefing reminder."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .audit import OutboxMessage
    from .briefings import Briefing, BriefingSession
    from .reference import StakeholderGroup
    from .registrations import Registration
    from .users import User


class InvitationStatus(StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    DECLINED = "declined"


class MessageKind(StrEnum):
    MESSAGE = "message"  # written by an organizer for chosen participants
    SESSION_CHANGE = "session_change"  # a session's time or room changed
    REMINDER = "reminder"  # the briefing is near


class Invitation(db.Model):
    """A person invited to a briefing; their personal link lets them register or decline."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(db.String(200))
    email: Mapped[str] = mapped_column(db.String(254))
    # Lower-cased e-mail: one invitation per address and briefing.
    email_key: Mapped[str] = mapped_column(db.String(254))
    organization: Mapped[str] = mapped_column(db.String(200), default="")
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="SET NULL")
    )
    # The invitee's language when known, else empty (the briefing's first language is used).
    language: Mapped[str] = mapped_column(db.String(5), default="")
    token: Mapped[str] = mapped_column(db.String(64), unique=True)
    status: Mapped[InvitationStatus] = mapped_column(
        enum_column(InvitationStatus, "invitation_status"), default=InvitationStatus.INVITED
    )
    registration_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("registration.id", ondelete="SET NULL")
    )
    invited_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    briefing: Mapped["Briefing"] = relationship()
    stakeholder_group: Mapped["StakeholderGroup | None"] = relationship()

    __table_args__ = (
        db.UniqueConstraint("briefing_id", "email_key"),
        db.Index("ix_invitation_briefing_status", "briefing_id", "status"),
    )

    def __repr__(self) -> str:
        return f"<Invitation {self.id} {self.status}>"


class MessageBatch(db.Model):
    """One e-mail sent to many registrants at once: what, when, by whom and to whom."""

    __tablename__ = "message_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    kind: Mapped[MessageKind] = mapped_column(enum_column(MessageKind, "message_kind"))
    subject: Mapped[str] = mapped_column(db.String(300))
    # The text as written, placeholders included (each recipient got it filled in).
    body: Mapped[str] = mapped_column(db.Text, default="")
    # Who it was meant for: the filters chosen (ids and status values only).
    audience: Mapped[dict] = mapped_column(db.JSON, default=dict)
    recipient_count: Mapped[int] = mapped_column(default=0)
    sent_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sent_by: Mapped["User | None"] = relationship()

    __table_args__ = (db.Index("ix_message_batch_briefing_created", "briefing_id", "created_at"),)


class MessageRecipient(db.Model):
    """One recipient of a batch, tied to the outbox row that carries their copy."""

    __tablename__ = "message_recipient"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        db.ForeignKey("message_batch.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("registration.id", ondelete="SET NULL")
    )
    # The outbox row's Message-ID: known before the row is written, so rows go in bulk.
    outbox_message_id: Mapped[str | None] = mapped_column(
        db.ForeignKey("outbox_message.message_id", ondelete="SET NULL"), index=True
    )

    registration: Mapped["Registration | None"] = relationship()
    outbox: Mapped["OutboxMessage | None"] = relationship()


class SessionChangeNotice(db.Model):
    """A session's time or room changed; its registrants have not been told yet (or have)."""

    __tablename__ = "session_change_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE"), index=True
    )
    old_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_room: Mapped[str] = mapped_column(db.String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("user.id", ondelete="SET NULL")
    )
    # Set when the notice went out (batch_id) or the organizer chose not to send it.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    batch_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("message_batch.id", ondelete="SET NULL")
    )

    session: Mapped["BriefingSession"] = relationship()


class BriefingReminder(db.Model):
    """The e-mail to confirmed registrants ``lead_hours`` before the briefing starts (once)."""

    __tablename__ = "briefing_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), unique=True
    )
    lead_hours: Mapped[int] = mapped_column(default=24)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    batch_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("message_batch.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    briefing: Mapped["Briefing"] = relationship()

    __table_args__ = (db.CheckConstraint("lead_hours BETWEEN 1 AND 720", name="lead_range"),)
