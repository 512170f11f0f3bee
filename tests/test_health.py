"""/healthz, and the app behind a configurable number of proxies."""
import pytest
from flask import request

from briefings import create_app


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def _other_app(app, **config):
    """A second app built by the factory (the session app's instance folder, its own settings)."""
    return create_app({"TESTING": True, "SECRET_KEY": "another-test-key",
                       "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       **config})


def test_healthz_is_503_when_the_database_is_unreachable(app, tmp_path):
    broken = _other_app(app, SQLALCHEMY_DATABASE_URI=(
        f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite'}"))
    response = broken.test_client().get("/healthz", headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "error", "database": "unavailable"}


def test_healthz_recovers_with_the_database(app, monkeypatch, client, db):
    """A failing probe leaves nothing half-open: the next one succeeds."""
    import sqlalchemy as sa

    real = db.session.execute

    def refuse(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, OSError("connection refused"))

    monkeypatch.setattr(db.session, "execute", refuse)
    assert client.get("/healthz").status_code == 503
    monkeypatch.setattr(db.session, "execute", real)
    assert client.get("/healthz").status_code == 200


def _echo_app(app, **config):
    application = _other_app(app, **config)

    @application.route("/_echo")
    def echo():
        return {"remote_addr": request.remote_addr, "scheme": request.scheme,
                "host": request.host}

    return application.test_client()


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "briefings.example.org"}


def test_forwarded_headers_are_ignored_by_default(app):
    seen = _echo_app(app).get("/_echo", headers=FORWARDED,
                              environ_base={"REMOTE_ADDR": "192.0.2.1"}).get_json()
    assert seen == {"remote_addr": "192.0.2.1", "scheme": "http", "host": "localhost"}


@pytest.mark.parametrize("hops", [1, 2])
def test_forwarded_headers_are_trusted_for_the_configured_proxies(app, hops):
    client = _echo_app(app, PROXY_FIX_X_FOR=hops, PROXY_FIX_X_PROTO=1, PROXY_FIX_X_HOST=1)
    # A client may send its own X-Forwarded-For: only the proxies' entries count.
    chain = "198.51.100.66, 203.0.113.7" + (", 10.0.0.2" if hops == 2 else "")
    seen = client.get("/_echo", headers={**FORWARDED, "X-Forwarded-For": chain},
                      environ_base={"REMOTE_ADDR": "192.0.2.1"}).get_json()
    assert seen == {"remote_addr": "203.0.113.7", "scheme": "https",
                    "host": "briefings.example.org"}
