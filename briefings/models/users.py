"""Staff accounts and their per-briefing roles."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .briefings import Briefing


class Role(StrEnum):
    """What a member may do in one briefing."""

    ORGANIZER = "organizer"
    SECRETARIAT = "secretariat"


class User(UserMixin, db.Model):
    """A staff account: organizer, secretariat or admin. Participants have none."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(db.String(254), unique=True)
    name: Mapped[str] = mapped_column(db.String(200))
    password_hash: Mapped[str] = mapped_column(db.String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie: raising it ends every session of this user.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def role_in(self, briefing_id: int) -> Role | None:
        """This user's role in a briefing, or None."""
        for m in self.memberships:
            if m.briefing_id == briefing_id:
                return m.role
        return None

    def __repr__(self) -> str:
        return f"<User {self.id}>"


class Membership(db.Model):
    """A user's role (organizer or secretariat) in one briefing."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(db.ForeignKey("user.id", ondelete="CASCADE"))
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, "membership_role"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    briefing: Mapped["Briefing"] = relationship(back_populates="memberships")

    __table_args__ = (db.UniqueConstraint("user_id", "briefing_id"),)
