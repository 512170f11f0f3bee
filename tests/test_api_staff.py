"""Personal API tokens and the staff API: scopes, revocation, registrations, check-in, audit."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    ApiScope, ApiToken, AuditEvent, Membership, Registration, RegistrationStatus, Role, utcnow,
)
from briefings.services import api_tokens, registrations

READ, WRITE, CHECK_IN = ApiScope.READ_REGISTRATIONS, ApiScope.WRITE_REGISTRATIONS, ApiScope.CHECK_IN
OPEN_NOW = dict(registration_opens_at=datetime(2020, 1, 1, tzinfo=timezone.utc))


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", **OPEN_NOW)


@pytest.fixture
def organizer(factory, briefing):
    return factory.user(briefing=briefing, role=Role.ORGANIZER)


def make_token(briefing, user, *scopes, **kwargs) -> str:
    return api_tokens.create_token(briefing, user, name="Desk app",
                                   scopes=set(scopes) or {READ, WRITE, CHECK_IN},
                                   **kwargs).secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def person(briefing, name="Amina Diallo", email="amina@example.org", group=None):
    return registrations.register(briefing.id, registrations.Details(
        full_name=name, email=email, organization="IOM", country="EG",
        stakeholder_group_id=group.id if group else None)).registration


BODY = {"full_name": "Omar Haddad", "email": "omar@example.org", "organization": "Ministry",
        "stakeholder_group": "government", "country": "JO"}


# --- the tokens page ---------------------------------------------------------------------------

def test_an_organizer_makes_a_token_that_is_shown_once_and_stored_hashed(client, login,
                                                                         briefing, organizer):
    login(organizer)
    response = client.post("/manage/imrf/api-tokens", data={
        "name": "Badge printer", "scopes": ["checkin"], "lifetime": "30"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    token = _db.session.scalar(sa.select(ApiToken))
    page = response.get_data(as_text=True)
    secret = page.split('id="new-token"')[1].split('value="')[1].split('"')[0]
    assert secret.startswith("brf_") and len(secret) > 40
    assert token.token_hash == api_tokens.hash_secret(secret) and secret not in token.token_hash
    assert token.scope_set == {CHECK_IN}
    assert token.expires_at - utcnow() > timedelta(days=29)
    later = client.get("/manage/imrf/api-tokens").get_data(as_text=True)
    assert "Badge printer" in later and secret not in later and token.prefix in later


def test_a_token_needs_a_name_and_a_permission(client, login, briefing, organizer):
    login(organizer)
    response = client.post("/manage/imrf/api-tokens", data={"name": "", "lifetime": "30"})
    assert response.status_code == 422
    assert _db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


@pytest.mark.parametrize("role", [Role.SECRETARIAT, None])
def test_only_organizers_reach_the_tokens_page(client, login, factory, briefing, role):
    user = factory.user(briefing=briefing if role else None, role=role)
    login(user)
    assert client.get("/manage/imrf/api-tokens").status_code == 403
    assert client.post("/manage/imrf/api-tokens", data={
        "name": "x", "scopes": ["checkin"], "lifetime": "30"}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, briefing):
    assert client.get("/manage/imrf/api-tokens").status_code == 302


def test_revoking_from_the_page_stops_the_token(client, login, briefing, organizer):
    secret = make_token(briefing, organizer, READ)
    token = _db.session.scalar(sa.select(ApiToken))
    url = "/api/v1/briefings/imrf/registrations"
    assert client.get(url, headers=bearer(secret)).status_code == 200
    login(organizer)
    response = client.post(f"/manage/imrf/api-tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert client.get(url, headers=bearer(secret)).status_code == 401


def test_a_token_of_another_briefing_cannot_be_revoked_here(client, login, factory, briefing,
                                                            organizer):
    other = factory.briefing(slug="other")
    make_token(other, factory.user(briefing=other))
    token = _db.session.scalar(sa.select(ApiToken))
    login(organizer)
    assert client.post(f"/manage/imrf/api-tokens/{token.id}/revoke").status_code == 404
    assert _db.session.get(ApiToken, token.id).revoked_at is None


# --- who may use the staff API -----------------------------------------------------------------

@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer brf_unknown",
                                    "Bearer not-even-ours"])
def test_without_a_valid_token_the_answer_is_401(client, briefing, header):
    response = client.get("/api/v1/briefings/imrf/registrations",
                          headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.mimetype == "application/problem+json"


def test_revoked_and_expired_tokens_are_refused(client, briefing, organizer):
    revoked = make_token(briefing, organizer)
    api_tokens.revoke_token(_db.session.scalar(sa.select(ApiToken)), actor=organizer)
    expired = make_token(briefing, organizer, expires_at=utcnow() - timedelta(seconds=1))
    for secret in (revoked, expired):
        response = client.get("/api/v1/briefings/imrf/registrations", headers=bearer(secret))
        assert response.status_code == 401
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_token_works_for_its_own_briefing_only(client, factory, briefing, organizer):
    other = factory.briefing(slug="other", **OPEN_NOW)
    organizer.memberships.append(Membership(briefing=other, role=Role.ORGANIZER))
    _db.session.commit()
    secret = make_token(briefing, organizer)
    assert client.get("/api/v1/briefings/other/registrations",
                      headers=bearer(secret)).status_code == 403
    assert client.post("/api/v1/briefings/other/registrations", json=BODY,
                       headers=bearer(secret)).status_code == 403
    assert _db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


@pytest.mark.parametrize("method, path, needed", [
    ("get", "/registrations", READ), ("post", "/registrations", WRITE),
    ("post", "/check-ins", CHECK_IN)])
def test_each_endpoint_needs_its_scope(client, briefing, organizer, method, path, needed):
    others = [scope for scope in ApiScope if scope != needed]
    secret = make_token(briefing, organizer, *others)
    response = getattr(client, method)(f"/api/v1/briefings/imrf{path}", headers=bearer(secret),
                                       **({"json": {}} if method == "post" else {}))
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_a_token_stops_when_its_maker_is_no_longer_organizer(client, briefing, organizer):
    secret = make_token(briefing, organizer)
    organizer.memberships[0].role = Role.SECRETARIAT
    _db.session.commit()
    assert client.get("/api/v1/briefings/imrf/registrations",
                      headers=bearer(secret)).status_code == 403


def test_a_signed_in_browser_without_a_token_cannot_write(client, login, briefing, organizer):
    """Cookies open nothing in the staff API: a cross-site form could not register anyone."""
    login(organizer)
    assert client.post("/api/v1/briefings/imrf/registrations", json=BODY).status_code == 401
    assert client.post("/api/v1/briefings/imrf/check-ins",
                       json={"ticket_code": "ABCD"}).status_code == 401
    assert _db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


# --- registrations -----------------------------------------------------------------------------

def test_registration_list_filters_pages_and_is_not_cached_or_shared(client, factory, briefing,
                                                                     organizer):
    gov = factory.group("government")
    first = person(briefing, "Amina", "amina@example.org", group=gov)
    person(briefing, "Bilal", "bilal@example.org")
    registrations.change_status(first.id, RegistrationStatus.CANCELLED)
    secret = make_token(briefing, organizer, READ)

    response = client.get("/api/v1/briefings/imrf/registrations?per_page=1",
                          headers={**bearer(secret), "Origin": "https://x.example"})
    assert response.headers["Cache-Control"] == "no-store"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "ETag" not in response.headers
    data = response.get_json()
    assert data["total"] == 2 and len(data["items"]) == 1 and data["links"]["next"]
    item = data["items"][0]
    assert "gender" not in item and "accessibility_needs" not in item

    def names(query):
        body = client.get(f"/api/v1/briefings/imrf/registrations?{query}",
                          headers=bearer(secret)).get_json()
        return [r["full_name"] for r in body["items"]]

    assert names("status=cancelled") == ["Amina"]
    assert names("group=government") == ["Amina"]
    assert client.get("/api/v1/briefings/imrf/registrations?group=nobody",
                      headers=bearer(secret)).status_code == 400
    assert client.get("/api/v1/briefings/imrf/registrations?status=lost",
                      headers=bearer(secret)).status_code == 400


def test_preflight_to_the_staff_api_gets_no_cors_permission(client, briefing):
    response = client.options("/api/v1/briefings/imrf/registrations", headers={
        "Origin": "https://x.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_create_a_registration_then_the_same_email_again(client, briefing, organizer):
    secret = make_token(briefing, organizer, WRITE)
    created = client.post("/api/v1/briefings/imrf/registrations", json=BODY,
                          headers=bearer(secret))
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    data = created.get_json()
    assert data["created"] is True and data["registration"]["status"] == "confirmed"
    assert data["registration"]["stakeholder_group"] == "government"

    again = client.post("/api/v1/briefings/imrf/registrations",
                        json={**BODY, "email": "OMAR@example.org", "full_name": "Someone"},
                        headers=bearer(secret))
    assert again.status_code == 200
    assert again.get_json()["created"] is False
    assert again.get_json()["registration"]["id"] == data["registration"]["id"]
    assert _db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1


@pytest.mark.parametrize("body, field", [
    ({**BODY, "email": "not-an-address"}, "email"),
    ({**BODY, "country": "XX"}, "country"),
    ({**BODY, "stakeholder_group": "nobody"}, "stakeholder_group"),
    ({**BODY, "full_name": "Bad\x00name"}, "full_name"),
    ({**BODY, "extra": 1}, "extra"),
    ({k: v for k, v in BODY.items() if k != "organization"}, "organization"),
    ({**BODY, "sessions": ["one"]}, "sessions"),
])
def test_invalid_bodies_are_422_naming_the_field(client, briefing, organizer, body, field):
    secret = make_token(briefing, organizer, WRITE)
    response = client.post("/api/v1/briefings/imrf/registrations", json=body,
                           headers=bearer(secret))
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_non_json_bodies_are_refused(client, briefing, organizer):
    secret = make_token(briefing, organizer, WRITE)
    url = "/api/v1/briefings/imrf/registrations"
    assert client.post(url, data="full_name=x", headers=bearer(secret)).status_code == 415
    assert client.post(url, data="{oops", content_type="application/json",
                       headers=bearer(secret)).status_code == 400
    assert client.post(url, json=[1, 2], headers=bearer(secret)).status_code == 422


def test_closed_registration_is_a_409(client, factory, organizer, briefing):
    briefing.registration_closes_at = datetime(2021, 1, 1, tzinfo=timezone.utc)
    _db.session.commit()
    secret = make_token(briefing, organizer, WRITE)
    response = client.post("/api/v1/briefings/imrf/registrations", json=BODY,
                           headers=bearer(secret))
    assert response.status_code == 409 and "not open" in response.get_json()["detail"]


# --- check-in ----------------------------------------------------------------------------------

def test_check_in_by_ticket_code(client, briefing, organizer):
    registration = person(briefing)
    secret = make_token(briefing, organizer, CHECK_IN)
    code = registration.ticket_code
    spaced = f"{code[:4].lower()} {code[4:]}"
    first = client.post("/api/v1/briefings/imrf/check-ins", json={"ticket_code": spaced},
                        headers=bearer(secret))
    assert first.status_code == 200
    assert first.get_json()["already_checked_in"] is False
    assert first.get_json()["full_name"] == "Amina Diallo"
    second = client.post("/api/v1/briefings/imrf/check-ins", json={"ticket_code": code},
                         headers=bearer(secret)).get_json()
    assert second["already_checked_in"] is True
    assert second["checked_in_at"] == first.get_json()["checked_in_at"]
    unknown = client.post("/api/v1/briefings/imrf/check-ins", json={"ticket_code": "ZZZZ2222"},
                          headers=bearer(secret))
    assert unknown.status_code == 404


def test_check_in_refuses_a_cancelled_registration(client, briefing, organizer):
    registration = person(briefing)
    registrations.change_status(registration.id, RegistrationStatus.CANCELLED)
    secret = make_token(briefing, organizer, CHECK_IN)
    response = client.post("/api/v1/briefings/imrf/check-ins",
                           json={"ticket_code": registration.ticket_code}, headers=bearer(secret))
    assert response.status_code == 409
    assert _db.session.get(Registration, registration.id).checked_in_at is None


# --- audit ---------------------------------------------------------------------------------------

def test_every_use_is_audited_without_personal_values(client, briefing, organizer):
    secret = make_token(briefing, organizer, WRITE)
    client.post("/api/v1/briefings/imrf/registrations", json=BODY, headers=bearer(secret))
    client.get("/api/v1/briefings/imrf/registrations", headers=bearer(secret))  # no scope
    uses = _db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "api_token.use")
                               .order_by(AuditEvent.id)).all()
    assert [(u.changes["method"], u.changes["allowed"]) for u in uses] == [
        ("POST", True), ("GET", False)]
    assert all(u.user_id == organizer.id and u.briefing_id == briefing.id for u in uses)
    everything = str([e.changes for e in _db.session.scalars(sa.select(AuditEvent))])
    assert "omar" not in everything.lower() and "Haddad" not in everything
    assert secret not in everything


def test_last_used_moves_at_most_once_a_minute(briefing, organizer):
    secret = make_token(briefing, organizer)
    token = api_tokens.authenticate(secret)
    start = datetime(2030, 1, 1, 12, 0, tzinfo=timezone.utc)
    api_tokens.record_use(token, endpoint="e", method="GET", allowed=True, now=start)
    api_tokens.record_use(token, endpoint="e", method="GET", allowed=True,
                          now=start + timedelta(seconds=30))
    assert _db.session.get(ApiToken, token.id).last_used_at == start
    api_tokens.record_use(token, endpoint="e", method="GET", allowed=True,
                          now=start + timedelta(seconds=61))
    assert _db.session.get(ApiToken, token.id).last_used_at == start + timedelta(seconds=61)


def test_registration_list_costs_the_same_queries_however_long(client, factory, briefing,
                                                               organizer, count_queries):
    secret = make_token(briefing, organizer, READ)
    session = factory.session(briefing)
    codes = ["government", "civil_society", "academia", "media"]

    def cost():
        _db.session.commit()  # each request starts with everything expired
        with count_queries() as counter:
            assert client.get("/api/v1/briefings/imrf/registrations",
                              headers=bearer(secret)).status_code == 200
        return counter.count

    registrations.register(briefing.id, registrations.Details(
        full_name="First", email="first@example.org", session_ids=[session.id],
        stakeholder_group_id=factory.group(codes[0]).id))
    cost()  # the first use also writes last_used_at
    few = cost()
    for n, code in enumerate(codes):
        registrations.register(briefing.id, registrations.Details(
            full_name=f"P{n}", email=f"p{n}@example.org", session_ids=[session.id],
            stakeholder_group_id=factory.group(code).id))
    assert cost() == few
