"""Language choice and the formatting of times in a briefing's own timezone."""
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from flask import current_app, has_request_context, request
from flask_babel import get_locale

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "ar": "العربية"}
RTL_LANGUAGES = {"ar"}
LANG_COOKIE = "lang"


def select_locale() -> str:
    """The visitor's chosen language (cookie), else the best match for Accept-Language."""
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():  # e-mails and commands pick their language with force_locale
        return supported[0]
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in supported:
        return chosen
    return request.accept_languages.best_match(supported) or supported[0]


def current_language() -> str:
    """The language code of the page being rendered."""
    return str(get_locale().language) if get_locale() else "en"


def text_direction() -> str:
    """``rtl`` for Arabic pages, else ``ltr``."""
    return "rtl" if current_language() in RTL_LANGUAGES else "ltr"


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def format_day(value: datetime, tz: str | ZoneInfo) -> str:
    """A full date in the page's language, e.g. "Monday, 20 June 2022"."""
    local = value.astimezone(_zone(tz))
    return babel_dates.format_date(local.date(), "full", locale=get_locale())


# A list of 50 registrations shows 100 dates and times: each distinct day and clock time is
# formatted by Babel once per language and process, then found again (a few thousand at most).
@lru_cache(maxsize=4096)
def _medium_date(day: date, locale) -> str:
    return babel_dates.format_date(day, "medium", locale=locale)


@lru_cache(maxsize=2048)
def _clock(hour: int, minute: int, locale) -> str:
    return babel_dates.format_time(time(hour, minute), "HH:mm", locale=locale)


def format_short_date(value: datetime, tz: str | ZoneInfo) -> str:
    """A medium date in the page's language, e.g. "20 Jun 2022"."""
    return _medium_date(value.astimezone(_zone(tz)).date(), get_locale())


def format_time(value: datetime, tz: str | ZoneInfo) -> str:
    """A wall-clock time in the page's language, e.g. "09:30"."""
    local = value.astimezone(_zone(tz))
    return _clock(local.hour, local.minute, get_locale())


# Unicode isolates keep "+03" or "EET" whole inside right-to-left text, and a text in one
# direction whole inside a text in the other (FIRST_STRONG_ISOLATE: its own letters decide).
LTR_ISOLATE, RTL_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = (
    "\u2066", "\u2067", "\u2068", "\u2069")


def direction_of(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def format_datetime(value: datetime, tz: str | ZoneInfo) -> str:
    """Date, time and zone abbreviation, e.g. "20 Jun 2022, 09:30 EET"."""
    date, time, zone = (format_short_date(value, tz), format_time(value, tz),
                        zone_abbreviation(value, tz))
    if current_language() in RTL_LANGUAGES:
        return f"{date}، {time} {LTR_ISOLATE}{zone}{POP_ISOLATE}"
    return f"{date}, {time} {zone}"


def zone_abbreviation(value: datetime, tz: str | ZoneInfo) -> str:
    """The zone's abbreviation at that moment, e.g. "EET" or "EEST"; "+04" where none exists."""
    return value.astimezone(_zone(tz)).tzname() or str(tz)


def to_local_input(value: datetime | None, tz: str | ZoneInfo) -> datetime | None:
    """A UTC datetime as naive wall-clock time in ``tz``, for a form field."""
    if value is None:
        return None
    return value.astimezone(_zone(tz)).replace(tzinfo=None)


def from_local_input(value: datetime | None, tz: str | ZoneInfo) -> datetime | None:
    """Naive wall-clock time entered in ``tz`` as an aware UTC datetime."""
    if value is None:
        return None
    return value.replace(tzinfo=_zone(tz)).astimezone(ZoneInfo("UTC"))
