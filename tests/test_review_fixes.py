"""Defects found by walking the app as its users would: odd numbers in addresses, the
audit log's words for what changed, and the error summary's heading in every language."""
import pytest

from briefings.models import AuditEvent, BriefingStatus, Role

from .organizer_briefings_support import settings_form
from .outcomes_support import make_document
from .participants_support import registration
from .test_catalogs import _source_ids
from .test_organizer_programme import session_form

HUGE = "99999999999999999999"  # past what SQLite can bind
PAST_INT32 = str(2**31)  # past what a PostgreSQL INTEGER column holds


@pytest.fixture
def staff(factory, login):
    """A concluded briefing with a session and a document, and its organizer signed in."""
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    factory.session(briefing, takes_attendance=True)
    doc = make_document(briefing, publish=True)
    organizer = login(factory.user(briefing=briefing, role=Role.ORGANIZER, name="Olga Organizer"))
    return briefing, doc, organizer


@pytest.mark.parametrize("number", [HUGE, PAST_INT32])
@pytest.mark.parametrize("path", [
    "/manage/imrf/programme/{n}", "/manage/imrf/registrations/{n}", "/manage/imrf/outcomes/{n}",
    "/manage/imrf/outcomes/{n}/history", "/manage/imrf/pledges/{n}",
    "/manage/imrf/records/sessions/{n}/minutes", "/manage/imrf/records/sessions/{n}/speakers",
    "/manage/imrf/checkin/sessions/{n}", "/manage/imrf/sessions/{n}/attendance.csv",
    "/manage/imrf/people/{n}", "/manage/imrf/messages/{n}", "/admin/users/{n}",
    "/admin/groups/{n}", "/b/imrf/sessions/{n}.ics",
])
def test_an_id_too_large_to_exist_is_not_found(client, staff, path, number):
    assert client.get(path.format(n=number)).status_code == 404


def test_a_post_to_an_id_too_large_to_exist_is_not_found(client, staff):
    assert client.post(f"/manage/imrf/checkin/{HUGE}").status_code == 404


@pytest.mark.parametrize("path", ["/manage/imrf/audit", "/manage/imrf/messages",
                                  "/manage/imrf/invitations"])
@pytest.mark.parametrize("page", [HUGE, "²", "-3", "abc"])
def test_any_page_number_shows_a_page(client, staff, path, page):
    assert client.get(f"{path}?page={page}").status_code == 200


@pytest.mark.parametrize("query", ["page=²", "objective=²", "page=" + HUGE, "objective=" + HUGE])
def test_the_pledge_register_ignores_numbers_it_cannot_read(client, staff, query):
    response = client.get(f"/b/imrf/pledges?{query}")
    assert response.status_code == 200
    assert "not understood" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["²", HUGE])
def test_odd_version_numbers_in_a_diff_fall_back_with_a_notice(client, staff, value):
    _briefing, doc, _organizer = staff
    response = client.get(f"/manage/imrf/outcomes/{doc.id}/diff?a={value}")
    assert response.status_code == 200
    assert "does not exist" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["²", HUGE])
def test_the_check_in_desk_ignores_an_odd_person_number(client, staff, value):
    assert client.get(f"/manage/imrf/checkin?person={value}").status_code == 200


@pytest.mark.parametrize("field", ["capacity", "online_capacity"])
@pytest.mark.parametrize("value", [HUGE, PAST_INT32])
def test_a_capacity_past_any_room_is_refused_next_to_the_field(client, db, staff, field, value):
    briefing, _doc, _organizer = staff
    title = briefing.title
    response = client.post("/manage/imrf/settings",
                           data=settings_form(briefing, title="Kept title", **{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a whole number of seats, 0 or more." in page and 'value="Kept title"' in page
    db.session.refresh(briefing)
    assert briefing.title == title

    response = client.post("/manage/imrf/programme/new",
                           data=session_form(title="Kept session", **{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a whole number of seats, 0 or more." in page and 'value="Kept session"' in page


def _cells(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_audit_log_names_fields_not_stored_keys(client, db, staff):
    briefing, doc, organizer = staff
    reg = registration(briefing)
    db.session.add_all([
        AuditEvent(user_id=organizer.id, briefing_id=briefing.id, action="personal_data.view",
                   object_type="Briefing", object_id=briefing.id,
                   changes={"what": "registrations", "count": 3}),
        AuditEvent(user_id=organizer.id, briefing_id=briefing.id, action="pledge.load",
                   object_type="Briefing", object_id=briefing.id,
                   changes={"demo": True, "count": 158}),
        AuditEvent(briefing_id=briefing.id, action="registration.update",
                   object_type="Registration", object_id=reg.id,
                   changes={"fields": ["full_name", "position", "session:4:added"]}),
    ])
    db.session.commit()
    cells = _cells(client.get("/manage/imrf/audit").get_data(as_text=True))
    assert "Registrations · 3 rows" in cells
    assert "Full name, Position, Sessions" in cells
    assert "Kind, Language, GCM objectives" in cells  # the document made by the fixture
    for key in ("what", "count", "demo", "version", "translation", "fields", "session:4"):
        assert f">{key}" not in cells and f" {key}<" not in cells and f", {key}" not in cells


def test_the_audit_log_speaks_the_readers_language(client, db, staff):
    briefing, _doc, organizer = staff
    db.session.add(AuditEvent(user_id=organizer.id, briefing_id=briefing.id,
                              action="personal_data.view", object_type="Briefing",
                              object_id=briefing.id, changes={"what": "registrations"}))
    db.session.commit()
    client.set_cookie("lang", "fr")
    cells = _cells(client.get("/manage/imrf/audit").get_data(as_text=True))
    assert "Inscriptions" in cells and "registrations" not in cells


def test_the_error_summary_heading_is_extracted_for_translation():
    """Babel skips directories starting with "_" unless told otherwise: templates/_macros."""
    assert ("Please correct the following:", None) in _source_ids()


def test_badges_download_with_the_page_as_first_shown(client, staff, monkeypatch):
    """The print form carries the list's filters; on a first visit no group is chosen."""
    import re

    briefing, _doc, _organizer = staff
    registration(briefing, name="Amina Haddad")
    monkeypatch.setattr("briefings.reports.badges.render_pdf", lambda html: b"%PDF-1.7 badges")
    page = client.get("/manage/imrf/badges").get_data(as_text=True)
    form = page[page.index('action="/manage/imrf/badges.pdf"'):]
    hidden = dict(re.findall(r'<input type="hidden" name="(status|group)" value="([^"]*)">', form))
    assert hidden == {"status": "confirmed", "group": ""}
    response = client.post("/manage/imrf/badges.pdf", data={
        **hidden, "scope": "filtered", "paper": "a4", "language": "en"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_the_check_in_desk_keeps_session_times_whole_in_arabic(client, staff):
    client.set_cookie("lang", "ar")
    page = client.get("/manage/imrf/checkin").get_data(as_text=True)
    section = page[page.index('id="session-desks-heading"'):]
    assert '<bdi class="small text-body-secondary">' in section


# ------------------------------------------------------------------ the team page

def test_an_organizer_gives_a_staff_account_a_role_by_its_email(client, db, factory, staff):
    briefing, _doc, organizer = staff
    rapporteur = factory.user(email="rita@example.org", name="Rita Rapporteur")
    page = client.get("/manage/imrf/team").get_data(as_text=True)
    assert "Olga Organizer" in page and 'href="/manage/imrf/team"' in page
    response = client.post("/manage/imrf/team", data={"email": " RITA@Example.org ",
                                                      "role": "secretariat"})
    assert response.status_code == 302
    page = client.get("/manage/imrf/team").get_data(as_text=True)
    assert "The role is saved." in page and "Rita Rapporteur" in page
    assert rapporteur.role_in(briefing.id) == Role.SECRETARIAT
    assert "Gave a team member a role" in client.get("/manage/imrf/audit").get_data(as_text=True)


def test_an_unknown_email_is_refused_next_to_the_field_and_kept(client, staff):
    response = client.post("/manage/imrf/team", data={"email": "nobody@example.org",
                                                      "role": "secretariat"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No active staff account uses this e-mail address." in page
    assert 'value="nobody@example.org"' in page


def test_the_last_organizer_stays(client, db, staff):
    briefing, _doc, organizer = staff
    [membership] = organizer.memberships
    response = client.post(f"/manage/imrf/team/{membership.id}/remove", follow_redirects=True)
    assert "A briefing keeps at least one organizer" in response.get_data(as_text=True)
    response = client.post("/manage/imrf/team", data={"email": organizer.email,
                                                      "role": "secretariat"})
    assert "A briefing keeps at least one organizer" in response.get_data(as_text=True)
    db.session.expire_all()
    assert organizer.role_in(briefing.id) == Role.ORGANIZER


def test_an_organizer_takes_a_role_away(client, db, factory, staff):
    briefing, _doc, _organizer = staff
    member = factory.user(briefing=briefing, role=Role.SECRETARIAT, name="Sami Secretariat")
    [membership] = member.memberships
    other = factory.user(briefing=factory.briefing(), role=Role.ORGANIZER)
    assert client.post(f"/manage/imrf/team/{other.memberships[0].id}/remove").status_code == 404
    response = client.post(f"/manage/imrf/team/{membership.id}/remove", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "The role is removed." in page and "Sami Secretariat" not in page
    db.session.expire_all()
    assert member.role_in(briefing.id) is None
