"""What every answer tells the browser (CSP, sniffing, referrers, HSTS, caching), and the session cookie.

The CSP forbids inline scripts and styles, so the pages are walked too: a
template that slips one in fails here before it fails in a browser.
"""
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from briefings import create_app
from briefings.models import User

from .security_support import (
    build_world,
    client_for,
    live_markup,
    rules_to_walk,
    url_for_rule,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:])
            for part in policy.split(";") if part.strip()}


def test_pages_carry_a_strict_content_security_policy(client, factory):
    response = client.get("/")
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in csp["style-src"] and "unsafe-eval" not in response.headers[
        "Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_error_pages_carry_the_headers_too(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_private_links_never_leak_as_referrers_nor_stay_in_caches(client, factory):
    world = build_world()
    for path in (f"/r/{world.token}", f"/r/{world.token}/calendar.ics",
                 f"/r/{world.token}/data.json", f"/r/{world.token}/erase"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert response.headers["Cache-Control"] == "no-store", path
    # Even a wrong token: its 404 must not be cached nor sent on.
    response = client.get("/r/" + "y" * 40)
    assert response.status_code == 404
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_staff_pages_and_exports_are_not_stored(app, factory):
    world = build_world()
    admin = client_for(app, world, "admin")
    for path in ("/manage/", "/manage/imrf/registrations", "/manage/imrf/registrations.csv",
                 f"/manage/imrf/registrations/{world.registration.id}", "/admin/users",
                 "/account/password", "/manage/imrf/pledges/export.csv"):
        response = admin.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    # Signed in, even a public page carries the person's menu and form tokens.
    assert admin.get("/").headers["Cache-Control"] == "no-store"


def test_public_pages_and_assets_may_be_cached_for_anonymous_visitors(client, factory):
    build_world()
    assert "no-store" not in client.get("/b/imrf").headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/static/css/app.css").headers.get("Cache-Control", "")


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://briefings.example.org")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_svg_answers_get_a_policy_without_scripts(app):
    """Charts and QR codes served on their own may style themselves but never run a script."""
    with app.test_request_context("/chart.svg"):
        response = app.make_response(("<svg/>", 200, {"Content-Type": "image/svg+xml"}))
        response = app.process_response(response)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script" not in policy


def test_templates_hold_no_inline_script_handler_or_style():
    """What the CSP would block, looked for in the template files themselves."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name.endswith("_pdf.html"):  # rendered by WeasyPrint, never by a browser
            continue
        text = path.read_text()
        for pattern, what in ((r"<script(?![^>]*\bsrc=)[^>]*>", "inline <script>"),
                              (r"\son[a-z]+\s*=", "inline event handler"),
                              (r"\sstyle\s*=", "style attribute"),
                              (r"<style[\s>]", "<style> element")):
            for match in re.finditer(pattern, text):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {what}: {match.group(0)!r}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("role", ["registrant", "admin"])
def test_every_page_renders_without_inline_script_or_style(app, factory, role):
    """Walk every GET page (as the link holder, as an admin): nothing the CSP would block."""
    world = build_world()
    client = client_for(app, world, role)
    problems = []
    for rule, methods in rules_to_walk(app):
        if "GET" not in methods or rule.endpoint == "static" or rule.rule.endswith(".pdf"):
            continue  # PDFs are no HTML (and slow to make)
        path = url_for_rule(rule, world)
        response = client.get(path)
        assert response.status_code != 500, path
        if response.mimetype == "text/html":
            problems += [f"{path}: {found}" for found in live_markup(response.get_data(True))]
    assert not problems, "\n".join(problems)


def test_the_500_page_is_friendly_and_shows_no_trace(client, monkeypatch):
    from briefings.public import queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from deep inside")

    monkeypatch.setattr(queries, "listed_briefings", broken)
    response = client.get("/")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Something went wrong" in text
    assert "Traceback" not in text and "secret detail" not in text and "RuntimeError" not in text
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


# --- the session cookie -------------------------------------------------------------------------

def test_the_session_cookie_is_httponly_and_samesite_lax(app, factory, login, client):
    user = factory.user()
    response = client.post("/login", data={"email": user.email, "password": "a-long-test-password"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_cookies_are_secure_outside_development(monkeypatch, database_url):
    monkeypatch.setenv("BRIEFINGS_ENV", "production")
    production = create_app({"TESTING": True, "SECRET_KEY": "another-test-key",
                             "SQLALCHEMY_DATABASE_URI": database_url})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert production.config["REMEMBER_COOKIE_SECURE"] is True
    with production.test_request_context("/"):
        from flask import session
        session["x"] = 1
        response = production.process_response(production.make_response("ok"))
    assert "Secure" in response.headers["Set-Cookie"]


def test_sign_out_is_a_post_only(client, factory, login):
    login(factory.user())
    assert client.get("/logout").status_code == 405
    assert client.get("/manage/").status_code == 200  # still signed in
    client.post("/logout")
    assert client.get("/manage/").status_code == 302


def test_sign_in_starts_a_new_session(client, factory):
    user = factory.user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/login", data={"email": user.email, "password": "a-long-test-password"})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_a_password_change_ends_the_other_sessions(app, factory, login, client):
    user = factory.user()
    login(user)
    laptop = app.test_client()
    laptop.post("/login", data={"email": user.email, "password": "a-long-test-password"})
    assert laptop.get("/manage/").status_code == 200
    response = client.post("/account/password", data={
        "current_password": "a-long-test-password", "new_password": "another-long-password",
        "confirm_password": "another-long-password"})
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200  # this one carries on
    assert laptop.get("/manage/").status_code == 302  # the other one is signed out


def test_deactivation_ends_the_sessions_of_the_account(app, factory, login, client, db):
    user = factory.user()
    phone = app.test_client()
    phone.post("/login", data={"email": user.email, "password": "a-long-test-password"})
    assert phone.get("/manage/").status_code == 200
    login(factory.user(is_admin=True))
    response = client.post(f"/admin/users/{user.id}", data={"name": user.name})
    assert response.status_code in (200, 302)
    assert db.session.scalar(sa.select(User.active).where(User.id == user.id)) is False
    assert phone.get("/manage/").status_code == 302
