"""A briefing's programme: its sessions and the people who chair, moderate, speak or report."""
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from .. import countries
from ..extensions import db
from ..models import (
    Briefing,
    BriefingSession,
    GCMObjective,
    Intervention,
    Minutes,
    Person,
    PersonRole,
    SessionFormat,
    SessionKind,
    SessionPerson,
    SessionSeat,
    StakeholderGroup,
    User,
)
from . import translations
from .audit import record
from .briefings import RuleErrors, RuleViolation, local_when
from .hybrid import https_link_error


@dataclass
class SessionData:
    """A session as an organizer enters it (times already in UTC)."""

    kind: SessionKind
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    room: str = ""
    capacity: int | None = None
    format: SessionFormat = SessionFormat.IN_PERSON
    meeting_link: str = ""
    dial_in: str = ""
    online_capacity: int | None = None  # places through the meeting link (None: no limit)
    takes_attendance: bool = False
    position: int = 0
    objectives: list[int] = field(default_factory=list)
    # Title and description in the briefing's other languages, {"fr": {"title": ...}};
    # None leaves the stored ones as they are.
    translations: dict[str, dict[str, str]] | None = None


@dataclass
class PersonData:
    """A person who may hold a role in sessions."""

    name: str
    honorific: str = ""
    position: str = ""
    organization: str = ""
    stakeholder_group_id: int | None = None
    country: str = ""


# ---------------------------------------------------------------- reading

def programme(briefing: Briefing) -> list[BriefingSession]:
    """The briefing's sessions in order, with their people and objectives loaded in bulk."""
    return db.session.scalars(
        sa.select(BriefingSession)
        .where(BriefingSession.briefing_id == briefing.id)
        .options(selectinload(BriefingSession.roles).selectinload(SessionPerson.person),
                 selectinload(BriefingSession.objectives))
        .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)
    ).all()


def programme_by_day(briefing: Briefing) -> list[tuple[date, list[BriefingSession]]]:
    """The programme grouped by calendar day in the briefing's timezone."""
    days: dict[date, list[BriefingSession]] = {}
    for session in programme(briefing):
        days.setdefault(session.starts_at.astimezone(briefing.zone).date(), []).append(session)
    return list(days.items())


def suggested_start(briefing: Briefing) -> datetime:
    """Where a new session could start: when the last one ends, else when the briefing starts."""
    last_end = db.session.scalar(sa.select(sa.func.max(BriefingSession.ends_at))
                                 .where(BriefingSession.briefing_id == briefing.id))
    if last_end is None:
        return briefing.starts_at
    return min(last_end, briefing.ends_at - timedelta(hours=1))


def people_of(briefing: Briefing) -> list[Person]:
    """The briefing's people by name, with their session roles loaded in bulk."""
    return db.session.scalars(
        sa.select(Person).where(Person.briefing_id == briefing.id)
        .options(selectinload(Person.links).selectinload(SessionPerson.session),
                 selectinload(Person.stakeholder_group))
        .order_by(Person.name, Person.id)
    ).all()


# ---------------------------------------------------------------- sessions

def _session_values(data: SessionData) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(data)
              if f.name not in ("objectives", "translations")}
    for name in ("title", "room", "meeting_link"):
        values[name] = (values[name] or "").strip()
    values["description"] = (data.description or "").strip()
    values["dial_in"] = "\n".join(line.rstrip()
                                  for line in (data.dial_in or "").strip().splitlines())
    if values["format"] == SessionFormat.IN_PERSON:
        values["meeting_link"] = values["dial_in"] = ""
        values["online_capacity"] = None
    return values


def _check_session(briefing: Briefing, values: dict, session: BriefingSession | None,
                   texts: translations.Texts | None = None) -> None:
    """Raise RuleViolation for every rule of the programme that ``values`` break."""
    errors = RuleErrors()
    translations.check(texts or {}, errors)
    tz = briefing.timezone
    if not values["title"]:
        errors.add("title", _l("Give the session a title."))
    starts, ends = values["starts_at"], values["ends_at"]
    if starts is None:
        errors.add("starts_at", _l("Enter when the session starts."))
    if ends is None:
        errors.add("ends_at", _l("Enter when the session ends."))
    if starts and ends and ends <= starts:
        errors.add("ends_at", _l("The session must end after it starts."))
    outside = _l("The session must lie inside the briefing, which runs from %(start)s to "
                 "%(end)s.", start=local_when(briefing.starts_at, tz),
                 end=local_when(briefing.ends_at, tz))
    if starts and not briefing.starts_at <= starts < briefing.ends_at:
        errors.add("starts_at", outside)
    if ends and not briefing.starts_at < ends <= briefing.ends_at:
        errors.add("ends_at", outside)
    if values["capacity"] is not None and values["capacity"] < 0:
        errors.add("capacity", _l("Capacity cannot be negative."))
    if values["online_capacity"] is not None and values["online_capacity"] < 0:
        errors.add("online_capacity", _l("Capacity cannot be negative."))
    link = values["meeting_link"]
    # A session without its own link uses the briefing's, where the briefing has one.
    if (values["format"] in (SessionFormat.ONLINE, SessionFormat.HYBRID) and not link
            and not briefing.meeting_link):
        errors.add("meeting_link", _l("Online and hybrid sessions need a meeting link."))
    elif link and (message := https_link_error(link)):
        errors.add("meeting_link", message)
    if values["room"] and starts and ends and ends > starts:
        clash = _room_clash(briefing, values["room"], starts, ends, session)
        if clash is not None:
            errors.add("room", _l("The room “%(room)s” is already taken by “%(title)s” at that "
                                  "time (%(start)s to %(end)s).", room=clash.room, title=clash.title,
                                  start=local_when(clash.starts_at, tz),
                                  end=local_when(clash.ends_at, tz, with_date=False)))
    errors.raise_any()


def _room_clash(briefing, room, starts, ends, session) -> BriefingSession | None:
    """Another session of the briefing in the same room at an overlapping time, if any."""
    query = sa.select(BriefingSession).where(
        BriefingSession.briefing_id == briefing.id,
        sa.func.lower(BriefingSession.room) == room.lower(),
        BriefingSession.starts_at < ends,
        BriefingSession.ends_at > starts,
    ).order_by(BriefingSession.starts_at).limit(1)
    if session is not None and session.id is not None:
        query = query.where(BriefingSession.id != session.id)
    return db.session.scalar(query)


def _objectives(numbers: list[int]) -> list[GCMObjective]:
    wanted = sorted(set(numbers or []))
    found = db.session.scalars(sa.select(GCMObjective).where(GCMObjective.number.in_(wanted))
                               .order_by(GCMObjective.number)).all()
    if len(found) != len(wanted):
        raise RuleViolation.on("objectives", _l("Choose objectives from the list."))
    return list(found)


def overlap_warnings(session: BriefingSession, person_ids: list[int] | None = None) -> list:
    """Messages for people of ``session`` who also hold a role in an overlapping session."""
    if person_ids is None:
        person_ids = sorted({link.person_id for link in session.roles})
    if not person_ids:
        return []
    rows = db.session.execute(
        sa.select(Person, BriefingSession).distinct()
        .join(SessionPerson, SessionPerson.person_id == Person.id)
        .join(BriefingSession, BriefingSession.id == SessionPerson.session_id)
        .where(Person.id.in_(person_ids), BriefingSession.id != session.id,
               BriefingSession.briefing_id == session.briefing_id,
               BriefingSession.starts_at < session.ends_at,
               BriefingSession.ends_at > session.starts_at)
        .order_by(Person.name, BriefingSession.starts_at)
    ).all()
    tz = session.briefing.timezone
    return [_l("%(person)s also has a role in “%(title)s” (%(start)s), which overlaps this "
               "session.", person=person.display_name, title=other.title,
               start=local_when(other.starts_at, tz))
            for person, other in rows]


def create_session(briefing: Briefing, data: SessionData, *, actor: User
                   ) -> tuple[BriefingSession, list]:
    """Add a session to the programme; returns it with any warnings."""
    values = _session_values(data)
    texts = translations.cleaned(data.translations)
    _check_session(briefing, values, None, texts)
    objectives = _objectives(data.objectives)
    session = BriefingSession(briefing=briefing, **values)
    session.objectives = objectives
    db.session.add(session)
    translated = translations.store_session(session, texts)
    db.session.flush()
    changes = {name: True for name, value in values.items() if value not in (None, "", False)}
    changes.update(translated)
    if objectives:
        changes["objectives"] = [o.number for o in objectives]
    record("session.create", session, actor=actor, briefing=briefing, changes=changes)
    db.session.commit()
    return session, []


def update_session(session: BriefingSession, data: SessionData, *, actor: User) -> list:
    """Change a session; returns warnings (people now in two overlapping sessions)."""
    values = _session_values(data)
    texts = translations.cleaned(data.translations)
    _check_session(session.briefing, values, session, texts)
    objectives = _objectives(data.objectives)
    changes = {name: True for name, value in values.items() if getattr(session, name) != value}
    for name in changes:
        setattr(session, name, values[name])
    changes.update(translations.store_session(session, texts))
    if [o.number for o in session.objectives] != [o.number for o in objectives]:
        session.objectives = objectives
        changes["objectives"] = [o.number for o in objectives]
    if changes:
        record("session.update", session, actor=actor, briefing=session.briefing, changes=changes)
    db.session.commit()
    if "starts_at" in changes or "ends_at" in changes:
        return overlap_warnings(session)
    return []


def session_dependents(session: BriefingSession) -> dict[str, int]:
    """What deleting the session takes with it: chosen seats, speakers-list entries, minutes."""
    def count(column, where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(column.table).where(where))
    return {
        "seats": count(SessionSeat.session_id, SessionSeat.session_id == session.id),
        "interventions": count(Intervention.id, Intervention.session_id == session.id),
        "minutes": count(Minutes.id, Minutes.session_id == session.id),
    }


def delete_session(session: BriefingSession, *, actor: User) -> None:
    """Remove a session from the programme (its people stay in the briefing's list)."""
    record("session.delete", session, actor=actor, briefing=session.briefing,
           changes={"title": session.title})
    db.session.delete(session)
    db.session.commit()


# ---------------------------------------------------------------- people

def _person_values(data: PersonData) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name in ("name", "honorific", "position", "organization", "country"):
        values[name] = (values[name] or "").strip()
    values["country"] = values["country"].upper()
    return values


def _check_person(briefing: Briefing, values: dict, person: Person | None) -> None:
    errors = RuleErrors()
    if not values["name"]:
        errors.add("name", _l("Enter the person's name."))
    else:
        same = sa.select(Person.id).where(Person.briefing_id == briefing.id,
                                          Person.name == values["name"],
                                          Person.organization == values["organization"])
        if person is not None:
            same = same.where(Person.id != person.id)
        if db.session.scalar(same):
            errors.add("name", _l("Someone with this name and organization is already listed."))
    group_id = values["stakeholder_group_id"]
    if group_id is not None and db.session.get(StakeholderGroup, group_id) is None:
        errors.add("stakeholder_group_id", _l("Choose a stakeholder group from the list."))
    if values["country"] and not countries.is_country(values["country"]):
        errors.add("country", _l("Choose a country from the list."))
    errors.raise_any()


def create_person(briefing: Briefing, data: PersonData, *, actor: User,
                  commit: bool = True) -> Person:
    """Add a person to the briefing's list of people."""
    values = _person_values(data)
    _check_person(briefing, values, None)
    person = Person(briefing=briefing, **values)
    db.session.add(person)
    db.session.flush()
    record("person.create", person, actor=actor, briefing=briefing,
           changes={name: True for name, value in values.items() if value not in (None, "")})
    if commit:
        db.session.commit()
    return person


def update_person(person: Person, data: PersonData, *, actor: User) -> list[str]:
    """Change a person's details; returns the names of the fields that changed."""
    values = _person_values(data)
    _check_person(person.briefing, values, person)
    changed = [name for name, value in values.items() if getattr(person, name) != value]
    for name in changed:
        setattr(person, name, values[name])
    if changed:
        record("person.update", person, actor=actor, briefing=person.briefing,
               changes={name: True for name in changed})
    db.session.commit()
    return changed


def _siblings(link: SessionPerson) -> list[SessionPerson]:
    """The links holding the same role in the same session, in order."""
    return db.session.scalars(
        sa.select(SessionPerson)
        .where(SessionPerson.session_id == link.session_id, SessionPerson.role == link.role)
        .order_by(SessionPerson.position, SessionPerson.id)
    ).all()


def add_session_person(session: BriefingSession, role: PersonRole, *, actor: User,
                       person: Person | None = None, new_person: PersonData | None = None
                       ) -> tuple[SessionPerson, list]:
    """Give a person (listed, or new) a role in a session; returns the link and any warnings.

    A new person whose name and organization are already listed is that listed person.
    """
    briefing = session.briefing
    if person is None and new_person is None:
        raise RuleViolation.on("person_id", _l("Choose a listed person or enter a new name."))
    if person is not None and person.briefing_id != briefing.id:
        raise RuleViolation.on("person_id", _l("Choose a person from the list."))
    if person is None:
        values = _person_values(new_person)
        person = db.session.scalar(sa.select(Person).where(
            Person.briefing_id == briefing.id, Person.name == values["name"],
            Person.organization == values["organization"]))
        if person is None:
            person = create_person(briefing, new_person, actor=actor, commit=False)
    exists = db.session.scalar(sa.select(SessionPerson.id).where(
        SessionPerson.session_id == session.id, SessionPerson.person_id == person.id,
        SessionPerson.role == role))
    if exists:
        db.session.rollback()
        raise RuleViolation.on("role", _l("This person already holds this role in the session."))
    last = db.session.scalar(sa.select(sa.func.max(SessionPerson.position)).where(
        SessionPerson.session_id == session.id, SessionPerson.role == role))
    link = SessionPerson(session=session, person=person, role=role,
                         position=0 if last is None else last + 1)
    db.session.add(link)
    db.session.flush()
    record("session_person.add", link, actor=actor, briefing=briefing,
           changes={"session_id": session.id, "person_id": person.id, "role": role.value})
    db.session.commit()
    return link, overlap_warnings(session, [person.id])


def remove_session_person(link: SessionPerson, *, actor: User) -> None:
    """Take a person's role in a session away; the others of that role close up."""
    briefing = link.session.briefing
    record("session_person.remove", link, actor=actor, briefing=briefing,
           changes={"session_id": link.session_id, "person_id": link.person_id,
                    "role": link.role.value})
    rest = [other for other in _siblings(link) if other.id != link.id]
    db.session.delete(link)
    for index, other in enumerate(rest):
        other.position = index
    db.session.commit()


def move_session_person(link: SessionPerson, step: int, *, actor: User) -> bool:
    """Move a person one place up (``step`` -1) or down (+1) among those of the same role.

    Returns False, changing nothing, when the person is already first or last.
    """
    order = _siblings(link)
    index = order.index(link)
    target = index + step
    if step not in (-1, 1) or not 0 <= target < len(order):
        return False
    order[index], order[target] = order[target], order[index]
    for position, other in enumerate(order):
        other.position = position
    record("session_person.move", link, actor=actor, briefing=link.session.briefing,
           changes={"session_id": link.session_id, "role": link.role.value,
                    "position": [index, target]})
    db.session.commit()
    return True
