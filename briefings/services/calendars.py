"""Calendar files (iCalendar) for a programme or a registrant's chosen sessions."""
from collections.abc import Iterable

from flask import current_app
from icalendar import Calendar, Event

from ..models import Briefing, BriefingSession, Registration, SeatStatus, utcnow


def _host() -> str:
    return current_app.config["MAIL_MESSAGE_ID_DOMAIN"]


def _base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


def session_event(session: BriefingSession, briefing: Briefing) -> Event:
    """One session as a VEVENT, its times in the briefing's zone (the zone travels along)."""
    zone = briefing.zone
    event = Event()
    event.add("uid", f"session-{session.id}@{_host()}")
    event.add("dtstamp", utcnow())
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    event.add("summary", session.title)
    location = ", ".join(part for part in (session.room, briefing.venue, briefing.city) if part)
    if location:
        event.add("location", location)
    if session.description:
        event.add("description", session.description)
    event.add("url", f"{_base_url()}/b/{briefing.slug}")
    return event


def programme_calendar(briefing: Briefing, sessions: Iterable[BriefingSession],
                       name: str | None = None) -> bytes:
    """A calendar holding ``sessions`` of ``briefing``, with a VTIMEZONE for its zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//Briefings//Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name or briefing.title)
    calendar.add("x-wr-timezone", briefing.timezone)
    for session in sessions:
        calendar.add_component(session_event(session, briefing))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def registration_calendar(registration: Registration) -> bytes:
    """The sessions a registrant chose (all sessions if they chose none), as a calendar."""
    briefing = registration.briefing
    chosen = [seat.session for seat in registration.seats if seat.status != SeatStatus.RELEASED]
    sessions = sorted(chosen, key=lambda s: (s.starts_at, s.position, s.id)) or briefing.sessions
    return programme_calendar(briefing, sessions)
