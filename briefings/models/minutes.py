"""What was said in a session: the speakers list and the minutes with their revisions."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .briefings import BriefingSession
    from .reference import StakeholderGroup
    from .users import User


class Intervention(db.Model):
    """One entry on a session's speakers list."""

    __tablename__ = "intervention"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE")
    )
    registration_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("registration.id", ondelete="SET NULL")
    )
    speaker_name: Mapped[str] = mapped_column(db.String(200))
    organization: Mapped[str] = mapped_column(db.String(200), default="")
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    protocol_rank: Mapped[int | None] = mapped_column()
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(db.Text, default="")

    session: Mapped["BriefingSession"] = relationship()
    stakeholder_group: Mapped["StakeholderGroup | None"] = relationship()

    __table_args__ = (
        db.Index("ix_intervention_session_position", "session_id", "position"),
        db.CheckConstraint("ended_at IS NULL OR started_at IS NOT NULL", name="started_first"),
    )


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"


class Minutes(db.Model):
    """The minutes of one session; ``version`` is the number of its latest revision."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE"), unique=True
    )
    body: Mapped[str] = mapped_column(db.Text, default="")
    rapporteur_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("user.id", ondelete="SET NULL")
    )
    status: Mapped[MinutesStatus] = mapped_column(
        enum_column(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT
    )
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    session: Mapped["BriefingSession"] = relationship()
    rapporteur: Mapped["User | None"] = relationship()
    revisions: Mapped[list["MinutesRevision"]] = relationship(
        back_populates="minutes", cascade="all, delete-orphan",
        order_by="MinutesRevision.version",
    )


class MinutesRevision(db.Model):
    """One saved state of a session's minutes."""

    __tablename__ = "minutes_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(db.ForeignKey("minutes.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    body: Mapped[str] = mapped_column(db.Text)
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(db.String(300), default="")

    minutes: Mapped[Minutes] = relationship(back_populates="revisions")
    author: Mapped["User | None"] = relationship()

    __table_args__ = (db.UniqueConstraint("minutes_id", "version"),)
