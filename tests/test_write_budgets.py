"""What a scan at the desk and a registration cost in SQL statements: few, and never more with more rows.

The desk and the registration form are the two writes a large briefing sees
most. Each takes the briefing's lock; a request that has held SQLite's write
lock since it began keeps what it loaded instead of loading it all again.
"""
from datetime import timedelta

import pytest

from briefings.models import Role, utcnow

from .participants_support import registration

SCAN_BUDGET = {"sqlite": 6, "postgresql": 8}
REGISTRATION_BUDGET = {"sqlite": 20, "postgresql": 20}  # 5 of them build the calendar file


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", tz="Africa/Cairo")


def _fill(factory, briefing, n, first=0):
    for i in range(first, first + n):
        registration(briefing, name=f"Person {i}", email=f"person{i}@example.org",
                     ticket_code=f"CODE{i:04d}")
        factory.session(briefing, title=f"Session {i}")


def _scan_statements(client, db, count_queries, code) -> list[str]:
    db.session.commit()  # the request begins its own transaction, as behind a real server
    with count_queries() as counted:
        response = client.post("/manage/imrf/checkin", data={"query": code})
    assert response.status_code == 302
    return counted.statements


def test_a_scan_costs_the_same_few_statements_however_many_registrations(
        client, db, factory, login, briefing, count_queries):
    login(factory.user(briefing=briefing, role=Role.ORGANIZER))
    _fill(factory, briefing, 2)
    few = _scan_statements(client, db, count_queries, "CODE0000")
    _fill(factory, briefing, 30, first=2)
    many = _scan_statements(client, db, count_queries, "CODE0001")
    assert len(few) == len(many)
    assert len(many) <= SCAN_BUDGET[db.engine.dialect.name], "\n".join(many)


def _register(client, db, count_queries, n, group_id, session_id) -> list[str]:
    db.session.commit()  # the request begins its own transaction, as behind a real server
    with count_queries() as counted:
        response = client.post("/b/imrf/register", data={
            "full_name": f"New Person {n}", "email": f"new{n}@example.org",
            "organization": "IOM", "position": "Officer", "stakeholder_group": str(group_id),
            "country": "EG", "language": "en", "sessions": [str(session_id)]})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return counted.statements


def test_a_registration_costs_the_same_few_statements_however_many_rows(
        client, db, factory, count_queries):
    """The calendar file attached to the confirmation is built here (and kept): both count it."""
    now = utcnow()
    briefing = factory.briefing(slug="imrf", starts_at=now + timedelta(days=20),
                                registration_opens_at=now - timedelta(days=1))
    _fill(factory, briefing, 2)
    group_id, session_id = factory.group("academia").id, briefing.sessions[0].id
    few = _register(client, db, count_queries, 1, group_id, session_id)
    _fill(factory, briefing, 30, first=2)
    many = _register(client, db, count_queries, 2, group_id, session_id)
    assert len(few) == len(many)
    assert len(many) <= REGISTRATION_BUDGET[db.engine.dialect.name], "\n".join(many)

