"""Who gets through which door: every rule of the URL map, every method, six kinds of visitor.

The table below is the access policy. A route that is not in it fails
``test_every_route_is_in_the_table`` with its endpoint name: whoever adds a
route decides here who may use it. A role "gets through" when the answer is
anything but a redirect to the sign-in page, 401, 403 or 404.

"registrant" is an anonymous visitor holding a registration's private link;
every other role is given a well-formed token that belongs to nobody, so
the /r/<token> pages are reachable with the link and with nothing else.
Other secrets are held by none of the six: an action owner's link (/f/<token>),
an invitee's link, and personal API tokens (the staff API takes ``Authorization:
Bearer`` and never a cookie). Their doors stay shut to everyone here;
``test_doors_only_other_secrets_open`` checks that the real secret opens them.
"""
import re

import pytest
import sqlalchemy as sa

from .security_support import (
    ROLES,
    SECRET_LOOKING_TOKEN,
    STAFF_ROLES,
    build_world,
    client_for,
    is_denied,
    rules_to_walk,
    url_for_rule,
)

PUBLIC = frozenset(ROLES)
TOKEN = frozenset({"registrant"})
STAFF = frozenset(STAFF_ROLES)
RECORDS = frozenset({"secretariat", "organizer", "admin"})
MANAGE = frozenset({"organizer", "admin"})
ADMIN = frozenset({"admin"})
NOBODY = frozenset()  # a secret that none of the six holds opens it (see the module's doc)

EXPECTED: dict[str, frozenset] = {
    # Anyone
    "static": PUBLIC,
    "health.healthz": PUBLIC,
    "public.index": PUBLIC,
    "public.briefing": PUBLIC,
    "public.agenda": PUBLIC,
    "public.participants": PUBLIC,
    "public.set_language": PUBLIC,
    "published.coverage": PUBLIC,
    "published.document": PUBLIC,
    "published.document_pdf": PUBLIC,
    "published.outcomes": PUBLIC,
    "published.pledge_register": PUBLIC,
    "published.pledges_csv": PUBLIC,
    "registration.register": PUBLIC,
    "registration.already_registered": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "feeds.atom": PUBLIC,
    "feeds.session_ics": PUBLIC,
    # The public, read-only JSON API and its description
    "api.briefings": PUBLIC,
    "api.briefing": PUBLIC,
    "api.sessions": PUBLIC,
    "api.outcomes": PUBLIC,
    "api.outcome": PUBLIC,
    "api.pledges": PUBLIC,
    "api.coverage": PUBLIC,
    "api.stakeholder_groups": PUBLIC,
    "api.objectives": PUBLIC,
    "api.openapi": PUBLIC,
    "api.docs": PUBLIC,
    # The staff API: a personal API token only, never a signed-in browser's cookie
    "api.registrations_index": NOBODY,
    "api.registrations_create": NOBODY,
    "api.check_in": NOBODY,
    # An action owner's private link; an invitee's private link
    "followup.owner_page": NOBODY,
    "invitee.decline": NOBODY,
    # The holder of the private link
    "registration.private_page": TOKEN,
    "registration.calendar": TOKEN,
    "registration.change": TOKEN,
    "registration.cancel": TOKEN,
    "registration.my_data": TOKEN,
    "registration.erase": TOKEN,
    "certificates.certificate": TOKEN,  # once checked in
    "certificates.send": TOKEN,
    "surveys.answer": TOKEN,  # while the survey is open, for a confirmed registration
    # Any signed-in staff member
    "auth.change_password": STAFF,
    "organizer.index": STAFF,
    "organizer.new_briefing": STAFF,
    "organizer.forum_template": STAFF,
    # Organizers of the briefing (and admins)
    "organizer.overview": MANAGE,
    "organizer.settings": MANAGE,
    "organizer.change_status": MANAGE,
    "organizer.programme": MANAGE,
    "organizer.new_session": MANAGE,
    "organizer.edit_session": MANAGE,
    "organizer.delete_session": MANAGE,
    "organizer.add_session_person": MANAGE,
    "organizer.move_session_person": MANAGE,
    "organizer.remove_session_person": MANAGE,
    "organizer.people": MANAGE,
    "organizer.edit_person": MANAGE,
    "organizer.audit_log": MANAGE,
    "organizer.team": MANAGE,
    "organizer.remove_member": MANAGE,
    "participants.registrations": MANAGE,
    "participants.registrations_csv": MANAGE,
    "participants.registration": MANAGE,
    "participants.bulk_action": MANAGE,
    "participants.change_capacity": MANAGE,
    "participants.change_status": MANAGE,
    "participants.resend": MANAGE,
    "participants.checkin": MANAGE,
    "participants.checkin_counts": MANAGE,
    "participants.check_in": MANAGE,
    "participants.undo_check_in": MANAGE,
    "participants.session_checkin": MANAGE,
    "participants.attend": MANAGE,
    "participants.undo_attend": MANAGE,
    "participants.walk_in": MANAGE,
    "participants.online_attendance": MANAGE,
    "api_tokens.index": MANAGE,
    "api_tokens.revoke": MANAGE,
    "outreach.invitations": MANAGE,
    "outreach.import_invitations": MANAGE,
    "outreach.invite": MANAGE,
    "outreach.send_invitations": MANAGE,
    "outreach.remind": MANAGE,
    "outreach.messages": MANAGE,
    "outreach.new_message": MANAGE,
    "outreach.message": MANAGE,
    "outreach.set_reminder": MANAGE,
    "outreach.send_notice": MANAGE,
    "outreach.close_notice": MANAGE,
    "reports.dashboard": MANAGE,
    "reports.set_targets": MANAGE,
    "reports.chart_over_time": MANAGE,
    "reports.chart_status": MANAGE,
    "reports.chart_groups": MANAGE,
    "reports.chart_countries": MANAGE,
    "reports.chart_regions": MANAGE,
    "reports.chart_genders": MANAGE,
    "reports.chart_check_in": MANAGE,
    "reports.chart_speaking": MANAGE,
    "reports.badges": MANAGE,
    "reports.badges_pdf": MANAGE,
    "reports.exports": MANAGE,
    "reports.registrations_xlsx": MANAGE,
    "reports.attendance_csv": MANAGE,
    "reports.attendance_xlsx": MANAGE,
    "reports.clone": MANAGE,
    "surveys.manage": MANAGE,
    "surveys.add_question": MANAGE,
    "surveys.edit_question": MANAGE,
    "surveys.delete_question": MANAGE,
    "surveys.move_question": MANAGE,
    "surveys.set_intro": MANAGE,
    "surveys.open_survey": MANAGE,
    "surveys.close_survey": MANAGE,
    "surveys.results": MANAGE,
    "surveys.chart": MANAGE,
    "surveys.answers_csv": MANAGE,
    # The briefing's record keepers: secretariat and organizers (and admins)
    "secretariat.index": RECORDS,
    "secretariat.speakers": RECORDS,
    "secretariat.speakers_csv": RECORDS,
    "secretariat.chair": RECORDS,
    "secretariat.chair_board": RECORDS,
    "secretariat.add_named": RECORDS,
    "secretariat.add_registrant": RECORDS,
    "secretariat.edit_entry": RECORDS,
    "secretariat.move_up": RECORDS,
    "secretariat.move_down": RECORDS,
    "secretariat.start": RECORDS,
    "secretariat.stop": RECORDS,
    "secretariat.remove": RECORDS,
    "secretariat.reorder": RECORDS,
    "secretariat.minutes": RECORDS,
    "secretariat.minutes_view": RECORDS,
    "secretariat.minutes_history": RECORDS,
    "secretariat.minutes_preview": RECORDS,
    "secretariat.minutes_status": RECORDS,  # with action=submit; approving needs MANAGE
    "secretariat.restore_revision": RECORDS,
    "secretariat.compiled_minutes": RECORDS,
    "secretariat.compiled_minutes_pdf": RECORDS,
    "outcomes.index": RECORDS,
    "outcomes.new": RECORDS,
    "outcomes.document": RECORDS,
    "outcomes.edit": RECORDS,
    "outcomes.history": RECORDS,
    "outcomes.diff": RECORDS,
    "outcomes.translate": RECORDS,
    "outcomes.publish": RECORDS,
    "outcomes.withdraw": RECORDS,
    "outcomes.add_action": RECORDS,
    "outcomes.action_status": RECORDS,
    "outcomes.remove_action": RECORDS,
    "outcomes.coverage": RECORDS,
    "pledges.index": RECORDS,
    "pledges.new": RECORDS,
    "pledges.pledge": RECORDS,
    "pledges.edit": RECORDS,
    "pledges.add_update": RECORDS,
    "pledges.delete": RECORDS,
    "pledges.export": RECORDS,
    "followup.index": RECORDS,
    "followup.owner": RECORDS,
    "followup.resend": RECORDS,
    # Site administration
    "admin.index": ADMIN,
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.user": ADMIN,
    "admin.user_password": ADMIN,
    "admin.add_membership": ADMIN,
    "admin.remove_membership": ADMIN,
    "admin.group_list": ADMIN,
    "admin.new_group": ADMIN,
    "admin.edit_group": ADMIN,
    "admin.activate_group": ADMIN,
    "admin.deactivate_group": ADMIN,
}

# POSTs that take away what the URL names: each allowed role gets a fresh world for them.
DESTRUCTIVE = {
    "organizer.delete_session", "organizer.remove_session_person", "secretariat.remove",
    "outcomes.remove_action", "pledges.delete", "admin.remove_membership",
    "organizer.remove_member", "registration.erase", "registration.cancel",
    "surveys.delete_question",
}


def _rules_by_endpoint(app) -> dict:
    rules: dict[str, list] = {}
    for rule, methods in rules_to_walk(app):
        rules.setdefault(rule.endpoint, []).append((rule, methods))
    return rules


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - EXPECTED.keys())
    assert not missing, f"routes missing from the access table: {missing}"
    stale = sorted(EXPECTED.keys() - endpoints)
    assert not stale, f"the access table names routes that no longer exist: {stale}"


def _request(app, world, role, rule, method):
    client = client_for(app, world, role)
    token = world.token if role == "registrant" else SECRET_LOOKING_TOKEN
    path = url_for_rule(rule, world, token=token, strict=True)
    if method == "GET":
        return path, client.get(path)
    return path, client.open(path, method=method, data={})


def _check(app, world, role, rule, method, allowed):
    path, response = _request(app, world, role, rule, method)
    assert response.status_code != 500, f"{method} {path} as {role}: 500"
    if role in allowed:
        assert not is_denied(response), (
            f"{method} {path} ({rule.endpoint}) should let {role} through, "
            f"got {response.status_code} {response.headers.get('Location', '')}")
    else:
        assert is_denied(response), (
            f"{method} {path} ({rule.endpoint}) should turn {role} away, "
            f"got {response.status_code} {response.headers.get('Location', '')}")


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_access(app, factory, endpoint):
    """Reading methods on one world for all roles; each allowed change on a world of its own."""
    rules = _rules_by_endpoint(app).get(endpoint)
    if not rules:
        pytest.fail(f"{endpoint} is in the table but not in the URL map")
    allowed = EXPECTED[endpoint]
    world = build_world()
    for rule, methods in rules:
        for method in methods:
            if method == "GET":
                for role in ROLES:
                    _check(app, world, role, rule, method, allowed)
                continue
            for role in ROLES:  # those turned away first: they must change nothing
                if role not in allowed:
                    _check(app, world, role, rule, method, allowed)
            fresh = False
            for role in ROLES:
                if role in allowed:
                    if fresh and endpoint in DESTRUCTIVE:
                        world = _rebuild()
                    _check(app, world, role, rule, method, allowed)
                    fresh = True


def _rebuild():
    from .conftest import _KEEP
    from briefings.extensions import db
    from briefings.services.reference import ensure_reference_data

    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in _KEEP:
                conn.execute(table.delete())
    ensure_reference_data()
    return build_world()


# The doors no role of the table opens, each with the secret that does open it: (path
# arguments, headers). The staff API takes a personal token as a bearer, never a cookie.
def _bearer(world):
    return {}, {"Authorization": f"Bearer {world.api_secret}"}


SECRET_DOORS = {
    "followup.owner_page": lambda world: ({"token": world.owner_token}, {}),
    "invitee.decline": lambda world: ({"token": world.invitation_token}, {}),
    "api.registrations_index": _bearer,
    "api.registrations_create": _bearer,
    "api.check_in": _bearer,
}


def test_doors_only_other_secrets_open(app, factory):
    """The NOBODY rows are shut to the six roles, not to everyone: their own secret opens them."""
    assert set(SECRET_DOORS) == {e for e, roles in EXPECTED.items() if roles == NOBODY}
    world = build_world()
    client = app.test_client()  # no cookie: the secret alone gets through
    for endpoint, secret in sorted(SECRET_DOORS.items()):
        values, headers = secret(world)
        for rule, methods in _rules_by_endpoint(app)[endpoint]:
            for method in methods:
                path = url_for_rule(rule, world, token=values.get("token"), strict=True)
                body = {"json": {}} if rule.rule.startswith("/api/") and method != "GET" \
                    else {"data": {}}
                response = client.open(path, method=method, headers=headers, **body)
                assert response.status_code != 500, f"{method} {path}: 500"
                assert not is_denied(response), (
                    f"{method} {path} ({endpoint}) should open with its secret, "
                    f"got {response.status_code} {response.headers.get('Location', '')}")


def test_approving_minutes_needs_the_organizer(app, factory):
    """The one route whose permission depends on its argument: approve is for organizers."""
    world = build_world()
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "secretariat.minutes_status")
    world.args["action"] = "submit"
    path = url_for_rule(rule, world)
    client = client_for(app, world, "secretariat")
    assert not is_denied(client.post(path))
    world.args["action"] = "approve"
    response = client.post(url_for_rule(rule, world))
    assert response.status_code == 403
    organizer = client_for(app, world, "organizer")
    assert not is_denied(organizer.post(url_for_rule(rule, world)))


# --- CSRF: every state-changing request carries the form's token ---------------------------------

def _csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.mark.parametrize("role", ["admin", "registrant"])
def test_every_change_without_the_csrf_token_is_refused(app, factory, monkeypatch, role):
    """With CSRF on, every POST (or PUT, PATCH, DELETE) without the token is a 400 and changes nothing.

    The token-authenticated API, if any, is exempt from CSRF but must then
    refuse a request that only carries the session cookie.
    """
    world = build_world()
    client = client_for(app, world, role)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    before = _row_counts()
    for rule, methods in rules_to_walk(app):
        for method in methods:
            if method == "GET":
                continue
            path = url_for_rule(rule, world)
            response = client.open(path, method=method, data={"title": "Changed"})
            if rule.rule.startswith("/api/"):
                assert response.status_code in (400, 401, 403, 405), (
                    f"{method} {path} accepted a cookie without an API token")
            else:
                assert response.status_code == 400, f"{method} {path}: {response.status_code}"
                assert "The form had expired" in response.get_data(as_text=True)
    assert _row_counts() == before


def _row_counts() -> dict[str, int]:
    from briefings.extensions import db

    with db.engine.connect() as conn:
        return {table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                for table in db.metadata.sorted_tables}


def test_the_staff_api_takes_its_bearer_token_without_a_csrf_token(app, factory, monkeypatch):
    """The exemption above is real: with CSRF on, a token holder's POST goes through."""
    world = build_world()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = app.test_client().post(
        "/api/v1/briefings/imrf/check-ins", json={"ticket_code": world.registration.ticket_code},
        headers={"Authorization": f"Bearer {world.api_secret}"})
    assert response.status_code == 200 and response.json["already_checked_in"] is True


def test_with_the_token_a_form_goes_through(app, factory, monkeypatch):
    """The CSRF test above could not pass by refusing everything: the real form works."""
    world = build_world()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    client = app.test_client()
    token = _csrf_token(client.get("/login").get_data(as_text=True))
    user = world.users["organizer"]
    response = client.post("/login", data={"email": user.email, "password": "a-long-test-password",
                                           "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/manage/")
