"""Form fields for a briefing's or a session's texts in the briefing's other languages.

The languages depend on the briefing, so the fields are added to a subclass of
the form made for it: ``with_translations(SessionForm, briefing.other_languages,
("title", "description"))``. Each field carries ``lang`` and ``dir``, so
Arabic is typed right to left whatever the page's language.
"""
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from ..i18n import FIRST_STRONG_ISOLATE, LANGUAGE_NAMES, POP_ISOLATE, direction_of
from ..services.translations import TITLE_MAX, Texts, field_name


def _language_name(language: str) -> str:
    # Isolated: "Title (العربية)" keeps its order on an English page, and the reverse.
    return f"{FIRST_STRONG_ISOLATE}{LANGUAGE_NAMES[language]}{POP_ISOLATE}"


def _attributes(language: str, **extra) -> dict:
    return {"lang": language, "dir": direction_of(language), **extra}


def _title(language: str) -> StringField:
    return StringField(_l("Title (%(language)s)", language=_language_name(language)),
                       validators=[Optional(), Length(max=TITLE_MAX)],
                       render_kw=_attributes(language))


def _summary(language: str) -> TextAreaField:
    return TextAreaField(_l("Summary (%(language)s)", language=_language_name(language)),
                         render_kw=_attributes(language, rows=6))


def _description(language: str) -> TextAreaField:
    return TextAreaField(_l("Description (%(language)s)", language=_language_name(language)),
                         render_kw=_attributes(language, rows=4))


_FIELDS = {"title": _title, "summary": _summary, "description": _description}


class TranslationFields:
    """What a form with translated texts offers its template and its ``to_data``."""

    translation_languages: tuple[str, ...] = ()
    translated_names: tuple[str, ...] = ()

    def translation_groups(self) -> list[tuple[str, list]]:
        """(language, its fields) for each language, in the order offered."""
        return [(language, [self[field_name(name, language)] for name in self.translated_names])
                for language in self.translation_languages]

    def translated_texts(self) -> Texts:
        """What was entered, by language then by text name."""
        return {language: {name: self[field_name(name, language)].data or ""
                           for name in self.translated_names}
                for language in self.translation_languages}


def with_translations(form_cls: type, languages: list[str], names: tuple[str, ...]) -> type:
    """``form_cls`` with a field for each of ``names`` in each of ``languages``."""
    attributes = {"translation_languages": tuple(languages), "translated_names": tuple(names)}
    for language in languages:
        for name in names:
            attributes[field_name(name, language)] = _FIELDS[name](language)
    return type(form_cls.__name__, (TranslationFields, form_cls), attributes)


def stored_texts(form_cls: type, owner) -> dict[str, str]:
    """The form data of the texts ``owner`` has in the form's languages (blank where none)."""
    data = {}
    for language in getattr(form_cls, "translation_languages", ()):
        translation = owner.translation(language)
        for name in form_cls.translated_names:
            data[field_name(name, language)] = getattr(translation, name, "") or ""
    return data


def entered_texts(form) -> Texts | None:
    """The texts entered in ``form``; None for a form without translation fields."""
    return form.translated_texts() if isinstance(form, TranslationFields) else None
