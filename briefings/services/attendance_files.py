"""Reading a videoconference provider's attendance report: Zoom, Teams, Webex, Meet and the like.

Providers differ in encoding (UTF-8 with or without a byte-order mark,
UTF-16 from Teams), separator (comma, semicolon, tab) and layout (Zoom and
Teams put summary lines, even a second table, before or after the list of
participants). What they share is a header row naming an e-mail column: the
first such row that also names a person is taken as the header, and a later
row like it starts a new table. Nothing here touches the database.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
HEADER_SEARCH_LINES = 100  # summary lines before the table are few
_SEPARATORS = ("\t", ";", ",")
_EMAIL = re.compile(r"[^\s<>;,\"'()\[\]]+@[^\s<>;,\"'()\[\]]+\.[^\s<>;,\"'()\[\]]+")
_NAME_PARTS = ("first", "given", "prenom", "last", "family", "surname")
_TIME_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%y %I:%M:%S %p", "%m/%d/%y %I:%M %p",
    "%d/%m/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M", "%m/%d/%y %H:%M:%S", "%d/%m/%y %H:%M:%S", "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
)


class AttendanceFileError(ValueError):
    """The file cannot be read as an attendance report; the message says why, for the organizer."""


@dataclass
class Row:
    """One participant line of the report: its line number, the name and e-mail it gives."""

    line: int
    name: str
    email: str  # as written (trimmed); "" when the line has none
    joined: datetime | None = None  # the join time, when it could be read within ``window``


@dataclass
class AttendanceFile:
    rows: list[Row] = field(default_factory=list)


def _key(cell: str) -> str:
    """A header cell compared without case, spaces or punctuation ("E-mail" → "email")."""
    return re.sub(r"[\W_]+", "", cell.casefold())


def _is_email_column(key: str) -> bool:
    return "mail" in key or "courriel" in key or "بريد" in key


def _is_name_column(key: str) -> bool:
    return "name" in key or key.startswith("nom") or "اسم" in key


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM) or UTF-16; binary files are refused."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise AttendanceFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise AttendanceFileError(_("The file is larger than %(size)d MB.",
                                    size=MAX_BYTES // (1024 * 1024)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.count(b"\x00") * 3 > len(data):  # UTF-16 without a byte-order mark
        sample = data[:4000]
        odd_zeros = sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00")
        encoding = "utf-16-le" if odd_zeros else "utf-16-be"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise AttendanceFileError(_(
            "The file is not a CSV text file (UTF-8 or UTF-16). Export the attendance report "
            "as CSV from the videoconference service and upload that file.")) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in text or controls * 100 > len(text):
        raise AttendanceFileError(_(
            "The file is not a CSV text file (UTF-8 or UTF-16). Export the attendance report "
            "as CSV from the videoconference service and upload that file."))
    return text


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Positions of the e-mail, name and join-time columns if ``cells`` is a header row."""
    if any("@" in cell for cell in cells):
        return None
    keys = [_key(cell) for cell in cells]
    columns = {}
    for index, key in enumerate(keys):
        if _is_email_column(key):
            columns.setdefault("email", index)
        elif _is_name_column(key):
            part = next((p for p in _NAME_PARTS if p in key), None)
            if part in ("first", "given", "prenom"):
                columns.setdefault("first", index)
            elif part is not None:
                columns.setdefault("last", index)
            else:
                columns.setdefault("name", index)
        elif "join" in key or "arriv" in key:
            columns.setdefault("joined", index)
    return columns if "email" in columns else None


def _names_a_person(columns: dict[str, int]) -> bool:
    return "name" in columns or "first" in columns or "last" in columns


def _separator(text: str) -> tuple[str, bool]:
    """The header row's separator (the one giving the most columns), and whether it names people.

    The first line with an e-mail column and a name column wins; failing that,
    the first line with an e-mail column (Zoom's meeting summary names the
    host's "User Email" but no name, and comes before the participants).
    """
    fallback = None
    for number, line in enumerate(text.splitlines()):
        if number >= HEADER_SEARCH_LINES:
            break
        best = None
        for separator in _SEPARATORS:
            cells = next(csv.reader([line], delimiter=separator), [])
            columns = _header_columns(cells)
            if columns is not None and (best is None or len(cells) > best[1]):
                best = (separator, len(cells), _names_a_person(columns))
        if best is not None:
            if best[2]:
                return best[0], True
            fallback = fallback or best[0]
    if fallback is None:
        raise AttendanceFileError(_(
            "No e-mail column was found: the attendance report needs a header row with a "
            "column such as “Email” or “User Email”."))
    return fallback, False


def _email_in(cell: str) -> str:
    """The e-mail address in a cell ("Amal <amal@example.org>", "mailto:…" included), or ""."""
    found = _EMAIL.search(cell or "")
    if not found:
        return ""
    address = found.group(0)
    return address[7:] if address.casefold().startswith("mailto:") else address


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _time(text: str, zone: ZoneInfo, window: tuple[datetime, datetime]) -> datetime | None:
    """A join time read in the briefing's time zone, if it falls within ``window``.

    Day and month order differ by provider and locale: the reading that falls
    within the briefing is the one kept; none, and the time is not used.
    """
    text = " ".join(text.replace(",", " ").split())
    if not text:
        return None
    candidates = []
    try:
        candidates.append(datetime.fromisoformat(text))
    except ValueError:
        pass
    for pattern in _TIME_FORMATS:
        try:
            candidates.append(datetime.strptime(text, pattern))
        except ValueError:
            continue
    for moment in candidates:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        if window[0] <= moment <= window[1]:
            return moment
    return None


def read(data: bytes, *, zone: ZoneInfo, window: tuple[datetime, datetime]) -> AttendanceFile:
    """The participant rows of an attendance report; AttendanceFileError if it cannot be read.

    Lines before the header, blank lines and section titles (one cell, no
    address) are left out; a row repeating the header's shape starts a new table.
    """
    text = decode(data)
    separator, names_people = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    found, columns, first_line = AttendanceFile(), None, 1
    try:
        for cells in reader:
            line, first_line = first_line, reader.line_num + 1
            filled = [cell for cell in cells if cell.strip()]
            if not filled:
                continue
            header = _header_columns(cells)
            if header is not None and (_names_a_person(header) or not names_people):
                columns = header
                continue
            if columns is None or (len(filled) == 1 and "@" not in filled[0]):
                continue  # summary lines before the table, section titles within it
            name = _cell(cells, columns, "name") or " ".join(
                part for part in (_cell(cells, columns, "first"), _cell(cells, columns, "last"))
                if part)
            found.rows.append(Row(line=line, name=name[:200],
                                  email=_email_in(_cell(cells, columns, "email"))[:254],
                                  joined=_time(_cell(cells, columns, "joined"), zone, window)))
            if len(found.rows) > MAX_ROWS:
                raise AttendanceFileError(_("The file has more than %(max)d rows: please split it.",
                                            max=MAX_ROWS))
    except csv.Error as error:
        raise AttendanceFileError(_("Line %(line)d could not be read (%(error)s).",
                                    line=reader.line_num, error=str(error))) from None
    if columns is None:
        raise AttendanceFileError(_(
            "No e-mail column was found: the attendance report needs a header row with a "
            "column such as “Email” or “User Email”."))
    if not found.rows:
        raise AttendanceFileError(_("The attendance report lists nobody."))
    return found


def window_of(starts_at: datetime, ends_at: datetime) -> tuple[datetime, datetime]:
    """The times a join time may take for a briefing: its span, half a day either side."""
    return starts_at - timedelta(hours=12), ends_at + timedelta(hours=12)
