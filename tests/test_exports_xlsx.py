"""Exports: registrations as XLSX (the CSV's columns, formulas escaped), attendance per session."""
import csv
import io
from datetime import datetime, timezone

import openpyxl
import pytest

from briefings.models import RegistrationStatus as RS, Role, SessionSeat

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

UTC = timezone.utc


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", tz="Africa/Cairo")


@pytest.fixture
def session(factory, briefing):
    return factory.session(briefing, title="Round table: regular pathways", takes_attendance=True)


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def workbook_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == ("application/vnd.openxmlformats-officedocument"
                                 ".spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    return [["" if cell.value is None else cell.value for cell in row] for row in sheet.iter_rows()]


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _attend(db, reg, session, at):
    seat = db.session.get(SessionSeat, (reg.id, session.id))
    seat.attended_at = at
    db.session.commit()


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_exports_need_the_organizer_role(client, factory, login, briefing, session, who):
    sign_in_as(who, factory, login, briefing)
    for url in ("/manage/imrf/exports", "/manage/imrf/registrations.xlsx",
                f"/manage/imrf/sessions/{session.id}/attendance.csv",
                f"/manage/imrf/sessions/{session.id}/attendance.xlsx"):
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


def test_another_briefings_session_is_not_found(client, factory, organizer):
    elsewhere = factory.session(factory.briefing(), takes_attendance=True)
    for kind in ("csv", "xlsx"):
        assert client.get(f"/manage/imrf/sessions/{elsewhere.id}/attendance.{kind}"
                          ).status_code == 404


# ---------------------------------------------------------------- registrations

def test_the_xlsx_holds_what_the_csv_holds(client, factory, briefing, session, organizer):
    group = factory.group("civil_society")
    registration(briefing, name="Amina Haddad", organization="Cairo Forum", country="EG",
                 stakeholder_group_id=group.id, sessions=[session],
                 accessibility_needs="Step-free access",
                 checked_in_at=datetime(2030, 6, 20, 7, 5, tzinfo=UTC))
    registration(briefing, name="Omar Saleh", status=RS.WAITLISTED, language="ar")
    xlsx = workbook_rows(client.get("/manage/imrf/registrations.xlsx"))
    assert xlsx == csv_rows(client.get("/manage/imrf/registrations.csv"))
    assert xlsx[0][:3] == ["Name", "Email", "Organization"]
    assert "Registered at (Africa/Cairo)" in xlsx[0]
    amina = next(row for row in xlsx if row[0] == "Amina Haddad")
    assert "Civil society / NGOs" in amina and "Egypt" in amina and "Step-free access" in amina
    assert "2030-06-20 10:05" in amina  # Cairo time
    assert "Round table: regular pathways" in amina


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","click")', "+20 100", "-1+2",
                                   "@SUM(A1:A9)"])
def test_formulas_are_escaped_and_stay_text(client, briefing, organizer, value):
    registration(briefing, name=value, organization=value)
    response = client.get("/manage/imrf/registrations.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    name = sheet.cell(row=2, column=1)
    assert name.value == "'" + value and name.data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_control_characters_do_not_break_the_file(client, briefing, organizer):
    registration(briefing, name="Bell\x07 Name", organization="Tab\tand\x0bvertical")
    rows = workbook_rows(client.get("/manage/imrf/registrations.xlsx"))
    assert rows[1][0] == "Bell Name" and rows[1][2] == "Tab\tandvertical"


def test_the_xlsx_follows_the_list_filters(client, briefing, organizer):
    registration(briefing, name="Confirmed Person")
    registration(briefing, name="Pending Person", status=RS.PENDING)
    rows = workbook_rows(client.get("/manage/imrf/registrations.xlsx?status=pending"))
    assert [row[0] for row in rows[1:]] == ["Pending Person"]
    everyone = workbook_rows(client.get("/manage/imrf/registrations.xlsx?status=nonsense"))
    assert len(everyone) == 3  # an unknown filter is ignored


def test_an_empty_briefing_gives_a_header_only(client, briefing, organizer):
    rows = workbook_rows(client.get("/manage/imrf/registrations.xlsx"))
    assert len(rows) == 1 and rows[0][0] == "Name"


# ---------------------------------------------------------------- attendance

def test_attendance_lists_who_came_in_order_of_arrival(client, db, factory, briefing, session,
                                                       organizer):
    media = factory.group("media")
    late = registration(briefing, name="Late Comer", organization="Daily News",
                        stakeholder_group_id=media.id, sessions=[session])
    early = registration(briefing, name="Early Bird", organization="=cmd|calc", sessions=[session])
    registration(briefing, name="Never Came", sessions=[session])
    registration(briefing, name="Other Session", sessions=[factory.session(briefing)])
    _attend(db, late, session, datetime(2030, 6, 20, 8, 40, tzinfo=UTC))
    _attend(db, early, session, datetime(2030, 6, 20, 7, 55, tzinfo=UTC))
    expected = [
        ["Name", "Organization", "Stakeholder group", "Attended at (Africa/Cairo)"],
        ["Early Bird", "'=cmd|calc", "", "2030-06-20 10:55"],
        ["Late Comer", "Daily News", "Media", "2030-06-20 11:40"],
    ]
    response = client.get(f"/manage/imrf/sessions/{session.id}/attendance.csv")
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="imrf-attendance-{session.id}.csv"'
    assert csv_rows(response) == expected
    xlsx = client.get(f"/manage/imrf/sessions/{session.id}/attendance.xlsx")
    assert workbook_rows(xlsx) == expected
    sheet_name = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active.title
    assert sheet_name == "Round table  regular pathways"  # Excel refuses ":" in a sheet name


def test_the_exports_page_lists_sessions_with_their_attendance(client, db, briefing, session,
                                                               organizer):
    came = registration(briefing, name="Came", sessions=[session])
    _attend(db, came, session, datetime(2030, 6, 20, 8, 0, tzinfo=UTC))
    page = client.get("/manage/imrf/exports").get_data(as_text=True)
    assert "Round table: regular pathways" in page
    assert f"/manage/imrf/sessions/{session.id}/attendance.xlsx" in page
    assert "/manage/imrf/registrations.xlsx" in page
    row = page.split("Round table: regular pathways")[1].split("</tr>")[0]
    assert '<td class="text-end">1</td>' in row
