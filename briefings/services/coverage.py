"""GCM coverage: which sessions, outcome documents and pledges of a briefing address each objective."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..extensions import db
from ..models import (
    Briefing, BriefingSession, GCMObjective, OutcomeDocument, OutcomeStatus, Pledge,
    PledgeStatus, SessionTranslation,
)
from ..models.briefings import session_objective, shown_text
from ..models.outcomes import outcome_objective
from ..models.pledges import pledge_objective
from .outcomes import grouped, pick


@dataclass
class SessionRef:
    """A session named on the coverage page."""

    id: int
    title: str


@dataclass
class ObjectiveCoverage:
    """What addresses one objective."""

    objective: GCMObjective
    sessions: list[SessionRef] = field(default_factory=list)
    documents: list[OutcomeDocument] = field(default_factory=list)  # one per translation group
    pledges: int = 0

    @property
    def addressed(self) -> bool:
        return bool(self.sessions or self.documents or self.pledges)


@dataclass
class Coverage:
    """The 23 objectives with what addresses them, and those nothing addresses."""

    rows: list[ObjectiveCoverage]

    @property
    def uncovered(self) -> list[GCMObjective]:
        return [row.objective for row in self.rows if not row.addressed]

    @property
    def covered_count(self) -> int:
        return sum(1 for row in self.rows if row.addressed)


def coverage(briefing_id: int, language: str, *, include_drafts: bool = False,
             session_titles: bool = True) -> Coverage:
    """Coverage of the GCM objectives by a briefing, in four queries.

    Documents count when published (drafts too with ``include_drafts``, for
    staff), once per translation group, shown in ``language`` where there is
    a version in it; pledges count unless withdrawn. Sessions are titled in
    ``language`` where translated (in the main language without ``session_titles``).
    """
    objectives = db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number)).all()
    rows = {o.number: ObjectiveCoverage(o) for o in objectives}

    texts_in = language if session_titles else None
    for number, session_id, title, languages, translated in db.session.execute(
            sa.select(session_objective.c.objective_number, BriefingSession.id,
                      BriefingSession.title, Briefing.languages, SessionTranslation.title)
            .join(BriefingSession, BriefingSession.id == session_objective.c.session_id)
            .join(Briefing, Briefing.id == BriefingSession.briefing_id)
            .outerjoin(SessionTranslation, sa.and_(
                SessionTranslation.session_id == BriefingSession.id,
                SessionTranslation.language == (texts_in or "")))
            .where(BriefingSession.briefing_id == briefing_id)
            .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)):
        offered = [code for code in (languages or "").split(",") if code]
        rows[number].sessions.append(
            SessionRef(session_id, shown_text(title, translated, texts_in, offered)[0]))

    query = (sa.select(outcome_objective.c.objective_number, OutcomeDocument)
             .join(OutcomeDocument, OutcomeDocument.id == outcome_objective.c.document_id)
             .where(OutcomeDocument.briefing_id == briefing_id)
             .order_by(OutcomeDocument.id))
    if not include_drafts:
        query = query.where(OutcomeDocument.status == OutcomeStatus.PUBLISHED)
    by_objective: dict[int, list[OutcomeDocument]] = {}
    for number, document in db.session.execute(query):
        by_objective.setdefault(number, []).append(document)
    for number, docs in by_objective.items():
        rows[number].documents = [pick(group, language) for group in grouped(docs)]

    for number, count in db.session.execute(
            sa.select(pledge_objective.c.objective_number, sa.func.count())
            .join(Pledge, Pledge.id == pledge_objective.c.pledge_id)
            .where(Pledge.briefing_id == briefing_id, Pledge.status != PledgeStatus.WITHDRAWN)
            .group_by(pledge_objective.c.objective_number)):
        rows[number].pledges = count

    return Coverage([rows[o.number] for o in objectives])
