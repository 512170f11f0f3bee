"""What the API answers, as marshmallow schemas (what it reads is in ``inputs``).

Answers are built as plain dicts by ``serializers`` and dumped through these
classes, which apispec also turns into the OpenAPI document: what is
documented is what is sent, and the schemathesis test holds them together.
"""
from marshmallow import Schema, fields, validate

from ..models import (
    ActionStatus, AttendanceMode, BriefingStatus, OutcomeKind, PersonRole, PledgeStatus, PledgeType,
    RegistrationStatus, SeatStatus, SessionFormat, SessionKind,
)
from ..services.outcomes import LANGUAGES
from .inputs import values


# --- answers ---------------------------------------------------------------------------------

class Out(Schema):
    """An answer: every field is always present (null where it has no value).

    ``_require_all`` at the end of this module marks the fields required, so
    the OpenAPI document says so.
    """


def _enum(enum_cls, **kwargs) -> fields.String:
    return fields.String(validate=validate.OneOf(values(enum_cls)), **kwargs)


def _url(**kwargs) -> fields.String:
    return fields.String(metadata={"format": "uri"}, **kwargs)


def _money(**kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, metadata={
        "type": "string", "description": "US dollars as a decimal string, e.g. \"1250.00\"."},
        **kwargs)


def _links(name: str, *names: str) -> fields.Nested:
    schema = Schema.from_dict({key: _url(required=True) for key in names}, name=name)
    return fields.Nested(schema)


class Names(Out):
    class Meta:
        description = "A name in the three languages of the site (English where none is given)."

    en = fields.String()
    fr = fields.String()
    ar = fields.String()


class StakeholderGroupOut(Out):
    class Meta:
        description = "A stakeholder group; filters name it by its code."

    code = fields.String()
    name = fields.Nested(Names)
    active = fields.Boolean()


class ObjectiveOut(Out):
    class Meta:
        description = "One of the 23 objectives of the Global Compact for Migration."

    number = fields.Integer()
    title = fields.Nested(Names)


class RegistrationWindow(Out):
    open = fields.Boolean(metadata={"description": "Whether registration is open right now."})
    opens_at = fields.DateTime(allow_none=True)
    closes_at = fields.DateTime(allow_none=True)
    approval_required = fields.Boolean()
    invite_only = fields.Boolean()


class BriefingText(Out):
    class Meta:
        description = ("A briefing's title and summary (Markdown) in one language; a text not "
                       "translated is the main language's.")

    title = fields.String()
    summary = fields.String()


class SessionText(Out):
    class Meta:
        description = ("A session's title and description (Markdown) in one language; a text "
                       "not translated is the main language's.")

    title = fields.String()
    description = fields.String()


def _translations(schema: type[Schema]) -> fields.Dict:
    return fields.Dict(keys=fields.String(validate=validate.OneOf(LANGUAGES)),
                       values=fields.Nested(schema), metadata={
                           "description": "The texts in each language the briefing offers "
                                          "besides its main one, by language code."})


class BriefingOut(Out):
    class Meta:
        description = "A public briefing. Times are UTC (ISO 8601); `timezone` is where it is held."

    slug = fields.String()
    title = fields.String(metadata={"description": "In the main language."})
    summary = fields.String(metadata={"description": "Markdown source, in the main language."})
    summary_html = fields.String(metadata={"description": "The summary as sanitized HTML."})
    partners = fields.List(fields.String())
    venue = fields.String()
    city = fields.String()
    timezone = fields.String(metadata={"description": "IANA zone name, e.g. Africa/Cairo."})
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    languages = fields.List(fields.String())
    main_language = fields.String(validate=validate.OneOf(LANGUAGES), metadata={
        "description": "The language of `title` and `summary`, and of the sessions' texts."})
    translations = _translations(BriefingText)
    status = fields.String(validate=validate.OneOf(
        [s.value for s in BriefingStatus if s != BriefingStatus.DRAFT]))
    format = _enum(SessionFormat, metadata={
        "description": "in_person, online or hybrid (each registrant chooses how to attend). "
                       "The meeting link is given to confirmed registrants only, never here."})
    registration = fields.Nested(RegistrationWindow)
    updated_at = fields.DateTime()
    links = _links("BriefingLinks", "self", "html", "sessions", "outcomes", "pledges", "coverage",
                   "agenda_ics", "feed")


class PersonOut(Out):
    role = _enum(PersonRole)
    name = fields.String()
    honorific = fields.String()
    position = fields.String()
    organization = fields.String()
    stakeholder_group = fields.String(allow_none=True, metadata={"description": "Group code."})
    country = fields.String(allow_none=True, metadata={"description": "ISO 3166-1 alpha-2."})


class SessionOut(Out):
    class Meta:
        description = ("A session of the programme with its chair, moderator, speakers and "
                       "rapporteur.")

    id = fields.Integer()
    kind = _enum(SessionKind)
    title = fields.String(metadata={"description": "In the briefing's main language."})
    description = fields.String(metadata={"description": "Markdown, in the main language."})
    translations = _translations(SessionText)
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    room = fields.String()
    capacity = fields.Integer(allow_none=True)
    format = _enum(SessionFormat)
    objectives = fields.List(fields.Integer())
    people = fields.List(fields.Nested(PersonOut))
    links = _links("SessionLinks", "ics")


class SessionList(Out):
    items = fields.List(fields.Nested(SessionOut))


class DocumentSummary(Out):
    class Meta:
        description = "A published outcome document (one language version)."

    id = fields.Integer()
    kind = _enum(OutcomeKind)
    title = fields.String()
    slug = fields.String()
    language = fields.String(validate=validate.OneOf(LANGUAGES))
    translation_key = fields.String(metadata={"description": "Shared by its translations."})
    published_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime()
    objectives = fields.List(fields.Integer())
    links = _links("DocumentLinks", "self", "html", "pdf")


class ActionItemOut(Out):
    what = fields.String()
    who = fields.String()
    due = fields.Date(allow_none=True)
    status = _enum(ActionStatus)


class TranslationOut(Out):
    id = fields.Integer()
    language = fields.String()
    title = fields.String()
    links = _links("TranslationLinks", "self")


class DocumentOut(DocumentSummary):
    class Meta:
        description = ("A published outcome document with its text, as Markdown and as "
                       "sanitized HTML.")

    body_markdown = fields.String()
    body_html = fields.String()
    action_items = fields.List(fields.Nested(ActionItemOut))
    translations = fields.List(fields.Nested(TranslationOut))


class PledgeOut(Out):
    class Meta:
        description = "A pledge. Amounts are US dollars as decimal strings."

    id = fields.Integer()
    entity = fields.String()
    stakeholder_group = fields.String(allow_none=True)
    country = fields.String(allow_none=True)
    type = _enum(PledgeType)
    title = fields.String()
    description = fields.String()
    partners = fields.String()
    amount_usd = _money(allow_none=True)
    status = _enum(PledgeStatus)
    objectives = fields.List(fields.Integer())
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


def _total(key: str, key_field: fields.Field) -> type[Schema]:
    return Schema.from_dict({key: key_field, "count": fields.Integer(required=True),
                             "usd": _money(required=True)},
                            name=f"{key.title()}Total")


class Totals(Out):
    class Meta:
        description = ("The filtered register summed up. `usd` adds up financial pledges that "
                       "are not withdrawn; counts include every pledge that passes the filters.")

    count = fields.Integer()
    usd = _money()
    by_group = fields.List(fields.Nested(_total("group", fields.String(required=True,
                                                                      allow_none=True))))
    by_type = fields.List(fields.Nested(_total("type", _enum(PledgeType, required=True))))
    by_objective = fields.List(fields.Nested(_total("objective",
                                                    fields.Integer(required=True))))
    by_country = fields.List(fields.Nested(_total("country", fields.String(required=True,
                                                                          allow_none=True))))


class PageLinks(Out):
    self = _url()
    first = _url()
    last = _url()
    next = _url(allow_none=True)
    prev = _url(allow_none=True)


class PageOut(Out):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
    links = fields.Nested(PageLinks)


class BriefingPage(PageOut):
    items = fields.List(fields.Nested(BriefingOut))


class DocumentPage(PageOut):
    items = fields.List(fields.Nested(DocumentSummary))


class PledgePage(PageOut):
    items = fields.List(fields.Nested(PledgeOut))
    totals = fields.Nested(Totals)


class SessionRef(Out):
    id = fields.Integer()
    title = fields.String()


class DocumentRef(Out):
    id = fields.Integer()
    title = fields.String()
    language = fields.String()


class ObjectiveCoverageOut(Out):
    objective = fields.Integer()
    title = fields.Nested(Names)
    addressed = fields.Boolean()
    sessions = fields.List(fields.Nested(SessionRef))
    documents = fields.List(fields.Nested(DocumentRef))
    pledges = fields.Integer(metadata={"description": "Pledges that are not withdrawn."})


class CoverageOut(Out):
    class Meta:
        description = "Which sessions, published documents and pledges address each GCM objective."

    covered_count = fields.Integer()
    uncovered = fields.List(fields.Integer())
    objectives = fields.List(fields.Nested(ObjectiveCoverageOut))


class GroupList(Out):
    items = fields.List(fields.Nested(StakeholderGroupOut))


class ObjectiveList(Out):
    items = fields.List(fields.Nested(ObjectiveOut))


class SeatOut(Out):
    session_id = fields.Integer()
    status = _enum(SeatStatus)
    mode = _enum(AttendanceMode, metadata={
        "description": "Which of the session's capacities the seat counts against."})


class RegistrationOut(Out):
    class Meta:
        description = ("A registration (personal data: answered with Cache-Control: no-store). "
                       "Gender and accessibility needs are not shared through the API.")

    id = fields.Integer()
    full_name = fields.String()
    email = fields.String()
    organization = fields.String()
    position = fields.String()
    stakeholder_group = fields.String(allow_none=True)
    country = fields.String(allow_none=True)
    language = fields.String()
    status = _enum(RegistrationStatus)
    attendance_mode = _enum(AttendanceMode, metadata={
        "description": "How the person attends: in the room or through the meeting link."})
    ticket_code = fields.String()
    list_consent = fields.Boolean()
    checked_in_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    seats = fields.List(fields.Nested(SeatOut))


class RegistrationPage(PageOut):
    items = fields.List(fields.Nested(RegistrationOut))


class RegistrationResult(Out):
    class Meta:
        description = ("`created` is false when the e-mail address was already registered: "
                       "nothing new is made and the person is sent their private link again.")

    created = fields.Boolean()
    registration = fields.Nested(RegistrationOut)


class CheckInResult(Out):
    class Meta:
        description = "An arrival: when it was recorded, and whether it had been already."

    registration_id = fields.Integer()
    full_name = fields.String()
    stakeholder_group = fields.String(allow_none=True)
    checked_in_at = fields.DateTime()
    already_checked_in = fields.Boolean()


class ProblemOut(Schema):
    class Meta:
        description = "An error, as RFC 9457 problem details."

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(metadata={"description": "What is wrong with each field, by name."})


def _require_all(base: type[Schema]) -> None:
    for cls in base.__subclasses__():
        for field in cls._declared_fields.values():
            field.required = True
        _require_all(cls)


_require_all(Out)
