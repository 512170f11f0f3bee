"""Who sees the meeting link and dial-in notes: confirmed registrants attending online only."""
import base64
from datetime import timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from briefings.models import (
    OutboxMessage,
    Registration,
    RegistrationStatus as RS,
    Role,
    SessionFormat,
    utcnow,
)
from briefings.services import messaging, registrations as svc

LINK = "https://meet.example.org/briefing-secret"
SESSION_LINK = "https://meet.example.org/hearing-secret"
DIAL_IN = "Dial +41 22 500 0000, code 7765"
SECRETS = (LINK, SESSION_LINK, "7765")


@pytest.fixture
def hybrid(factory):
    now = utcnow()
    b = factory.briefing(slug="hybrid", starts_at=now + timedelta(days=30),
                         registration_opens_at=now - timedelta(days=1),
                         format=SessionFormat.HYBRID, meeting_link=LINK, dial_in=DIAL_IN,
                         capacity=5, online_capacity=1)
    factory.session(b, title="Hearing", format=SessionFormat.HYBRID, meeting_link=SESSION_LINK)
    factory.session(b, title="Plenary", format=SessionFormat.HYBRID,
                    start=b.starts_at + timedelta(hours=2))
    return b


def register(briefing, n, mode, sessions=None):
    return svc.register(briefing.id, svc.Details(
        full_name=f"Person {n}", email=f"person{n}@example.org", organization="IOM",
        attendance_mode=mode, session_ids=[s.id for s in (sessions or briefing.sessions)])
    ).registration


def private(client, registration) -> str:
    return client.get(f"/r/{registration.token}").get_data(as_text=True)


def mails(db, registration, kind=None) -> list[OutboxMessage]:
    query = sa.select(OutboxMessage).where(OutboxMessage.registration_id == registration.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return db.session.scalars(query.order_by(OutboxMessage.id)).all()


def attached_calendar(mail: OutboxMessage) -> Calendar:
    [ics] = [a for a in mail.attachments if a["content_type"] == "text/calendar"]
    return Calendar.from_ical(base64.b64decode(ics["data"]))


def nothing_secret(text: str) -> bool:
    return not any(secret in text for secret in SECRETS)


# ---------------------------------------------------------------- confirmed, online: yes

def test_a_confirmed_online_registrant_sees_the_links_on_the_private_page(client, hybrid):
    reg = register(hybrid, 1, "online")
    html = private(client, reg)
    assert "Joining online" in html and f'href="{LINK}"' in html and DIAL_IN in html
    assert f'href="{SESSION_LINK}"' in html  # the hearing has its own link
    assert html.count(f'href="{LINK}"') == 1  # the plenary uses the briefing's: not repeated


def test_the_confirmation_mail_and_its_calendar_carry_the_links(db, hybrid):
    reg = register(hybrid, 1, "online")
    [mail] = mails(db, reg, "confirmed")
    assert LINK in mail.body_text and DIAL_IN in mail.body_text
    assert f"To join “Hearing” online: {SESSION_LINK}" in mail.body_text
    events = {str(e["SUMMARY"]): e for e in attached_calendar(mail).walk("VEVENT")}
    assert str(events["Hearing"]["URL"]) == SESSION_LINK
    assert str(events["Plenary"]["URL"]) == LINK
    assert DIAL_IN in str(events["Plenary"]["DESCRIPTION"])


def test_the_private_calendar_carries_the_links(client, hybrid):
    reg = register(hybrid, 1, "online")
    calendar = Calendar.from_ical(client.get(f"/r/{reg.token}/calendar.ics").data)
    assert {str(e["URL"]) for e in calendar.walk("VEVENT")} == {LINK, SESSION_LINK}


def test_promotion_mail_carries_the_link(db, hybrid):
    register(hybrid, 1, "online")
    waiting = register(hybrid, 2, "online")
    assert waiting.status == RS.WAITLISTED
    [waitlisted] = mails(db, waiting, "waitlisted")
    assert nothing_secret(waitlisted.body_text)
    assert all(nothing_secret(base64.b64decode(a["data"]).decode())
               for a in waitlisted.attachments)
    svc.set_attendance(hybrid.id, online_capacity=2)
    [promoted] = mails(db, waiting, "promoted")
    assert LINK in promoted.body_text
    assert LINK in attached_calendar(promoted).to_ical().decode()


def test_a_freed_session_seat_mail_carries_the_session_link(db, factory):
    now = utcnow()
    b = factory.briefing(starts_at=now + timedelta(days=9), registration_opens_at=now)
    webinar = factory.session(b, title="Webinar", format=SessionFormat.ONLINE,
                              meeting_link=SESSION_LINK, online_capacity=1)
    first = register(b, 1, None, [webinar])
    second = register(b, 2, None, [webinar])
    assert nothing_secret(mails(db, second, "confirmed")[0].body_text)  # its seat is queued
    svc.cancel_by_registrant(first.id)
    [seat_mail] = mails(db, second, "seat_confirmed")
    assert SESSION_LINK in seat_mail.body_text


def test_the_reminder_carries_the_link_to_confirmed_online_registrants_only(db, hybrid):
    online = register(hybrid, 1, "online")
    in_room = register(hybrid, 2, "in_person")
    waiting = register(hybrid, 3, "online")
    messaging.set_reminder(hybrid.id, 24, actor=None)
    assert messaging.queue_due_reminders(hybrid.starts_at - timedelta(hours=1)) == 1
    [to_online] = mails(db, online, "reminder")
    assert LINK in to_online.body_text and DIAL_IN in to_online.body_text
    [to_room] = mails(db, in_room, "reminder")
    assert nothing_secret(to_room.body_text)
    assert mails(db, waiting, "reminder") == []


# ---------------------------------------------------------------- everyone else: no

def test_in_room_registrants_of_a_hybrid_briefing_get_no_link(db, client, hybrid):
    reg = register(hybrid, 1, "in_person")
    assert nothing_secret(private(client, reg))
    assert nothing_secret(mails(db, reg, "confirmed")[0].body_text)
    assert nothing_secret(client.get(f"/r/{reg.token}/calendar.ics").get_data(as_text=True))


@pytest.mark.parametrize("status", [RS.PENDING, RS.WAITLISTED, RS.CANCELLED, RS.DECLINED])
def test_registrants_who_are_not_confirmed_get_no_link(db, client, hybrid, status):
    hybrid.approval_required = status in (RS.PENDING, RS.DECLINED)
    db.session.commit()
    if status == RS.WAITLISTED:
        register(hybrid, 0, "online")  # takes the only online place first
    reg = register(hybrid, 1, "online")
    if status in (RS.CANCELLED, RS.DECLINED):
        svc.change_status(reg.id, status)
    reg = db.session.get(Registration, reg.id, populate_existing=True)
    assert reg.status == status
    assert nothing_secret(private(client, reg))
    assert nothing_secret(client.get(f"/r/{reg.token}/calendar.ics").get_data(as_text=True))
    # (A cancelled registrant was confirmed first: that confirmation did carry the link.)
    assert all(nothing_secret(m.body_text) for m in mails(db, reg) if m.kind != "confirmed")


def test_a_cancelled_registrant_loses_the_link(db, client, hybrid):
    reg = register(hybrid, 1, "online")
    assert LINK in private(client, reg)
    svc.cancel_by_registrant(reg.id)
    assert nothing_secret(private(client, reg))
    assert nothing_secret(client.get(f"/r/{reg.token}/calendar.ics").get_data(as_text=True))
    assert nothing_secret(mails(db, reg, "cancelled")[0].body_text)


def test_public_pages_feeds_and_the_public_api_never_show_the_links(client, hybrid):
    register(hybrid, 1, "online")
    hearing = hybrid.sessions[0]
    for url in ("/b/hybrid", "/b/hybrid/register", "/b/hybrid/agenda.ics",
                f"/b/hybrid/sessions/{hearing.id}.ics", "/b/hybrid/feed.atom",
                "/api/v1/briefings/hybrid", "/api/v1/briefings/hybrid/sessions",
                "/api/v1/briefings", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert nothing_secret(response.get_data(as_text=True)), url
        assert "Dial +41" not in response.get_data(as_text=True), url


def test_the_public_page_and_api_say_the_format(client, hybrid):
    assert "Hybrid: in the room or online" in client.get("/b/hybrid").get_data(as_text=True)
    assert client.get("/api/v1/briefings/hybrid").json["format"] == "hybrid"


# ---------------------------------------------------------------- the organizer's side

def test_the_list_shows_and_filters_the_mode_and_the_export_has_it(client, login, factory,
                                                                    hybrid):
    register(hybrid, 1, "online")
    register(hybrid, 2, "in_person")
    login(factory.user(briefing=hybrid, role=Role.ORGANIZER))
    page = client.get("/manage/hybrid/registrations").get_data(as_text=True)
    assert "Attending" in page and "Confirmed, by attendance mode" in page
    assert "1 of 1" in page and "1 of 5" in page  # online and in the room, against capacity
    online_only = client.get("/manage/hybrid/registrations?mode=online").get_data(as_text=True)
    assert "Person 1" in online_only and "Person 2" not in online_only
    csv_text = client.get("/manage/hybrid/registrations.csv?mode=in_person").get_data(
        as_text=True)
    header, *rows = csv_text.lstrip("\ufeff").splitlines()
    assert header.endswith(",Attending") and len(rows) == 1 and rows[0].endswith(",In person")
    assert nothing_secret(csv_text)
    overview = client.get("/manage/hybrid/").get_data(as_text=True)
    assert 'data-mode="online"' in overview and "Online: 1 of 1" in overview


def test_settings_require_an_https_link_for_hybrid_and_drop_it_in_person(client, login, db,
                                                                          factory, hybrid):
    from tests.organizer_briefings_support import settings_form  # the settings as posted
    login(factory.user(briefing=hybrid, role=Role.ORGANIZER))
    response = client.post("/manage/hybrid/settings", data=settings_form(
        hybrid, format="hybrid", meeting_link="http://meet.example.org/x"))
    assert response.status_code == 200
    assert 'id="meeting_link-error"' in response.text and "https://" in response.text
    response = client.post("/manage/hybrid/settings", data=settings_form(
        hybrid, format="online", meeting_link=""))
    assert "Online and hybrid briefings need a meeting link." in response.text
    response = client.post("/manage/hybrid/settings", data=settings_form(
        hybrid, format="in_person", meeting_link=LINK, online_capacity="30"))
    assert response.status_code == 302
    db.session.refresh(hybrid)
    assert (hybrid.format, hybrid.meeting_link, hybrid.dial_in, hybrid.online_capacity) == (
        SessionFormat.IN_PERSON, "", "", None)


# ------------------------------------------------- registrants' calendars kept per worker

def test_a_kept_calendar_never_carries_one_registrants_links_to_another(client, db, hybrid):
    online = register(hybrid, 1, "online")
    in_room = register(hybrid, 2, "in_person")
    waiting = register(hybrid, 3, "online")  # the only online place is taken: waiting list
    assert waiting.status == RS.WAITLISTED
    first = client.get(f"/r/{online.token}/calendar.ics").get_data(as_text=True)
    assert LINK in first
    for other in (in_room, waiting):  # the same sessions, asked for right after
        assert nothing_secret(client.get(f"/r/{other.token}/calendar.ics").get_data(as_text=True))
    assert client.get(f"/r/{online.token}/calendar.ics").get_data(as_text=True) == first


def test_a_kept_calendar_follows_the_programme_and_the_links(client, db, hybrid):
    reg = register(hybrid, 1, "online")
    assert "Hearing" in client.get(f"/r/{reg.token}/calendar.ics").get_data(as_text=True)
    hybrid.sessions[0].title = "Public hearing"
    hybrid.meeting_link = "https://meet.example.org/moved"
    db.session.commit()
    again = client.get(f"/r/{reg.token}/calendar.ics").get_data(as_text=True).replace("\r\n ", "")
    assert "Public hearing" in again
    assert "https://meet.example.org/moved" in again and LINK not in again
