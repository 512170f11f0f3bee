"""The request class: form fields and query parameters never carry NUL characters.

A NUL is never typed by a person, and PostgreSQL refuses it in text; rather
than fail deep inside a save, it is removed where the input enters. The class
also hands Flask-WTF WTForms' messages from a per-process catalogue.
"""
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.utils import cached_property
from flask import Request, abort, request

from .i18n import wtforms_translations


def _without_nul(values: MultiDict) -> ImmutableMultiDict:
    return ImmutableMultiDict([(key.replace("\x00", ""), value.replace("\x00", ""))
                               for key, value in values.items(multi=True)])


class CleanRequest(Request):
    """A Flask request whose ``form`` and ``args`` have NUL characters removed."""

    def _load_form_data(self) -> None:
        super()._load_form_data()
        self.form = _without_nul(self.form)

    @cached_property
    def args(self) -> ImmutableMultiDict:
        return _without_nul(super().args)

    # Flask-WTF looks for WTForms' catalogue here before it reads the file again, once
    # per request; this one follows the current language, ``force_locale`` included.
    @property
    def wtforms_translations(self):
        return wtforms_translations()


def refuse_nul_in_path() -> None:
    """No address holds a NUL: answer 404 before any view hands one to the database."""
    if "\x00" in request.path:
        abort(404)
