"""Participants' registrations, their chosen sessions and their status history."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .briefings import AttendanceMode
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .briefings import Briefing, BriefingSession
    from .reference import StakeholderGroup
    from .users import User


class RegistrationStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    UNDISCLOSED = "undisclosed"


class SeatStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    RELEASED = "released"  # the registration was cancelled or declined


class SystemReason(StrEnum):
    """Why the application itself moved a registration; shown in the reader's language."""

    REGISTERED_ONLINE = "registered-online"
    PROMOTED = "promoted-from-waiting-list"
    CANCELLED_BY_REGISTRANT = "cancelled-by-registrant"
    ERASED = "erased-on-request"
    MODE_WITH_ROOM = "moved-to-mode-with-room"


# A system reason is stored in ``StatusChange.reason`` as this prefix and its code; anything
# else there was typed by a person and is shown as typed.
SYSTEM_REASON_PREFIX = "system:"

# What earlier versions wrote, in English, before the codes: still shown translated.
LEGACY_REASONS = {
    "registered online": SystemReason.REGISTERED_ONLINE,
    "promoted from the waiting list": SystemReason.PROMOTED,
    "cancelled by the registrant": SystemReason.CANCELLED_BY_REGISTRANT,
    "Cancelled by the participant": SystemReason.CANCELLED_BY_REGISTRANT,  # the demo's
    "erased at the registrant's request": SystemReason.ERASED,
    "moved to an attendance mode with room": SystemReason.MODE_WITH_ROOM,
}


def stored_reason(reason: str | SystemReason) -> str:
    """What ``StatusChange.reason`` holds for ``reason``: a system code, or the typed text."""
    if isinstance(reason, SystemReason):
        return SYSTEM_REASON_PREFIX + reason.value
    if reason.startswith(SYSTEM_REASON_PREFIX):  # typed text never passes for a system code
        reason = " " + reason
    return reason[:300]


class Registration(db.Model):
    """One person's registration for a briefing; the person holds it through a secret link."""

    __tablename__ = "registration"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(db.String(200))
    email: Mapped[str] = mapped_column(db.String(254))
    # Lower-cased e-mail: one registration per address and briefing.
    email_key: Mapped[str] = mapped_column(db.String(254))
    organization: Mapped[str] = mapped_column(db.String(200), default="")
    position: Mapped[str] = mapped_column(db.String(200), default="")
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="SET NULL"), index=True
    )
    country: Mapped[str] = mapped_column(db.String(2), default="")
    gender: Mapped[Gender | None] = mapped_column(enum_column(Gender, "gender"))
    language: Mapped[str] = mapped_column(db.String(5), default="en")
    accessibility_needs: Mapped[str] = mapped_column(db.Text, default="")
    list_consent: Mapped[bool] = mapped_column(default=False)
    # In the room or through the meeting link; chosen where the briefing is hybrid.
    attendance_mode: Mapped[AttendanceMode] = mapped_column(
        enum_column(AttendanceMode, "attendance_mode"), default=AttendanceMode.IN_PERSON,
        server_default=AttendanceMode.IN_PERSON.value,
    )
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "registration_status"),
        default=RegistrationStatus.PENDING,
    )
    token: Mapped[str] = mapped_column(db.String(64), unique=True)
    ticket_code: Mapped[str] = mapped_column(db.String(16))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the personal fields were erased (by the person, or at the end of retention).
    anonymized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    briefing: Mapped["Briefing"] = relationship()
    stakeholder_group: Mapped["StakeholderGroup | None"] = relationship()
    seats: Mapped[list["SessionSeat"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan"
    )
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="registration", cascade="all, delete-orphan",
        order_by="StatusChange.at",
    )

    __table_args__ = (
        db.UniqueConstraint("briefing_id", "email_key"),
        db.UniqueConstraint("briefing_id", "ticket_code"),
        db.Index("ix_registration_briefing_status", "briefing_id", "status", "created_at"),
        # Counts by status, group, country and gender (dashboard, check-in desk, the list's
        # country choices) read from this index alone, not from 10,000 rows
        # (benchmarks/README.md).
        db.Index("ix_registration_briefing_profile", "briefing_id", "status",
                 "stakeholder_group_id", "country", "gender", "checked_in_at"),
        # Places taken per attendance mode (every registration checks them under the lock).
        db.Index("ix_registration_briefing_mode", "briefing_id", "status", "attendance_mode"),
        # The countries in use, read by skipping from one code to the next (the list's filter).
        db.Index("ix_registration_briefing_country", "briefing_id", "country"),
    )

    def __repr__(self) -> str:
        return f"<Registration {self.id} {self.status}>"


class SessionSeat(db.Model):
    """A registrant's place in one session: confirmed, or waiting for a seat."""

    __tablename__ = "session_seat"

    registration_id: Mapped[int] = mapped_column(
        db.ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[SeatStatus] = mapped_column(
        enum_column(SeatStatus, "seat_status"), default=SeatStatus.CONFIRMED
    )
    # Which of the session's capacities the seat counts against.
    mode: Mapped[AttendanceMode] = mapped_column(
        enum_column(AttendanceMode, "seat_mode"), default=AttendanceMode.IN_PERSON,
        server_default=AttendanceMode.IN_PERSON.value,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    registration: Mapped[Registration] = relationship(back_populates="seats")
    session: Mapped["BriefingSession"] = relationship()

    __table_args__ = (db.Index("ix_session_seat_session_status_mode", "session_id", "status",
                               "mode"),)


class StatusChange(db.Model):
    """One step in a registration's life: from, to, when, by whom and why."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        db.ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[RegistrationStatus | None] = mapped_column(
        enum_column(RegistrationStatus, "status_change_from")
    )
    to_status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus, "status_change_to")
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(db.ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(db.String(300), default="")

    registration: Mapped[Registration] = relationship(back_populates="history")
    user: Mapped["User | None"] = relationship()

    @property
    def system_reason(self) -> SystemReason | None:
        """The reason's code when the application wrote it, else None (a person typed it)."""
        text = self.reason or ""
        if text.startswith(SYSTEM_REASON_PREFIX):
            try:
                return SystemReason(text.removeprefix(SYSTEM_REASON_PREFIX))
            except ValueError:
                return None
        return LEGACY_REASONS.get(text)
