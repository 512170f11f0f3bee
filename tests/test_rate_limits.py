"""Rate limits: sign-in (per address and per account), registration, private links; the 429 page.

Limits are off in the test app (``RATE_LIMITS`` is False under TESTING);
each test here turns them on and starts from empty counters.
"""
import pytest

from briefings import limits

from .security_support import build_world

WRONG = "not-the-password-at-all"


@pytest.fixture
def limited(app):
    """Rate limits on, counters empty before and after."""
    limiter = app.extensions[limits.EXTENSION]
    limiter.reset()
    app.config["RATE_LIMITS"] = True
    yield limiter
    app.config["RATE_LIMITS"] = False
    limiter.reset()


def _from(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def _sign_in(client, email, password, address="192.0.2.1"):
    return client.post("/login", data={"email": email, "password": password}, **_from(address))


def test_limits_are_off_unless_turned_on(client, factory):
    user = factory.user()
    for _ in range(30):
        assert _sign_in(client, user.email, WRONG).status_code == 200


def test_guessing_one_accounts_password_is_stopped_whatever_the_address(client, factory, limited):
    user = factory.user()
    for n in range(10):
        assert _sign_in(client, user.email, WRONG, f"198.51.100.{n}").status_code == 200
    # The right password from yet another address: the account is resting.
    response = _sign_in(client, user.email.upper(), "a-long-test-password", "203.0.113.9")
    assert response.status_code == 429
    # Another account is not affected.
    other = factory.user()
    assert _sign_in(client, other.email, "a-long-test-password", "203.0.113.9").status_code == 302


def test_successful_sign_ins_do_not_use_up_the_accounts_budget(app, factory, limited):
    user = factory.user()
    for n in range(12):
        client = app.test_client()
        assert _sign_in(client, user.email, "a-long-test-password",
                        f"198.51.100.{n}").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, factory, limited):
    for n in range(20):
        response = _sign_in(client, f"nobody{n}@example.org", WRONG)
        assert response.status_code == 200, n
    response = _sign_in(client, "nobody-else@example.org", WRONG)
    assert response.status_code == 429
    assert client.get("/login", **_from("192.0.2.1")).status_code == 200  # the form stays readable


def test_the_429_page_is_friendly_and_says_when_to_retry(client, factory, limited):
    user = factory.user()
    for _ in range(10):
        _sign_in(client, user.email, WRONG)
    response = _sign_in(client, user.email, WRONG)
    assert response.status_code == 429
    retry = int(response.headers["Retry-After"])
    assert 60 <= retry <= 15 * 60 + 1
    text = response.get_data(as_text=True)
    assert "Too many requests" in text
    assert "Please try again in" in text and "minute" in text
    assert "Traceback" not in text
    assert response.headers["Content-Security-Policy"]


def test_the_429_page_speaks_the_visitors_language(client, factory, limited):
    user = factory.user()
    for _ in range(11):
        response = client.post("/login", data={"email": user.email, "password": WRONG},
                               headers={"Accept-Language": "fr"})
    assert response.status_code == 429
    assert 'lang="fr"' in response.get_data(as_text=True)


def test_registration_posts_are_limited_per_address(client, factory, limited):
    build_world()
    for n in range(20):
        response = client.post("/b/imrf/register", data={"full_name": f"P {n}"})
        assert response.status_code == 200, n
    assert client.post("/b/imrf/register", data={"full_name": "One more"}).status_code == 429
    assert client.get("/b/imrf/register").status_code == 200  # reading the form is not limited
    assert client.post("/b/imrf/register", data={"full_name": "Elsewhere"},
                       **_from("203.0.113.50")).status_code == 200


def test_private_link_pages_share_one_budget_per_address(client, factory, limited):
    world = build_world()
    pages = [f"/r/{world.token}", f"/r/{world.token}/calendar.ics", "/r/" + "z" * 40]
    for n in range(60):
        assert client.get(pages[n % 3]).status_code in (200, 404)
    response = client.get(f"/r/{world.token}/data.json")
    assert response.status_code == 429
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert client.get(f"/r/{world.token}", **_from("203.0.113.77")).status_code == 200


def test_retry_text_reads_naturally():
    from briefings import create_app  # noqa: F401 - the app's Babel gives the default language

    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context("/"):
        assert limits.retry_text(1) == "Please try again in 1 second."
        assert limits.retry_text(59) == "Please try again in 59 seconds."
        assert limits.retry_text(61) == "Please try again in 2 minutes."
        assert limits.retry_text(3 * 3600) == "Please try again in 3 hours."
