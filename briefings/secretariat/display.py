"""Names and formats shown on the secretariat's pages: minutes states, orderings, durations.

``labels.py`` does not name these values yet; until it does, they are named
here and offered to this blueprint's templates only.
"""
from babel.numbers import format_decimal
from flask import g
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..i18n import current_language
from ..models import MinutesStatus, StakeholderGroup
from ..services.speakers import Ordering, seconds_spoken
from . import bp

MINUTES_STATUS_LABELS = {
    MinutesStatus.DRAFT: _l("Draft"),
    MinutesStatus.IN_REVIEW: _l("In review"),
    MinutesStatus.APPROVED: _l("Approved"),
}

MINUTES_STATUS_BADGES = {
    MinutesStatus.DRAFT: "text-bg-secondary",
    MinutesStatus.IN_REVIEW: "text-bg-warning",
    MinutesStatus.APPROVED: "text-bg-success",
}

ORDERING_LABELS = {
    Ordering.REQUESTED: _l("By request time"),
    Ordering.PROTOCOL: _l("By protocol rank, then request time"),
}

# What the button that moves minutes on says, per action of services.minutes.TRANSITIONS.
MINUTES_ACTIONS = {
    "submit": _l("Submit for review"),
    "approve": _l("Approve"),
    "draft": _l("Back to draft"),
    "reopen": _l("Reopen (back to draft)"),
}


def duration(seconds: int | None) -> str:
    """Seconds as mm:ss (h:mm:ss from an hour on); an empty string for None."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def percent(value: float) -> str:
    """A share in per cent with one decimal, written the page's way (e.g. "12.5 %")."""
    return f"{format_decimal(value, format='0.0', locale=get_locale())} %"


def group_name(group: StakeholderGroup | None) -> str:
    """A stakeholder group's name in the page's language."""
    return group.label(current_language()) if group else ""


@bp.context_processor
def _display_helpers():
    return {
        "briefing": g.get("briefing"),
        "minutes_status_label": lambda status: str(MINUTES_STATUS_LABELS.get(status, status)),
        "minutes_status_badge": lambda status: MINUTES_STATUS_BADGES.get(status, ""),
        "duration": duration,
        "percent": percent,
        "seconds_spoken": seconds_spoken,
        "group_name": group_name,
    }
