"""Spreadsheet exports, streamed row by row and safe to open in Excel or LibreOffice."""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _

from ..countries import country_name
from ..extensions import db
from ..labels import enum_label
from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
)

BOM = "\ufeff"  # tells Excel the file is UTF-8
# A cell starting with one of these is a formula to a spreadsheet (design.md).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST = "".join(FORMULA_STARTS)  # each is one character: checked by the first
BATCH = 500
CHUNK = 32 * 1024


def safe_cell(value) -> str:
    """A cell's text, with a quote in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV text piece by piece: the byte-order mark and header first, then chunks of rows.

    Rows are sent in chunks of about CHUNK characters: one write to the network
    per row would cost more than writing the row.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    yield BOM + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        # safe_cell, inlined: this loop runs for every cell of every row.
        cells = ["" if cell is None else cell if cell.__class__ is str else str(cell)
                 for cell in row]
        writer.writerow(["'" + cell if cell and cell[0] in FORMULA_FIRST else cell
                         for cell in cells])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    # "2030-05-01 11:00": isoformat is several times faster than strftime.
    return value.astimezone(zone).isoformat(" ", "minutes")[:16] if value else ""


# What the registrations CSV reads: plain columns, no ORM objects, statuses as their
# stored text (10,000 rows in a few tenths of a second).
CSV_COLUMNS = (
    Registration.id, Registration.full_name, Registration.email, Registration.organization,
    Registration.position, Registration.stakeholder_group_id, Registration.country,
    Registration.language, sa.type_coerce(Registration.status, sa.String).label("status"),
    Registration.created_at, Registration.ticket_code, Registration.checked_in_at,
    Registration.accessibility_needs,
    sa.type_coerce(Registration.attendance_mode, sa.String).label("attendance_mode"),
)


def _seat_lists(briefing_id: int):
    """Per registration of the briefing, its held or awaited seats as "session:status,..."."""
    return (
        sa.select(SessionSeat.registration_id, sa.func.aggregate_strings(
            sa.cast(SessionSeat.session_id, sa.String) + ":"
            + sa.type_coerce(SessionSeat.status, sa.String), ",").label("seats"))
        .join(Registration, Registration.id == SessionSeat.registration_id)
        .where(Registration.briefing_id == briefing_id,
               SessionSeat.status != SeatStatus.RELEASED)
        .group_by(SessionSeat.registration_id)
        .subquery())


def registrations_csv(briefing: Briefing, query: sa.Select, locale: str) -> Iterator[str]:
    """The registrations selected by ``query`` as CSV, for the briefing's organizers.

    ``query`` selects registrations (``participants.queries.matching``): its
    filters and order are kept, and only the exported columns are read, in
    batches, each row with its seats gathered by the database. Times are in the
    briefing's timezone (named in the header). Accessibility needs are
    sensitive: they have their own column, and this export is for organizers
    only.
    """
    zone = briefing.zone
    header = [
        _("Name"), _("Email"), _("Organization"), _("Position"), _("Stakeholder group"),
        _("Country"), _("Preferred language"), _("Status"),
        _("Registered at (%(zone)s)", zone=briefing.timezone), _("Ticket code"),
        _("Checked in at (%(zone)s)", zone=briefing.timezone), _("Sessions"),
        _("Accessibility needs"), _("Attending"),
    ]
    # Names looked up once, not once a row.
    groups = {group.id: group.label(locale)
              for group in db.session.scalars(sa.select(StakeholderGroup))}
    statuses = {status.value: str(enum_label(status)) for status in RegistrationStatus}
    modes = {mode.value: str(enum_label(mode)) for mode in AttendanceMode}
    sessions = db.session.execute(
        sa.select(BriefingSession.id, BriefingSession.title)
        .where(BriefingSession.briefing_id == briefing.id)
        .order_by(BriefingSession.starts_at, BriefingSession.id)).all()
    order = {session_id: n for n, (session_id, _title) in enumerate(sessions)}
    titles = {
        (session_id, SeatStatus.CONFIRMED.value): title for session_id, title in sessions} | {
        (session_id, SeatStatus.WAITLISTED.value): _("%(title)s (waiting list)", title=title)
        for session_id, title in sessions}
    countries: dict[str, str] = {}
    seat_lists = _seat_lists(briefing.id)
    rows_query = (query.with_only_columns(*CSV_COLUMNS, seat_lists.c.seats,
                                          maintain_column_froms=True)
                  .outerjoin(seat_lists, seat_lists.c.registration_id == Registration.id))

    def country(code: str) -> str:
        if code not in countries:
            countries[code] = country_name(code, locale)
        return countries[code]

    def sessions_of(seats: str | None) -> str:
        if not seats:
            return ""
        chosen = []
        for item in seats.split(","):
            session_id, _sep, status = item.partition(":")
            chosen.append((int(session_id), status))
        chosen.sort(key=lambda seat: order.get(seat[0], 0))
        return "; ".join(titles[seat] for seat in chosen if seat in titles)

    def rows() -> Iterator[list]:
        result = db.session.execute(rows_query.execution_options(yield_per=BATCH))
        for batch in result.partitions():
            # Unpacked by position (CSV_COLUMNS, then the seats): faster than by name.
            for (_id, name, email, organization, position, group_id, code, language, status,
                 created_at, ticket, checked_in_at, needs, mode, seats) in batch:
                yield [
                    name, email, organization, position, groups.get(group_id, ""), country(code),
                    language, statuses[status], _local(created_at, zone), ticket,
                    _local(checked_in_at, zone), sessions_of(seats), needs, modes[mode],
                ]

    return csv_stream(header, rows())
