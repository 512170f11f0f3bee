"""Feedback surveys: building one, opening it (invitations through the outbox), answering it.

A survey is built while a draft; once opened its questions are fixed, so every
answer refers to the question its author saw. Answers are anonymous unless
the participant attaches their name: the response then carries their
registration; otherwise only ``SurveyParticipation`` records *that* they
answered. Answering writes no audit event, since one would tie a time and a
person to a response.
"""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import (
    Briefing,
    QuestionKind,
    Registration,
    RegistrationStatus,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
    utcnow,
)
from ..models.surveys import RATING_SCALE
from .audit import record
from .outbox import enqueue_registration_mail, public_url

MAX_QUESTIONS = 30
MAX_OPTIONS = 12
MAX_PROMPT = 500
MAX_TEXT_ANSWER = 2000
MAX_INTRO = 2000


class SurveyError(ValueError):
    """A change the rules refuse; ``field`` names the form field it concerns ("" for none)."""

    def __init__(self, message, field: str = ""):
        super().__init__(str(message))
        self.field = field


@dataclass
class QuestionData:
    """A question as the organizer wrote it."""

    kind: QuestionKind
    prompt: str
    options: str = ""
    required: bool = False


# ---------------------------------------------------------------- building

def survey_of(briefing_id: int) -> Survey | None:
    """The briefing's survey, if one has been started."""
    return db.session.scalar(sa.select(Survey).where(Survey.briefing_id == briefing_id))


def _draft_survey(briefing: Briefing) -> Survey:
    """The briefing's survey, created on first use; refused once it has been opened."""
    survey = survey_of(briefing.id)
    if survey is None:
        survey = Survey(briefing_id=briefing.id)
        db.session.add(survey)
        db.session.flush()
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyError(_l("The survey has been opened: its questions can no longer change."))
    return survey


def _clean(data: QuestionData) -> tuple[str, str]:
    """The prompt and options to store; raise SurveyError naming what is wrong."""
    prompt = " ".join((data.prompt or "").split())
    if not prompt:
        raise SurveyError(_l("Write the question."), "prompt")
    if len(prompt) > MAX_PROMPT:
        raise SurveyError(_l("Keep the question under %(num)d characters.", num=MAX_PROMPT),
                          "prompt")
    if data.kind != QuestionKind.CHOICE:
        return prompt, ""
    options = [" ".join(line.split()) for line in (data.options or "").splitlines()]
    options = [option for option in options if option]
    if len(options) < 2:
        raise SurveyError(_l("A choice question needs at least two options, one per line."),
                          "options")
    if len(options) > MAX_OPTIONS:
        raise SurveyError(_l("Offer at most %(num)d options.", num=MAX_OPTIONS), "options")
    if len({option.casefold() for option in options}) != len(options):
        raise SurveyError(_l("Each option must be different."), "options")
    if any(len(option) > MAX_PROMPT for option in options):
        raise SurveyError(_l("Keep each option under %(num)d characters.", num=MAX_PROMPT),
                          "options")
    return prompt, "\n".join(options)


def add_question(briefing: Briefing, data: QuestionData, *, actor=None) -> SurveyQuestion:
    """Add a question at the end of the briefing's (draft) survey."""
    survey = _draft_survey(briefing)
    prompt, options = _clean(data)
    if len(survey.questions) >= MAX_QUESTIONS:
        raise SurveyError(_l("A survey holds at most %(num)d questions.", num=MAX_QUESTIONS))
    position = max((q.position for q in survey.questions), default=0) + 1
    question = SurveyQuestion(survey=survey, kind=data.kind, prompt=prompt, options=options,
                              required=bool(data.required), position=position)
    db.session.add(question)
    db.session.flush()
    record("survey.question_add", question, actor=actor, briefing=briefing,
           changes={"kind": data.kind.value, "required": bool(data.required)})
    db.session.commit()
    return question


def update_question(question: SurveyQuestion, data: QuestionData, *, actor=None) -> None:
    """Change a question of a draft survey."""
    briefing = question.survey.briefing
    _draft_survey(briefing)
    prompt, options = _clean(data)
    question.kind, question.prompt, question.options = data.kind, prompt, options
    question.required = bool(data.required)
    record("survey.question_edit", question, actor=actor, briefing=briefing,
           changes={"kind": data.kind.value, "required": bool(data.required)})
    db.session.commit()


def delete_question(question: SurveyQuestion, *, actor=None) -> None:
    """Remove a question from a draft survey."""
    briefing = question.survey.briefing
    survey = _draft_survey(briefing)
    record("survey.question_delete", question, actor=actor, briefing=briefing)
    survey.questions.remove(question)
    _renumber(survey)
    db.session.commit()


def _renumber(survey: Survey) -> None:
    for number, question in enumerate(survey.questions, start=1):
        question.position = number


def move_question(question: SurveyQuestion, offset: int, *, actor=None) -> bool:
    """Move a question up (-1) or down (+1) by one place; False when it is already at that end."""
    briefing = question.survey.briefing
    survey = _draft_survey(briefing)
    order = list(survey.questions)
    index = order.index(question)
    target = index + offset
    if offset not in (-1, 1) or not 0 <= target < len(order):
        db.session.rollback()
        return False
    order[index], order[target] = order[target], order[index]
    for number, item in enumerate(order, start=1):
        item.position = number
    record("survey.question_move", question, actor=actor, briefing=briefing,
           changes={"position": target + 1})
    db.session.commit()
    return True


def set_intro(briefing: Briefing, intro: str, *, actor=None) -> None:
    """The words shown above the questions."""
    survey = survey_of(briefing.id) or _draft_survey(briefing)
    intro = (intro or "").strip()
    if len(intro) > MAX_INTRO:
        raise SurveyError(_l("Keep the introduction under %(num)d characters.", num=MAX_INTRO),
                          "intro")
    if survey.intro != intro:
        survey.intro = intro
        record("survey.intro", survey, actor=actor, briefing=briefing, changes={"intro": True})
    db.session.commit()


# ---------------------------------------------------------------- opening and closing

def _invitees(briefing_id: int) -> list[Registration]:
    return list(db.session.scalars(
        sa.select(Registration)
        .where(Registration.briefing_id == briefing_id,
               Registration.status == RegistrationStatus.CONFIRMED,
               Registration.anonymized_at.is_(None))
        .order_by(Registration.id)))


def open_survey(briefing: Briefing, *, actor=None, now: datetime | None = None) -> int:
    """Open the survey and, the first time, e-mail each confirmed participant their link.

    Refused before the briefing has ended and while the survey has no
    question. Returns how many invitations were written to the outbox.
    """
    now = now or utcnow()
    survey = survey_of(briefing.id)
    if survey is None or not survey.questions:
        raise SurveyError(_l("Add at least one question before opening the survey."))
    if survey.status == SurveyStatus.OPEN:
        raise SurveyError(_l("The survey is already open."))
    if now < briefing.ends_at:
        raise SurveyError(_l("The survey can be opened once the briefing has ended."))
    invited = 0
    if survey.invited_at is None:
        for registration in _invitees(briefing.id):
            enqueue_registration_mail(
                registration, "survey_invitation",
                survey_link=public_url(f"/r/{registration.token}/survey"))
            invited += 1
        survey.invited_at = now
    survey.status = SurveyStatus.OPEN
    survey.opened_at = now
    survey.closed_at = None
    record("survey.open", survey, actor=actor, briefing=briefing, changes={"invited": invited})
    db.session.commit()
    return invited


def close_survey(briefing: Briefing, *, actor=None, now: datetime | None = None) -> None:
    """Stop taking answers (the organizer may open the survey again)."""
    survey = survey_of(briefing.id)
    if survey is None or survey.status != SurveyStatus.OPEN:
        raise SurveyError(_l("The survey is not open."))
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = now or utcnow()
    record("survey.close", survey, actor=actor, briefing=briefing)
    db.session.commit()


# ---------------------------------------------------------------- answering

def has_answered(survey_id: int, registration_id: int) -> bool:
    """True once this registration has answered the survey."""
    return db.session.get(SurveyParticipation, (survey_id, registration_id)) is not None


def may_answer(registration: Registration) -> bool:
    """Only confirmed participants whose data is still held are asked."""
    return (registration.status == RegistrationStatus.CONFIRMED
            and registration.anonymized_at is None)


def _answer(question: SurveyQuestion, value) -> SurveyAnswer | None:
    """The stored answer for one submitted value (None: left blank)."""
    text = "" if value is None else str(value).strip()
    if not text:
        if question.required:
            raise SurveyError(_l("Please answer this question."), f"q{question.id}")
        return None
    if question.kind == QuestionKind.RATING:
        if text not in {str(n) for n in RATING_SCALE}:
            raise SurveyError(_l("Choose a rating from 1 to 5."), f"q{question.id}")
        return SurveyAnswer(question_id=question.id, rating=int(text))
    if question.kind == QuestionKind.CHOICE:
        if text not in question.option_list:
            raise SurveyError(_l("Choose one of the options."), f"q{question.id}")
        return SurveyAnswer(question_id=question.id, choice=text)
    if len(text) > MAX_TEXT_ANSWER:
        raise SurveyError(_l("Keep your answer under %(num)d characters.", num=MAX_TEXT_ANSWER),
                          f"q{question.id}")
    return SurveyAnswer(question_id=question.id, text=text)


def submit(registration: Registration, values: dict[int, object], *,
           attach_name: bool = False) -> SurveyResponse:
    """Store one participant's answers (``values``: question id -> submitted value).

    The participation marker and the response are written together; a
    second submission, even a concurrent one, fails on the marker's key.
    """
    survey = survey_of(registration.briefing_id)
    if survey is None or survey.status != SurveyStatus.OPEN:
        raise SurveyError(_l("The survey is not open."))
    if not may_answer(registration):
        raise SurveyError(_l("Only confirmed participants can answer the survey."))
    if has_answered(survey.id, registration.id):
        raise SurveyError(_l("You have already answered this survey. Thank you!"))
    answers = [answer for question in survey.questions
               if (answer := _answer(question, values.get(question.id))) is not None]
    if not answers:
        raise SurveyError(_l("Answer at least one question."))
    response = SurveyResponse(survey_id=survey.id,
                              registration_id=registration.id if attach_name else None)
    response.answers = answers
    db.session.add(SurveyParticipation(survey_id=survey.id, registration_id=registration.id))
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise SurveyError(_l("You have already answered this survey. Thank you!")) from error
    return response
