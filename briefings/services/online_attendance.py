"""Online attendance: a videoconference provider's attendance report marks registrants present.

The rows of the report (read by ``attendance_files``) are matched by e-mail,
without case, to the briefing's registrations. A confirmed registrant found
in it is checked in (an earlier check-in is kept) and, when the import is for
one session, their attendance at it recorded if they hold a confirmed seat
there. Everyone else is reported: registrants not confirmed, addresses that
match nobody, lines without an address. A person who rejoined the call
appears on several lines and counts once, from their earliest join time.

All changes happen in one transaction under the briefing lock, with one
audit event per person marked and one for the import (counts only), all
inserted by one statement: a report of 2,000 people takes as many queries as
one of 20.
"""
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    AuditEvent,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
    utcnow,
)
from .attendance_files import AttendanceFileError, Row, read, window_of
from .registrations import email_key

CHUNK = 500  # addresses looked up per query


@dataclass
class Match:
    """A registrant found in the report: the first line naming them, and the time recorded."""

    line: int
    registration: Registration
    at: datetime | None = None
    # Read while loaded: the report shows them after the commit without another query.
    registration_id: int = field(init=False)
    name: str = field(init=False)
    status: RS = field(init=False)

    def __post_init__(self):
        self.registration_id = self.registration.id
        self.name = self.registration.full_name
        self.status = self.registration.status


@dataclass
class AttendanceImport:
    """What an import did, for the organizer's report (``error`` when the file was refused)."""

    session: BriefingSession | None = None
    rows_read: int = 0
    repeated: int = 0  # lines naming a person already named above (rejoined the call)
    marked: list[Match] = field(default_factory=list)
    already: list[Match] = field(default_factory=list)
    no_seat: list[Match] = field(default_factory=list)  # checked in; no seat in the session
    not_confirmed: list[Match] = field(default_factory=list)
    unmatched: list[Row] = field(default_factory=list)
    without_email: list[Row] = field(default_factory=list)
    error: str = ""

    @property
    def matched(self) -> int:
        """Confirmed registrants found in the report."""
        return len(self.marked) + len(self.already) + len(self.no_seat)


def _registrations(briefing_id: int, keys: list[str]) -> dict[str, Registration]:
    """The briefing's registrations whose e-mail is among ``keys``, by e-mail key."""
    found = {}
    for start in range(0, len(keys), CHUNK):
        found.update((r.email_key, r) for r in db.session.scalars(
            sa.select(Registration).where(Registration.briefing_id == briefing_id,
                                          Registration.email_key.in_(keys[start:start + CHUNK]))
            .execution_options(populate_existing=True)))
    return found


def _seats(session_id: int, registration_ids: list[int]) -> dict[int, SessionSeat]:
    seats = {}
    for start in range(0, len(registration_ids), CHUNK):
        seats.update((s.registration_id, s) for s in db.session.scalars(
            sa.select(SessionSeat).where(
                SessionSeat.session_id == session_id,
                SessionSeat.registration_id.in_(registration_ids[start:start + CHUNK]))
            .execution_options(populate_existing=True)))
    return seats


def _first_rows(rows: list[Row], report: AttendanceImport) -> dict[str, Row]:
    """The first row of each address, carrying the earliest join time of its lines."""
    first: dict[str, Row] = {}
    for row in rows:
        if not row.email:
            report.without_email.append(row)
            continue
        key = email_key(row.email)
        if key in first:
            report.repeated += 1
            earlier = first[key]
            if row.joined and (earlier.joined is None or row.joined < earlier.joined):
                earlier.joined = row.joined
        else:
            first[key] = Row(row.line, row.name, row.email, row.joined)
    return first


def import_attendance(briefing_id: int, data: bytes, *, session_id: int | None = None,
                      actor=None, now: datetime | None = None) -> AttendanceImport:
    """Mark present the confirmed registrants found in an attendance report; report the rest.

    A refused file (``error`` set) changes nothing. ``session_id`` must be a
    session of the briefing (the caller offers only those).
    """
    now = now or utcnow()
    actor_id = getattr(actor, "id", None)  # read now: the flush must not reload the user
    briefing = db.session.get(Briefing, briefing_id)
    session = db.session.get(BriefingSession, session_id) if session_id is not None else None
    if session is not None and session.briefing_id != briefing_id:
        raise ValueError("the session is not part of the briefing")
    try:
        report_file = read(data, zone=briefing.zone,
                           window=window_of(briefing.starts_at, briefing.ends_at))
    except AttendanceFileError as refusal:
        return AttendanceImport(session=session, error=str(refusal))
    report = AttendanceImport(session=session, rows_read=len(report_file.rows))
    first = _first_rows(report_file.rows, report)

    briefing = lock_for_update(Briefing, briefing_id)
    session = db.session.get(BriefingSession, session_id) if session_id is not None else None
    report.session = session
    registrations = _registrations(briefing_id, sorted(first))
    confirmed = [r for r in registrations.values() if r.status == RS.CONFIRMED]
    seats = _seats(session.id, [r.id for r in confirmed]) if session is not None else {}
    events = []

    def event(action: str, obj, object_type: str, changes: dict) -> None:
        events.append({"at": now, "user_id": actor_id, "briefing_id": briefing_id,
                       "action": action, "object_type": object_type, "object_id": obj.id,
                       "changes": changes})

    for key, row in first.items():
        registration = registrations.get(key)
        if registration is None:
            report.unmatched.append(row)
            continue
        match = Match(row.line, registration)
        if registration.status != RS.CONFIRMED:
            report.not_confirmed.append(match)
            continue
        at = row.joined or now
        newly_checked_in = registration.checked_in_at is None
        if newly_checked_in:
            registration.checked_in_at = at
            event("registration.check_in", registration, "Registration",
                  {"checked_in": True, "source": "online_attendance"})
        if session is None:
            match.at = registration.checked_in_at
            (report.marked if newly_checked_in else report.already).append(match)
            continue
        seat = seats.get(registration.id)
        if seat is None or seat.status != SeatStatus.CONFIRMED:
            match.at = registration.checked_in_at
            report.no_seat.append(match)
        elif seat.attended_at is not None:
            match.at = seat.attended_at
            report.already.append(match)
        else:
            seat.attended_at = match.at = at
            event("seat.attend", registration, "Registration",
                  {"session_id": session.id, "source": "online_attendance"})
            report.marked.append(match)
    event("attendance.import", briefing, "Briefing", {
        "session_id": session.id if session else None, "rows": report.rows_read,
        "marked": len(report.marked), "already": len(report.already),
        "no_seat": len(report.no_seat), "not_confirmed": len(report.not_confirmed),
        "unmatched": len(report.unmatched), "without_email": len(report.without_email)})
    db.session.execute(sa.insert(AuditEvent), events)
    for group in (report.marked, report.already, report.no_seat, report.not_confirmed):
        group.sort(key=lambda m: m.line)
    db.session.commit()
    return report
