"""Importing invitees from a CSV file: good rows become invitations, bad rows are reported.

UTF-8 with or without a byte-order mark, commas or semicolons, a header row
naming the columns (or none). Each bad row is reported with its line number
and reasons; the good rows are inserted with one statement, so a file of
2,000 rows takes as many queries as a file of 20.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from .. import i18n
from ..database import lock_for_update
from ..extensions import db
from ..models import Briefing, Invitation, StakeholderGroup, utcnow
from ..requests import without_overrides
from .audit import record
from .invitations import Invitee, invitation_row, taken
from .registrations import email_key

MAX_ROWS = 20_000

# Header cells we understand, compared without case, spaces, dashes or underscores.
_COLUMNS = {
    "name": {"name", "fullname", "nom", "nomcomplet", "الاسم"},
    "email": {"email", "mail", "emailaddress", "courriel", "البريدالإلكتروني"},
    "organization": {"organization", "organisation", "org", "الجهة", "المنظمة"},
    "group": {"group", "stakeholdergroup", "groupe", "groupedepartiesprenantes", "الفئة"},
    "language": {"language", "lang", "langue", "اللغة"},
}
_POSITIONAL = ("name", "email", "organization", "group", "language")


@dataclass
class Problem:
    """A line of the file that was left out, and why (plain, translated text)."""

    line: int
    name: str
    email: str
    reasons: list[str]


@dataclass
class ImportReport:
    """The good rows (added), the bad rows, or an ``error`` that refused the whole file."""

    added: list[Invitee] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""


# ---------------------------------------------------------------- reading the file

def _key(cell: str) -> str:
    return re.sub(r"[\s_-]+", "", cell.strip().casefold())


_SPELLINGS = {_key(spelling): name for name, spellings in _COLUMNS.items()
              for spelling in spellings}


def _header(cells: list[str]) -> dict[str, int] | None:
    """Column positions if ``cells`` is a header row, else None."""
    found = {}
    for index, cell in enumerate(cells):
        name = _SPELLINGS.get(_key(cell))
        if name is not None and name not in found:
            found[name] = index
    return found if "email" in found or "name" in found else None


def read_rows(data: bytes) -> tuple[list[tuple[int, dict]], str]:
    """The file's rows as (line number, {column: text}), or an error for the whole file.

    UTF-8 with or without a byte-order mark; commas or semicolons; a header
    row naming the columns, or none (then: name, e-mail, organization, group, language).
    """
    try:
        text = without_overrides(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [], _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        return [], _("The file is empty.")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, columns, last_line = [], None, 0
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = _header(cells)
                if columns is not None:
                    if "name" not in columns or "email" not in columns:
                        return [], _("The header row needs a name column and an e-mail column.")
                    continue
                columns = {name: i for i, name in enumerate(_POSITIONAL)}
            rows.append((line, {name: cells[i].strip() if i < len(cells) else ""
                                for name, i in columns.items()}))
            if len(rows) > MAX_ROWS:
                return [], _("The file has more than %(max)d rows: please split it.",
                             max=MAX_ROWS)
    except csv.Error as error:
        return [], _("Line %(line)d could not be read (%(error)s).", line=reader.line_num,
                     error=str(error))
    if not rows:
        return [], _("The file holds no invitees.")
    return rows, ""


def _group_index() -> dict[str, StakeholderGroup]:
    """Active groups by code and by name (English, French, Arabic), compared without case."""
    index = {}
    for group in db.session.scalars(sa.select(StakeholderGroup).where(StakeholderGroup.active)):
        for spelling in (group.name_ar, group.name_fr, group.name, group.code):
            if spelling:
                index[spelling.strip().casefold()] = group
    return index


def _language(value: str) -> str | None:
    value = value.strip()
    if not value:
        return ""
    for code, name in i18n.LANGUAGE_NAMES.items():
        if value.casefold() in (code, name.casefold()):
            return code
    return None


def _check_row(line: int, cells: dict, groups: dict, known: dict[str, str], seen: dict[str, int]
               ) -> Invitee | Problem:
    name, email = cells.get("name", ""), cells.get("email", "")
    reasons = []
    if not name:
        reasons.append(_("the name is missing"))
    elif len(name) > 200:
        reasons.append(_("the name is longer than 200 characters"))
    if not email:
        reasons.append(_("the e-mail address is missing"))
    else:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            reasons.append(_("“%(email)s” is not a valid e-mail address", email=email))
    if len(cells.get("organization", "")) > 200:
        reasons.append(_("the organization is longer than 200 characters"))
    group_text = cells.get("group", "")
    group = groups.get(group_text.casefold()) if group_text else None
    if group_text and group is None:
        reasons.append(_("unknown stakeholder group “%(group)s”", group=group_text))
    language = _language(cells.get("language", ""))
    if language is None:
        reasons.append(_("unknown language “%(language)s” (use en, fr or ar)",
                         language=cells.get("language", "")))
    key = email_key(email)
    if email and key in seen:
        reasons.append(_("the same e-mail address is on line %(line)d", line=seen[key]))
    elif email and key in known:
        reasons.append(_("already invited") if known[key] == "invited"
                       else _("already registered"))
    if email:
        seen.setdefault(key, line)
    if reasons:
        return Problem(line, name, email, reasons)
    return Invitee(full_name=name, email=email, organization=cells.get("organization", ""),
                   stakeholder_group_id=group.id if group else None, language=language,
                   line=line, group_name=group.name if group else "")


def import_invitees(briefing_id: int, data: bytes, *, actor,
                    now: datetime | None = None) -> ImportReport:
    """Add the good rows of a CSV file as invitations (not sent yet); report the others."""
    now = now or utcnow()
    rows, error = read_rows(data)
    if error:
        return ImportReport(error=error)
    briefing = lock_for_update(Briefing, briefing_id)
    groups, known, seen = _group_index(), taken(briefing_id), {}
    report = ImportReport()
    for line, cells in rows:
        checked = _check_row(line, cells, groups, known, seen)
        (report.added if isinstance(checked, Invitee) else report.problems).append(checked)
    if report.added:
        db.session.execute(sa.insert(Invitation), [
            invitation_row(briefing_id, person, actor, now) for person in report.added])
        record("invitation.import", briefing, actor=actor,
               changes={"added": len(report.added), "refused": len(report.problems)})
    db.session.commit()
    return report
