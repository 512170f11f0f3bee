"""Spreadsheets for organizers: registrations as XLSX, and who attended each session.

The XLSX has the CSV export's columns and escapes formulas the same way
(``services.exports.safe_cell``): a cell is always text, never a formula.
"""
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
from ..models import (
    Briefing,
    BriefingSession,
    Registration,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
)
from ..services.exports import BATCH, safe_cell

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit


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


def registration_table(briefing: Briefing, query: sa.Select,
                       locale: str) -> tuple[list[str], Iterator[list]]:
    """The header and rows of the registrations export (the CSV's columns, in its order)."""
    zone = briefing.zone
    header = [
        _("Name"), _("Email"), _("Organization"), _("Position"), _("Stakeholder group"),
        _("Country"), _("Preferred language"), _("Status"),
        _("Registered at (%(zone)s)", zone=briefing.timezone), _("Ticket code"),
        _("Checked in at (%(zone)s)", zone=briefing.timezone), _("Sessions"),
        _("Accessibility needs"), _("Attending"),
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
                registration.accessibility_needs, enum_label(registration.attendance_mode),
            ]

    return header, rows()


def attendance_table(session: BriefingSession, locale: str) -> tuple[list[str], list[list]]:
    """Who attended ``session``, in order of arrival: name, organization, group, time."""
    tz = session.briefing.timezone
    header = [_("Name"), _("Organization"), _("Stakeholder group"),
              _("Attended at (%(zone)s)", zone=tz)]
    rows = db.session.execute(
        sa.select(Registration.full_name, Registration.organization, StakeholderGroup,
                  SessionSeat.attended_at)
        .join(Registration, Registration.id == SessionSeat.registration_id)
        .outerjoin(StakeholderGroup, StakeholderGroup.id == Registration.stakeholder_group_id)
        .where(SessionSeat.session_id == session.id, SessionSeat.attended_at.is_not(None))
        .order_by(SessionSeat.attended_at, Registration.id)).all()
    zone = ZoneInfo(tz)
    return header, [[name, organization, group.label(locale) if group else "",
                     _local(attended_at, zone)]
                    for name, organization, group, attended_at in rows]


def text_cell(value) -> str:
    """A cell's text as the CSV writes it, less the characters an XLSX file cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", safe_cell(value))


def xlsx(sheet_title: str, header: list[str], rows: Iterable[list]) -> bytes:
    """An XLSX workbook of one sheet: a bold header, then the rows, every cell as text."""
    # openpyxl (with lxml and Pillow) is loaded by the worker that writes a workbook only:
    # about 20 MB that no page needs.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text_cell(text))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([text_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: no []:*?/\\ and at most 31 characters."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip("' ")
    return (cleaned or "Sheet")[:SHEET_TITLE_LENGTH]
