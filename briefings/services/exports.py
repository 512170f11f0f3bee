"""Spreadsheet exports, streamed row by row and safe to open in Excel or LibreOffice."""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..countries import country_name
from ..extensions import db
from ..labels import enum_label
from ..models import Briefing, Registration, SeatStatus, SessionSeat

BOM = "\ufeff"  # tells Excel the file is UTF-8
# A cell starting with one of these is a formula to a spreadsheet (design.md).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


def safe_cell(value) -> str:
    """A cell's text, with a quote in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV text piece by piece: the byte-order mark and header first, then one chunk per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in cells])
        return buffer.getvalue()

    yield BOM + line(header)
    for row in rows:
        yield line(row)


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""


def _sessions(registration: Registration) -> str:
    parts = []
    for seat in sorted(registration.seats, key=lambda s: (s.session.starts_at, s.session.id)):
        if seat.status == SeatStatus.CONFIRMED:
            parts.append(seat.session.title)
        elif seat.status == SeatStatus.WAITLISTED:
            parts.append(_("%(title)s (waiting list)", title=seat.session.title))
    return "; ".join(parts)


def registrations_csv(briefing: Briefing, query: sa.Select, locale: str) -> Iterator[str]:
    """The registrations selected by ``query`` as CSV, for the briefing's organizers.

    Times are in the briefing's timezone (named in the header). Accessibility
    needs are sensitive: they have their own column, and this export is for
    organizers only. Rows are read from the database in batches.
    """
    zone = briefing.zone
    header = [
        _("Name"), _("Email"), _("Organization"), _("Position"), _("Stakeholder group"),
        _("Country"), _("Preferred language"), _("Status"),
        _("Registered at (%(zone)s)", zone=briefing.timezone), _("Ticket code"),
        _("Checked in at (%(zone)s)", zone=briefing.timezone), _("Sessions"),
        _("Accessibility needs"),
    ]
    query = query.options(
        selectinload(Registration.seats).joinedload(SessionSeat.session)
    ).execution_options(yield_per=BATCH)

    def rows() -> Iterator[list]:
        for registration in db.session.scalars(query):
            group = registration.stakeholder_group
            yield [
                registration.full_name, registration.email, registration.organization,
                registration.position, group.label(locale) if group else "",
                country_name(registration.country, locale),
                registration.language, enum_label(registration.status),
                _local(registration.created_at, zone), registration.ticket_code,
                _local(registration.checked_in_at, zone), _sessions(registration),
                registration.accessibility_needs,
            ]

    return csv_stream(header, rows())
