"""Follow-up of a briefing's action items and pledges: owners, due dates, reminders, updates.

An outcome's action item or a pledge gets at most one ``FollowUp``: who owns
it (name, e-mail, language), the private link through which they report
progress without an account, a due date for pledges (action items have their
own), and what reminders have gone out.
"""
from datetime import date, datetime
import secrets
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .outcomes import ActionItem
    from .pledges import Pledge


def new_owner_token() -> str:
    """A fresh secret for an owner's private link."""
    return secrets.token_urlsafe(24)


class FollowUp(db.Model):
    """The owner and reminders of one action item or one pledge (exactly one of the two)."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("action_item.id", ondelete="CASCADE"), unique=True)
    pledge_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("pledge.id", ondelete="CASCADE"), unique=True)
    owner_name: Mapped[str] = mapped_column(db.String(200), default="")
    owner_email: Mapped[str] = mapped_column(db.String(254), default="")
    owner_language: Mapped[str] = mapped_column(db.String(5), default="en")
    # A new owner (another e-mail) gets a new token: the old link stops working.
    token: Mapped[str] = mapped_column(db.String(64), unique=True, default=new_owner_token)
    # Pledges only: action items keep their due date on ActionItem.due.
    due: Mapped[date | None] = mapped_column(db.Date)
    # The last day any reminder went out: never two on one day.
    reminded_on: Mapped[date | None] = mapped_column(db.Date)
    # The due date whose "due soon" reminder has gone (a new due date earns a new one).
    upcoming_reminded_for: Mapped[date | None] = mapped_column(db.Date)
    overdue_reminded_on: Mapped[date | None] = mapped_column(db.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    action_item: Mapped["ActionItem | None"] = relationship()
    pledge: Mapped["Pledge | None"] = relationship()
    updates: Mapped[list["FollowUpUpdate"]] = relationship(
        back_populates="follow_up", cascade="all, delete-orphan",
        order_by="FollowUpUpdate.at.desc()")

    __table_args__ = (
        db.CheckConstraint(
            "(action_item_id IS NULL AND pledge_id IS NOT NULL)"
            " OR (action_item_id IS NOT NULL AND pledge_id IS NULL)",
            name="one_subject"),
    )

    @property
    def has_owner(self) -> bool:
        return bool(self.owner_email)


class FollowUpUpdate(db.Model):
    """A status reported for an item, with a short note: by its owner or by staff."""

    __tablename__ = "follow_up_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(
        db.ForeignKey("follow_up.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An ActionStatus or a PledgeStatus value, after the update.
    status: Mapped[str] = mapped_column(db.String(20))
    note: Mapped[str] = mapped_column(db.Text, default="")
    by_owner: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))

    follow_up: Mapped[FollowUp] = relationship(back_populates="updates")
