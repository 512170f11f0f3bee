"""A briefing's and its sessions' texts in their other languages: checking and storing them.

A text left blank in a language shows the main language's text. Translations
are never deleted when a language stops being offered: they are only not
shown, and come back if the language is offered again.
"""
from flask_babel import lazy_gettext as _l

from ..i18n import LANGUAGE_NAMES
from ..models import BriefingTranslation, SessionTranslation, utcnow

TITLE_MAX = 200
# Texts by language, then by field: {"fr": {"title": "...", "summary": "..."}}.
Texts = dict[str, dict[str, str]]


def field_name(name: str, language: str) -> str:
    """The form field (and rule-violation key) of text ``name`` in ``language``: ``title_fr``."""
    return f"{name}_{language}"


def audit_key(name: str, language: str) -> str:
    """How a changed translation is named in the audit log: ``title.fr``."""
    return f"{name}.{language}"


def cleaned(texts: Texts | None) -> Texts:
    """Only the site's languages, each text stripped; checked with ``check``."""
    return {language: {name: (value or "").strip() for name, value in values.items()}
            for language, values in (texts or {}).items() if language in LANGUAGE_NAMES}


def check(texts: Texts, errors) -> None:
    """Add to ``errors`` (a RuleErrors) what the texts break: a title has at most 200 characters."""
    for language, values in texts.items():
        if len(values.get("title", "")) > TITLE_MAX:
            errors.add(field_name("title", language),
                       _l("Keep the title to %(max)d characters.", max=TITLE_MAX))


def _store(owner, model, texts: Texts) -> dict[str, bool]:
    changes: dict[str, bool] = {}
    for language, values in texts.items():
        row = owner.translation(language)
        if row is None:
            if not any(values.values()):
                continue
            row = model(language=language, **{name: "" for name in values})
            owner.translations.append(row)
        for name, value in values.items():
            if (getattr(row, name) or "") != value:
                setattr(row, name, value)
                changes[audit_key(name, language)] = True
        if not any((getattr(row, name) or "") for name in model.TEXTS):
            owner.translations.remove(row)  # all blank: the main language shows throughout
    if changes:
        # What is shown changed: calendars, feeds and the API's Last-Modified go by this time.
        owner.updated_at = utcnow()
    return changes


def store_briefing(briefing, texts: Texts) -> dict[str, bool]:
    """Save the briefing's title and summary in other languages; the changed ones, for the audit."""
    return _store(briefing, BriefingTranslation, texts)


def store_session(session, texts: Texts) -> dict[str, bool]:
    """Save the session's title and description in other languages; the changed ones."""
    return _store(session, SessionTranslation, texts)
