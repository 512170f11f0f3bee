"""Hybrid attendance: which modes a briefing offers, which seats count where, who sees the link.

The rules in one place: a hybrid briefing lets each registrant choose to
attend in the room or online; an in-person or online briefing decides for
them. ``capacity`` counts seats in the room, ``online_capacity`` seats
through the meeting link. A session seat counts against the registrant's
mode where the session is hybrid, else against the session's only mode.

The meeting link and dial-in notes go to confirmed registrants who attend
online, and for a session only with a confirmed seat that counts online:
in-person registrants of a hybrid briefing get no link (they can switch to
online on their private page while online seats remain), so the online
capacity means what it says.
"""
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionFormat,
)

MODES = tuple(AttendanceMode)


class ModeError(ValueError):
    """An attendance mode the briefing does not allow; the message is meant for the user."""


def modes_offered(fmt: SessionFormat) -> tuple[AttendanceMode, ...]:
    """The ways of attending something of format ``fmt``."""
    if fmt == SessionFormat.HYBRID:
        return MODES
    if fmt == SessionFormat.ONLINE:
        return (AttendanceMode.ONLINE,)
    return (AttendanceMode.IN_PERSON,)


def only_mode(fmt: SessionFormat) -> AttendanceMode | None:
    """The single way of attending a non-hybrid format; None for hybrid."""
    offered = modes_offered(fmt)
    return offered[0] if len(offered) == 1 else None


def resolve_mode(briefing: Briefing, requested: str | None, *,
                 required: bool = False) -> AttendanceMode:
    """The mode a registrant attends ``briefing`` in; ModeError when it is not offered.

    Where the briefing is hybrid the person chooses (the form and the API
    insist: ``required``); a caller that does not ask, like an import, gets a
    seat in the room. Elsewhere the briefing decides, and a request for the
    other mode is refused rather than ignored.
    """
    fixed = only_mode(briefing.format)
    if not requested:
        if fixed is None and required:
            raise ModeError(_l("Choose how you will attend: in the room or online."))
        return fixed or AttendanceMode.IN_PERSON
    try:
        mode = AttendanceMode(requested)
    except ValueError:
        raise ModeError(_l("Choose how you will attend: in the room or online.")) from None
    if fixed is not None and mode != fixed:
        raise ModeError(_l("This briefing is in person only.") if fixed == AttendanceMode.IN_PERSON
                        else _l("This briefing is online only."))
    return mode


def briefing_capacity(briefing: Briefing, mode: AttendanceMode) -> int | None:
    """The limit of confirmed registrations attending ``briefing`` in ``mode`` (None: none)."""
    return briefing.online_capacity if mode == AttendanceMode.ONLINE else briefing.capacity


def seat_mode(session: BriefingSession, mode: AttendanceMode) -> AttendanceMode:
    """The capacity of ``session`` that the seat of someone attending in ``mode`` counts against."""
    return only_mode(session.format) or mode


def session_capacity(session: BriefingSession, mode: AttendanceMode) -> int | None:
    """The seats of ``session`` for ``mode`` (None: no limit)."""
    return session.online_capacity if mode == AttendanceMode.ONLINE else session.capacity


def unreachable_sessions(sessions: list[BriefingSession], mode: AttendanceMode
                         ) -> list[BriefingSession]:
    """The sessions an online registrant cannot attend: those held in the room only."""
    if mode != AttendanceMode.ONLINE:
        return []
    return [s for s in sessions if s.format == SessionFormat.IN_PERSON]


def https_link_error(link: str):
    """A message when ``link`` is not a full https address, else None."""
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.netloc or any(ch.isspace() for ch in link):
        return _l("Enter a full web address starting with https://.")
    return None


@dataclass
class Join:
    """How to join something online: the meeting link and the dial-in notes."""

    link: str
    dial_in: str = ""


@dataclass
class OnlineAccess:
    """What a registrant may see of the meeting links: the briefing's and some sessions'.

    ``sessions`` holds only the sessions whose way in differs from the briefing's
    shown here (their own link, or the only link this registrant gets).
    """

    briefing: Join | None = None
    sessions: dict[int, Join] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.briefing is not None or bool(self.sessions)

    def for_session(self, session: BriefingSession) -> Join | None:
        """The way into one session: its own, else the briefing's if the session is online too."""
        if session.id in self.sessions:
            return self.sessions[session.id]
        if (session.format != SessionFormat.IN_PERSON
                or session.briefing.format == SessionFormat.ONLINE):
            return self.briefing
        return None


def attends_online(registration: Registration) -> bool:
    """True when the registration attends the briefing itself through the meeting link."""
    fmt = registration.briefing.format
    return fmt == SessionFormat.ONLINE or (
        fmt == SessionFormat.HYBRID and registration.attendance_mode == AttendanceMode.ONLINE)


def online_access(registration: Registration) -> OnlineAccess:
    """The meeting links and dial-in notes ``registration`` may see (nothing unless confirmed)."""
    access = OnlineAccess()
    if registration.status != RegistrationStatus.CONFIRMED:
        return access
    briefing = registration.briefing
    if attends_online(registration) and briefing.meeting_link:
        access.briefing = Join(briefing.meeting_link, briefing.dial_in)
    for seat in registration.seats:
        session = seat.session
        if (seat.status != SeatStatus.CONFIRMED or seat.mode != AttendanceMode.ONLINE
                or session.format == SessionFormat.IN_PERSON):
            continue
        link = session.meeting_link or briefing.meeting_link
        dial_in = session.dial_in or briefing.dial_in
        if not link:
            continue
        if access.briefing is None or (link, dial_in) != (access.briefing.link,
                                                           access.briefing.dial_in):
            access.sessions[session.id] = Join(link, dial_in)
    return access
