"""Name badges: who gets one, and how they are laid out on sheets of paper for cutting.

Eight badges fit on a sheet (two columns of four), on A4 or US Letter. Each
badge carries the name, the organization, the stakeholder group as a band in
the group's colour, and the ticket's QR code with its code in text, so the
check-in desk can scan a badge as well as a ticket.
"""
import io
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Briefing, Registration, RegistrationStatus as RS, StakeholderGroup

COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS


@dataclass(frozen=True)
class Paper:
    """A sheet size and the size of the badges cut from it, in millimetres."""

    css_size: str
    width: float
    height: float
    badge_width: float
    badge_height: float

    @property
    def margin_x(self) -> float:
        return (self.width - COLUMNS * self.badge_width) / 2

    @property
    def margin_y(self) -> float:
        return (self.height - ROWS * self.badge_height) / 2


PAPERS = {
    "a4": Paper("A4", 210, 297, 95, 68),
    "letter": Paper("letter", 215.9, 279.4, 95, 66),
}
NO_GROUP_COLOUR = "#6c757d"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass
class Badge:
    """What one badge shows."""

    name: str
    organization: str
    group_name: str
    band_colour: str
    text_colour: str
    code: str
    qr_svg: str
    name_size: str  # "large", "medium" or "small": long names get smaller type
    scripts: dict[str, str]  # "name", "organization", "group" -> "arabic" or "latin"


def selection(briefing: Briefing, *, status: RS | None = RS.CONFIRMED, group_id: int | None = None,
              ids: list[int] | None = None) -> sa.Select:
    """The registrations to print, by name: filtered by status and group, or the ``ids`` given.

    Ids that are not the briefing's are ignored.
    """
    query = (sa.select(Registration).options(joinedload(Registration.stakeholder_group))
             .where(Registration.briefing_id == briefing.id))
    if ids is not None:
        query = query.where(Registration.id.in_(ids))
    else:
        if status is not None:
            query = query.where(Registration.status == status)
        if group_id is not None:
            query = query.where(Registration.stakeholder_group_id == group_id)
    return query.order_by(sa.func.lower(Registration.full_name), Registration.id)


def readable_on(colour: str) -> str:
    """Black or white: whichever reads better on ``colour`` (#rrggbb), by WCAG luminance."""
    try:
        red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#000000"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    # Contrast with white is (1.05) / (L + .05), with black (L + .05) / .05: pick the larger.
    return "#ffffff" if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 else "#000000"


def qr_svg(code: str) -> str:
    """The QR code of a ticket code as an SVG element, sized by the badge's stylesheet.

    Always a full QR code: segno.make would choose a Micro QR code for a short text,
    which few phones and desk scanners read.
    """
    import segno  # loaded where badges or tickets are drawn only (memory)

    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False,
                                        svgns=True, omitsize=True, svgclass="qr",
                                        lineclass=None)
    return buffer.getvalue().decode("utf-8")


def script_of(text: str) -> str:
    """"arabic" for text in Arabic letters (set in Noto Naskh Arabic), else "latin"."""
    return "arabic" if ARABIC_LETTERS.search(text or "") else "latin"


def _name_size(name: str) -> str:
    if len(name) <= 22:
        return "large"
    return "medium" if len(name) <= 34 else "small"


def _colour(group: StakeholderGroup | None) -> str:
    colour = group.color if group else ""
    return colour if HEX_COLOUR.match(colour or "") else NO_GROUP_COLOUR


def badge(registration: Registration, language: str) -> Badge:
    """The badge of one registration, its group named in ``language``."""
    group = registration.stakeholder_group
    colour = _colour(group)
    return Badge(
        name=registration.full_name, organization=registration.organization,
        group_name=group.label(language) if group else "", band_colour=colour,
        text_colour=readable_on(colour), code=registration.ticket_code,
        qr_svg=qr_svg(registration.ticket_code), name_size=_name_size(registration.full_name),
        scripts={key: script_of(text) for key, text in (
            ("name", registration.full_name), ("organization", registration.organization),
            ("group", group.label(language) if group else ""))})


def sheets(badges: list[Badge]) -> list[list[list[Badge | None]]]:
    """Badges laid out by page, then row, then column; the last page padded with None."""
    pages = []
    for start in range(0, len(badges), PER_PAGE):
        chunk: list[Badge | None] = list(badges[start:start + PER_PAGE])
        chunk += [None] * (PER_PAGE - len(chunk))
        pages.append([chunk[row * COLUMNS:(row + 1) * COLUMNS] for row in range(ROWS)])
    return pages


def page_count(number_of_badges: int) -> int:
    """How many sheets ``number_of_badges`` badges take."""
    return -(-number_of_badges // PER_PAGE)


def badges_for(query: sa.Select, language: str) -> list[Badge]:
    """The badges of the registrations ``query`` selects, in its order."""
    return [badge(registration, language) for registration in db.session.scalars(query)]
