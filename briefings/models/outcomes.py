"""Outcome documents, their translations, revisions and action items."""
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .briefings import Briefing
    from .reference import GCMObjective
    from .users import User


class OutcomeKind(StrEnum):
    CHAIRS_SUMMARY = "chairs_summary"
    KEY_MESSAGES = "key_messages"
    RECOMMENDATIONS = "recommendations"
    DECLARATION = "declaration"
    ACTION_PLAN = "action_plan"


class OutcomeStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


outcome_objective = db.Table(
    "outcome_objective",
    db.Column("document_id", db.ForeignKey("outcome_document.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("objective_number", db.ForeignKey("gcm_objective.number"), primary_key=True),
)


class OutcomeDocument(db.Model):
    """A chair's summary, key messages, recommendations, declaration or action plan.

    Translations of one document share ``translation_key``; there is at most
    one document per language under a key.
    """

    __tablename__ = "outcome_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[OutcomeKind] = mapped_column(enum_column(OutcomeKind, "outcome_kind"))
    title: Mapped[str] = mapped_column(db.String(300))
    slug: Mapped[str] = mapped_column(db.String(120))
    body: Mapped[str] = mapped_column(db.Text, default="")
    language: Mapped[str] = mapped_column(db.String(5), default="en")
    translation_key: Mapped[str] = mapped_column(db.String(36))
    status: Mapped[OutcomeStatus] = mapped_column(
        enum_column(OutcomeStatus, "outcome_status"), default=OutcomeStatus.DRAFT
    )
    version: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    briefing: Mapped["Briefing"] = relationship()
    objectives: Mapped[list["GCMObjective"]] = relationship(
        secondary=outcome_objective, order_by="GCMObjective.number"
    )
    revisions: Mapped[list["OutcomeRevision"]] = relationship(
        back_populates="document", cascade="all, delete-orphan",
        order_by="OutcomeRevision.version",
    )
    action_items: Mapped[list["ActionItem"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ActionItem.id"
    )

    __table_args__ = (
        db.UniqueConstraint("briefing_id", "slug", "language"),
        db.UniqueConstraint("translation_key", "language"),
    )


class OutcomeRevision(db.Model):
    """One saved state of an outcome document."""

    __tablename__ = "outcome_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        db.ForeignKey("outcome_document.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(db.String(300))
    body: Mapped[str] = mapped_column(db.Text)
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[OutcomeDocument] = relationship(back_populates="revisions")
    author: Mapped["User | None"] = relationship()

    __table_args__ = (db.UniqueConstraint("document_id", "version"),)


class ActionItem(db.Model):
    """Something an outcome document asks someone to do by a date."""

    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        db.ForeignKey("outcome_document.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(db.Text)
    who: Mapped[str] = mapped_column(db.String(200), default="")
    due: Mapped[date | None] = mapped_column(db.Date)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )

    document: Mapped[OutcomeDocument] = relationship(back_populates="action_items")
