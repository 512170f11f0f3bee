"""Helpers shared by the participants' and check-in tests: registrations built directly."""
import itertools
from datetime import datetime, timedelta, timezone

from briefings.extensions import db
from briefings.models import (
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionSeat,
    StatusChange,
)

_seq = itertools.count(1)
T0 = datetime(2030, 5, 1, 8, 0, tzinfo=timezone.utc)


def registration(briefing: Briefing, *, name=None, email=None, status=RS.CONFIRMED,
                 sessions: list[BriefingSession] = (), seat_status=SeatStatus.CONFIRMED,
                 created_at=None, ticket_code=None, commit=True, **fields) -> Registration:
    """A saved registration with its first history entry and, optionally, seats."""
    n = next(_seq)
    email = email or f"person{n}@example.org"
    reg = Registration(
        briefing=briefing, full_name=name or f"Person {n:04d}", email=email,
        email_key=email.lower(), token=f"token-{n}-{'x' * 40}",
        ticket_code=ticket_code or f"TK{n:06d}", status=status,
        created_at=created_at or T0 + timedelta(minutes=n), **fields)
    reg.history.append(StatusChange(from_status=None, to_status=status, reason="registered online"))
    for session in sessions:
        reg.seats.append(SessionSeat(session=session, status=seat_status))
    db.session.add(reg)
    if commit:
        db.session.commit()
    return reg


def sign_in_as(who: str, factory, login, briefing):
    """Sign in as ``who``: anonymous, secretariat, other_organizer, organizer or admin."""
    if who == "anonymous":
        return None
    if who == "secretariat":
        return login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    if who == "other_organizer":
        return login(factory.user(briefing=factory.briefing(), role=Role.ORGANIZER))
    if who == "admin":
        return login(factory.user(is_admin=True))
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


EXPECTED = {"anonymous": 302, "secretariat": 403, "other_organizer": 403,
            "organizer": 200, "admin": 200}
ROLES = list(EXPECTED)
