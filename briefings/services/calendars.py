"""Calendar files (iCalendar) for a programme or a registrant's chosen sessions.

Times travel in the briefing's zone, with its VTIMEZONE. The meeting link and
dial-in notes are written only into a confirmed registrant's own calendar, for
the sessions they attend online (``services.hybrid``), never into a public one.
"""
from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy.orm import selectinload

from ..caching import Memo, programme_digest
from ..extensions import db
from ..i18n import current_language
from ..labels import ROLE_HEADINGS, enum_label
from ..models import Briefing, BriefingSession, Registration, SeatStatus, SessionPerson
from .hybrid import Join, online_access

PRODID = "-//Briefings//Programme//EN"
ZONE_MARGIN = timedelta(days=400)


def session_uid(session: BriefingSession, host: str) -> str:
    """A UID that stays the same for a session however often the calendar is downloaded."""
    return f"session-{session.id}@{host}"


def _location(session: BriefingSession, briefing: Briefing) -> str:
    return ", ".join(part for part in (session.room, briefing.venue, briefing.city) if part)


def _description(session: BriefingSession, language: str) -> str:
    lines = [enum_label(session.kind) + " · " + enum_label(session.format)]
    for role, heading in ROLE_HEADINGS.items():
        people = session.people_in(role)
        if people:
            names = "; ".join(
                ", ".join(part for part in (p.display_name, p.affiliation) if part) for p in people
            )
            lines.append(f"{heading}: {names}")
    if session.objectives:
        numbers = ", ".join(str(o.number) for o in session.objectives)
        lines.append(_("GCM objectives: %(numbers)s", numbers=numbers))
    description = session.description_in(language)
    if description:
        lines.extend(["", description.strip()])
    return "\n".join(lines)


def _with_join(description: str, join: Join) -> str:
    lines = [description, "", _("Join online: %(link)s", link=join.link)]
    if join.dial_in:
        lines.append(_("Dial-in: %(notes)s", notes=join.dial_in.strip()))
    return "\n".join(lines)


def programme_calendar(briefing: Briefing, *, page_url: str, host: str,
                       sessions: Iterable[BriefingSession] | None = None,
                       joins: dict[int, Join] | None = None) -> Calendar:
    """The sessions of ``briefing`` (all, or those given) as a calendar with a VTIMEZONE.

    ``page_url`` is the briefing's public page and ``host`` names this site in
    the UIDs. Titles and descriptions are in the current language where the
    organizers translated them. ``joins`` (a registrant's own calendar only)
    gives, per session id, the meeting link to use as the event's address and
    the dial-in notes; public calendars never carry a meeting link.
    """
    joins = joins or {}
    zone = briefing.zone
    language = current_language()
    calendar = Calendar.new(prodid=PRODID, name=briefing.title_in(language), url=page_url,
                            uid=f"briefing-{briefing.id}@{host}")
    for session in briefing.sessions if sessions is None else sessions:
        event = Event.new(
            uid=session_uid(session, host),
            start=session.starts_at.astimezone(zone),
            end=session.ends_at.astimezone(zone),
            stamp=session.updated_at,
            last_modified=session.updated_at,
            summary=session.title_in(language),
            location=_location(session, briefing),
            description=(_with_join(_description(session, language), joins[session.id])
                         if session.id in joins else _description(session, language)),
            url=joins[session.id].link if session.id in joins else page_url,
            categories=[enum_label(session.kind)],
        )
        calendar.add_component(event)
    # The zone's rules around the briefing only: enough for any client, and a small file.
    calendar.add_missing_timezones(first_date=(briefing.starts_at - ZONE_MARGIN).date(),
                                   last_date=(briefing.ends_at + ZONE_MARGIN).date())
    return calendar


# A registrant's file names no registrant: it is found by the programme, the
# language, the sessions chosen and the ways in they may see (bytes are
# deterministic: each event's DTSTAMP is its session's last change).
_registrant_files = Memo(size=64)


def registration_calendar(registration: Registration) -> bytes:
    """The sessions a registrant chose (all sessions if they chose none), as a calendar file.

    A confirmed registrant attending online finds the meeting link in the events.
    """
    briefing = registration.briefing
    chosen = sorted(seat.session_id for seat in registration.seats
                    if seat.status != SeatStatus.RELEASED)
    access = online_access(registration)
    base = current_app.config["BASE_URL"].rstrip("/")
    host = current_app.config["MAIL_MESSAGE_ID_DOMAIN"]
    key = (programme_digest(briefing), current_language(), tuple(chosen),
           _join_key(access.briefing),
           tuple(sorted((session_id, _join_key(join)) for session_id, join
                        in access.sessions.items())), base, host)
    cached = _registrant_files.get(key)
    if cached is not None:
        return cached
    # The sessions with their people, objectives and texts in four queries, however many.
    query = (sa.select(BriefingSession).where(BriefingSession.briefing_id == briefing.id)
             .options(selectinload(BriefingSession.roles).joinedload(SessionPerson.person),
                      selectinload(BriefingSession.objectives),
                      selectinload(BriefingSession.translations))
             .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id))
    if chosen:
        query = query.where(BriefingSession.id.in_(chosen))
    sessions = db.session.scalars(query).all()
    joins = {session.id: join for session in sessions
             if (join := access.for_session(session)) is not None}
    calendar = programme_calendar(briefing, page_url=f"{base}/b/{briefing.slug}",
                                  host=host, sessions=sessions, joins=joins)
    body = calendar.to_ical()
    _registrant_files.put(key, body)
    return body


def _join_key(join: Join | None) -> tuple | None:
    return None if join is None else (join.link, join.dial_in)
