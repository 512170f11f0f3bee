"""Every visible string is marked, extracted, and translated into French and Arabic."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _source_ids() -> set[tuple[str, str | None]]:
    """What `make messages` would extract from the code and templates right now: each msgid
    with its context (None for most)."""
    with open(ROOT / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                "lazy_pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
    found = set()
    # Babel's default skips directories whose names start with "_" (templates/_macros).
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords,
            directory_filter=lambda path: not Path(path).name.startswith(".")):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return {(m, context) for m, context in found if m}


def _catalog(language: str):
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=language)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_marked_string_is_translated(language):
    catalog = _catalog(language)
    missing = sorted(f"{context}|{m}" if context else m for m, context in _source_ids()
                     if not _translated(catalog.get(m, context)))
    assert not missing, (f"{len(missing)} strings lack a {language} translation "
                         f"(run `make messages`, then translate): {missing[:10]}")


def _translated(message) -> bool:
    if message is None:
        return False
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string) and "fuzzy" not in message.flags


def test_visible_template_text_is_marked():
    """Letters written straight into a template (outside tags and {{ }}) must go through _()."""
    import re

    offenders = []
    text_between_tags = re.compile(r">([^<>{}]*[A-Za-z]{3,}[^<>{}]*)<")
    for path in (ROOT / "templates").rglob("*.html"):
        source = path.read_text()
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
        source = re.sub(r"\{[{%].*?[%}]\}", "{x}", source, flags=re.S)
        source = re.sub(r"<(script|style|code)\b.*?</\1>", "", source, flags=re.S)
        for match in text_between_tags.finditer(source):
            words = match.group(1).strip()
            if words and not words.startswith("{x}") and not _allowed(words):
                offenders.append(f"{path.relative_to(ROOT)}: {words[:60]!r}")
    assert not offenders, "unmarked text in templates:\n" + "\n".join(offenders[:20])


def _allowed(words: str) -> bool:
    # Names of languages are shown in their own script on purpose; codes and symbols pass.
    return words in {"English", "Français", "PDF", "CSV", "XLSX", "ICS", "API", "QR", "GCM"}
