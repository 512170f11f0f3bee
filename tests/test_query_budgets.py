"""Query budgets: every page and API route runs as many queries for a few rows as for many.

One briefing is built small, every GET route of the application is requested
and its queries counted; then the same briefing grows (more sessions, people,
registrations with seats and history, e-mails, speakers, minutes revisions,
documents, action items, pledges and updates, staff, briefings) and each route
must run exactly as many queries again. Routes are found in the URL map, so a
route added later is measured too: its URL parameters must be named in
``PARAMS`` below (and given a value in ``World.params``), or the route listed in
``NOT_MEASURED`` with the reason. The briefing is built in tests/query_budgets_support.py.
"""
import io
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings import caching
from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingSession,
    Intervention,
    Membership,
    OutboxMessage,
    Pledge,
    PledgeUpdate,
    Registration,
    RegistrationStatus as RS,
    SessionPerson,
    SessionSeat,
    StatusChange,
)

from .query_budgets_support import GROWTH, SLUG, World, build, grow, registration

# Routes that are not measured here, and why.
NOT_MEASURED = {
    "static": "files from disk, no database",
    "published.document_pdf": "the same queries as published.document, then WeasyPrint (slow)",
    "secretariat.compiled_minutes_pdf": "the same queries as secretariat.compiled_minutes, "
                                        "then WeasyPrint (slow)",
}

# More addresses of some routes: filters, search, pages, comparisons.
VARIANTS = {
    "participants.registrations": [
        "status=confirmed", "q=person&sort=name", "group={group_id}&country=EG&order=desc",
        "session={session_id}&page=2", "sort=group"],
    "participants.registrations_csv": ["status=confirmed&sort=organization"],
    "participants.checkin": ["q=person", "person={registration_id}"],
    "participants.session_checkin": ["q=person", "person={registration_id}"],
    "published.pledge_register": ["objective=5", "group=government&page=2", "type=financial"],
    "published.document": ["lang=fr"],
    "pledges.index": ["status=announced"],
    "secretariat.minutes_history": ["from=1&to=2"],
    "outcomes.diff": ["a=1&b=2"],
    "organizer.audit_log": ["page=2"],
}


# Every URL parameter that GET routes use, by name (add new ones here).
PARAMS = {"slug", "token", "session_id", "registration_id", "person_id", "entry_id", "doc_id",
          "doc_slug", "pledge_id", "user_id", "group_id", "kind", "item_id", "batch_id",
          "question_id"}


def _get_routes(app) -> list:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in NOT_MEASURED),
                  key=lambda rule: rule.endpoint)


def _addresses(app, world: World) -> list[tuple[str, str]]:
    """(endpoint, address) for every GET route and its variants."""
    params, special = world.params(), world.endpoint_params()
    found = []
    with app.test_request_context():
        from flask import url_for

        for rule in _get_routes(app):
            unknown = set(rule.arguments) - PARAMS
            assert not unknown, (
                f"{rule.endpoint} ({rule.rule}) takes {sorted(unknown)}: name a value for it "
                f"in PARAMS / World.params, or list the route in NOT_MEASURED with the reason")
            values = {**params, **special.get(rule.endpoint, {})}
            base = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
            found.append((rule.endpoint, base))
            for query in VARIANTS.get(rule.endpoint, []):
                found.append((rule.endpoint, f"{base}?{query.format(**params)}"))
    return found


def _measure(client, db, count_queries, address: str,
             headers: dict | None = None) -> tuple[int, int, list[str]]:
    db.session.close()  # the test and its requests share a session: start each count cold
    caching.clear_all()  # and build what the caches would hold: that is what grows with rows
    with count_queries() as queries:
        response = client.get(address, headers=headers or {})
        body = response.get_data()  # streamed bodies run their queries here
    assert body is not None
    return response.status_code, queries.count, queries.statements


def test_every_get_route_runs_the_same_queries_for_few_and_many_rows(app, client, db, login,
                                                                     count_queries, monkeypatch):
    # A token's last use is written at most once a minute: on a slow machine the two passes
    # can fall in different minutes, and one would count an UPDATE the other did not.
    from briefings.services import api_tokens

    monkeypatch.setattr(api_tokens, "LAST_USED_RESOLUTION", timedelta(days=365))
    world = build(db)
    login(world.admin)
    addresses = _addresses(app, world)
    small = {}
    for endpoint, address in addresses:
        headers = world.headers(address)
        _measure(client, db, count_queries, address, headers)  # one-off work done
        small[address] = _measure(client, db, count_queries, address, headers)
    grow(db, world, GROWTH)
    problems = []
    for endpoint, address in addresses:
        status, count, statements = _measure(client, db, count_queries, address,
                                             world.headers(address))
        was_status, was_count, was_statements = small[address]
        if status >= 400 or was_status >= 400:
            problems.append(f"{address} ({endpoint}): status {was_status} then {status}")
        elif count != was_count:
            problems.append(f"{address} ({endpoint}): {was_count} queries with few rows, "
                            f"{count} with many; repeated:\n" + _grown(was_statements,
                                                                       statements))
    assert not problems, "\n".join(problems)
    assert len(addresses) > 60  # the URL map really was walked


def _grown(before: list[str], after: list[str]) -> str:
    """The statements run more often with many rows, and how often (to spot an N+1)."""
    def tally(statements):
        return Counter(" ".join(s.split())[:150] for s in statements)

    old, new = tally(before), tally(after)
    return "\n".join(f"    {old[s]} -> {n}: {s}" for s, n in new.items() if n > old[s])


def test_the_grown_briefing_really_has_many_rows(app, db):
    """The measurement above means something only if the rows did grow."""
    world = build(db)
    before = _row_counts(db, world)
    grow(db, world, GROWTH)
    after = _row_counts(db, world)
    for name, count in after.items():
        assert count >= before[name] + GROWTH, name


def _row_counts(db, world: World) -> dict[str, int]:
    b, focus = world.briefing.id, world.focus_registration.id

    def count(model, *where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    return {
        "sessions": count(BriefingSession, BriefingSession.briefing_id == b),
        "registrations": count(Registration, Registration.briefing_id == b),
        "focus seats": count(SessionSeat, SessionSeat.registration_id == focus),
        "focus history": count(StatusChange, StatusChange.registration_id == focus),
        "focus mails": count(OutboxMessage, OutboxMessage.registration_id == focus),
        "speakers": count(Intervention, Intervention.session_id == world.focus_session.id),
        "speaker roles": count(SessionPerson,
                               SessionPerson.session_id == world.focus_session.id),
        "pledges": count(Pledge, Pledge.briefing_id == b),
        "pledge updates": count(PledgeUpdate, PledgeUpdate.pledge_id == world.focus_pledge.id),
        "briefings": count(Briefing),
        "members": count(Membership, Membership.briefing_id == b),
        "audit": count(AuditEvent, AuditEvent.briefing_id == b),
    }


def _post_budget(client, db, count_queries, address: str, data: dict) -> tuple[int, int]:
    db.session.close()
    caching.clear_all()
    with count_queries() as queries:
        response = client.post(address, data=data)
    assert response.status_code == 302, address
    return queries.count


def test_registering_runs_the_same_queries_for_few_and_many_registrations(app, client, db,
                                                                         count_queries):
    world = build(db)
    group = world.focus_registration.stakeholder_group_id
    sessions = [world.focus_session.id, world.sessions[-1].id]

    def form(n):
        return {"full_name": f"New Person {n}", "email": f"new{n}@example.org",
                "organization": "Org", "position": "", "stakeholder_group": group,
                "country": "EG", "gender": "", "language": "en", "accessibility_needs": "",
                "sessions": sessions}

    address = f"/b/{SLUG}/register"
    _post_budget(client, db, count_queries, address, form(1))
    few = _post_budget(client, db, count_queries, address, form(2))
    grow(db, world, GROWTH)
    many = _post_budget(client, db, count_queries, address, form(3))
    assert few == many


def test_checking_in_by_ticket_code_runs_the_same_queries_for_few_and_many(app, client, db,
                                                                          login,
                                                                          count_queries):
    world = build(db)
    login(world.admin)
    address = f"/manage/{SLUG}/checkin"

    arrivals = iter(range(500_000, 500_010))

    def arrival():
        world.reload(db)
        reg = registration(world, next(arrivals), None, RS.CONFIRMED)
        db.session.add(reg)
        db.session.commit()
        return {"query": reg.ticket_code.lower()}  # as typed at the desk

    _post_budget(client, db, count_queries, address, arrival())
    few = _post_budget(client, db, count_queries, address, arrival())
    grow(db, world, GROWTH)
    many = _post_budget(client, db, count_queries, address, arrival())
    arrived = db.session.scalars(sa.select(Registration.ticket_code).where(
        Registration.ticket_code.in_([f"BG{n:06d}" for n in range(500_000, 500_003)]),
        Registration.checked_in_at.is_not(None))).all()
    assert len(arrived) == 3  # the desk really checked each one in
    assert few == many


@pytest.mark.parametrize("endpoint", sorted(NOT_MEASURED))
def test_routes_left_out_are_real_routes(app, endpoint):
    """NOT_MEASURED names routes that exist: a renamed route must be measured again."""
    assert endpoint in {rule.endpoint for rule in app.url_map.iter_rules()}


def test_importing_online_attendance_runs_the_same_queries_for_few_and_many(app, client, db,
                                                                           login, count_queries):
    """The report names every registrant: a longer report costs no more queries."""
    world = build(db)
    login(world.admin)
    address = f"/manage/{SLUG}/checkin/online-attendance"

    def report() -> tuple[bytes, int]:
        world.reload(db)
        briefing_id, session_id = world.briefing.id, world.focus_session.id
        emails = db.session.scalars(sa.select(Registration.email)
                                    .where(Registration.briefing_id == briefing_id)).all()
        db.session.execute(sa.update(Registration).where(Registration.briefing_id == briefing_id)
                           .values(checked_in_at=None))
        db.session.execute(sa.update(SessionSeat).where(SessionSeat.session_id == session_id)
                           .values(attended_at=None))
        db.session.commit()
        lines = ["Name (Original Name),User Email,Join Time"] + [
            f"Someone,{email.upper()},06/20/2030 09:0{n % 10}:00 AM" for n, email in
            enumerate(emails + ["stranger@elsewhere.example"])]
        return "\n".join(lines).encode(), session_id

    def measure() -> int:
        data, session_id = report()
        db.session.close()
        caching.clear_all()
        with count_queries() as queries:
            response = client.post(address, data={"file": (io.BytesIO(data), "zoom.csv"),
                                                  "session": str(session_id)},
                                   content_type="multipart/form-data")
            assert response.status_code == 200
        return queries.count

    measure()
    few = measure()
    grow(db, world, GROWTH)
    many = measure()
    world.reload(db)
    marked = db.session.scalar(sa.select(sa.func.count()).select_from(Registration).where(
        Registration.briefing_id == world.briefing.id, Registration.checked_in_at.is_not(None)))
    assert marked > GROWTH  # the import really marked the grown list present
    assert few == many
