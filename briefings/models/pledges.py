"""Pledges made at or after a briefing, tagged to GCM objectives, with progress updates."""
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .reference import GCMObjective, StakeholderGroup


class PledgeType(StrEnum):
    FINANCIAL = "financial"
    HUMAN_RESOURCE = "human_resource"
    PROCESS = "process_oriented"
    POLICY = "policy_oriented"


class PledgeStatus(StrEnum):
    ANNOUNCED = "announced"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"
    WITHDRAWN = "withdrawn"


pledge_objective = db.Table(
    "pledge_objective",
    db.Column("pledge_id", db.ForeignKey("pledge.id", ondelete="CASCADE"), primary_key=True),
    db.Column("objective_number", db.ForeignKey("gcm_objective.number"), primary_key=True),
)


class Pledge(db.Model):
    """A commitment by a State or stakeholder towards the GCM's implementation."""

    __tablename__ = "pledge"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), index=True
    )
    entity: Mapped[str] = mapped_column(db.String(200))
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="SET NULL"), index=True
    )
    country: Mapped[str] = mapped_column(db.String(2), default="")
    type: Mapped[PledgeType] = mapped_column(enum_column(PledgeType, "pledge_type"))
    title: Mapped[str] = mapped_column(db.String(300))
    description: Mapped[str] = mapped_column(db.Text, default="")
    partners: Mapped[str] = mapped_column(db.Text, default="")
    amount_usd: Mapped[Decimal | None] = mapped_column(db.Numeric(14, 2))
    status: Mapped[PledgeStatus] = mapped_column(
        enum_column(PledgeStatus, "pledge_status"), default=PledgeStatus.ANNOUNCED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    stakeholder_group: Mapped["StakeholderGroup | None"] = relationship()
    objectives: Mapped[list["GCMObjective"]] = relationship(
        secondary=pledge_objective, order_by="GCMObjective.number"
    )
    updates: Mapped[list["PledgeUpdate"]] = relationship(
        back_populates="pledge", cascade="all, delete-orphan", order_by="PledgeUpdate.on"
    )


class PledgeUpdate(db.Model):
    """A dated note on a pledge's progress."""

    __tablename__ = "pledge_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(db.ForeignKey("pledge.id", ondelete="CASCADE"),
                                           index=True)
    on: Mapped[date] = mapped_column(db.Date)
    status: Mapped[PledgeStatus] = mapped_column(enum_column(PledgeStatus, "pledge_update_status"))
    note: Mapped[str] = mapped_column(db.Text, default="")
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))

    pledge: Mapped[Pledge] = relationship(back_populates="updates")
