"""The domain model, one module per area, re-exported here."""
from .api_tokens import ApiScope, ApiToken
from .audit import AuditEvent, OutboxMessage, OutboxStatus
from .briefings import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    BriefingTranslation,
    BriefingStatus,
    ParticipantListVisibility,
    Person,
    PersonRole,
    SessionFormat,
    SessionKind,
    SessionPerson,
    SessionTranslation,
)
from .followup import FollowUp, FollowUpUpdate
from .invitations import (
    BriefingReminder,
    Invitation,
    InvitationStatus,
    MessageBatch,
    MessageKind,
    MessageRecipient,
    SessionChangeNotice,
)
from .minutes import Intervention, Minutes, MinutesRevision, MinutesStatus
from .outcomes import ActionItem, ActionStatus, OutcomeDocument, OutcomeKind, OutcomeRevision, OutcomeStatus
from .pledges import Pledge, PledgeStatus, PledgeType, PledgeUpdate
from .reference import GCMObjective, StakeholderGroup
from .registrations import (
    Gender,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionSeat,
    StatusChange,
    SystemReason,
    stored_reason,
)
from .surveys import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)
from .targets import GroupTarget
from .types import utcnow
from .users import Membership, Role, User

__all__ = [
    "ActionItem", "ActionStatus", "AttendanceMode", "BriefingTranslation", "SessionTranslation",
    "ApiScope", "ApiToken", "AuditEvent", "Briefing",
    "BriefingSession", "BriefingStatus",
    "GCMObjective", "Gender", "GroupTarget", "Intervention", "Membership", "Minutes", "MinutesRevision",
    "MinutesStatus", "OutboxMessage", "OutboxStatus", "OutcomeDocument", "OutcomeKind",
    "OutcomeRevision", "OutcomeStatus", "ParticipantListVisibility", "Person", "PersonRole",
    "Pledge", "PledgeStatus", "PledgeType", "PledgeUpdate", "Registration", "RegistrationStatus",
    "Role", "SeatStatus", "SessionFormat", "SessionKind", "SessionPerson", "SessionSeat",
    "StakeholderGroup", "StatusChange", "SystemReason", "User", "stored_reason", "utcnow",
    "BriefingReminder", "Invitation", "InvitationStatus", "MessageBatch", "MessageKind",
    "MessageRecipient", "SessionChangeNotice",
    "FollowUp", "FollowUpUpdate", "QuestionKind", "Survey", "SurveyAnswer",
    "SurveyParticipation", "SurveyQuestion", "SurveyResponse", "SurveyStatus",
]
