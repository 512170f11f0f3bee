"""Formatting for the public pages: date ranges, the zone's city, Markdown filters."""
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from flask_babel import get_locale

from .. import markup
from ..models import Briefing
from . import bp


def briefing_dates(briefing: Briefing, locale: Locale | str) -> str:
    """The briefing's day ("Monday, 20 June 2022"), or its first to last day, in its timezone."""
    first = briefing.starts_at.astimezone(briefing.zone).date()
    last = briefing.ends_at.astimezone(briefing.zone).date()
    if first == last:
        return babel_dates.format_date(first, "full", locale=locale)
    return babel_dates.format_interval(first, last, "yMMMEd", locale=locale)


def zone_city(zone: ZoneInfo, locale: Locale | str) -> str:
    """The city that names a timezone in the page's language: "Cairo", "Le Caire", "القاهرة"."""
    return babel_dates.get_timezone_location(zone, locale=locale, return_city=True)


@bp.app_template_filter("markdown")
def markdown_filter(text: str | None, heading_shift: int = 0):
    """Render a Markdown text as sanitized HTML."""
    return markup.render_markdown(text, heading_shift=heading_shift)


@bp.app_template_filter("excerpt")
def excerpt_filter(text: str | None, limit: int = 220) -> str:
    """The start of a Markdown text as plain text."""
    return markup.excerpt(text, limit)


@bp.app_template_filter("briefing_dates")
def briefing_dates_filter(briefing: Briefing) -> str:
    """A briefing's day or days in its own timezone, in the page's language."""
    return briefing_dates(briefing, get_locale())
