"""A briefing's and its sessions' own texts in the reader's language, marked with that language.

Titles, summaries and descriptions are kept in the briefing's main language
and, where the organizers translated them, in its other languages (see
``models.briefings.Translatable``). Pages, e-mails, calendars and PDFs show
the text in the language they are rendered in (``flask_babel.get_locale``,
which ``force_locale`` sets for e-mails and certificates). A text that falls
back to another language says so: HTML gets ``lang`` and ``dir`` attributes,
plain text gets Unicode isolates where the direction changes.
"""
from markupsafe import Markup, escape

from .i18n import (
    LTR_ISOLATE, POP_ISOLATE, RTL_ISOLATE, current_language, direction_of,
)


class Text(str):
    """A text that knows the language it is written in."""

    lang: str

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    @property
    def dir(self) -> str:
        return direction_of(self.lang)


def localized(thing, name: str, language: str | None = None) -> Text:
    """``thing``'s text ``name`` in ``language`` (the page's by default), with fallback."""
    value, lang = thing.text_in(name, language or current_language())
    return Text(value, lang)


def _lang_of(text) -> str:
    return getattr(text, "lang", None) or current_language()


def lang_attributes(text) -> Markup:
    """``lang`` and ``dir`` for an element holding ``text`` when its language is not the page's.

    In the page's own language the element gets ``dir="auto"``, as any text typed by
    organizers does.
    """
    lang = _lang_of(text)
    if lang == current_language():
        return Markup('dir="auto"')
    return Markup('lang="{0}" dir="{1}"').format(lang, direction_of(lang))


def in_language(text) -> Markup:
    """``text`` as HTML, in a ``<span lang dir>`` when it is not in the page's language."""
    lang = _lang_of(text)
    if lang == current_language():
        return escape(text)
    return Markup('<span lang="{0}" dir="{1}">{2}</span>').format(
        lang, direction_of(lang), str(text))


def isolated(text) -> str:
    """``text`` as plain text, isolated when it runs the other way than the page (e-mails)."""
    direction = direction_of(_lang_of(text))
    if direction == direction_of(current_language()):
        return str(text)
    opening = RTL_ISOLATE if direction == "rtl" else LTR_ISOLATE
    return f"{opening}{text}{POP_ISOLATE}"


def translations_of(thing, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The texts ``names`` in each language offered besides the main one, with fallback (API)."""
    return {language: {name: thing.text_in(name, language)[0] for name in names}
            for language in thing.offered_languages if language != thing.main_language}
