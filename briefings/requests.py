"""The request class: form fields and query parameters never carry NUL characters
nor the two bidirectional overrides.

A NUL is never typed by a person, and PostgreSQL refuses it in text; rather
than fail deep inside a save, it is removed where the input enters. The
overrides (U+202D, U+202E) show the letters after them in reverse order, so a
name could read as another on the organizers' pages, badges and lists; nothing
a person writes needs them (the marks and isolates that right-to-left text
uses are kept). The class also hands Flask-WTF WTForms' messages from a
per-process catalogue.
"""
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property
from flask import Request, abort, request

from .i18n import wtforms_translations


BIDI_OVERRIDES = "\u202d\u202e"
_OVERRIDES = dict.fromkeys(map(ord, BIDI_OVERRIDES))
_REMOVED = dict.fromkeys(map(ord, "\x00" + BIDI_OVERRIDES))


def without_overrides(text: str) -> str:
    """``text`` without the bidirectional overrides: for text read from an uploaded file."""
    return text.translate(_OVERRIDES)


def _cleaned(values: MultiDict) -> ImmutableMultiDict:
    return ImmutableMultiDict([(key.translate(_REMOVED), value.translate(_REMOVED))
                               for key, value in values.items(multi=True)])


class CleanRequest(Request):
    """A Flask request whose ``form`` and ``args`` have NULs and bidirectional overrides removed."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.form = _cleaned(self.form)

    @cached_property
    def args(self) -> ImmutableMultiDict:
        return _cleaned(super().args)

    # Flask-WTF looks for WTForms' catalogue here before it reads the file again, once
    # per request; this one follows the current language, ``force_locale`` included.
    @property
    def wtforms_translations(self):
        return wtforms_translations()


def refuse_nul_in_path() -> None:
    """No address holds a NUL: answer 404 before any view hands one to the database."""
    if "\x00" in request.path:
        abort(404)
