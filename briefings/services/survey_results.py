"""A survey's results: counts and averages per question, response rate by group, the CSV.

Every figure comes from a GROUP BY query, so the page costs the same few
queries whatever the number of responses.
"""
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (
    Briefing,
    QuestionKind,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)
from ..models.surveys import RATING_SCALE
from .exports import csv_stream

MAX_TEXTS_SHOWN = 200


@dataclass
class QuestionResult:
    """What the answers to one question add up to."""

    question: SurveyQuestion
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)  # rating or option -> answers
    average: float | None = None  # ratings only
    texts: list[str] = field(default_factory=list)  # text answers, a sample at most


@dataclass
class GroupRate:
    """How many of a stakeholder group's participants were asked and answered."""

    group: StakeholderGroup | None
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return round(100 * self.answered / self.invited, 1) if self.invited else 0.0


def response_count(survey_id: int) -> int:
    """How many people have answered."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(SurveyParticipation)
                             .where(SurveyParticipation.survey_id == survey_id)) or 0


def named_count(survey_id: int) -> int:
    """How many of them attached their name."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(SurveyResponse)
        .where(SurveyResponse.survey_id == survey_id,
               SurveyResponse.registration_id.is_not(None))) or 0


def results(survey: Survey) -> list[QuestionResult]:
    """The results of each question, in the survey's order."""
    by_id = {q.id: QuestionResult(q) for q in survey.questions}
    ids = list(by_id)
    if not ids:
        return []
    ratings = db.session.execute(
        sa.select(SurveyAnswer.question_id, SurveyAnswer.rating, sa.func.count())
        .where(SurveyAnswer.question_id.in_(ids), SurveyAnswer.rating.is_not(None))
        .group_by(SurveyAnswer.question_id, SurveyAnswer.rating)).all()
    choices = db.session.execute(
        sa.select(SurveyAnswer.question_id, SurveyAnswer.choice, sa.func.count())
        .where(SurveyAnswer.question_id.in_(ids), SurveyAnswer.choice != "")
        .group_by(SurveyAnswer.question_id, SurveyAnswer.choice)).all()
    rating_counts: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, rating, n in ratings:
        rating_counts[question_id][rating] = n
    choice_counts: dict[int, dict[str, int]] = defaultdict(dict)
    for question_id, choice, n in choices:
        choice_counts[question_id][choice] = n
    text_ids = [q.id for q in survey.questions if q.kind == QuestionKind.TEXT]
    texts: dict[int, list[str]] = defaultdict(list)
    if text_ids:
        rows = db.session.execute(
            sa.select(SurveyAnswer.question_id, SurveyAnswer.text)
            .where(SurveyAnswer.question_id.in_(text_ids), SurveyAnswer.text != "")
            .order_by(SurveyAnswer.question_id, SurveyAnswer.response_id))
        for question_id, text in rows:
            texts[question_id].append(text)
    for result in by_id.values():
        question = result.question
        if question.kind == QuestionKind.RATING:
            found = rating_counts[question.id]
            result.counts = [(str(n), found.get(n, 0)) for n in RATING_SCALE]
            result.answered = sum(found.values())
            if result.answered:
                result.average = round(sum(n * c for n, c in found.items()) / result.answered, 2)
        elif question.kind == QuestionKind.CHOICE:
            found = choice_counts[question.id]
            result.counts = [(option, found.get(option, 0)) for option in question.option_list]
            result.answered = sum(found.values())
        else:
            result.answered = len(texts[question.id])
            result.texts = texts[question.id][:MAX_TEXTS_SHOWN]
    return [by_id[q.id] for q in survey.questions]


def rates_by_group(briefing: Briefing, survey: Survey) -> list[GroupRate]:
    """Response rate per stakeholder group: confirmed participants (and anyone who answered).

    Groups are in their managed order; participants without a group come last.
    """
    answered = sa.exists().where(SurveyParticipation.survey_id == survey.id,
                                 SurveyParticipation.registration_id == Registration.id)
    rows = db.session.execute(
        sa.select(Registration.stakeholder_group_id, sa.func.count(),
                  sa.func.sum(sa.case((answered, 1), else_=0)))
        .where(Registration.briefing_id == briefing.id,
               sa.or_(Registration.status == RegistrationStatus.CONFIRMED, answered))
        .group_by(Registration.stakeholder_group_id)).all()
    groups = {g.id: g for g in db.session.scalars(
        sa.select(StakeholderGroup).where(StakeholderGroup.id.in_(
            [group_id for group_id, *_ in rows if group_id is not None])))}
    rates = [GroupRate(groups.get(group_id), invited, int(done or 0))
             for group_id, invited, done in rows]
    return sorted(rates, key=lambda r: (r.group is None,
                                        r.group.position if r.group else 0,
                                        r.group.id if r.group else 0))


def _cell(answer: SurveyAnswer | None) -> str:
    if answer is None:
        return ""
    if answer.rating is not None:
        return str(answer.rating)
    return answer.choice or answer.text


def answers_csv(survey: Survey) -> Iterator[str]:
    """One row per response, one column per question; names only where their author gave them.

    Rows come in the order of the responses' random keys, which says nothing
    about when anyone answered.
    """
    questions = list(survey.questions)
    header = [_("Response"), _("Name"), _("Organization")] + [
        f"{number}. {q.prompt}" for number, q in enumerate(questions, start=1)]

    def rows() -> Iterator[list]:
        responses = db.session.scalars(
            sa.select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)
            .order_by(SurveyResponse.id)
            .options(selectinload(SurveyResponse.answers),
                     joinedload(SurveyResponse.registration)))
        for number, response in enumerate(responses, start=1):
            by_question = {a.question_id: a for a in response.answers}
            person = response.registration
            named = person is not None and person.anonymized_at is None
            yield [number, person.full_name if named else "",
                   person.organization if named else ""] + [
                _cell(by_question.get(q.id)) for q in questions]

    return csv_stream(header, rows())
