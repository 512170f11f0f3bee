"""The check-in desk: scans, second scans, refused statuses, name search, undo, live counts."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.models import AuditEvent, Registration, RegistrationStatus as RS, Role
from briefings.services import checkin as desk

from .concurrency_support import at_once
from .participants_support import registration


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", tz="Africa/Cairo")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def scan(client, text):
    return client.post("/manage/imrf/checkin", data={"query": text})


def arrived_at(db, reg):
    db.session.expire_all()
    return db.session.get(Registration, reg.id).checked_in_at


def audit_actions(db):
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_scanned_code_checks_in_and_shows_the_person(client, db, factory, briefing, organizer):
    reg = registration(briefing, name="Amal Haddad", organization="Cairo University",
                       ticket_code="K7PQ2XRM", accessibility_needs="Needs step-free access",
                       stakeholder_group_id=factory.group("academia").id)
    response = scan(client, " k7pq 2xrm ")  # any case, spaces ignored
    assert response.status_code == 302
    assert response.headers["Location"] == f"/manage/imrf/checkin?person={reg.id}"
    assert arrived_at(db, reg) is not None
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Checked in: Amal Haddad." in html
    for text in ("Cairo University", "Academia and research", "Needs step-free access"):
        assert text in html
    assert 'class="alert alert-warning border-2 mb-2 accessibility-needs"' in html
    assert "autofocus" in html and 'for="query">Ticket code or name</label>' in html
    assert audit_actions(db) == ["registration.check_in"]


def test_a_second_scan_says_when_the_first_was(client, db, briefing, organizer):
    reg = registration(briefing, ticket_code="K7PQ2XRM",
                       checked_in_at=datetime(2030, 6, 20, 6, 5, tzinfo=timezone.utc))
    html = client.get(scan(client, "K7PQ2XRM").headers["Location"]).get_data(as_text=True)
    assert "was already checked in at 09:05 EEST." in html  # Cairo, summer time
    assert arrived_at(db, reg) == datetime(2030, 6, 20, 6, 5, tzinfo=timezone.utc)
    assert audit_actions(db) == []


@pytest.mark.parametrize("status, label", [
    (RS.PENDING, "Pending"), (RS.WAITLISTED, "Waitlisted"),
    (RS.CANCELLED, "Cancelled"), (RS.DECLINED, "Declined"),
])
def test_only_confirmed_tickets_are_admitted(client, db, briefing, organizer, status, label):
    reg = registration(briefing, status=status, ticket_code="K7PQ2XRM")
    html = client.get(scan(client, "K7PQ2XRM").headers["Location"]).get_data(as_text=True)
    assert f"Not admitted: this registration is {label}." in html
    assert arrived_at(db, reg) is None


def test_a_name_lists_matches_confirmed_first_with_a_check_in_button(client, db, briefing,
                                                                      organizer):
    waiting = registration(briefing, name="Amal Waiting", status=RS.WAITLISTED)
    confirmed = registration(briefing, name="Zeina Amal", status=RS.CONFIRMED)
    registration(briefing, name="Bruno")
    response = scan(client, "amal")
    assert response.headers["Location"] == "/manage/imrf/checkin?q=amal"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert html.index("Zeina Amal") < html.index("Amal Waiting") and "Bruno" not in html
    assert f'action="/manage/imrf/checkin/{confirmed.id}"' in html
    assert f'action="/manage/imrf/checkin/{waiting.id}"' not in html
    response = client.post(f"/manage/imrf/checkin/{confirmed.id}", follow_redirects=True)
    assert "Checked in: Zeina Amal." in response.get_data(as_text=True)
    assert arrived_at(db, confirmed) is not None


def test_the_check_in_button_also_refuses_other_statuses(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.CANCELLED)
    html = client.post(f"/manage/imrf/checkin/{reg.id}", follow_redirects=True).get_data(
        as_text=True)
    assert "Not admitted: this registration is Cancelled." in html and arrived_at(db, reg) is None


def test_nothing_matching_says_so(client, factory, briefing, organizer):
    registration(factory.briefing(), ticket_code="K7PQ2XRM")  # another briefing's ticket
    html = client.get(scan(client, "K7PQ2XRM").headers["Location"]).get_data(as_text=True)
    assert "No ticket code and no name matches “K7PQ2XRM”." in html


def test_search_wildcards_are_literal(client, briefing, organizer):
    registration(briefing, name="Amal")
    html = client.get("/manage/imrf/checkin?q=%25").get_data(as_text=True)
    assert "No ticket code and no name matches" in html


def test_an_empty_field_is_explained(client, briefing, organizer):
    response = scan(client, "   ")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="query-error">Scan or type a ticket code, or type a name.' in html


def test_undo_clears_the_arrival_and_is_audited(client, db, briefing, organizer):
    reg = registration(briefing, ticket_code="K7PQ2XRM")
    scan(client, "K7PQ2XRM")
    response = client.post(f"/manage/imrf/checkin/{reg.id}/undo", follow_redirects=True)
    assert "Check-in undone for" in response.get_data(as_text=True)
    assert arrived_at(db, reg) is None
    assert audit_actions(db) == ["registration.check_in", "registration.check_in_undo"]
    again = client.post(f"/manage/imrf/checkin/{reg.id}/undo", follow_redirects=True)
    assert "This person is not checked in." in again.get_data(as_text=True)
    scan(client, "K7PQ2XRM")  # and can be checked in again
    assert arrived_at(db, reg) is not None


def test_counts_overall_and_by_group(client, db, factory, briefing, organizer):
    ngo, academia = factory.group("civil_society"), factory.group("academia")
    registration(briefing, stakeholder_group_id=ngo.id, ticket_code="AAAA2222")
    registration(briefing, stakeholder_group_id=ngo.id)
    registration(briefing, stakeholder_group_id=academia.id, ticket_code="BBBB3333")
    registration(briefing)  # no group
    registration(briefing, stakeholder_group_id=ngo.id, status=RS.PENDING)  # not counted
    scan(client, "AAAA2222")
    scan(client, "BBBB3333")
    counts = client.get("/manage/imrf/checkin/counts.json").get_json()["counts"]
    assert counts == {
        "arrived": 2, "confirmed": 4,
        f"group-{ngo.id}-arrived": 1, f"group-{ngo.id}-confirmed": 2,
        f"group-{academia.id}-arrived": 1, f"group-{academia.id}-confirmed": 1,
        "group-none-arrived": 0, "group-none-confirmed": 1,
    }
    html = client.get("/manage/imrf/checkin").get_data(as_text=True)
    assert '<span data-count="arrived">2</span> of <span data-count="confirmed">4</span>' in html
    assert f'data-count="group-{ngo.id}-confirmed">2<' in html and "No group given" in html
    assert 'data-counts-url="/manage/imrf/checkin/counts.json"' in html
    assert "js/checkin.js" in html and "<script>" not in html


def test_a_bad_person_parameter_is_ignored(client, factory, briefing, organizer):
    other = registration(factory.briefing(), name="Someone Else")
    for value in ("abc", str(other.id), "-1"):
        response = client.get(f"/manage/imrf/checkin?person={value}")
        assert response.status_code == 200 and "Someone Else" not in response.get_data(as_text=True)


def test_checking_in_twice_records_one_arrival(db, briefing):
    reg = registration(briefing)
    first = desk.check_in(reg.id)
    second = desk.check_in(reg.id)
    assert not first.already and second.already and second.at == first.at
    assert audit_actions(db) == ["registration.check_in"]


def test_codes_are_normalised():
    assert desk.normalize_code(" k7pq-2xrm\t") == "K7PQ2XRM"
    assert desk.like_pattern("50%_a\\") == "%50\\%\\_a\\\\%"


def test_desks_scanning_at_once_all_succeed_and_record_each_arrival_once(app, db, briefing):
    """Eight desks at once: four people, each scanned twice; no error, four arrivals."""
    ids = [registration(briefing).id for _ in range(4)] * 2
    already, errors = at_once(app, lambda registration_id: desk.check_in(registration_id).already,
                              ids)
    assert errors == []
    assert sorted(already) == [False] * 4 + [True] * 4
    assert audit_actions(db) == ["registration.check_in"] * 4
