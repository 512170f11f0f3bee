"""Briefings, their sessions and the people who chair, speak at or report on them."""
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .reference import GCMObjective, StakeholderGroup
    from .users import Membership


class BriefingStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CONCLUDED = "concluded"
    ARCHIVED = "archived"


class ParticipantListVisibility(StrEnum):
    HIDDEN = "hidden"
    PUBLIC = "public"


class SessionKind(StrEnum):
    OPENING = "opening"
    PLENARY = "plenary"
    ROUND_TABLE = "round_table"
    POLICY_DEBATE = "policy_debate"
    HEARING = "hearing"
    PANEL = "panel"
    SIDE_EVENT = "side_event"
    CLOSING = "closing"


class SessionFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class AttendanceMode(StrEnum):
    """How one registrant attends: in the room, or through the meeting link."""

    IN_PERSON = "in_person"
    ONLINE = "online"


class PersonRole(StrEnum):
    CHAIR = "chair"
    MODERATOR = "moderator"
    SPEAKER = "speaker"
    RAPPORTEUR = "rapporteur"


session_objective = db.Table(
    "session_objective",
    db.Column("session_id", db.ForeignKey("briefing_session.id", ondelete="CASCADE"),
              primary_key=True),
    db.Column("objective_number", db.ForeignKey("gcm_objective.number"), primary_key=True),
)


def shown_text(main: str, translated: str | None, language: str | None,
               languages: list[str]) -> tuple[str, str]:
    """The text a reader of ``language`` sees, and its language: the translation if the
    briefing offers ``language`` besides its main one (``languages[0]``) and it is filled
    in, else the main language's text."""
    main_language = languages[0] if languages else "en"
    if language and language != main_language and language in languages:
        if translated and translated.strip():
            return translated, language
    return main or "", main_language


class Translatable:
    """Texts kept in a main language and, in ``translations``, in the other languages offered.

    A text asked for in a language the briefing does not offer (any longer), or
    left blank in that language, is the main language's. Translations of a
    language no longer offered stay stored: offering it again shows them again.
    """

    def translation(self, language: str):
        """The stored translation into ``language``, or None."""
        return next((t for t in self.translations if t.language == language), None)

    def text_in(self, name: str, language: str | None) -> tuple[str, str]:
        """The text ``name`` in ``language`` if offered and filled in, else the main one's.

        Returns the text with the language it is written in.
        """
        offered = self.offered_languages
        translated = None
        if language and language != self.main_language and language in offered:
            translated = getattr(self.translation(language), name, None)
        return shown_text(getattr(self, name), translated, language, offered)


class Briefing(Translatable, db.Model):
    """A briefing: the event that sessions, registrations and outcomes belong to."""

    __tablename__ = "briefing"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(80), unique=True)
    title: Mapped[str] = mapped_column(db.String(200))
    summary: Mapped[str] = mapped_column(db.Text, default="")
    partners: Mapped[str] = mapped_column(db.Text, default="")
    venue: Mapped[str] = mapped_column(db.String(200), default="")
    city: Mapped[str] = mapped_column(db.String(120), default="")
    timezone: Mapped[str] = mapped_column(db.String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    languages: Mapped[str] = mapped_column(db.String(20), default="en")
    status: Mapped[BriefingStatus] = mapped_column(
        enum_column(BriefingStatus, "briefing_status"), default=BriefingStatus.DRAFT, index=True
    )
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int | None] = mapped_column()
    approval_required: Mapped[bool] = mapped_column(default=False)
    invite_only: Mapped[bool] = mapped_column(default=False)
    participant_list: Mapped[ParticipantListVisibility] = mapped_column(
        enum_column(ParticipantListVisibility, "participant_list_visibility"),
        default=ParticipantListVisibility.HIDDEN,
    )
    # Days after the briefing's end when registrations are anonymized (purge-expired);
    # None keeps them until an organizer sets a period (the settings form offers 365).
    retention_days: Mapped[int | None] = mapped_column()
    # In person, online or hybrid; ``capacity`` counts seats in the room and
    # ``online_capacity`` seats through the meeting link (None: no limit).
    format: Mapped[SessionFormat] = mapped_column(
        enum_column(SessionFormat, "briefing_format"), default=SessionFormat.IN_PERSON,
        server_default=SessionFormat.IN_PERSON.value,
    )
    meeting_link: Mapped[str] = mapped_column(db.String(500), default="", server_default="")
    dial_in: Mapped[str] = mapped_column(db.Text, default="", server_default="")
    online_capacity: Mapped[int | None] = mapped_column()
    # The earlier briefing this one follows up: its action items and pledges roll up here.
    follows_briefing_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sessions: Mapped[list["BriefingSession"]] = relationship(
        back_populates="briefing",
        cascade="all, delete-orphan",
        order_by="(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)",
    )
    people: Mapped[list["Person"]] = relationship(
        back_populates="briefing", cascade="all, delete-orphan", order_by="Person.name"
    )
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="briefing", cascade="all, delete-orphan"
    )
    translations: Mapped[list["BriefingTranslation"]] = relationship(
        back_populates="briefing", cascade="all, delete-orphan",
        order_by="BriefingTranslation.language",
    )

    __table_args__ = (
        db.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        db.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        db.CheckConstraint("online_capacity IS NULL OR online_capacity >= 0",
                           name="online_capacity_positive"),
        db.CheckConstraint("retention_days IS NULL OR retention_days > 0",
                           name="retention_positive"),
        db.Index("ix_briefing_starts_at", "starts_at"),
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def language_list(self) -> list[str]:
        return [code for code in (self.languages or "").split(",") if code]

    @property
    def main_language(self) -> str:
        """The language of the title, summary and session texts: the first one offered."""
        languages = self.language_list
        return languages[0] if languages else "en"

    @property
    def offered_languages(self) -> list[str]:
        return self.language_list

    @property
    def other_languages(self) -> list[str]:
        """The languages offered besides the main one: those that have translations."""
        return self.language_list[1:]

    def title_in(self, language: str | None) -> str:
        """The title in ``language``, or in the main language where it has none."""
        return self.text_in("title", language)[0]

    def summary_in(self, language: str | None) -> str:
        """The summary in ``language``, or in the main language where it has none."""
        return self.text_in("summary", language)[0]

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def is_public(self) -> bool:
        return self.status != BriefingStatus.DRAFT

    def registration_open(self, now: datetime | None = None) -> bool:
        """True while the briefing is published and inside its registration window."""
        now = now or utcnow()
        if self.status != BriefingStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.ends_at
        return now < closes

    def __repr__(self) -> str:
        return f"<Briefing {self.slug}>"


class BriefingSession(Translatable, db.Model):
    """One session of a briefing's programme (never called ``Session``)."""

    __tablename__ = "briefing_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    kind: Mapped[SessionKind] = mapped_column(enum_column(SessionKind, "session_kind"))
    title: Mapped[str] = mapped_column(db.String(200))
    description: Mapped[str] = mapped_column(db.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    room: Mapped[str] = mapped_column(db.String(120), default="")
    capacity: Mapped[int | None] = mapped_column()
    format: Mapped[SessionFormat] = mapped_column(
        enum_column(SessionFormat, "session_format"), default=SessionFormat.IN_PERSON
    )
    meeting_link: Mapped[str] = mapped_column(db.String(500), default="")
    dial_in: Mapped[str] = mapped_column(db.Text, default="", server_default="")
    # Seats through the meeting link of an online or hybrid session (None: no limit);
    # ``capacity`` counts seats in the room.
    online_capacity: Mapped[int | None] = mapped_column()
    takes_attendance: Mapped[bool] = mapped_column(default=False)
    # Breaks ties between sessions that start at the same time.
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    briefing: Mapped[Briefing] = relationship(back_populates="sessions")
    roles: Mapped[list["SessionPerson"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(SessionPerson.role, SessionPerson.position, SessionPerson.id)",
    )
    objectives: Mapped[list["GCMObjective"]] = relationship(
        secondary=session_objective, order_by="GCMObjective.number"
    )
    translations: Mapped[list["SessionTranslation"]] = relationship(
        back_populates="session", cascade="all, delete-orphan",
        order_by="SessionTranslation.language",
    )

    __table_args__ = (
        db.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        db.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        db.CheckConstraint("online_capacity IS NULL OR online_capacity >= 0",
                           name="online_capacity_positive"),
        db.Index("ix_briefing_session_briefing_start", "briefing_id", "starts_at"),
    )

    @property
    def main_language(self) -> str:
        return self.briefing.main_language

    @property
    def offered_languages(self) -> list[str]:
        return self.briefing.language_list

    def title_in(self, language: str | None) -> str:
        """The title in ``language``, or in the briefing's main language where it has none."""
        return self.text_in("title", language)[0]

    def description_in(self, language: str | None) -> str:
        """The description in ``language``, or in the main language where it has none."""
        return self.text_in("description", language)[0]

    def people_in(self, role: PersonRole) -> list["Person"]:
        """The people holding ``role`` in this session, in their order."""
        return [link.person for link in self.roles if link.role == role]

    def __repr__(self) -> str:
        return f"<BriefingSession {self.id} {self.title!r}>"


class BriefingTranslation(db.Model):
    """A briefing's title and summary in one of its other languages."""

    __tablename__ = "briefing_translation"
    TEXTS = ("title", "summary")

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(db.ForeignKey("briefing.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(db.String(5))
    title: Mapped[str] = mapped_column(db.String(200), default="")
    summary: Mapped[str] = mapped_column(db.Text, default="")

    briefing: Mapped[Briefing] = relationship(back_populates="translations")

    __table_args__ = (db.UniqueConstraint("briefing_id", "language"),)


class SessionTranslation(db.Model):
    """A session's title and description in one of its briefing's other languages."""

    __tablename__ = "session_translation"
    TEXTS = ("title", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(db.String(5))
    title: Mapped[str] = mapped_column(db.String(200), default="")
    description: Mapped[str] = mapped_column(db.Text, default="")

    session: Mapped[BriefingSession] = relationship(back_populates="translations")

    __table_args__ = (db.UniqueConstraint("session_id", "language"),)


class Person(db.Model):
    """Someone who chairs, moderates, speaks at or reports on sessions of one briefing."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(db.String(200))
    honorific: Mapped[str] = mapped_column(db.String(60), default="")
    position: Mapped[str] = mapped_column(db.String(200), default="")
    organization: Mapped[str] = mapped_column(db.String(200), default="")
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("stakeholder_group.id", ondelete="SET NULL")
    )
    country: Mapped[str] = mapped_column(db.String(2), default="")

    briefing: Mapped[Briefing] = relationship(back_populates="people")
    stakeholder_group: Mapped["StakeholderGroup | None"] = relationship()
    links: Mapped[list["SessionPerson"]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    __table_args__ = (db.UniqueConstraint("briefing_id", "name", "organization"),)

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    @property
    def affiliation(self) -> str:
        return ", ".join(part for part in (self.position, self.organization) if part)

    def __repr__(self) -> str:
        return f"<Person {self.id}>"


class SessionPerson(db.Model):
    """A person's role in a session, with their order among those holding that role."""

    __tablename__ = "session_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(
        db.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[PersonRole] = mapped_column(enum_column(PersonRole, "person_role"))
    position: Mapped[int] = mapped_column(default=0)

    session: Mapped[BriefingSession] = relationship(back_populates="roles")
    person: Mapped[Person] = relationship(back_populates="links")

    __table_args__ = (db.UniqueConstraint("session_id", "person_id", "role"),)
