"""Staff sign-in and sign-out: one message for bad credentials, fresh sessions, safe redirects."""
import pytest
import sqlalchemy as sa

from briefings import create_app
from briefings.extensions import db as _db
from briefings.models import User
from briefings.services import accounts

from . import factories

WRONG = "Email or password is not right."


def _sign_in(client, email, password=factories.PASSWORD, next_=None):
    url = "/login" + (f"?next={next_}" if next_ else "")
    return client.post(url, data={"email": email, "password": password})


def test_sign_in_page_is_labelled(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<label class="form-label" for="email">Email</label>' in html
    assert '<label class="form-label" for="password">Password</label>' in html


def test_sign_in_goes_to_my_briefings_and_records_the_time(client, db, factory):
    user = factory.user(email="omar@example.org")
    response = _sign_in(client, "omar@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/manage/"
    db.session.refresh(user)
    assert user.last_login_at is not None
    assert client.get("/manage/").status_code == 200


def test_email_is_matched_without_regard_to_case_or_spaces(client, factory):
    factory.user(email="omar@example.org")
    assert _sign_in(client, "  Omar@EXAMPLE.org ").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_answer(client, factory):
    factory.user(email="omar@example.org")
    wrong_password = _sign_in(client, "omar@example.org", "not-the-password")
    unknown_email = _sign_in(client, "nobody@example.org")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)
    strip = lambda r: r.get_data(as_text=True).replace("nobody@example.org", "omar@example.org")
    assert strip(wrong_password) == strip(unknown_email)
    assert client.get("/manage/").status_code == 302


def test_empty_fields_are_explained(client):
    html = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="password-error"' in html


def test_inactive_accounts_cannot_sign_in(client, factory):
    factory.user(email="gone@example.org", active=False)
    response = _sign_in(client, "gone@example.org")
    assert response.status_code == 200
    assert WRONG in response.get_data(as_text=True)
    assert client.get("/manage/").status_code == 302


def test_sign_in_starts_a_new_session(client, factory):
    user = factory.user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _sign_in(client, user.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == f"{user.id}:{user.session_version}"


def test_sign_out_is_post_only_and_ends_the_session(client, factory, login):
    login(factory.user())
    assert client.get("/logout").status_code == 405
    assert client.get("/manage/").status_code == 200  # the GET did not sign out
    response = client.post("/logout")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get("/manage/").status_code == 302


def test_a_cookie_from_before_a_password_change_no_longer_signs_in(app, client, db, factory,
                                                                   login):
    user = login(factory.user())
    with client.session_transaction() as session:
        old_cookie = dict(session)
    accounts.set_password(user, "a-brand-new-password", actor=None)
    response = client.get("/manage/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    replay = app.test_client()
    with replay.session_transaction() as session:
        session.update(old_cookie)
    assert replay.get("/manage/").status_code == 302


def test_pages_for_staff_send_visitors_to_sign_in_and_back(client, factory):
    factory.user(email="omar@example.org")
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fmanage%2F"
    back = _sign_in(client, "omar@example.org", next_="/admin/users")
    assert back.headers["Location"] == "/admin/users"


@pytest.mark.parametrize("target", [
    "//evil.example", "https://evil.example", "https://evil.example/manage/",
    "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "evil.example",
])
def test_next_only_follows_local_paths(client, factory, target):
    factory.user(email="omar@example.org")
    response = client.post("/login", query_string={"next": target},
                           data={"email": "omar@example.org", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/"


def test_a_signed_in_visitor_to_the_sign_in_page_is_sent_on(client, factory, login):
    login(factory.user())
    assert client.get("/login?next=//evil.example").headers["Location"] == "/manage/"


# --- changing one's own password -----------------------------------------------------------

def test_staff_change_their_own_password(app, client, db, factory, login):
    user = login(factory.user(email="omar@example.org"))
    elsewhere = app.test_client()
    _sign_in(elsewhere, "omar@example.org")
    response = client.post("/account/password", data={
        "current_password": factories.PASSWORD, "new_password": "my-new-password",
        "confirm_password": "my-new-password"})
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200  # this session stays
    assert elsewhere.get("/manage/").status_code == 302  # the other one ends
    assert accounts.authenticate("omar@example.org", "my-new-password") == user


@pytest.mark.parametrize("data, field", [
    ({"current_password": "wrong", "new_password": "my-new-password",
      "confirm_password": "my-new-password"}, "current_password"),
    ({"current_password": factories.PASSWORD, "new_password": "short",
      "confirm_password": "short"}, "new_password"),
    ({"current_password": factories.PASSWORD, "new_password": "my-new-password",
      "confirm_password": "my-other-password"}, "confirm_password"),
])
def test_own_password_change_refuses_bad_input(client, db, factory, login, data, field):
    user = login(factory.user())
    response = client.post("/account/password", data=data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    db.session.refresh(user)
    assert accounts.check_password(user, factories.PASSWORD)


def test_own_password_page_needs_sign_in(client):
    assert client.get("/account/password").headers["Location"].startswith("/login")


# --- cookies and CSRF, on apps built with other settings -----------------------------------

@pytest.fixture
def make_app(app, monkeypatch):
    """Build another app on the test database with some settings changed."""
    built = []

    def _make(env=None, **config):
        if env is not None:
            monkeypatch.setenv("BRIEFINGS_ENV", env)
        other = create_app({
            "TESTING": True,
            "SECRET_KEY": app.config["SECRET_KEY"],
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            **config,
        })
        built.append(other)
        return other

    yield _make
    for other in built:
        with other.app_context():
            _db.session.remove()
            _db.engine.dispose()


def _session_cookie_header(application, email) -> str:
    client = application.test_client()
    response = client.post("/login", data={"email": email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_is_secure_outside_development(make_app, factory):
    factory.user(email="omar@example.org")
    cookie = _session_cookie_header(make_app("production", WTF_CSRF_ENABLED=False),
                                    "omar@example.org")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_session_cookie_is_not_secure_in_development(make_app, factory):
    factory.user(email="omar@example.org")
    cookie = _session_cookie_header(make_app("development", WTF_CSRF_ENABLED=False),
                                    "omar@example.org")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_csrf_is_enforced_when_enabled(make_app, db, factory):
    factory.user(email="omar@example.org")
    protected = make_app("development", WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    data = {"email": "omar@example.org", "password": factories.PASSWORD}
    refused = client.post("/login", data=data)
    assert refused.status_code == 400
    assert b"The form had expired" in refused.data
    html = client.get("/login").get_data(as_text=True)
    token = html.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post("/login", data={**data, "csrf_token": token}).status_code == 302
    # Signed in, a sign-out without the token is refused too.
    assert client.post("/logout").status_code == 400
    assert client.get("/manage/").status_code == 200
    db.session.remove()
    assert db.session.scalar(sa.select(User.last_login_at)) is not None
