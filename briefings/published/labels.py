"""Translated names of the outcome and pledge enumerations, and the formatting their pages use."""
from decimal import Decimal
from enum import StrEnum

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from ..countries import country_name
from ..i18n import current_language
from ..labels import enum_label
from ..models import ActionStatus, OutcomeKind, OutcomeStatus, PledgeStatus, PledgeType

_LABELS = {
    OutcomeKind.CHAIRS_SUMMARY: _l("Chair's summary"),
    OutcomeKind.KEY_MESSAGES: _l("Key messages"),
    OutcomeKind.RECOMMENDATIONS: _l("Recommendations"),
    OutcomeKind.DECLARATION: _l("Declaration"),
    OutcomeKind.ACTION_PLAN: _l("Action plan"),
    OutcomeStatus.DRAFT: _l("Draft"),
    OutcomeStatus.PUBLISHED: _l("Published"),
    ActionStatus.OPEN: lazy_pgettext("action item status", "Open"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.DONE: _l("Done"),
    ActionStatus.DROPPED: _l("Dropped"),
    PledgeType.FINANCIAL: _l("Financial"),
    PledgeType.HUMAN_RESOURCE: _l("Human resources"),
    PledgeType.PROCESS: _l("Process-oriented"),
    PledgeType.POLICY: _l("Policy-oriented"),
    PledgeStatus.ANNOUNCED: _l("Announced"),
    PledgeStatus.IN_PROGRESS: _l("In progress"),
    PledgeStatus.FULFILLED: _l("Fulfilled"),
    PledgeStatus.WITHDRAWN: _l("Withdrawn"),
}

LANGUAGE_LABELS = {"en": _l("English"), "fr": _l("French"), "ar": _l("Arabic")}


def record_label(value: StrEnum | None) -> str:
    """The user-facing, translated name of an outcome or pledge enumeration value."""
    if value is None:
        return ""
    if value in _LABELS:
        return str(_LABELS[value])
    return enum_label(value)


def record_choices(enum_cls: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select field."""
    return [(member.value, _LABELS.get(member, member.value)) for member in enum_cls]


def language_label(code: str) -> str:
    """The name of a document language in the page's language."""
    return str(LANGUAGE_LABELS.get(code, code))


def usd(value) -> str:
    """An amount of US dollars in the page's number format: "1,250,000" or "1 250 000,50"."""
    if value is None:
        return ""
    amount = Decimal(value)
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=get_locale())


def country(code: str) -> str:
    """A country's name in the page's language."""
    return country_name(code, current_language())


def template_helpers() -> dict:
    """What the outcome, pledge and coverage templates use besides the app's own globals."""
    return {"record_label": record_label, "language_label": language_label, "usd": usd,
            "country": country}
