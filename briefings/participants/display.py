"""Names shown on the participants' pages: seat and e-mail states, countries, groups.

``labels.py`` does not name seat, outbox or gender values yet; until it does, they
are named here (and offered to this blueprint's templates only).
"""
from flask_babel import lazy_gettext as _l

from .. import countries
from ..i18n import current_language
from ..models import Gender, OutboxStatus, SeatStatus, StakeholderGroup
from . import bp

SEAT_LABELS = {
    SeatStatus.CONFIRMED: _l("Seat confirmed"),
    SeatStatus.WAITLISTED: _l("On the session's waiting list"),
    SeatStatus.RELEASED: _l("Seat released"),
}

OUTBOX_LABELS = {
    OutboxStatus.PENDING: _l("Waiting to be sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Failed"),
}

GENDER_LABELS = {
    Gender.WOMAN: _l("Woman"),
    Gender.MAN: _l("Man"),
    Gender.NON_BINARY: _l("Non-binary"),
    Gender.UNDISCLOSED: _l("Prefers not to say"),
}

MAIL_LABELS = {
    "received": _l("Registration received"),
    "confirmed": _l("Confirmation"),
    "waitlisted": _l("Waiting list"),
    "declined": _l("Declined"),
    "cancelled": _l("Cancellation"),
    "promoted": _l("Promoted from the waiting list"),
    "seat_confirmed": _l("Session seat confirmed"),
    "private_link": _l("Private link sent again"),
    "message": _l("Message from the organizers"),
    "session_changed": _l("Session change notice"),
    "reminder": _l("Reminder before the briefing"),
    "survey_invitation": _l("Feedback survey"),
    "certificate": _l("Certificate of attendance"),
}


def country_name(code: str) -> str:
    """A country's name in the page's language, from its ISO 3166 code."""
    return countries.country_name(code, current_language())


def group_name(group: StakeholderGroup | None) -> str:
    """A stakeholder group's name in the page's language."""
    return group.label(current_language()) if group else ""


@bp.context_processor
def _display_helpers():
    return {
        "seat_label": lambda status: str(SEAT_LABELS.get(status, status)),
        "outbox_label": lambda status: str(OUTBOX_LABELS.get(status, status)),
        "mail_label": lambda kind: str(MAIL_LABELS.get(kind, kind)),
        "gender_label": lambda gender: str(GENDER_LABELS.get(gender, "")) if gender else "",
        "country_name": country_name,
        "group_name": group_name,
    }
