"""The staff API: a briefing's registrations and check-in, for holders of a personal API token.

Only ``Authorization: Bearer <token>`` opens these endpoints; a signed-in
browser's cookies count for nothing here, so no cross-site form can reach
them (and the blueprint needs no CSRF token). Answers hold personal data:
they are ``no-store`` and no other site may read them (no CORS headers).
Every use of a token is audited (endpoint, method, allowed), never with a
personal value.
"""
import sqlalchemy as sa
from flask import request, url_for
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    ApiScope, ApiToken, Briefing, Registration, RegistrationStatus, StakeholderGroup,
)
from ..participants import queries as registration_queries
from ..services import api_tokens, checkin, registrations
from . import bp, inputs, schemas, serializers
from .http import Page, Problem, json_response, link_header, load_json, load_query
from .spec import operation

REALM = 'Bearer realm="briefings"'


def _unauthorized(detail: str, error: str | None = None) -> Problem:
    challenge = REALM + (f', error="{error}"' if error else "")
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": challenge})


def _forbidden(detail: str, *, scope: ApiScope | None = None) -> Problem:
    challenge = f'{REALM}, error="insufficient_scope", scope="{scope.value}"' if scope else REALM
    return Problem(403, "Forbidden", detail, headers={"WWW-Authenticate": challenge})


def authorize(slug: str, scope: ApiScope) -> tuple[ApiToken, Briefing]:
    """The token of the request and its briefing, if it may use ``scope`` there; else 401/403."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise _unauthorized("Send a personal API token: Authorization: Bearer <token>.")
    token = api_tokens.authenticate(secret.strip())
    if token is None:
        raise _unauthorized("This token is unknown, revoked or expired.", "invalid_token")
    briefing = db.session.get(Briefing, token.briefing_id)
    refusal = None
    if slug != briefing.slug:
        refusal = _forbidden("This token is for another briefing.")
    elif scope not in token.scope_set:
        refusal = _forbidden(f"This token does not hold the {scope.value} scope.", scope=scope)
    elif not api_tokens.creator_may_act(token):
        refusal = _forbidden("The token's owner may no longer manage this briefing.")
    api_tokens.record_use(token, endpoint=request.endpoint, method=request.method,
                          allowed=refusal is None)
    if refusal is not None:
        raise refusal
    return token, briefing


def _group_by_code(code: str) -> StakeholderGroup | None:
    return db.session.scalar(sa.select(StakeholderGroup).where(StakeholderGroup.code == code))


@bp.route("/briefings/<slug>/registrations", methods=["GET"])
@operation(tag="Staff", response=schemas.RegistrationPage, query=inputs.RegistrationQuery,
           scope=ApiScope.READ_REGISTRATIONS, public=False, paged=True)
def registrations_index(slug: str):
    """The briefing's registrations, oldest first, a page at a time (scope `registrations:read`).

    Filter by `status` and stakeholder `group` (code). Gender and
    accessibility needs are not shared through the API.
    """
    _token, briefing = authorize(slug, ApiScope.READ_REGISTRATIONS)
    query = load_query(inputs.RegistrationQuery)
    group_id = None
    if query.get("group"):
        group = _group_by_code(query["group"])
        if group is None:
            raise Problem(400, "Bad request", "Some query parameters are not valid.",
                          errors={"group": ["No stakeholder group has this code."]})
        group_id = group.id
    status = RegistrationStatus(query["status"]) if query.get("status") else None
    select = registration_queries.matching(
        briefing.id, registration_queries.Filters(status=status, group_id=group_id))
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(select.order_by(None).subquery())) or 0
    page = Page(query["page"], query["per_page"], total)
    items = db.session.scalars(select.options(selectinload(Registration.seats))
                               .limit(page.per_page).offset(page.offset)).all()
    envelope = page.envelope([serializers.registration(r) for r in items],
                             "api.registrations_index", keep=("status", "group"),
                             slug=briefing.slug)
    return json_response(schemas.RegistrationPage().dump(envelope), private=True,
                         headers={"Link": link_header(envelope)})


@bp.route("/briefings/<slug>/registrations", methods=["POST"])
@operation(tag="Staff", response=schemas.RegistrationResult, body=inputs.RegistrationIn,
           scope=ApiScope.WRITE_REGISTRATIONS, public=False, status=201,
           errors={200: "Already registered: the existing registration, `created` false.",
                   409: "Registration is refused: closed, or a session is not of this briefing."})
def registrations_create(slug: str):
    """Register a person (scope `registrations:write`), by the rules of the registration form.

    Capacity, approval and the waiting list apply as for anyone, and the
    person gets the same e-mails. Registering an e-mail address a second
    time creates nothing: the answer is 200 with the existing registration
    and `created: false`, and the person is sent their private link again.
    A registration made with a token counts as invited.
    """
    token, briefing = authorize(slug, ApiScope.WRITE_REGISTRATIONS)
    data = load_json(inputs.RegistrationIn)
    group = _group_by_code(data["stakeholder_group"])
    if group is None or not group.active:
        raise Problem(422, "Unprocessable content", "Some fields are not valid.",
                      errors={"stakeholder_group": ["No stakeholder group has this code."]})
    details = registrations.Details(
        full_name=data["full_name"], email=data["email"], organization=data["organization"],
        position=data["position"], stakeholder_group_id=group.id, country=data["country"],
        gender=data["gender"], language=data["language"],
        accessibility_needs=data["accessibility_needs"], list_consent=data["list_consent"],
        session_ids=sorted(set(data["sessions"])), attendance_mode=data["attendance_mode"],
        mode_required=True)
    try:
        result = registrations.register(briefing.id, details, invited=True)
    except registrations.RegistrationError as error:
        if error.field:  # a mode the briefing does not offer, or a session out of reach in it
            raise Problem(422, "Unprocessable content", "Some fields are not valid.",
                          errors={error.field: [str(error)]}) from error
        raise Problem(409, "Conflict", str(error)) from error
    body = schemas.RegistrationResult().dump(
        {"created": result.created, "registration": serializers.registration(result.registration)})
    if not result.created:
        return json_response(body, private=True)
    location = url_for("api.registrations_index", slug=briefing.slug, _external=True)
    return json_response(body, private=True, status=201, headers={"Location": location})


@bp.route("/briefings/<slug>/check-ins", methods=["POST"])
@operation(tag="Staff", response=schemas.CheckInResult, body=inputs.CheckInIn,
           scope=ApiScope.CHECK_IN, public=False,
           errors={409: "Not admitted: the registration is not confirmed."})
def check_in(slug: str):
    """Record an arrival by ticket code (scope `checkin`); a second scan reports the first time.

    Only confirmed registrations are admitted. An unknown code is a 404.
    """
    token, briefing = authorize(slug, ApiScope.CHECK_IN)
    data = load_json(inputs.CheckInIn)
    registration = checkin.find_by_code(briefing.id, data["ticket_code"])
    if registration is None:
        raise Problem(404, "Not found", "No registration of this briefing has this ticket code.")
    try:
        admission = checkin.check_in(registration.id, actor=token.user)
    except registrations.RegistrationError as error:
        raise Problem(409, "Conflict", str(error)) from error
    person = admission.registration
    group = person.stakeholder_group
    return json_response(schemas.CheckInResult().dump({
        "registration_id": person.id, "full_name": person.full_name,
        "stakeholder_group": group.code if group else None,
        "checked_in_at": admission.at, "already_checked_in": admission.already,
    }), private=True)
