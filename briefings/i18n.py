"""Language choice and the formatting of times in a briefing's own timezone."""
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, dates as babel_dates, numbers as babel_numbers, support
from flask import current_app, has_request_context, request
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from wtforms.i18n import messages_path as wtforms_messages_path

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


def _babel_state():
    """Flask-Babel's per-context namespace, once it holds the chosen locale; else None.

    Reading it straight from the application context skips the proxies and checks
    that ``get_locale()`` goes through: a page asks for its language hundreds of
    times. ``force_locale`` and ``refresh`` replace the locale held there, so
    what is read here follows them.
    """
    context = _cv_app.get(None)
    state = context.g.__dict__.get("_flask_babel") if context is not None else None
    return state if getattr(state, "babel_locale", None) is not None else None


def current_language() -> str:
    """The language code of the page being rendered."""
    state = _babel_state()
    if state is not None:
        return state.babel_locale.language
    locale = get_locale()
    return str(locale.language) if locale else "en"


def current_translations():
    """The catalogue of the current locale, found once per locale and context."""
    state = _babel_state()
    if state is None:
        return get_translations()
    kept = getattr(state, "kept_translations", None)
    if kept is not None and kept[0] is state.babel_locale:
        return kept[1]
    translations = get_translations()
    state.kept_translations = (state.babel_locale, translations)
    return translations


def install_template_gettext(app) -> None:
    """Give templates ``_``/``gettext`` and friends that find the catalogue quickly."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: current_translations().ugettext(s),
        ngettext=lambda s, p, n: current_translations().ungettext(s, p, n),
        pgettext=lambda c, s: current_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: current_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


@lru_cache(maxsize=8)
def _wtforms_catalogue(locale: str):
    return support.Translations.load(wtforms_messages_path(), [locale], domain="wtforms")


def wtforms_translations():
    """WTForms' own messages ("Not a valid choice.") in the current language.

    Flask-WTF reads them from the file at every request that validates a form;
    each language's file is read here once per process instead.
    """
    return _wtforms_catalogue(_locale_name())


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
# Keyed by the locale's name: comparing Locale objects costs more than the lookup itself.
@lru_cache(maxsize=4096)
def _medium_date(day: date, locale: str) -> str:
    return babel_dates.format_date(day, "medium", locale=locale)


@lru_cache(maxsize=2048)
def _clock(hour: int, minute: int, locale: str) -> str:
    return babel_dates.format_time(time(hour, minute), "HH:mm", locale=locale)


def _locale_name() -> str:
    state = _babel_state()
    return str(state.babel_locale if state is not None else get_locale() or "en")


def format_short_date(value: datetime, tz: str | ZoneInfo) -> str:
    """A medium date in the page's language, e.g. "20 Jun 2022"."""
    return _medium_date(value.astimezone(_zone(tz)).date(), _locale_name())


def format_time(value: datetime, tz: str | ZoneInfo) -> str:
    """A wall-clock time in the page's language, e.g. "09:30"."""
    local = value.astimezone(_zone(tz))
    return _clock(local.hour, local.minute, _locale_name())


def stamp_writer(tz: str | ZoneInfo):
    """A function writing "20 Jun 2022, 09:30" in ``tz`` and the page's language.

    The same as ``format_short_date`` and ``format_time`` with a comma between,
    with the zone and the language looked up once for a whole list.
    """
    zone, locale = _zone(tz), _locale_name()

    def stamp(value: datetime) -> str:
        local = value.astimezone(zone)
        return f"{_medium_date(local.date(), locale)}, {_clock(local.hour, local.minute, locale)}"
    return stamp


def span_writer(tz: str | ZoneInfo):
    """A function writing a session's span, e.g. "20 Jun 2022 09:30–11:00 EEST".

    The date, the start and end times and the zone's abbreviation at the start
    (as ``format_short_date``, ``format_time`` and ``zone_abbreviation``
    write them), with the zone and the language looked up once for a programme.
    """
    zone, locale = _zone(tz), _locale_name()

    def span(start: datetime, end: datetime) -> str:
        local, until = start.astimezone(zone), end.astimezone(zone)
        return (f"{_medium_date(local.date(), locale)} {_clock(local.hour, local.minute, locale)}"
                f"–{_clock(until.hour, until.minute, locale)} {local.tzname() or str(tz)}")
    return span


@lru_cache(maxsize=16)
def _number_pattern(pattern: str):
    return babel_numbers.parse_pattern(pattern)


def format_number(value, pattern: str = "#,##0") -> str:
    """A number as the page's language writes it, e.g. "1,234" or (``#,##0.0``) "12.5".

    Babel's ``format_decimal`` with the pattern parsed once, not at each of the
    hundreds of figures a dashboard shows; the same figure is written once per
    language and process.
    """
    return _number(value, pattern, _locale_name())


@lru_cache(maxsize=8192)
def _number(value, pattern: str, locale: str) -> str:
    return _number_pattern(pattern).apply(value, Locale.parse(locale))


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
