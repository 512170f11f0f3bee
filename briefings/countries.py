"""ISO 3166 countries (pycountry) with their names in the page's language (Babel)."""
from functools import cache

import pycountry
from babel import Locale


@cache
def _codes() -> tuple[str, ...]:
    return tuple(country.alpha_2 for country in pycountry.countries)


@cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """(alpha-2 code, name) for every ISO 3166 country, sorted by name in ``language``."""
    names = Locale.parse(language).territories
    english = Locale.parse("en").territories
    pairs = [(code, names.get(code) or english.get(code) or code) for code in _codes()]
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))


@cache
def _territories(language: str) -> dict[str, str]:
    return Locale.parse(language).territories


def country_name(code: str, language: str) -> str:
    """The name of country ``code`` in ``language``; empty for no code."""
    if not code:
        return ""
    return _territories(language).get(code) or code


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code."""
    return code in _codes()
