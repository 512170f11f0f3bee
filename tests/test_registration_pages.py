"""The participant's journey: the form, the private page, change and cancel."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from briefings.models import OutboxMessage, Registration, RegistrationStatus as RS, utcnow


@pytest.fixture
def briefing(factory):
    now = utcnow()
    b = factory.briefing(slug="open-one", starts_at=now + timedelta(days=20),
                         registration_opens_at=now - timedelta(days=1))
    factory.session(b, title="Opening", start=b.starts_at)
    factory.session(b, title="Round table", start=b.starts_at + timedelta(hours=2), capacity=1,
                    room="Room B")
    return b


def form_data(briefing, **overrides):
    data = {
        "full_name": "Amina Haddad", "email": "amina@example.org",
        "organization": "Migrant Voices", "position": "Director",
        "stakeholder_group": str(_group_id("civil_society")), "country": "JO",
        "gender": "woman", "language": "ar", "accessibility_needs": "Step-free access",
        "sessions": [str(s.id) for s in briefing.sessions], "list_consent": "y",
    }
    data.update(overrides)
    return data


def _group_id(code):
    from tests.factories import group
    return group(code).id


def test_form_shows_the_labels_of_the_design(client, briefing):
    html = client.get("/b/open-one/register").get_data(as_text=True)
    for label in ("Full name", "Email", "Organization", "Position", "Stakeholder group",
                  "Country", "Preferred language", "Accessibility needs", "Sessions",
                  "Show my name on the participant list", "Privacy notice"):
        assert label in html
    assert 'value="Register"' in html
    assert "1 seat left" in html


def test_country_names_follow_the_page_language(client, briefing):
    html = client.get("/b/open-one/register", headers={"Accept-Language": "ar"}).get_data(
        as_text=True)
    assert "مصر" in html and 'dir="rtl"' in html


def test_errors_are_shown_next_to_fields_and_input_is_kept(client, briefing):
    response = client.post("/b/open-one/register",
                           data=form_data(briefing, email="not-an-address", full_name=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="email-error"' in html and 'id="full_name-error"' in html
    assert 'value="not-an-address"' in html and 'value="Migrant Voices"' in html
    assert 'href="#email"' in html  # the error summary links to the field


def test_register_then_private_page_shows_ticket(client, db, briefing):
    response = client.post("/b/open-one/register", data=form_data(briefing))
    assert response.status_code == 302
    reg = db.session.scalar(sa.select(Registration))
    assert response.headers["Location"].startswith(f"/r/{reg.token}")
    assert reg.status == RS.CONFIRMED and reg.language == "ar"
    assert reg.accessibility_needs == "Step-free access" and reg.list_consent
    html = client.get(f"/r/{reg.token}").get_data(as_text=True)
    assert reg.ticket_code in html and "<svg" in html and "Round table" in html
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert mail.kind == "confirmed" and reg.token in mail.body_text


def test_second_registration_with_same_email_resends_the_link(client, db, briefing):
    client.post("/b/open-one/register", data=form_data(briefing))
    response = client.post("/b/open-one/register",
                           data=form_data(briefing, email="AMINA@example.org",
                                          full_name="Someone else"))
    assert response.headers["Location"].endswith("/b/open-one/register/sent")
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    kinds = db.session.scalars(sa.select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()
    assert kinds == ["confirmed", "private_link"]
    page = client.get("/b/open-one/register/sent").get_data(as_text=True)
    assert "already registered" in page


def test_closed_registration_shows_no_form(client, factory):
    factory.briefing(slug="later", starts_at=utcnow() + timedelta(days=20),
                     registration_opens_at=utcnow() + timedelta(days=2))
    html = client.get("/b/later/register").get_data(as_text=True)
    assert "Registration opens on" in html and 'value="Register"' not in html
    response = client.post("/b/later/register", data={"full_name": "X"})
    assert response.status_code == 200


def test_draft_briefing_has_no_form(client, factory):
    factory.briefing(slug="secret", status="draft")
    assert client.get("/b/secret/register").status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 65, "%00"])
def test_unknown_tokens_are_a_plain_404(client, token):
    assert client.get(f"/r/{token}").status_code == 404


def test_personal_calendar_holds_the_chosen_sessions(client, db, briefing):
    client.post("/b/open-one/register", data=form_data(briefing, sessions=[
        str(briefing.sessions[1].id)]))
    reg = db.session.scalar(sa.select(Registration))
    response = client.get(f"/r/{reg.token}/calendar.ics")
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Round table"]


def test_change_sessions_respects_capacity(client, db, briefing, factory):
    full = briefing.sessions[1]
    client.post("/b/open-one/register", data=form_data(briefing, sessions=[str(full.id)]))
    client.post("/b/open-one/register", data=form_data(briefing, email="b@example.org",
                                                       sessions=[]))
    second = db.session.scalar(sa.select(Registration).where(
        Registration.email_key == "b@example.org"))
    response = client.post(f"/r/{second.token}/edit", data=form_data(
        briefing, email="b@example.org", sessions=[str(full.id)]))
    assert response.status_code == 302
    db.session.expire_all()
    assert [s.status.value for s in second.seats] == ["waitlisted"]


def test_cancel_asks_first_then_cancels_and_promotes(client, db, factory):
    b = factory.briefing(slug="small", starts_at=utcnow() + timedelta(days=9), capacity=1)
    client.post("/b/small/register", data=form_data(b, sessions=[]))
    client.post("/b/small/register", data=form_data(b, email="next@example.org", sessions=[]))
    first, second = db.session.scalars(sa.select(Registration).order_by(Registration.id)).all()
    assert second.status == RS.WAITLISTED
    page = client.get(f"/r/{first.token}/cancel").get_data(as_text=True)
    assert "Yes, cancel my registration" in page
    db.session.expire_all()
    assert first.status == RS.CONFIRMED  # GET changed nothing
    client.post(f"/r/{first.token}/cancel")
    db.session.expire_all()
    assert first.status == RS.CANCELLED and second.status == RS.CONFIRMED


def test_hostile_input_is_stored_as_text_and_rendered_inert(client, db, briefing):
    payload = '<script>alert(1)</script><img src=x onerror=alert(1)>'
    client.post("/b/open-one/register", data=form_data(briefing, full_name=payload,
                                                       organization="=HYPERLINK(1)"))
    reg = db.session.scalar(sa.select(Registration))
    html = client.get(f"/r/{reg.token}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_control_characters_are_refused(client, db, briefing):
    response = client.post("/b/open-one/register", data=form_data(briefing,
                                                                  full_name="Bad\x1bName"))
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0
