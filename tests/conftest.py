"""Fixtures: an app on a migrated database (SQLite file, or DATABASE_URL), clients, factories."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g

from briefings import create_app
from briefings.extensions import db as _db
from briefings.services.reference import ensure_reference_data

from . import factories

# In CI every test must run: a missing browser or database is a failure there, not a skip.
REQUIRE_ALL = os.environ.get("BRIEFINGS_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip with a visible reason on a developer machine; fail in CI."""
    if REQUIRE_ALL:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def instance_dir():
    path = Path(tempfile.mkdtemp(prefix="briefings-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(instance_dir):
    return os.environ.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'test.sqlite'}"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Argon2 at its lightest: sign-ins in tests need not cost 70 ms each."""
    from argon2 import PasswordHasher

    from briefings.services import accounts

    real = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    accounts._dummy_hash.cache_clear()
    yield
    accounts._hasher = real
    accounts._dummy_hash.cache_clear()


@pytest.fixture(scope="session")
def app(instance_dir, database_url):
    """One app for the session, its database built by the real migrations."""
    from flask_migrate import upgrade

    os.environ["BRIEFINGS_INSTANCE"] = str(instance_dir)
    application = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-used-anywhere-else",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": None,
    })
    @application.before_request
    def _fresh_user():
        # Test requests share the test's app context, and with it ``g``: forget the
        # user Flask-Login cached there, so each request signs in from its own cookie.
        g.pop("_login_user", None)

    with application.app_context():
        if _db.engine.dialect.name == "postgresql":
            _db.session.remove()
            with _db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
        upgrade()
        ensure_reference_data()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.engine.dispose()


# The GCM objectives survive between tests; everything else is emptied and the
# stakeholder groups are seeded afresh (tests may rename or add groups).
_KEEP = {"gcm_objective", "alembic_version"}


@pytest.fixture(autouse=True)
def _clean_database(request, app):
    """Give each test an app context and an empty database (reference data kept)."""
    if "app" not in request.fixturenames and not _uses_db(request):
        yield
        return
    with app.app_context():
        yield
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                if table.name not in _KEEP:
                    conn.execute(table.delete())
        ensure_reference_data()


def _uses_db(request) -> bool:
    return any(name in request.fixturenames for name in ("client", "db", "factory"))


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def factory(app):
    """Factories that build saved domain objects with sensible defaults."""
    return factories


@pytest.fixture
def login(client):
    """Sign a user in through the real sign-in form: ``login(user)``."""

    def _login(user, password=factories.PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, "sign-in failed"
        return user

    return _login


class QueryCounter:
    """Counts the SQL statements executed while it is active."""

    def __init__(self, engine):
        self.engine = engine
        self.statements: list[str] = []

    def _count(self, conn, cursor, statement, *args):
        self.statements.append(statement)

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as q: ...`` then ``q.count``."""
    return lambda: QueryCounter(_db.engine)


def pytest_collection_modifyitems(config, items):
    """Mark everything under tests/browser/ as a browser test."""
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
