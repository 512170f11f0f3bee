"""Online attendance: a provider's attendance report (Zoom, Teams...) marks registrants present."""
import io
import re
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import (
    AuditEvent,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionSeat,
)
from briefings.services import attendance_files
from briefings.services.online_attendance import import_attendance

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

ADDRESS = "/manage/imrf/checkin/online-attendance"
UTC = timezone.utc

# A Zoom participants report: the meeting's summary (naming the host's "User Email") first.
ZOOM = """\
Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,IMRF regional review,06/20/2030 09:55:01 AM,06/20/2030 12:10:12 PM,host@iom.example,135,6

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Amal Haddad,AMAL.Haddad@Example.ORG,06/20/2030 10:02:11 AM,06/20/2030 11:00:00 AM,58,No,Y
Bruno Keller (Bruno's iPad),bruno@example.org,06/20/2030 10:04:00 AM,06/20/2030 12:00:00 PM,116,No,Y
Amal Haddad,amal.haddad@example.org,06/20/2030 11:05:00 AM,06/20/2030 12:00:00 PM,55,No,Y
Dial-in user,,06/20/2030 10:10:00 AM,06/20/2030 10:40:00 AM,30,Yes,
Someone Else,someone@elsewhere.example,06/20/2030 10:12:00 AM,06/20/2030 10:30:00 AM,18,Yes,Y
"""

# A Teams attendance list: UTF-16 with a byte-order mark, tabs, summary lines first.
TEAMS = (
    "Meeting Summary\n"
    "Total Number of Participants\t3\n"
    "Meeting Title\tIMRF regional review\n"
    "Meeting Start Time\t20/06/2030, 09:58:00\n"
    "\n"
    "Full Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\tParticipant ID (UPN)\n"
    "Amal Haddad\t20/06/2030, 10:01:30\t20/06/2030, 11:00:00\t58m 30s\tamal.haddad@example.org"
    "\tAttendee\tamal.haddad@example.org\n"
    "Bruno Keller\t20/06/2030, 10:20:00\t20/06/2030, 12:00:00\t1h 40m\tBRUNO@example.org"
    "\tAttendee\tbruno@example.org\n"
    "Organizer Person\t20/06/2030, 09:58:00\t20/06/2030, 12:05:00\t2h 7m\torganizer@iom.example"
    "\tOrganizer\torganizer@iom.example\n"
)

# The newer Teams layout: numbered sections, two tables naming the same people.
TEAMS_SECTIONS = (
    "1. Summary\n"
    "Meeting title\tIMRF regional review\n"
    "Attended participants\t2\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Amal Haddad\t6/20/30, 10:01:30 AM\t6/20/30, 12:00:00 PM\t1h 58m\tamal.haddad@example.org"
    "\tamal.haddad@example.org\tAttendee\n"
    "Bruno Keller\t6/20/30, 10:20:00 AM\t6/20/30, 12:00:00 PM\t1h 40m\tbruno@example.org"
    "\tbruno@example.org\tAttendee\n"
    "\n"
    "3. In-Meeting Activities\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    "Amal Haddad\t6/20/30, 10:01:30 AM\t6/20/30, 11:00:00 AM\t58m 30s\tamal.haddad@example.org"
    "\tAttendee\n"
    "Amal Haddad\t6/20/30, 11:02:00 AM\t6/20/30, 12:00:00 PM\t58m\tamal.haddad@example.org"
    "\tAttendee\n"
    "Bruno Keller\t6/20/30, 10:20:00 AM\t6/20/30, 12:00:00 PM\t1h 40m\tbruno@example.org"
    "\tAttendee\n"
)

# Google Meet: first and last name apart, semicolons (a European spreadsheet's export).
MEET = """\
First name;Last name;Email;Duration;Time joined;Time exited
Amal;Haddad;amal.haddad@example.org;1 hr;10:01 AM;11:01 AM
"""


@pytest.fixture
def briefing(factory):
    # 20 June 2030, 10:00 in Cairo (07:00 UTC), for a day.
    return factory.briefing(slug="imrf", tz="Africa/Cairo")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


@pytest.fixture
def people(briefing):
    return {
        "amal": registration(briefing, name="Amal Haddad", email="Amal.Haddad@example.org"),
        "bruno": registration(briefing, name="Bruno Keller", email="bruno@example.org"),
    }


def upload(client, data: bytes | str, *, filename="attendance.csv", session=""):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return client.post(ADDRESS, data={"file": (io.BytesIO(data), filename), "session": session},
                       content_type="multipart/form-data")


def fresh(db, reg) -> Registration:
    db.session.expire_all()
    return db.session.get(Registration, reg.id)


def figure(html: str, name: str) -> int:
    found = re.search(rf'data-figure="{name}">(\d+)<', html)
    assert found, name
    return int(found.group(1))


def audit(db) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)))


def test_the_desk_links_to_the_import(client, briefing, organizer):
    html = client.get("/manage/imrf/checkin").get_data(as_text=True)
    assert f'href="{ADDRESS}"' in html and "Import online attendance" in html
    page = client.get(ADDRESS)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert "Zoom, Microsoft Teams, Webex or Google Meet" in html


def test_a_zoom_report_marks_the_confirmed_registrants_present(client, db, briefing, organizer,
                                                               people):
    response = upload(client, ZOOM, filename="participants_81234567890.csv")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "2 people were marked present." in html
    assert "participants_81234567890.csv" in html
    # The meeting summary's host line is no participant; Amal rejoined and counts once.
    assert (figure(html, "rows"), figure(html, "matched"), figure(html, "marked")) == (5, 2, 2)
    assert (figure(html, "repeated"), figure(html, "unmatched"),
            figure(html, "without-email")) == (1, 1, 1)
    # The join time, read in the briefing's zone (Cairo, UTC+3), earliest of the rejoins.
    assert fresh(db, people["amal"]).checked_in_at == datetime(2030, 6, 20, 7, 2, 11, tzinfo=UTC)
    assert fresh(db, people["bruno"]).checked_in_at == datetime(2030, 6, 20, 7, 4, tzinfo=UTC)
    # Unmatched rows and rows without an address are listed with their line.
    assert re.search(r"<td>9</td><td>Someone Else</td><td[^>]*>someone@elsewhere.example</td>",
                     html)
    assert "<td>8</td><td>Dial-in user</td>" in html
    assert "host@iom.example" not in html


def test_a_teams_report_in_utf16_with_tabs_and_a_summary(client, db, briefing, organizer, people):
    html = upload(client, ("\ufeff" + TEAMS).encode("utf-16-le"),
                  filename="meetingAttendanceList.csv").get_data(as_text=True)
    assert "2 people were marked present." in html
    assert (figure(html, "rows"), figure(html, "unmatched")) == (3, 1)
    assert "organizer@iom.example" in html
    # Day before month, as Teams writes it in a European locale.
    assert fresh(db, people["amal"]).checked_in_at == datetime(2030, 6, 20, 7, 1, 30, tzinfo=UTC)
    assert fresh(db, people["bruno"]).checked_in_at == datetime(2030, 6, 20, 7, 20, tzinfo=UTC)


def test_a_teams_report_with_sections_counts_each_person_once(client, db, briefing, organizer,
                                                              people):
    html = upload(client, TEAMS_SECTIONS.encode("utf-16")).get_data(as_text=True)
    assert "2 people were marked present." in html
    # Two tables of the same people, and section titles that are not people.
    assert (figure(html, "rows"), figure(html, "repeated"), figure(html, "unmatched"),
            figure(html, "without-email")) == (5, 3, 0, 0)
    assert fresh(db, people["amal"]).checked_in_at == datetime(2030, 6, 20, 7, 1, 30, tzinfo=UTC)


def test_first_and_last_names_and_semicolons(client, db, briefing, organizer, people):
    html = upload(client, "\ufeff" + MEET).get_data(as_text=True)
    assert "1 person was marked present." in html
    assert "Amal Haddad" in html
    # Meet gives only a time of day: the time of the import is recorded instead.
    assert fresh(db, people["amal"]).checked_in_at is not None


def test_an_earlier_check_in_is_kept(client, db, briefing, organizer, people):
    at_the_door = datetime(2030, 6, 20, 6, 50, tzinfo=UTC)
    amal = fresh(db, people["amal"])
    amal.checked_in_at = at_the_door
    db.session.commit()
    html = upload(client, ZOOM).get_data(as_text=True)
    assert (figure(html, "marked"), figure(html, "already")) == (1, 1)
    assert fresh(db, people["amal"]).checked_in_at == at_the_door
    # Importing the same report again changes nothing more.
    html = upload(client, ZOOM).get_data(as_text=True)
    assert (figure(html, "marked"), figure(html, "already")) == (0, 2)
    assert "0 people were marked present." in html


@pytest.mark.parametrize("status", [RS.PENDING, RS.WAITLISTED, RS.CANCELLED, RS.DECLINED])
def test_registrants_not_confirmed_are_reported_apart_and_not_marked(client, db, briefing,
                                                                      organizer, people, status):
    waiting = registration(briefing, name="Wen Waiting", email="someone@elsewhere.example",
                           status=status)
    html = upload(client, ZOOM).get_data(as_text=True)
    assert (figure(html, "not-confirmed"), figure(html, "unmatched"),
            figure(html, "marked")) == (1, 0, 2)
    section = html.split('id="not-confirmed-heading"', 1)[1].split("</section>", 1)[0]
    assert "Wen Waiting" in section and "<td>9</td>" in section
    assert fresh(db, waiting).checked_in_at is None


def test_an_import_for_one_session_records_attendance_at_it(client, db, factory, briefing,
                                                            organizer):
    panel = factory.session(briefing, title="Panel on data", takes_attendance=True)
    other = factory.session(briefing, title="Closing")
    amal = registration(briefing, name="Amal Haddad", email="amal.haddad@example.org",
                        sessions=[panel])
    bruno = registration(briefing, name="Bruno Keller", email="bruno@example.org",
                         sessions=[other])
    html = client.get(ADDRESS).get_data(as_text=True)
    assert f'<option value="{panel.id}">Panel on data</option>' in html
    html = upload(client, ZOOM, session=str(panel.id)).get_data(as_text=True)
    assert "Attendance report for “Panel on data”" in html
    assert (figure(html, "marked"), figure(html, "no-seat")) == (1, 1)
    section = html.split('id="no-seat-heading"', 1)[1].split("</section>", 1)[0]
    assert "Bruno Keller" in section and "Amal Haddad" not in section
    seat = db.session.get(SessionSeat, (amal.id, panel.id))
    assert seat.attended_at == datetime(2030, 6, 20, 7, 2, 11, tzinfo=UTC)
    # Bruno was in the call, so he is checked in; he holds no seat, so none is made.
    assert fresh(db, bruno).checked_in_at is not None
    assert db.session.get(SessionSeat, (bruno.id, panel.id)) is None
    again = upload(client, ZOOM, session=str(panel.id)).get_data(as_text=True)
    assert (figure(again, "marked"), figure(again, "already")) == (0, 1)


def test_a_released_seat_counts_as_no_seat(client, db, factory, briefing, organizer):
    panel = factory.session(briefing, title="Panel on data")
    amal = registration(briefing, email="amal.haddad@example.org", sessions=[panel],
                        seat_status=SeatStatus.RELEASED)
    html = upload(client, ZOOM, session=str(panel.id)).get_data(as_text=True)
    assert figure(html, "no-seat") == 1
    assert db.session.get(SessionSeat, (amal.id, panel.id)).attended_at is None


def test_a_session_of_another_briefing_is_refused(client, db, factory, briefing, organizer,
                                                  people):
    elsewhere = factory.session(factory.briefing(), title="Elsewhere")
    response = upload(client, ZOOM, session=str(elsewhere.id))
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert fresh(db, people["amal"]).checked_in_at is None


def test_the_audit_log_gets_counts_and_no_personal_data(client, db, briefing, organizer, people):
    upload(client, ZOOM)
    events = audit(db)
    assert [e.action for e in events].count("registration.check_in") == 2
    summary = next(e for e in events if e.action == "attendance.import")
    assert summary.changes == {"session_id": None, "rows": 5, "marked": 2, "already": 0,
                               "no_seat": 0, "not_confirmed": 0, "unmatched": 1,
                               "without_email": 1}
    stored = repr([(e.changes, e.object_type) for e in events])
    for personal in ("example", "Haddad", "Someone", "Dial-in"):
        assert personal not in stored


BAD_FILES = [
    pytest.param(b"", "The file is empty.", id="empty"),
    pytest.param(b"\r\n\r\n", "The file is empty.", id="blank"),
    pytest.param(b"Name,Join Time,Duration\nAmal,10:00,58\n", "No e-mail column was found",
                 id="no-email-column"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not a CSV text file",
                 id="image"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U0#\xf4\x00\x00\x00L\x02",
                 "not a CSV text file", id="spreadsheet"),
    pytest.param("Nom,Courriel\nRenée,renée@example.org\n".encode("latin-1"),
                 "not a CSV text file", id="latin-1"),
    pytest.param(b"Name,Email\n", "The attendance report lists nobody.", id="header-only"),
    pytest.param(b"Name,Email\n\"Amal,amal@example.org\n" + b"x" * 200_000,
                 "could not be read", id="unclosed-quote"),
    pytest.param(b"Name,Email\n" + b"Person,person@example.org\n" * 220_000,
                 "larger than 5 MB", id="too-large"),
]


@pytest.mark.parametrize("data, message", BAD_FILES)
def test_a_bad_file_is_refused_on_the_form_and_changes_nothing(client, db, briefing, organizer,
                                                               people, data, message):
    response = upload(client, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    error = re.search(r'id="file-error">([^<]*)<', html)
    assert error and message in error.group(1)
    assert 'class="alert alert-danger error-summary"' in html
    assert fresh(db, people["amal"]).checked_in_at is None
    assert audit(db) == []


def test_no_file_chosen(client, db, briefing, organizer):
    response = client.post(ADDRESS, data={"session": ""}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose the attendance report to upload." in response.get_data(as_text=True)


def test_hostile_cells_are_shown_as_text(client, db, briefing, organizer, people):
    hostile = (
        "Name,Email,Join Time\n"
        '"<script>alert(1)</script>",<img src=x onerror=alert(1)>@evil.example,nonsense\n'
        '"=HYPERLINK(""http://evil.example"",""x"")",=1+1,\n'
        '"\u202eevil\u202c <b>bold</b>",bruno@example.org,9999-12-31T23:59\n'
        '"Amal","Amal Haddad <amal.haddad@example.org>",\n'
    )
    response = upload(client, hostile)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (figure(html, "marked"), figure(html, "without-email")) == (2, 2)
    # A join time outside the briefing is not believed: the time of the import is kept.
    assert fresh(db, people["bruno"]).checked_in_at.year != 9999


@pytest.mark.parametrize("role", ROLES)
def test_only_the_briefing_organizers_may_import(client, db, factory, login, briefing, people,
                                                 role):
    sign_in_as(role, factory, login, briefing)
    assert client.get(ADDRESS).status_code == EXPECTED[role]
    response = upload(client, ZOOM)
    assert response.status_code == EXPECTED[role]
    marked = fresh(db, people["amal"]).checked_in_at is not None
    assert marked == (EXPECTED[role] == 200)


def test_the_form_carries_a_csrf_token_and_needs_it(app, client, db, briefing, organizer, people,
                                                    monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    html = client.get(ADDRESS).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert token
    assert upload(client, ZOOM).status_code == 400
    assert fresh(db, people["amal"]).checked_in_at is None
    response = client.post(ADDRESS, data={"file": (io.BytesIO(ZOOM.encode()), "a.csv"),
                                          "csrf_token": token.group(1)},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert fresh(db, people["amal"]).checked_in_at is not None


def test_the_service_reports_an_error_without_writing(app, db, briefing, people):
    report = import_attendance(briefing.id, b"\x00\x01\x02binary", actor=None)
    assert report.error and not report.marked
    assert audit(db) == []


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: ("Name,Email,Join Time\n" + t).encode("utf-8")),
    st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=20).map(
        lambda rows: "\n".join("\t".join(cells) for cells in [["Full Name", "Email"]] + rows)
        .encode("utf-16")),
))
def test_any_bytes_are_read_or_refused_with_a_message(app, data):
    window = (datetime(2030, 6, 19, tzinfo=UTC), datetime(2030, 6, 22, tzinfo=UTC))
    from zoneinfo import ZoneInfo
    with app.test_request_context():
        try:
            found = attendance_files.read(data, zone=ZoneInfo("Africa/Cairo"), window=window)
        except attendance_files.AttendanceFileError as refusal:
            assert str(refusal)
        else:
            assert found.rows
            assert all(len(row.email) <= 254 and len(row.name) <= 200 for row in found.rows)
