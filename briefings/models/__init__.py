"""The domain model, one module per area, re-exported here."""
from .audit import AuditEvent, OutboxMessage, OutboxStatus
from .briefings import (
    Briefing,
    BriefingSession,
    BriefingStatus,
    ParticipantListVisibility,
    Person,
    PersonRole,
    SessionFormat,
    SessionKind,
    SessionPerson,
)
from .minutes import Intervention, Minutes, MinutesRevision, MinutesStatus
from .outcomes import ActionItem, ActionStatus, OutcomeDocument, OutcomeKind, OutcomeRevision, OutcomeStatus
from .pledges import Pledge, PledgeStatus, PledgeType, PledgeUpdate
from .reference import GCMObjective, StakeholderGroup
from .registrations import Gender, Registration, RegistrationStatus, SeatStatus, SessionSeat, StatusChange
from .types import utcnow
from .users import Membership, Role, User

__all__ = [
    "ActionItem", "ActionStatus", "AuditEvent", "Briefing", "BriefingSession", "BriefingStatus",
    "GCMObjective", "Gender", "Intervention", "Membership", "Minutes", "MinutesRevision",
    "MinutesStatus", "OutboxMessage", "OutboxStatus", "OutcomeDocument", "OutcomeKind",
    "OutcomeRevision", "OutcomeStatus", "ParticipantListVisibility", "Person", "PersonRole",
    "Pledge", "PledgeStatus", "PledgeType", "PledgeUpdate", "Registration", "RegistrationStatus",
    "Role", "SeatStatus", "SessionFormat", "SessionKind", "SessionPerson", "SessionSeat",
    "StakeholderGroup", "StatusChange", "User", "utcnow",
]
