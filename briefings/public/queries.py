"""What the public pages read: listed briefings, one briefing with its programme, its people."""
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

import sqlalchemy as sa
from sqlalchemy.orm import load_only, selectinload

from ..extensions import db
from ..models import (
    Briefing, BriefingSession, BriefingStatus, Person, PersonRole, Registration,
    RegistrationStatus, SessionPerson, utcnow,
)

LISTED_STATUSES = (BriefingStatus.PUBLISHED, BriefingStatus.CONCLUDED)
VISIBLE_STATUSES = (BriefingStatus.PUBLISHED, BriefingStatus.CONCLUDED, BriefingStatus.ARCHIVED)


def listed_briefings(now: datetime | None = None) -> tuple[list[Briefing], list[Briefing]]:
    """Published and concluded briefings as (upcoming and current, recent).

    Upcoming and current ones have not ended yet, soonest first; recent ones
    have ended, latest first. Drafts and archived briefings are not listed.
    """
    now = now or utcnow()
    query = (sa.select(Briefing).where(Briefing.status.in_(LISTED_STATUSES))
             .options(selectinload(Briefing.translations)))
    upcoming = db.session.scalars(
        query.where(Briefing.ends_at > now).order_by(Briefing.starts_at, Briefing.id)
    ).all()
    recent = db.session.scalars(
        query.where(Briefing.ends_at <= now).order_by(Briefing.starts_at.desc(), Briefing.id.desc())
    ).all()
    return list(upcoming), list(recent)


def public_briefing(slug: str, *, programme: bool = True, texts: bool = True) -> Briefing | None:
    """The briefing at ``slug`` with its whole programme loaded, or None if it is not public.

    Its texts in other languages, and its sessions with their people, GCM
    objectives and texts come in a fixed number of queries, however long the
    programme (no session with ``programme=False``; the briefing's row alone
    with ``texts=False`` too, for a caller that only fingerprints it).
    """
    query = sa.select(Briefing).where(Briefing.slug == slug,
                                      Briefing.status.in_(VISIBLE_STATUSES))
    if texts:
        query = query.options(selectinload(Briefing.translations))
    if programme:
        sessions = selectinload(Briefing.sessions)
        query = query.options(
            sessions.selectinload(BriefingSession.roles).selectinload(SessionPerson.person),
            sessions.selectinload(BriefingSession.objectives),
            sessions.selectinload(BriefingSession.translations),
        )
    return db.session.scalar(query)


def listed_participants(briefing: Briefing) -> list[Registration]:
    """Confirmed registrants who agreed to be on the public list, by name.

    Only the columns the list shows are loaded: gender and accessibility needs
    never leave the database for this page.
    """
    return list(db.session.scalars(
        sa.select(Registration)
        .options(load_only(Registration.full_name, Registration.organization,
                           Registration.country, Registration.stakeholder_group_id),
                 selectinload(Registration.stakeholder_group))
        .where(Registration.briefing_id == briefing.id, Registration.list_consent.is_(True),
               Registration.status == RegistrationStatus.CONFIRMED,
               Registration.anonymized_at.is_(None))
        .order_by(sa.func.lower(Registration.full_name), Registration.id)))


@dataclass
class ProgrammeDay:
    """The sessions of one calendar day in the briefing's timezone."""

    day: date
    starts_at: datetime  # the first session's start, for formatting the day's heading
    sessions: list[BriefingSession]


def programme_by_day(briefing: Briefing) -> list[ProgrammeDay]:
    """The briefing's sessions grouped by local day, in programme order."""
    zone = briefing.zone

    def local_day(session: BriefingSession) -> date:
        return session.starts_at.astimezone(zone).date()

    days = []
    for day, sessions in groupby(briefing.sessions, key=local_day):
        sessions = list(sessions)
        days.append(ProgrammeDay(day=day, starts_at=sessions[0].starts_at, sessions=sessions))
    return days


@dataclass
class Contributor:
    """A person with a role in the programme, and what they do in which sessions."""

    person: Person
    parts: list[tuple[PersonRole, BriefingSession]] = field(default_factory=list)


def contributors(briefing: Briefing) -> list[Contributor]:
    """Everyone who chairs, moderates, speaks at or reports on a session, by name."""
    found: dict[int, Contributor] = {}
    for session in briefing.sessions:
        for link in session.roles:
            entry = found.setdefault(link.person_id, Contributor(person=link.person))
            entry.parts.append((link.role, session))
    return sorted(found.values(), key=lambda c: (c.person.name.casefold(), c.person.id))
