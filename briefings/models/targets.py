"""The stakeholder balance an organizer aims for: a target share of registrations per group."""
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

if TYPE_CHECKING:
    from .reference import StakeholderGroup


class GroupTarget(db.Model):
    """The share (percent) of a briefing's registrations that one stakeholder group should hold."""

    __tablename__ = "group_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    stakeholder_group_id: Mapped[int] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="CASCADE"), index=True
    )
    percent: Mapped[int] = mapped_column()

    stakeholder_group: Mapped["StakeholderGroup"] = relationship()

    __table_args__ = (
        db.UniqueConstraint("briefing_id", "stakeholder_group_id"),
        db.CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
    )

    def __repr__(self) -> str:
        return f"<GroupTarget {self.briefing_id}/{self.stakeholder_group_id} {self.percent}%>"
