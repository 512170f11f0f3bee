"""The organizer's CSV export: Excel-friendly, formula-safe, filtered like the list, streamed."""
import csv
import io
from datetime import datetime, timezone

import pytest

from briefings.models import RegistrationStatus as RS, Role, SeatStatus
from briefings.services.exports import safe_cell

from .participants_support import registration


@pytest.fixture
def briefing(factory, login):
    b = factory.briefing(slug="imrf", tz="Africa/Cairo")
    login(factory.user(briefing=b, role=Role.ORGANIZER))
    return b


def download(client, **args):
    response = client.get("/manage/imrf/registrations.csv", query_string=args)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="imrf-registrations.csv"'
    return response


def rows(response) -> list[list[str]]:
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+20 100 000", "'+20 100 000"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTabbed", "'\tTabbed"), ("\rReturn", "'\rReturn"),
    ("Plain", "Plain"), ("a=b", "a=b"), ("", ""), (None, ""), (42, "42"),
])
def test_formula_cells_are_quoted(value, expected):
    assert safe_cell(value) == expected


def test_columns_times_sessions_and_accessibility(client, db, factory, briefing):
    plenary = factory.session(briefing, title="Plenary")
    table = factory.session(briefing, title="Round table",
                            start=datetime(2030, 6, 20, 9, 0, tzinfo=timezone.utc))
    reg = registration(
        briefing, name="Amal Haddad", email="amal@example.org", organization="Cairo University",
        position="Lecturer", country="EG", language="ar", accessibility_needs="Wheelchair",
        stakeholder_group_id=factory.group("academia").id, sessions=[plenary],
        created_at=datetime(2030, 5, 1, 8, 0, tzinfo=timezone.utc),
        checked_in_at=datetime(2030, 6, 20, 6, 45, tzinfo=timezone.utc))
    registration(briefing, name="Bruno", sessions=[table], seat_status=SeatStatus.WAITLISTED)
    header, amal, bruno = rows(download(client))
    assert header == [
        "Name", "Email", "Organization", "Position", "Stakeholder group", "Country",
        "Preferred language", "Status", "Registered at (Africa/Cairo)", "Ticket code",
        "Checked in at (Africa/Cairo)", "Sessions", "Accessibility needs", "Attending"]
    assert amal == ["Amal Haddad", "amal@example.org", "Cairo University", "Lecturer",
                    "Academia and research", "Egypt", "ar", "Confirmed", "2030-05-01 11:00",
                    reg.ticket_code, "2030-06-20 09:45", "Plenary", "Wheelchair", "In person"]
    assert bruno[11] == "Round table (waiting list)"


def test_dangerous_cells_from_registrants_are_neutralised(client, briefing):
    registration(briefing, name="=cmd|' /C calc'!A0", organization="+Org", position="-1",
                 accessibility_needs="@needs")
    _, row = rows(download(client))
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert (row[2], row[3], row[12]) == ("'+Org", "'-1", "'@needs")


def test_the_export_follows_the_list_filters_and_order(client, factory, briefing):
    registration(briefing, name="Chen", status=RS.PENDING, country="CN")
    registration(briefing, name="Amal", status=RS.PENDING, country="EG")
    registration(briefing, name="Bruno", status=RS.CONFIRMED, country="FR")
    assert [r[0] for r in rows(download(client, status="pending", sort="name"))[1:]] == [
        "Amal", "Chen"]
    assert [r[0] for r in rows(download(client, q="BRU"))[1:]] == ["Bruno"]
    assert [r[0] for r in rows(download(client, sort="password_hash"))[1:]] == [
        "Chen", "Amal", "Bruno"]


def test_the_export_is_streamed_and_holds_every_row(client, db, briefing):
    for n in range(120):
        registration(briefing, name=f"Person {n:03d}", commit=False)
    db.session.commit()
    response = download(client)
    assert response.is_streamed
    assert len(rows(response)) == 121  # not cut at the page size


def test_the_list_links_to_the_export_with_its_filters(client, briefing):
    registration(briefing)
    html = client.get("/manage/imrf/registrations?status=pending&q=a").get_data(as_text=True)
    assert 'href="/manage/imrf/registrations.csv?q=a&amp;status=pending"' in html
