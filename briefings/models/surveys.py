"""Feedback surveys: the questions an organizer asks after a briefing and the answers given.

Anonymity is built into the tables: a response carries a registration only
when its author ticked "attach my name". That someone has answered is kept
apart, in ``SurveyParticipation``, which holds no time and no link to the
response. Responses have random identifiers and answers a composite key, so
no column orders them by arrival either.
"""
from datetime import datetime
from enum import StrEnum
import secrets
from typing import TYPE_CHECKING

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .briefings import Briefing
    from .registrations import Registration

RATING_SCALE = (1, 2, 3, 4, 5)


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    RATING = "rating"  # 1 (poor) to 5 (excellent)
    CHOICE = "choice"  # one of the options
    TEXT = "text"  # a few lines of free text


def _random_id() -> str:
    return secrets.token_hex(16)


class Survey(db.Model):
    """A briefing's feedback survey (at most one per briefing)."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    briefing_id: Mapped[int] = mapped_column(
        db.ForeignKey("briefing.id", ondelete="CASCADE"), unique=True)
    intro: Mapped[str] = mapped_column(db.Text, default="")
    status: Mapped[SurveyStatus] = mapped_column(
        enum_column(SurveyStatus, "survey_status"), default=SurveyStatus.DRAFT)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the invitations went out (once: reopening a closed survey sends nothing new).
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    briefing: Mapped["Briefing"] = relationship()
    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="survey", cascade="all, delete-orphan",
        order_by="(SurveyQuestion.position, SurveyQuestion.id)")

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN


class SurveyQuestion(db.Model):
    """One question of a survey, in its place among the others."""

    __tablename__ = "survey_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        db.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, "question_kind"))
    prompt: Mapped[str] = mapped_column(db.String(500))
    # Choice questions: the options, one per line.
    options: Mapped[str] = mapped_column(db.Text, default="")
    required: Mapped[bool] = mapped_column(default=False)

    survey: Mapped[Survey] = relationship(back_populates="questions")

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class SurveyResponse(db.Model):
    """One participant's answers; ``registration_id`` only if they chose to attach their name."""

    __tablename__ = "survey_response"

    id: Mapped[str] = mapped_column(db.String(32), primary_key=True, default=_random_id)
    survey_id: Mapped[int] = mapped_column(
        db.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int | None] = mapped_column(
        db.ForeignKey("registration.id", ondelete="SET NULL"), index=True)

    registration: Mapped["Registration | None"] = relationship()
    answers: Mapped[list["SurveyAnswer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan")


class SurveyAnswer(db.Model):
    """The answer to one question: a rating, a chosen option or some text."""

    __tablename__ = "survey_answer"

    response_id: Mapped[str] = mapped_column(
        db.ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        db.ForeignKey("survey_question.id", ondelete="CASCADE"), primary_key=True, index=True)
    rating: Mapped[int | None] = mapped_column()
    choice: Mapped[str] = mapped_column(db.String(500), default="")
    text: Mapped[str] = mapped_column(db.Text, default="")

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()

    __table_args__ = (
        db.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
    )


class SurveyParticipation(db.Model):
    """That a registration has answered a survey, and nothing more: no time, no response."""

    __tablename__ = "survey_participation"

    survey_id: Mapped[int] = mapped_column(
        db.ForeignKey("survey.id", ondelete="CASCADE"), primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        db.ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True, index=True)
