"""Demo data: the concluded IMRF outcomes briefing of the seed, and an upcoming follow-up.

The public figures the seed names appear as the speakers they were; every other
chair, speaker, rapporteur and participant is invented, with example.org e-mails.
"""
import random
import secrets
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from ..extensions import db
from ..models import (
    AttendanceMode, Briefing, BriefingSession, BriefingStatus, BriefingTranslation,
    GCMObjective, Gender, Membership, Person, PersonRole, Registration, RegistrationStatus, Role,
    SeatStatus, SessionFormat, SessionKind, SessionPerson, SessionSeat, SessionTranslation,
    StakeholderGroup, StatusChange, SystemReason, User, stored_reason, utcnow,
)
from ..services.audit import record
from ..services.hybrid import seat_mode
from .records import load_records
from .translations_data import (
    FOLLOW_UP_SESSION_TEXTS, FOLLOW_UP_TEXTS, IMRF_SESSION_TEXTS, IMRF_TEXTS,
)
from .programme_data import (
    SEED, TICKET_ALPHABET, IOM_MENA, PEOPLE, Plan, IMRF_SUMMARY, IMRF_PLAN, FOLLOW_UP_SUMMARY,
    FOLLOW_UP_PLAN, WOMEN, MEN, SURNAMES, EMBASSIES, ARABIC_SPEAKING, FRENCH_SPEAKING, GROUPS,
)


def _at(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(ZoneInfo("UTC"))


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "")


def _ticket_code(taken: set[str]) -> str:
    # Ticket codes are looked up at the desk: random, not derived from the demo's seed.
    while (code := "".join(secrets.choice(TICKET_ALPHABET) for _ in range(8))) in taken:
        pass
    taken.add(code)
    return code


def _build_programme(briefing: Briefing, plans: list[Plan], first_day: date,
                     groups: dict[str, StakeholderGroup],
                     objectives: dict[int, GCMObjective]) -> list[BriefingSession]:
    zone = briefing.zone
    people: dict[str, Person] = {}
    for key in dict.fromkeys(key for plan in plans for _, key in plan.people):
        honorific, name, position, organization, group, country = PEOPLE[key]
        people[key] = Person(briefing=briefing, honorific=honorific, name=name, position=position,
                             organization=organization, stakeholder_group=groups[group],
                             country=country)
    db.session.add_all(people.values())
    sessions = []
    for number, plan in enumerate(plans):
        day = first_day + timedelta(days=plan.day)
        session = BriefingSession(
            briefing=briefing, kind=plan.kind, title=plan.title, description=plan.description,
            starts_at=_at(day, plan.start, zone), ends_at=_at(day, plan.end, zone),
            room=plan.room, format=plan.format, position=number,
            takes_attendance=plan.kind == SessionKind.ROUND_TABLE,
            meeting_link=(f"https://meet.example.org/{briefing.slug}-{number + 1}"
                          if plan.format != SessionFormat.IN_PERSON else ""),
            objectives=[objectives[n] for n in plan.objectives],
        )
        db.session.add(session)
        order: dict[PersonRole, int] = {}
        for role, key in plan.people:
            order[role] = order.get(role, -1) + 1
            session.roles.append(SessionPerson(person=people[key], role=role, position=order[role]))
        sessions.append(session)
    _check_programme(briefing, sessions)
    return sessions


def _check_programme(briefing: Briefing, sessions: list[BriefingSession]) -> None:
    """The programme rules hold for demo data too: inside the briefing, no room clash."""
    for i, session in enumerate(sessions):
        if not briefing.starts_at <= session.starts_at < session.ends_at <= briefing.ends_at:
            raise ValueError(f"demo session {session.title!r} lies outside its briefing")
        for other in sessions[i + 1:]:
            if (other.room == session.room and other.starts_at < session.ends_at
                    and session.starts_at < other.ends_at):
                raise ValueError(f"demo sessions {session.title!r} and {other.title!r} clash")


def _person(rng: random.Random, used: set[str]) -> tuple[str, str, Gender | None]:
    while True:
        woman = rng.random() < 0.5
        first, last = rng.choice(WOMEN if woman else MEN), rng.choice(SURNAMES)
        email = f"{_ascii(first)}.{_ascii(last)}@example.org"
        if email not in used:
            used.add(email)
            break
    roll = rng.random()
    gender = (Gender.UNDISCLOSED if roll < 0.06 else None if roll < 0.08
              else Gender.WOMAN if woman else Gender.MAN)
    return f"{first} {last}", email, gender


def _profile(rng: random.Random, groups: dict[str, StakeholderGroup]):
    code = rng.choices(list(GROUPS), weights=[spec[0] for spec in GROUPS.values()])[0]
    _, countries, organizations, positions = GROUPS[code]
    country = rng.choice(countries)
    organization = (f"Embassy of {EMBASSIES[country]}" if code == "diplomatic"
                    else rng.choice(organizations))
    language = "en"
    if country in FRENCH_SPEAKING and rng.random() < 0.4:
        language = "fr"
    elif country in ARABIC_SPEAKING and rng.random() < 0.35:
        language = "ar"
    return groups[code], country, organization, rng.choice(positions), language


def _history(final: RegistrationStatus, *, approval: bool, created: datetime, decided: datetime,
             organizer: User, limit: datetime) -> list[StatusChange]:
    """The steps that led to ``final``: approval by the organizer, a later cancellation."""
    pending, confirmed = RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED
    steps = [(None, pending if approval else confirmed, created, None,
              stored_reason(SystemReason.REGISTERED_ONLINE))]
    if approval and final == RegistrationStatus.DECLINED:
        steps.append((pending, final, decided, organizer, "Not on the invitation list"))
    elif approval:
        steps.append((pending, confirmed, decided, organizer, "Approved"))
    if final == RegistrationStatus.CANCELLED:
        steps.append((confirmed, final, decided + timedelta(days=1), None,
                      stored_reason(SystemReason.CANCELLED_BY_REGISTRANT)))
    return [StatusChange(from_status=before, to_status=after, at=min(at, limit), user=user,
                         reason=reason) for before, after, at, user, reason in steps]


def _registrations(briefing: Briefing, sessions: list[BriefingSession], count: int, *,
                   rng: random.Random, groups: dict[str, StakeholderGroup], organizer: User,
                   window: tuple[datetime, datetime], held: bool,
                   online_share: float = 0.0) -> list[Registration]:
    """``count`` fictional registrations, each step of their history inside ``window``.

    Confirmed registrants hold seats in the plenary sessions and one round table;
    when the briefing was ``held`` most of them checked in. About ``online_share``
    of them attend online (a hybrid briefing): they hold seats only in the
    sessions that can be followed online.
    """
    # Its own generator: the other demo data stay the same whatever the share.
    modes = random.Random(SEED + 1)  # nosec B311: reproducible demo data, no secret
    used: set[str] = set()
    tickets: set[str] = set()
    parallel = [s for s in sessions if s.kind == SessionKind.ROUND_TABLE]
    plenary = [s for s in sessions if s.kind != SessionKind.ROUND_TABLE]
    span = (window[1] - window[0]).total_seconds()
    result = []
    for _ in range(count):
        name, email, gender = _person(rng, used)
        group, country, organization, position, language = _profile(rng, groups)
        created = window[0] + timedelta(seconds=int(rng.random() * span * 0.8))
        roll = rng.random()
        final = (RegistrationStatus.CONFIRMED if roll < 0.87 else RegistrationStatus.CANCELLED
                 if roll < 0.95 or not briefing.approval_required else RegistrationStatus.DECLINED)
        online = modes.random() < online_share
        reg = Registration(
            attendance_mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_PERSON,
            briefing=briefing, full_name=name, email=email, email_key=email,
            organization=organization, position=position, stakeholder_group=group,
            country=country, gender=gender, language=language, status=final,
            accessibility_needs=(rng.choice(["Step-free access", "Arabic interpretation"])
                                 if rng.random() < 0.04 else ""),
            list_consent=rng.random() < 0.6, token=secrets.token_urlsafe(24),
            ticket_code=_ticket_code(tickets), created_at=created, updated_at=created,
            history=_history(final, approval=briefing.approval_required, created=created,
                             decided=created + timedelta(hours=rng.randint(2, 30)),
                             organizer=organizer, limit=window[1]),
        )
        if final == RegistrationStatus.CONFIRMED:
            present = held and rng.random() < 0.88
            if present:
                reg.checked_in_at = briefing.starts_at + timedelta(minutes=rng.randint(-45, 40))
            for session in plenary + ([rng.choice(parallel)] if parallel else []):
                attended = session.starts_at if present and rng.random() < 0.9 else None
                if online and session.format == SessionFormat.IN_PERSON:
                    continue  # held in the room only
                reg.seats.append(SessionSeat(
                    session=session, status=SeatStatus.CONFIRMED, created_at=created,
                    attended_at=attended, mode=seat_mode(session, reg.attendance_mode)))
        result.append(reg)
    return result


def _translate(briefing: Briefing, sessions: list[BriefingSession], texts: dict,
               session_texts: dict) -> None:
    """Give the briefing and its sessions their French and Arabic texts."""
    briefing.translations = [BriefingTranslation(language=language, title=title, summary=summary)
                             for language, (title, summary) in texts.items()]
    for session in sessions:
        session.translations = [
            SessionTranslation(language=language, title=title, description=description)
            for language, (title, description) in session_texts[session.title].items()]


def _briefing(organizer: User, **fields) -> Briefing:
    briefing = Briefing(**fields)
    db.session.add(briefing)
    db.session.add(Membership(user=organizer, briefing=briefing, role=Role.ORGANIZER))
    return briefing


def load_demo(organizer: User, *, now: datetime | None = None) -> list[Briefing]:
    """Create the demo briefings in one transaction, with ``organizer`` as their organizer.

    The concluded IMRF outcomes briefing of 20 June 2022 in Cairo, with its
    programme and about a hundred registrations, and a published follow-up
    about six weeks from ``now`` whose registration is open.
    """
    now = now or utcnow()
    rng = random.Random(SEED)  # nosec B311: reproducible demo data, no secret
    groups = {g.code: g for g in db.session.scalars(sa.select(StakeholderGroup))}
    objectives = {o.number: o for o in db.session.scalars(sa.select(GCMObjective))}

    cairo = ZoneInfo("Africa/Cairo")
    imrf_day = date(2022, 6, 20)
    imrf = _briefing(
        organizer, slug="imrf-outcomes-briefing-2022",
        title=("Regional Partners Briefing on the Outcomes of the International Migration "
               "Review Forum"),
        summary=IMRF_SUMMARY, partners=f"{IOM_MENA}\nGovernment of Egypt",
        venue="Garden City Conference Centre", city="Cairo", timezone="Africa/Cairo",
        starts_at=_at(imrf_day, "09:00", cairo), ends_at=_at(imrf_day, "16:00", cairo),
        languages="en,fr,ar", status=BriefingStatus.CONCLUDED,
        registration_opens_at=_at(date(2022, 5, 30), "09:00", cairo),
        registration_closes_at=_at(date(2022, 6, 17), "17:00", cairo),
        capacity=120, approval_required=True, created_at=_at(date(2022, 5, 25), "10:00", cairo),
    )
    imrf_sessions = _build_programme(imrf, IMRF_PLAN, imrf_day, groups, objectives)
    _translate(imrf, imrf_sessions, IMRF_TEXTS, IMRF_SESSION_TEXTS)
    db.session.add_all(_registrations(
        imrf, imrf_sessions, 104, rng=rng, groups=groups, organizer=organizer,
        window=(imrf.registration_opens_at, imrf.registration_closes_at), held=True))

    amman = ZoneInfo("Asia/Amman")
    first_day = now.astimezone(amman).date() + timedelta(weeks=6)
    follow_up = _briefing(
        organizer, slug="imrf-follow-up-briefing",
        title="From Pledges to Practice: Follow-up Briefing on the IMRF Progress Declaration",
        summary=FOLLOW_UP_SUMMARY,
        partners=f"{IOM_MENA}\nRegional UN Network on Migration for the Arab States",
        venue="Amman Regional Conference Centre", city="Amman", timezone="Asia/Amman",
        starts_at=_at(first_day, "09:00", amman),
        ends_at=_at(first_day + timedelta(days=1), "13:30", amman),
        languages="en,fr,ar", status=BriefingStatus.PUBLISHED,
        registration_opens_at=now - timedelta(days=10),
        registration_closes_at=_at(first_day - timedelta(days=4), "23:59", amman),
        capacity=150, approval_required=False, format=SessionFormat.HYBRID,
        meeting_link="https://meet.example.org/imrf-follow-up-briefing",
        dial_in=("By telephone: +962 6 500 0000 (Amman), +41 22 500 0000 (Geneva)\n"
                 "Meeting ID: 482 193 7765, passcode: 2026"),
        online_capacity=250,
    )
    follow_sessions = _build_programme(follow_up, FOLLOW_UP_PLAN, first_day, groups,
                                       objectives)
    _translate(follow_up, follow_sessions, FOLLOW_UP_TEXTS, FOLLOW_UP_SESSION_TEXTS)
    db.session.add_all(_registrations(
        follow_up, follow_sessions, 14, rng=rng, groups=groups, organizer=organizer,
        window=(follow_up.registration_opens_at, now - timedelta(hours=1)), held=False,
        online_share=0.4))

    db.session.flush()
    for briefing in (imrf, follow_up):
        record("briefing.create", briefing, actor=organizer, changes={"demo": True})
    db.session.flush()
    load_records(imrf, organizer)  # outcome documents and the pledge register
    db.session.commit()
    return [imrf, follow_up]
