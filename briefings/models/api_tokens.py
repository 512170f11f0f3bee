"""Personal API tokens: a staff user's key to the staff API of one briefing."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from .briefings import Briefing
    from .users import User


class ApiScope(StrEnum):
    """What a token may do; a token holds one or more."""

    READ_REGISTRATIONS = "registrations:read"
    WRITE_REGISTRATIONS = "registrations:write"
    CHECK_IN = "checkin"


class ApiToken(db.Model):
    """A bearer token made by an organizer for one briefing, stored as a SHA-256 hash.

    The secret itself is shown once, when the token is made; ``prefix`` (its
    first characters) lets people tell their tokens apart afterwards. A token
    acts as its creator and stops working when revoked, when it expires, or
    when its creator may no longer manage the briefing.
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(db.ForeignKey("user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(db.String(100))
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(db.String(16))
    # Space-separated ApiScope values, as in OAuth's "scope" parameter.
    scopes: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("user.id", ondelete="SET NULL")
    )

    briefing: Mapped["Briefing"] = relationship()
    user: Mapped["User"] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped["User | None"] = relationship(foreign_keys=[revoked_by_id])

    @property
    def scope_set(self) -> set[ApiScope]:
        known = ApiScope._value2member_map_
        return {ApiScope(value) for value in self.scopes.split() if value in known}

    def is_active(self, now: datetime | None = None) -> bool:
        """True unless revoked or expired."""
        now = now or utcnow()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or now < self.expires_at

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.prefix}>"
