"""What the API reads: query strings and JSON bodies, as marshmallow schemas.

They validate the request (a bad query is a 400, a bad body a 422, each
naming the field) and, through apispec, describe the parameters and bodies
in the OpenAPI document.
"""
from email_validator import EmailNotValidError, validate_email
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from ..countries import is_country
from ..models import AttendanceMode, Gender, PledgeStatus, PledgeType, RegistrationStatus
from ..services.outcomes import LANGUAGES

MAX_PAGE = 10_000
MAX_PER_PAGE = 100
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
GROUP_CODE = r"^[a-z0-9_]{1,40}$"  # as services.groups.code_for makes them


def values(enum_cls) -> list[str]:
    """The values of an enumeration, for ``OneOf``."""
    return [member.value for member in enum_cls]


def _no_control_characters(value: str) -> None:
    if any((ord(ch) < 32 and ch not in "\n\r\t") or "\ud800" <= ch <= "\udfff" for ch in value):
        raise ValidationError("Remove the control characters.")


class Text(fields.String):
    """A string without control characters (line breaks and tabs allowed)."""

    def __init__(self, *args, **kwargs):
        kwargs["validate"] = [_no_control_characters, *_as_list(kwargs.get("validate"))]
        super().__init__(*args, **kwargs)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


# --- query strings ---------------------------------------------------------------------------

class PageQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(1, MAX_PAGE),
                          metadata={"description": "Page number, from 1."})
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, MAX_PER_PAGE),
                              metadata={"description": f"Items per page (at most {MAX_PER_PAGE})."})


class BriefingQuery(PageQuery):
    when = fields.String(validate=validate.OneOf(["upcoming", "past"]), metadata={
        "description": "`upcoming`: not ended yet, soonest first; `past`: ended, latest first. "
                       "Without it: all, latest start first."})


class DocumentQuery(PageQuery):
    language = fields.String(validate=validate.OneOf(LANGUAGES))


class PledgeQuery(PageQuery):
    group = fields.String(validate=validate.Regexp(GROUP_CODE),
                          metadata={"description": "Stakeholder group code."})
    type = fields.String(validate=validate.OneOf(values(PledgeType)))
    objective = fields.Integer(validate=validate.Range(1, 23))
    country = fields.String(validate=validate.Regexp(r"^[A-Za-z]{2}$"),
                            metadata={"description": "ISO 3166-1 alpha-2 code."})
    status = fields.String(validate=validate.OneOf(values(PledgeStatus)))


class RegistrationQuery(PageQuery):
    status = fields.String(validate=validate.OneOf(values(RegistrationStatus)))
    group = fields.String(validate=validate.Regexp(GROUP_CODE),
                          metadata={"description": "Stakeholder group code."})


# --- request bodies --------------------------------------------------------------------------

def _email(value: str) -> None:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError("Not a valid e-mail address.") from error


def _country(value: str) -> None:
    if not is_country(value):
        raise ValidationError("Not an ISO 3166-1 alpha-2 country code.")


class RegistrationIn(Schema):
    """A person to register, as on the registration form."""

    class Meta:
        unknown = RAISE

    full_name = Text(required=True, validate=validate.Length(1, 200))
    email = Text(required=True, validate=[validate.Length(3, 254), _email],
                 metadata={"format": "email"})
    organization = Text(required=True, validate=validate.Length(1, 200))
    position = Text(load_default="", validate=validate.Length(max=200))
    stakeholder_group = fields.String(required=True, validate=validate.Regexp(GROUP_CODE),
                                      metadata={"description": "Stakeholder group code."})
    country = fields.String(required=True, validate=[validate.Regexp(r"^[A-Z]{2}$"), _country],
                            metadata={"description": "ISO 3166-1 alpha-2 code."})
    gender = fields.String(load_default=None, allow_none=True,
                           validate=validate.OneOf(values(Gender)))
    language = fields.String(load_default="en", validate=validate.OneOf(LANGUAGES))
    accessibility_needs = Text(load_default="", validate=validate.Length(max=2000))
    list_consent = fields.Boolean(load_default=False, metadata={
        "description": "Consent to appear on the public participant list."})
    sessions = fields.List(fields.Integer(validate=validate.Range(1, 2**31 - 1)),
                           load_default=list, validate=validate.Length(max=100),
                           metadata={"description": "Ids of the chosen sessions."})
    attendance_mode = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(values(AttendanceMode)),
        metadata={"description": "Required where the briefing is hybrid; elsewhere the "
                                 "briefing's only mode (another one is refused)."})


class CheckInIn(Schema):
    """A ticket code as printed or scanned (case, spaces and dashes do not matter)."""

    class Meta:
        unknown = RAISE

    ticket_code = fields.String(required=True,
                                validate=validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$"))
