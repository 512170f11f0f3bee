"""Pledges: recording and progress for staff; the public register with filters, totals and CSV."""
import csv
import io
from decimal import Decimal

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    BriefingStatus,
    GCMObjective,
    Pledge,
    PledgeStatus as PS,
    PledgeType as PT,
    PledgeUpdate,
)
from briefings.services import pledges

from .outcomes_support import EXPECTED, sign_in_as


def make_pledge(briefing, *, entity="Government of Egypt", group=None, country="", type=PT.POLICY,
                title="A pledge", amount=None, objectives=(), status=PS.ANNOUNCED, **fields):
    """A pledge added straight to the database (no audit event), committed by the caller."""
    pledge = Pledge(briefing_id=briefing.id, entity=entity, stakeholder_group=group,
                    country=country, type=type, title=title,
                    amount_usd=Decimal(amount) if amount is not None else None, status=status,
                    objectives=[_db.session.get(GCMObjective, n) for n in objectives], **fields)
    _db.session.add(pledge)
    return pledge


@pytest.fixture
def register(factory):
    """Seven pledges whose totals are worked out by hand in the tests."""
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    gov, cso, un = factory.group("government"), factory.group("civil_society"), \
        factory.group("un_system")
    rows = [
        make_pledge(briefing, entity="Egypt A", group=gov, country="EG", type=PT.FINANCIAL,
                    amount="1000000", objectives=(5, 23)),
        make_pledge(briefing, entity="Egypt B", group=gov, country="EG", type=PT.POLICY,
                    objectives=(13,), status=PS.IN_PROGRESS),
        make_pledge(briefing, entity="Morocco", group=gov, country="MA", type=PT.FINANCIAL,
                    amount="250000.50", objectives=(23,), status=PS.WITHDRAWN),
        make_pledge(briefing, entity="Tunis NGO", group=cso, country="TN", type=PT.PROCESS,
                    objectives=(6, 7), status=PS.FULFILLED),
        make_pledge(briefing, entity="Regional NGO", group=cso, type=PT.HUMAN_RESOURCE,
                    objectives=(1,)),
        make_pledge(briefing, entity="UN Programme", group=un, type=PT.FINANCIAL,
                    amount="500000", objectives=(5,), status=PS.IN_PROGRESS),
        make_pledge(briefing, entity="Amman Donor", country="JO", type=PT.FINANCIAL,
                    amount="100000"),
    ]
    _db.session.commit()
    return briefing, rows


def _rows(rows):
    return [(row.key, row.count, row.usd) for row in rows]


# --- totals and filters -----------------------------------------------------------------------

def test_totals_match_hand_computed_figures(register):
    briefing, _ = register
    totals = pledges.totals(briefing.id, pledges.Filters(), "en")
    assert (totals.count, totals.usd) == (7, Decimal("1600000.00"))  # withdrawn money left out
    assert _rows(totals.by_group) == [
        ("government", 3, Decimal("1000000.00")), ("civil_society", 2, Decimal("0.00")),
        ("un_system", 1, Decimal("500000.00")), (None, 1, Decimal("100000.00"))]
    assert _rows(totals.by_type) == [
        (PT.FINANCIAL, 4, Decimal("1600000.00")), (PT.HUMAN_RESOURCE, 1, Decimal("0.00")),
        (PT.PROCESS, 1, Decimal("0.00")), (PT.POLICY, 1, Decimal("0.00"))]
    assert _rows(totals.by_objective) == [
        (1, 1, Decimal("0.00")), (5, 2, Decimal("1500000.00")), (6, 1, Decimal("0.00")),
        (7, 1, Decimal("0.00")), (13, 1, Decimal("0.00")), (23, 2, Decimal("1000000.00"))]
    assert _rows(totals.by_country) == [
        ("EG", 2, Decimal("1000000.00")), (None, 2, Decimal("500000.00")),
        ("JO", 1, Decimal("100000.00")), ("MA", 1, Decimal("0.00")), ("TN", 1, Decimal("0.00"))]


@pytest.mark.parametrize("args, entities, count, usd", [
    ({"type": "financial"}, ["Amman Donor", "Egypt A", "Morocco", "UN Programme"], 4, "1600000"),
    ({"objective": "23"}, ["Egypt A", "Morocco"], 2, "1000000"),
    ({"group": "civil_society"}, ["Regional NGO", "Tunis NGO"], 2, "0"),
    ({"country": "eg", "status": "announced"}, ["Egypt A"], 1, "1000000"),
    ({"status": "withdrawn"}, ["Morocco"], 1, "0"),
    ({"type": "financial", "group": "government"}, ["Egypt A", "Morocco"], 2, "1000000"),
])
def test_filters_narrow_the_list_and_the_totals(register, args, entities, count, usd):
    briefing, _ = register
    filters, ignored = pledges.parse_filters(args, pledges.all_groups())
    assert ignored == []
    page = pledges.page(briefing.id, filters, 1)
    assert [p.entity for p in page.items] == entities
    totals = pledges.totals(briefing.id, filters, "en")
    assert (totals.count, totals.usd) == (count, Decimal(usd).quantize(Decimal("0.01")))


def test_unknown_filter_values_are_ignored_with_a_notice(client, register):
    response = client.get("/b/imrf/pledges?group=pirates&type=bribe&objective=24&country=XX"
                          "&status=lost&page=abc")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "were not understood and are ignored" in html
    for name in ["Stakeholder group", "Type", "GCM objective", "Country", "Status", "Page"]:
        assert name in html.split("are ignored:")[1].split("</div>")[0]
    assert "7 pledges" in html


@pytest.mark.parametrize("query", ["objective=1%27%20OR%201=1", "objective=%00", "country=%25",
                                   "group[]=x", "page=-3", "page=99999999999999999999"])
def test_hostile_query_strings_never_fail(client, register, query):
    assert client.get(f"/b/imrf/pledges?{query}").status_code == 200
    csv_response = client.get(f"/b/imrf/pledges.csv?{query}")
    assert csv_response.status_code == 200
    csv_response.get_data()


def test_the_public_register_shows_the_filtered_totals(client, register):
    html = client.get("/b/imrf/pledges?type=financial").get_data(as_text=True)
    assert "4 pledges match the filters" in html
    assert "1,600,000 USD committed" in html
    assert "Egypt B" not in html and "Amman Donor" in html
    assert 'id="totals-country"' in html and '<th scope="row" class="fw-normal">Jordan</th>' in html


def test_the_register_is_paginated(client, factory):
    briefing = factory.briefing(slug="many")
    for n in range(30):
        make_pledge(briefing, entity=f"Entity {n:02d}")
    _db.session.commit()
    first = client.get("/b/many/pledges").get_data(as_text=True)
    assert "Entity 00" in first and "Entity 24" in first and "Entity 25" not in first
    assert "Page 1 of 2" in first and "/b/many/pledges?page=2" in first
    beyond = pledges.page(briefing.id, pledges.Filters(), 7)
    assert beyond.number == 2 and [p.entity for p in beyond.items][0] == "Entity 25"


def _bulk(briefing, n, groups):
    for i in range(n):
        make_pledge(briefing, entity=f"E{i}", group=groups[i % len(groups)],
                    country=["EG", "MA", "TN", ""][i % 4], type=list(PT)[i % 4],
                    amount="1000" if i % 4 == 0 else None, objectives=sorted({1 + i % 23, 23}))
    _db.session.commit()


def test_the_register_costs_the_same_queries_for_5_or_150_pledges(client, factory, count_queries):
    groups = [factory.group(code) for code in ("government", "civil_society", "academia")]
    small, large = factory.briefing(slug="small"), factory.briefing(slug="large")
    _bulk(small, 5, groups)
    _bulk(large, 150, groups)
    counts = []
    for slug in ("small", "large", "small", "large"):
        with count_queries() as queries:
            response = client.get(f"/b/{slug}/pledges?objective=23&status=announced")
            assert response.status_code == 200
        counts.append(queries.count)
    assert counts[2] == counts[3], counts


# --- CSV --------------------------------------------------------------------------------------

def _csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_escapes_formula_cells(client, factory):
    briefing = factory.briefing(slug="imrf")
    make_pledge(briefing, entity='=HYPERLINK("http://evil.example")', title="+SUM(A1:A9)",
                description="-2+3", partners="@cmd", type=PT.FINANCIAL, amount="10")
    make_pledge(briefing, entity="\tTabbed", title="\rReturn", description="Plain = fine")
    _db.session.commit()
    rows = _csv(client.get("/b/imrf/pledges.csv"))
    header, body = rows[0], rows[1:]
    by_entity = {row[0]: dict(zip(header, row)) for row in body}
    first = by_entity["'=HYPERLINK(\"http://evil.example\")"]
    assert (first["Title"], first["Description"], first["Partners"], first["Amount (USD)"]) == (
        "'+SUM(A1:A9)", "'-2+3", "'@cmd", "10.00")
    second = by_entity["'\tTabbed"]
    assert second["Title"] == "'\rReturn" and second["Description"] == "Plain = fine"


def test_csv_holds_the_filtered_register(client, register):
    rows = _csv(client.get("/b/imrf/pledges.csv?objective=23"))
    assert [row[0] for row in rows[1:]] == ["Egypt A", "Morocco"]
    assert rows[1][2:5] == ["EG", "Egypt", "Financial"]
    assert rows[1][9] == "5; 23"


def test_nothing_is_public_for_a_draft_briefing(client, factory):
    briefing = factory.briefing(slug="hidden", status=BriefingStatus.DRAFT)
    make_pledge(briefing)
    _db.session.commit()
    assert client.get("/b/hidden/pledges").status_code == 404
    assert client.get("/b/hidden/pledges.csv").status_code == 404
    assert client.get("/b/nowhere/pledges").status_code == 404


# --- staff ------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", list(EXPECTED))
def test_staff_pages_need_the_records_permission(client, factory, login, register, who):
    briefing, rows = register
    sign_in_as(who, factory, login, briefing)
    for url in ["/manage/imrf/pledges", "/manage/imrf/pledges/new",
                f"/manage/imrf/pledges/{rows[0].id}", f"/manage/imrf/pledges/{rows[0].id}/edit",
                "/manage/imrf/pledges/export.csv"]:
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        response.get_data()
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("who", ["anonymous", "other_organizer"])
def test_changes_are_refused_to_outsiders(client, db, factory, login, register, who):
    briefing, rows = register
    sign_in_as(who, factory, login, briefing)
    pid = rows[0].id
    posts = [("/manage/imrf/pledges/new", {"entity": "X", "type": "policy_oriented", "title": "X",
                                           "status": "announced"}),
             (f"/manage/imrf/pledges/{pid}/edit", {"entity": "X", "type": "policy_oriented", "title": "X",
                                                   "status": "announced"}),
             (f"/manage/imrf/pledges/{pid}/updates", {"on": "2030-01-01", "status": "fulfilled"}),
             (f"/manage/imrf/pledges/{pid}/delete", {})]
    for url, data in posts:
        assert client.post(url, data=data).status_code == EXPECTED[who], url
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Pledge.id))) == 7
    pledge = db.session.get(Pledge, pid)
    assert (pledge.entity, pledge.status, pledge.updates) == ("Egypt A", PS.ANNOUNCED, [])


@pytest.mark.parametrize("who", ["secretariat", "organizer", "admin"])
def test_changes_are_allowed_to_the_briefings_records_keepers(client, db, factory, login,
                                                               register, who):
    briefing, rows = register
    sign_in_as(who, factory, login, briefing)
    response = client.post(f"/manage/imrf/pledges/{rows[0].id}/updates",
                           data={"on": "2030-01-01", "status": "fulfilled"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Pledge, rows[0].id).status == PS.FULFILLED


def test_a_pledge_of_another_briefing_is_not_found(client, factory, login, register):
    briefing, rows = register
    other = factory.briefing(slug="other")
    sign_in_as("organizer", factory, login, other)
    assert client.get(f"/manage/other/pledges/{rows[0].id}").status_code == 404
    assert client.post(f"/manage/other/pledges/{rows[0].id}/delete").status_code == 404


def test_recording_a_pledge(client, db, factory, login):
    briefing = factory.briefing(slug="imrf")
    user = sign_in_as("secretariat", factory, login, briefing)
    gov = factory.group("government")
    response = client.post("/manage/imrf/pledges/new", data={
        "entity": "Government of Jordan", "stakeholder_group": str(gov.id), "country": "JO",
        "type": "financial", "title": "Trust Fund contribution", "amount_usd": "250000",
        "objectives": ["23", "5"], "status": "announced", "partners": "IOM"})
    assert response.status_code == 302
    pledge = db.session.scalar(sa.select(Pledge))
    assert (pledge.entity, pledge.country, pledge.type, pledge.amount_usd,
            pledge.stakeholder_group_id) == ("Government of Jordan", "JO", PT.FINANCIAL,
                                             Decimal("250000.00"), gov.id)
    assert [o.number for o in pledge.objectives] == [5, 23]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "pledge.create"))
    assert event.user_id == user.id and event.object_id == pledge.id
    assert "Government of Jordan" not in str(event.changes)


@pytest.mark.parametrize("data, message", [
    ({"type": "policy_oriented", "amount_usd": "5000"}, "Only a financial pledge has an amount"),
    ({"type": "financial", "amount_usd": "-5"}, "Number must be between 0 and"),
    ({"type": "financial", "amount_usd": "lots"}, "Not a valid decimal value"),
    ({"type": "financial", "country": "ZZ"}, "Not a valid choice"),
    ({"type": "gift"}, "Not a valid choice"),
    ({"type": "policy_oriented", "entity": ""}, "Name who made the pledge."),
])
def test_bad_pledges_are_refused_with_a_message(client, db, factory, login, data, message):
    briefing = factory.briefing(slug="imrf")
    sign_in_as("organizer", factory, login, briefing)
    form = {"entity": "Someone", "title": "T", "status": "announced", **data}
    response = client.post("/manage/imrf/pledges/new", data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Pledge.id))) == 0


def test_correcting_a_pledge_is_audited_by_field(client, db, factory, login, register):
    briefing, rows = register
    sign_in_as("organizer", factory, login, briefing)
    pledge = rows[1]
    response = client.post(f"/manage/imrf/pledges/{pledge.id}/edit", data={
        "entity": "Egypt B", "stakeholder_group": str(pledge.stakeholder_group_id),
        "country": "EG", "type": "policy_oriented", "title": "Ending child detention",
        "status": "in_progress", "objectives": ["13"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Pledge, pledge.id).title == "Ending child detention"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "pledge.update"))
    assert event.changes == {"title": True}


def test_a_progress_update_sets_the_pledges_status(client, db, factory, login, register):
    briefing, rows = register
    user = sign_in_as("secretariat", factory, login, briefing)
    pid = rows[0].id
    response = client.post(f"/manage/imrf/pledges/{pid}/updates", data={
        "on": "2030-03-01", "status": "in_progress", "note": "Funds transferred."})
    assert response.status_code == 302
    db.session.expire_all()
    pledge = db.session.get(Pledge, pid)
    assert pledge.status == PS.IN_PROGRESS
    assert [(u.on.isoformat(), u.status, u.note, u.author_id) for u in pledge.updates] == [
        ("2030-03-01", PS.IN_PROGRESS, "Funds transferred.", user.id)]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "pledge.progress"))
    assert event.changes["status"] == ["announced", "in_progress"]
    bad = client.post(f"/manage/imrf/pledges/{pid}/updates", data={"on": "", "status": "done"})
    assert bad.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(PledgeUpdate.id))) == 1


def test_deleting_a_pledge(client, db, factory, login, register):
    briefing, rows = register
    sign_in_as("organizer", factory, login, briefing)
    assert client.post(f"/manage/imrf/pledges/{rows[0].id}/delete").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Pledge.id))) == 6
    assert db.session.scalar(sa.select(AuditEvent.action)) == "pledge.delete"


def test_staff_csv_export(client, factory, login, register):
    briefing, _ = register
    sign_in_as("secretariat", factory, login, briefing)
    rows = _csv(client.get("/manage/imrf/pledges/export.csv?status=fulfilled"))
    assert [row[0] for row in rows[1:]] == ["Tunis NGO"]
