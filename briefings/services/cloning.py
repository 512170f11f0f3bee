"""New briefings from old ones: a copy of a briefing's programme, or the forum format template.

A copy takes the settings and the sessions, never the people: no registrations,
no speakers, no records, and only the person who made it as organizer. Times
move by whole days on the briefing's own clock, so a session at 10:00 stays at
10:00 whatever daylight saving does in between.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import from_local_input
from ..models import (
    Briefing,
    BriefingSession,
    BriefingStatus,
    BriefingTranslation,
    GCMObjective,
    Membership,
    Role,
    SessionKind,
    SessionTranslation,
    User,
)
from .audit import record
from .briefings import SLUG_PATTERN, RuleErrors, RuleViolation, slugify

# Settings a copy keeps as they are (dates are moved, status and slug are new).
COPIED_SETTINGS = ("summary", "partners", "venue", "city", "timezone", "languages", "capacity",
                   "approval_required", "invite_only", "participant_list",
                   "format", "meeting_link", "dial_in", "online_capacity")
COPIED_SESSION_FIELDS = ("kind", "title", "description", "room", "capacity", "format",
                         "meeting_link", "dial_in", "online_capacity", "takes_attendance",
                         "position")


def _check_new(title: str, slug: str, first_day: date | None) -> tuple[str, str]:
    """The cleaned title and slug of a new briefing; RuleViolation for what is wrong."""
    errors = RuleErrors()
    title = (title or "").strip()
    slug = (slug or "").strip().lower() or slugify(title)
    if not title:
        errors.add("title", _l("Give the briefing a title."))
    if not SLUG_PATTERN.match(slug) or len(slug) > 80:
        errors.add("slug", _l("Use lower-case letters, digits and single hyphens (at most 80)."))
    elif db.session.scalar(sa.select(Briefing.id).where(Briefing.slug == slug)):
        errors.add("slug", _l("Another briefing already uses this web address."))
    if first_day is None:
        errors.add("start_date", _l("Enter the first day as a date."))
    errors.raise_any()
    return title, slug


def _mover(source: Briefing, first_day: date):
    """A function moving a time of ``source`` by whole days, on the briefing's own clock."""
    zone = source.zone
    days = timedelta(days=(first_day - source.starts_at.astimezone(zone).date()).days)

    def move(value: datetime | None) -> datetime | None:
        if value is None:
            return None
        return from_local_input(value.astimezone(zone).replace(tzinfo=None) + days, zone)

    return move


def clone_briefing(source: Briefing, *, title: str, slug: str, first_day: date,
                   actor: User) -> Briefing:
    """A draft copy of ``source``'s settings and programme, starting on ``first_day``.

    The copy has no registrations, people or records; ``actor`` is its organizer.
    Texts in other languages come along: the sessions' all, the briefing's summary,
    and its title only when the copy keeps the source's title (a new title would
    otherwise be shown with the old one's translations).
    """
    title, slug = _check_new(title, slug, first_day)
    move = _mover(source, first_day)
    copy = Briefing(title=title, slug=slug, status=BriefingStatus.DRAFT,
                    starts_at=move(source.starts_at), ends_at=move(source.ends_at),
                    registration_opens_at=move(source.registration_opens_at),
                    registration_closes_at=move(source.registration_closes_at),
                    **{name: getattr(source, name) for name in COPIED_SETTINGS})
    same_title = title == source.title
    copy.translations = [
        BriefingTranslation(language=t.language, title=t.title if same_title else "",
                            summary=t.summary)
        for t in source.translations if t.summary or (same_title and t.title)]
    sessions = db.session.scalars(
        sa.select(BriefingSession).where(BriefingSession.briefing_id == source.id)
        .options(selectinload(BriefingSession.objectives),
                 selectinload(BriefingSession.translations))
        .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)).all()
    for session in sessions:
        copy.sessions.append(BriefingSession(
            starts_at=move(session.starts_at), ends_at=move(session.ends_at),
            objectives=list(session.objectives),
            translations=[SessionTranslation(language=t.language, title=t.title,
                                             description=t.description)
                          for t in session.translations],
            **{name: getattr(session, name) for name in COPIED_SESSION_FIELDS}))
    if any(item.ends_at <= item.starts_at for item in [copy, *copy.sessions]):
        # Only a clock change that swallows a session's hour can do this.
        raise RuleViolation.on("start_date", _l("On that day the clocks change during the "
                                                "programme; choose another first day."))
    return _save(copy, actor, "briefing.clone",
                 {"source_briefing": source.id, "sessions": len(sessions)})


def _save(briefing: Briefing, actor: User, action: str, changes: dict) -> Briefing:
    db.session.add(briefing)
    db.session.add(Membership(user=actor, briefing=briefing, role=Role.ORGANIZER))
    db.session.flush()
    record(action, briefing, actor=actor, changes=changes)
    try:
        db.session.commit()
    except IntegrityError as error:  # a concurrent request took the slug first
        db.session.rollback()
        raise RuleViolation.on(
            "slug", _l("Another briefing already uses this web address.")) from error
    return briefing


# ---------------------------------------------------------------- the forum format

@dataclass(frozen=True)
class Slot:
    """One session of the template: its day (0 or 1), times, kind, room and GCM objectives."""

    day: int
    starts: str
    ends: str
    kind: SessionKind
    room: str
    number: int = 0  # round tables are numbered
    objectives: tuple[int, ...] = ()


# The round tables of the International Migration Review Forum (resolution 73/326) share the
# 23 objectives of the Global Compact between them.
ROUND_TABLE_OBJECTIVES = ((2, 5, 6, 12, 18), (4, 8, 9, 10, 11, 13, 14, 21),
                          (1, 3, 7, 15, 16, 17, 23), (19, 20, 22))
HALL, ROOM_A, ROOM_B, ROOM_C, ROOM_D = "hall", "a", "b", "c", "d"
K = SessionKind
LAYOUTS = {
    2: (Slot(0, "09:00", "09:45", K.OPENING, HALL),
        Slot(0, "10:00", "13:00", K.HEARING, HALL),
        Slot(0, "14:30", "16:00", K.ROUND_TABLE, ROOM_A, 1, ROUND_TABLE_OBJECTIVES[0]),
        Slot(0, "14:30", "16:00", K.ROUND_TABLE, ROOM_B, 2, ROUND_TABLE_OBJECTIVES[1]),
        Slot(0, "16:30", "18:00", K.ROUND_TABLE, ROOM_A, 3, ROUND_TABLE_OBJECTIVES[2]),
        Slot(0, "16:30", "18:00", K.ROUND_TABLE, ROOM_B, 4, ROUND_TABLE_OBJECTIVES[3]),
        Slot(1, "09:30", "12:30", K.POLICY_DEBATE, HALL),
        Slot(1, "14:00", "16:30", K.PLENARY, HALL),
        Slot(1, "16:45", "17:30", K.CLOSING, HALL)),
    1: (Slot(0, "09:00", "09:30", K.OPENING, HALL),
        Slot(0, "09:30", "11:00", K.HEARING, HALL),
        *(Slot(0, "11:15", "12:45", K.ROUND_TABLE, room, n + 1, ROUND_TABLE_OBJECTIVES[n])
          for n, room in enumerate((ROOM_A, ROOM_B, ROOM_C, ROOM_D))),
        Slot(0, "14:00", "15:30", K.POLICY_DEBATE, HALL),
        Slot(0, "15:45", "17:00", K.PLENARY, HALL),
        Slot(0, "17:00", "17:30", K.CLOSING, HALL)),
}


def _room_name(key: str) -> str:
    return _("Plenary hall") if key == HALL else _("Room %(letter)s", letter=key.upper())


def _title_and_description(slot: Slot) -> tuple[str, str]:
    """The session's title and description in the page's language (they become its text)."""
    if slot.kind == K.ROUND_TABLE:
        numbers = ", ".join(str(n) for n in slot.objectives)
        return (_("Round table %(number)d: objectives %(objectives)s", number=slot.number,
                  objectives=numbers),
                _("An interactive multi-stakeholder round table on the implementation of "
                  "objectives %(objectives)s of the Global Compact for Migration.",
                  objectives=numbers))
    texts = {
        K.OPENING: (_("Opening"), _("Welcome and opening remarks by the organizers and hosts.")),
        K.HEARING: (_("Multi-stakeholder hearing"),
                    _("Civil society, migrants, diaspora, academia, the private sector, trade "
                      "unions and local authorities speak to the participating governments.")),
        K.POLICY_DEBATE: (_("Policy debate"),
                          _("A debate on the implementation of the Global Compact for Migration "
                            "and its links with the 2030 Agenda for Sustainable Development.")),
        K.PLENARY: (_("Plenary"), _("Statements, and the outcomes of the round tables and the "
                                    "policy debate brought together.")),
        K.CLOSING: (_("Closing"), _("Summary of the discussions and closing remarks.")),
    }
    return texts[slot.kind]


def create_from_forum_template(*, title: str, slug: str, first_day: date, timezone: str,
                               days: int, actor: User) -> Briefing:
    """A draft briefing laid out like the forum over one or two days, starting on ``first_day``.

    Opening, multi-stakeholder hearing, four round tables covering the 23 GCM
    objectives, policy debate, plenary and closing, with times and rooms an
    organizer can then change. Titles and descriptions are in the page's language.
    """
    title, slug = _check_new(title, slug, first_day)
    layout = LAYOUTS.get(days)
    if layout is None:
        raise RuleViolation.on("days", _l("Choose one or two days."))

    def at(slot_day: int, clock: str) -> datetime:
        hours, minutes = (int(part) for part in clock.split(":"))
        local = datetime.combine(first_day + timedelta(days=slot_day), time(hours, minutes))
        return from_local_input(local, timezone)

    objectives = {o.number: o for o in db.session.scalars(sa.select(GCMObjective))}
    briefing = Briefing(title=title, slug=slug, timezone=timezone, status=BriefingStatus.DRAFT,
                        starts_at=at(0, layout[0].starts), ends_at=at(layout[-1].day,
                                                                      layout[-1].ends))
    for position, slot in enumerate(layout):
        session_title, description = _title_and_description(slot)
        briefing.sessions.append(BriefingSession(
            kind=slot.kind, title=session_title, description=description,
            starts_at=at(slot.day, slot.starts), ends_at=at(slot.day, slot.ends),
            room=_room_name(slot.room), takes_attendance=slot.kind == K.ROUND_TABLE,
            position=position,
            objectives=[objectives[n] for n in slot.objectives if n in objectives]))
    return _save(briefing, actor, "briefing.create",
                 {"template": "forum", "days": days, "sessions": len(layout)})
