"""Translated names for the values of the model's enumerations, shown to users."""
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from . import models as m

_LABELS = {
    m.BriefingStatus.DRAFT: _l("Draft"),
    m.BriefingStatus.PUBLISHED: _l("Published"),
    m.BriefingStatus.CONCLUDED: _l("Concluded"),
    m.BriefingStatus.ARCHIVED: _l("Archived"),
    m.ParticipantListVisibility.HIDDEN: _l("Not shown"),
    m.ParticipantListVisibility.PUBLIC: _l("Public, consenting participants only"),
    m.SessionKind.OPENING: _l("Opening"),
    m.SessionKind.PLENARY: _l("Plenary"),
    m.SessionKind.ROUND_TABLE: _l("Round table"),
    m.SessionKind.POLICY_DEBATE: _l("Policy debate"),
    m.SessionKind.HEARING: _l("Multi-stakeholder hearing"),
    m.SessionKind.PANEL: _l("Panel"),
    m.SessionKind.SIDE_EVENT: _l("Side event"),
    m.SessionKind.CLOSING: _l("Closing"),
    m.SessionFormat.IN_PERSON: _l("In person"),
    m.SessionFormat.ONLINE: _l("Online"),
    m.SessionFormat.HYBRID: _l("Hybrid"),
    m.PersonRole.CHAIR: _l("Chair"),
    m.PersonRole.MODERATOR: _l("Moderator"),
    m.PersonRole.SPEAKER: _l("Speaker"),
    m.PersonRole.RAPPORTEUR: _l("Rapporteur"),
    m.Role.ORGANIZER: _l("Organizer"),
    m.Role.SECRETARIAT: _l("Secretariat"),
    m.RegistrationStatus.PENDING: _l("Pending"),
    m.RegistrationStatus.CONFIRMED: _l("Confirmed"),
    m.RegistrationStatus.WAITLISTED: _l("Waitlisted"),
    m.RegistrationStatus.DECLINED: _l("Declined"),
    m.RegistrationStatus.CANCELLED: _l("Cancelled"),
    # Reasons the application writes in a registration's history (models.SystemReason).
    m.SystemReason.REGISTERED_ONLINE: _l("Registered online"),
    m.SystemReason.PROMOTED: _l("Promoted from the waiting list"),
    m.SystemReason.CANCELLED_BY_REGISTRANT: _l("Cancelled by the registrant"),
    m.SystemReason.ERASED: _l("Personal data erased at the registrant's request"),
    m.SystemReason.MODE_WITH_ROOM: _l("Switched to an attendance mode with places left"),
}

# What a briefing's format means for someone who wants to attend (the public page).
FORMAT_DESCRIPTIONS = {
    m.SessionFormat.IN_PERSON: _l("In person"),
    m.SessionFormat.ONLINE: _l("Online only"),
    m.SessionFormat.HYBRID: _l("Hybrid: in the room or online"),
}

# Plural headings for the people of a session, by role.
ROLE_HEADINGS = {
    m.PersonRole.CHAIR: _l("Chair"),
    m.PersonRole.MODERATOR: _l("Moderator"),
    m.PersonRole.SPEAKER: _l("Speakers"),
    m.PersonRole.RAPPORTEUR: _l("Rapporteur"),
}


def enum_label(value: StrEnum | None) -> str:
    """The user-facing, translated name of an enumeration value."""
    if value is None:
        return ""
    return str(_LABELS.get(value, value.value))


def choices(enum_cls: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select field."""
    return [(member.value, _LABELS.get(member, member.value)) for member in enum_cls]


def history_reason(change: m.StatusChange) -> str:
    """A history step's reason: the application's in the page's language, a person's as typed."""
    code = change.system_reason
    return enum_label(code) if code else change.reason
