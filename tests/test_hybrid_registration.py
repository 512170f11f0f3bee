"""Hybrid briefings: how each registrant attends, seats and waiting lists per mode, the forms."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.models import (
    ApiScope,
    AttendanceMode,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionFormat,
    utcnow,
)
from briefings.services import api_tokens, registration_changes
from briefings.services import registrations as svc

from .concurrency_support import at_once

IN_ROOM, ONLINE = AttendanceMode.IN_PERSON, AttendanceMode.ONLINE
LINK = "https://meet.example.org/hybrid-room"


def details(n, mode=None, sessions=(), **extra):
    extra.setdefault("full_name", f"Person {n}")
    return svc.Details(email=f"person{n}@example.org", organization="IOM",
                       attendance_mode=mode, session_ids=[s.id for s in sessions], **extra)


@pytest.fixture
def hybrid(factory):
    now = utcnow()
    return factory.briefing(slug="hybrid", starts_at=now + timedelta(days=30),
                            registration_opens_at=now - timedelta(days=1),
                            format=SessionFormat.HYBRID, meeting_link=LINK, capacity=2,
                            online_capacity=1)


def register(briefing, n, mode=None, **extra):
    return svc.register(briefing.id, details(n, mode, **extra)).registration


# ---------------------------------------------------------------- modes per format

def test_a_hybrid_briefing_asks_and_the_others_decide(db, factory, hybrid):
    assert register(hybrid, 1, "online").attendance_mode == ONLINE
    assert register(hybrid, 2, "in_person").attendance_mode == IN_ROOM
    with pytest.raises(svc.RegistrationError, match="Choose how you will attend") as missing:
        register(hybrid, 3, mode_required=True)  # asked on the form or the API: must answer
    assert missing.value.field == "attendance_mode"
    assert register(hybrid, 3).attendance_mode == IN_ROOM  # not asked (an import): in the room
    online_only = factory.briefing(format=SessionFormat.ONLINE, meeting_link=LINK,
                                   starts_at=hybrid.starts_at,
                                   registration_opens_at=hybrid.registration_opens_at)
    in_room_only = factory.briefing(starts_at=hybrid.starts_at,
                                    registration_opens_at=hybrid.registration_opens_at)
    assert register(online_only, 4).attendance_mode == ONLINE
    assert register(in_room_only, 5).attendance_mode == IN_ROOM
    with pytest.raises(svc.RegistrationError, match="in person only"):
        register(in_room_only, 6, "online")
    with pytest.raises(svc.RegistrationError, match="online only"):
        register(online_only, 7, "in_person")
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 5


def test_online_registrants_cannot_choose_sessions_held_in_the_room_only(db, factory, hybrid):
    room_only = factory.session(hybrid, title="Site visit")
    streamed = factory.session(hybrid, title="Plenary", format=SessionFormat.HYBRID,
                               start=hybrid.starts_at + timedelta(hours=2))
    with pytest.raises(svc.RegistrationError, match="“Site visit” is held in the room only"):
        register(hybrid, 1, "online", sessions=[room_only, streamed])
    reg = register(hybrid, 2, "online", sessions=[streamed])
    assert [(s.session_id, s.mode) for s in reg.seats] == [(streamed.id, ONLINE)]
    in_room = register(hybrid, 3, "in_person", sessions=[room_only, streamed])
    assert {s.session_id: s.mode for s in in_room.seats} == {room_only.id: IN_ROOM,
                                                             streamed.id: IN_ROOM}


def test_a_seat_in_an_online_session_counts_online_whatever_the_registrant(db, factory):
    now = utcnow()
    b = factory.briefing(starts_at=now + timedelta(days=9), registration_opens_at=now)
    webinar = factory.session(b, format=SessionFormat.ONLINE, meeting_link=LINK,
                              online_capacity=1, capacity=0)
    first, second = register(b, 1, sessions=[webinar]), register(b, 2, sessions=[webinar])
    assert (first.attendance_mode, first.seats[0].mode) == (IN_ROOM, ONLINE)
    assert [first.seats[0].status, second.seats[0].status] == [SeatStatus.CONFIRMED,
                                                               SeatStatus.WAITLISTED]


# ---------------------------------------------------------------- capacity per mode

def test_each_mode_has_its_own_capacity_and_waiting_list(db, hybrid):
    statuses = [(mode, register(hybrid, n, mode).status)
                for n, mode in enumerate(["online", "online", "in_person", "in_person",
                                          "in_person"])]
    assert statuses == [("online", RS.CONFIRMED), ("online", RS.WAITLISTED),
                        ("in_person", RS.CONFIRMED), ("in_person", RS.CONFIRMED),
                        ("in_person", RS.WAITLISTED)]
    assert svc.confirmed_by_mode(hybrid.id) == {IN_ROOM: 2, ONLINE: 1}


def test_a_freed_seat_in_the_room_goes_to_the_first_waiting_for_the_room(db, hybrid):
    room_a, room_b = register(hybrid, 1, "in_person"), register(hybrid, 2, "in_person")
    online_a = register(hybrid, 3, "online")
    online_waiting = register(hybrid, 4, "online")  # waits before the in-room one below
    room_waiting = register(hybrid, 5, "in_person")
    assert (online_waiting.status, room_waiting.status) == (RS.WAITLISTED, RS.WAITLISTED)
    svc.cancel_by_registrant(room_a.id)
    assert db.session.get(Registration, room_waiting.id).status == RS.CONFIRMED
    assert db.session.get(Registration, online_waiting.id).status == RS.WAITLISTED
    svc.cancel_by_registrant(online_a.id)
    assert db.session.get(Registration, online_waiting.id).status == RS.CONFIRMED
    assert room_b.status == RS.CONFIRMED


def test_raising_the_online_capacity_promotes_the_online_waiting_list_only(db, hybrid):
    for n in range(2):
        register(hybrid, n, "in_person")
    online = [register(hybrid, n, "online") for n in range(10, 13)]
    room_waiting = register(hybrid, 20, "in_person")
    promoted = svc.set_attendance(hybrid.id, online_capacity=3)
    assert sorted(r.id for r in promoted) == sorted(r.id for r in online[1:])
    assert db.session.get(Registration, room_waiting.id).status == RS.WAITLISTED


def test_approving_counts_the_mode_of_the_registration(db, hybrid):
    hybrid.approval_required = True
    db.session.commit()
    first, second = register(hybrid, 1, "online"), register(hybrid, 2, "online")
    assert svc.change_status(first.id, RS.CONFIRMED).status == RS.CONFIRMED
    assert svc.change_status(second.id, RS.CONFIRMED).status == RS.WAITLISTED
    with pytest.raises(svc.RegistrationError, match="raise the online capacity"):
        svc.change_status(second.id, RS.CONFIRMED)
    third = register(hybrid, 3, "in_person")
    assert svc.change_status(third.id, RS.CONFIRMED).status == RS.CONFIRMED


def test_session_seats_are_counted_per_mode(db, factory, hybrid):
    hybrid.capacity = hybrid.online_capacity = None
    db.session.commit()
    plenary = factory.session(hybrid, format=SessionFormat.HYBRID, capacity=1, online_capacity=1)
    room = register(hybrid, 1, "in_person", sessions=[plenary])
    online = register(hybrid, 2, "online", sessions=[plenary])
    late = register(hybrid, 3, "online", sessions=[plenary])
    assert [r.seats[0].status for r in (room, online, late)] == [
        SeatStatus.CONFIRMED, SeatStatus.CONFIRMED, SeatStatus.WAITLISTED]
    svc.cancel_by_registrant(room.id)  # a seat in the room does not help an online queue
    assert db.session.get(Registration, late.id).seats[0].status == SeatStatus.WAITLISTED
    svc.cancel_by_registrant(online.id)
    assert db.session.get(Registration, late.id).seats[0].status == SeatStatus.CONFIRMED


def test_simultaneous_registrations_never_overbook_either_mode(app, db, factory):
    """40 threads at once, half online: exactly 5 in the room and 3 online are confirmed."""
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), format=SessionFormat.HYBRID,
                         meeting_link=LINK, capacity=5, online_capacity=3)
    briefing_id = b.id
    _, errors = at_once(app, lambda n: svc.register(
        briefing_id, details(n, "online" if n % 2 else "in_person")), range(40))
    assert errors == []
    rows = db.session.execute(sa.select(Registration.attendance_mode, Registration.status)
                              .where(Registration.briefing_id == briefing_id)
                              .order_by(Registration.id)).all()
    assert len(rows) == 40
    for mode, limit in ((IN_ROOM, 5), (ONLINE, 3)):
        statuses = [status for m, status in rows if m == mode]
        assert statuses == [RS.CONFIRMED] * limit + [RS.WAITLISTED] * (20 - limit)


# ---------------------------------------------------------------- switching mode

def test_a_confirmed_registrant_switches_while_the_other_mode_has_room(db, hybrid):
    reg = register(hybrid, 1, "in_person")
    waiting = [register(hybrid, 2, "in_person"), register(hybrid, 3, "in_person")][1]
    assert waiting.status == RS.WAITLISTED
    registration_changes.update(reg.id, details(1, "online"))
    assert reg.attendance_mode == ONLINE and reg.status == RS.CONFIRMED
    # The seat in the room it gave up goes to the first person waiting for the room.
    assert db.session.get(Registration, waiting.id).status == RS.CONFIRMED


def test_a_switch_to_a_full_mode_changes_nothing(db, hybrid):
    register(hybrid, 1, "online")
    reg = register(hybrid, 2, "in_person")
    with pytest.raises(svc.RegistrationError, match="No online places are left") as refused:
        registration_changes.update(reg.id, details(2, "online", full_name="Renamed"))
    assert refused.value.field == "attendance_mode"
    reg = db.session.get(Registration, reg.id, populate_existing=True)
    assert (reg.attendance_mode, reg.status, reg.full_name) == (IN_ROOM, RS.CONFIRMED, "Person 2")


def test_a_waiting_registrant_moves_to_the_other_waiting_list_or_gets_its_room(db, hybrid):
    register(hybrid, 1, "online")
    waiting = register(hybrid, 2, "online")
    assert waiting.status == RS.WAITLISTED
    registration_changes.update(waiting.id, details(2, "in_person"))
    assert (waiting.attendance_mode, waiting.status) == (IN_ROOM, RS.CONFIRMED)


def test_switching_moves_seats_in_hybrid_sessions(db, factory, hybrid):
    plenary = factory.session(hybrid, format=SessionFormat.HYBRID, online_capacity=5)
    reg = register(hybrid, 1, "in_person", sessions=[plenary])
    registration_changes.update(reg.id, details(1, "online", sessions=[plenary]))
    [seat] = db.session.get(Registration, reg.id).seats
    assert (seat.mode, seat.status) == (ONLINE, SeatStatus.CONFIRMED)


def test_a_briefing_that_stops_being_hybrid_moves_everyone_to_its_mode(db, hybrid):
    online = register(hybrid, 1, "online")
    svc.set_attendance(hybrid.id, fmt=SessionFormat.IN_PERSON)
    assert db.session.get(Registration, online.id).attendance_mode == IN_ROOM


# ---------------------------------------------------------------- the forms

def form_data(**overrides):
    from tests.factories import group
    data = {"full_name": "Amina Haddad", "email": "amina@example.org",
            "organization": "Migrant Voices", "stakeholder_group": str(group("civil_society").id),
            "country": "JO", "language": "en"}
    data.update(overrides)
    return data


def test_the_form_asks_how_to_attend_only_where_the_briefing_is_hybrid(client, factory, hybrid):
    html = client.get("/b/hybrid/register").get_data(as_text=True)
    assert "<legend" in html and "How will you attend?" in html
    assert 'name="attendance_mode" required type="radio" value="in_person"' in html
    assert 'name="attendance_mode" required type="radio" value="online"' in html
    assert "This briefing is hybrid" in html
    plain = factory.briefing(slug="plain", starts_at=hybrid.starts_at,
                             registration_opens_at=hybrid.registration_opens_at)
    assert plain.format == SessionFormat.IN_PERSON
    assert 'name="attendance_mode"' not in client.get("/b/plain/register").get_data(as_text=True)


def test_a_missing_mode_is_shown_next_to_the_field_and_input_is_kept(client, db, hybrid):
    response = client.post("/b/hybrid/register", data=form_data())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="attendance_mode-error"' in html
    assert "Choose how you will attend: in the room or online." in html
    assert 'value="Migrant Voices"' in html and 'href="#attendance_mode"' in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0
    response = client.post("/b/hybrid/register", data=form_data(attendance_mode="by-pigeon"))
    assert response.status_code == 200 and 'id="attendance_mode-error"' in response.text


def test_registering_online_from_the_form(client, db, hybrid):
    response = client.post("/b/hybrid/register", data=form_data(attendance_mode="online"))
    assert response.status_code == 302
    reg = db.session.scalar(sa.select(Registration))
    assert (reg.attendance_mode, reg.status) == (ONLINE, RS.CONFIRMED)
    html = client.get("/b/hybrid/register").get_data(as_text=True)
    assert "Online, through the meeting link (full: waiting list)" in html


def test_an_in_room_session_is_refused_next_to_the_sessions_field(client, db, factory, hybrid):
    visit = factory.session(hybrid, title="Site visit")
    response = client.post("/b/hybrid/register", data=form_data(
        attendance_mode="online", sessions=[str(visit.id)]))
    assert response.status_code == 200
    assert 'id="sessions-error"' in response.text and "held in the room only" in response.text
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_the_change_page_switches_mode_or_says_why_not(client, db, hybrid):
    register(hybrid, 1, "online")
    reg = register(hybrid, 2, "in_person")
    page = client.get(f"/r/{reg.token}/edit").get_data(as_text=True)
    [current] = re.findall(r'<input checked[^>]*name="attendance_mode"[^>]*>', page)
    assert 'value="in_person"' in current
    data = form_data(full_name="Person 2", email="person2@example.org", organization="IOM",
                     attendance_mode="online")
    response = client.post(f"/r/{reg.token}/edit", data=data)
    assert response.status_code == 200
    assert 'id="attendance_mode-error"' in response.text
    assert "No online places are left: your registration stays as it was." in response.text
    assert db.session.get(Registration, reg.id).attendance_mode == IN_ROOM
    svc.set_attendance(hybrid.id, online_capacity=5)
    response = client.post(f"/r/{reg.token}/edit", data=data)
    assert response.status_code == 302
    assert db.session.get(Registration, reg.id, populate_existing=True).attendance_mode == ONLINE


# ---------------------------------------------------------------- the staff API

@pytest.fixture
def token(factory, hybrid):
    user = factory.user(briefing=hybrid, role=Role.ORGANIZER)
    return api_tokens.create_token(hybrid, user, name="Desk", scopes={
        ApiScope.READ_REGISTRATIONS, ApiScope.WRITE_REGISTRATIONS}).secret


BODY = {"full_name": "Omar Haddad", "email": "omar@example.org", "organization": "Ministry",
        "stakeholder_group": "government", "country": "JO"}


def test_the_api_takes_and_shows_the_attendance_mode(client, db, hybrid, token):
    headers = {"Authorization": f"Bearer {token}"}
    url = "/api/v1/briefings/hybrid/registrations"
    missing = client.post(url, json=BODY, headers=headers)
    assert missing.status_code == 422
    assert "attendance_mode" in missing.json["errors"]
    wrong = client.post(url, json={**BODY, "attendance_mode": "telepathy"}, headers=headers)
    assert wrong.status_code == 422
    created = client.post(url, json={**BODY, "attendance_mode": "online"}, headers=headers)
    assert created.status_code == 201
    assert created.json["registration"]["attendance_mode"] == "online"
    listed = client.get(url, headers=headers).json["items"]
    assert [item["attendance_mode"] for item in listed] == ["online"]
    assert LINK not in created.text and LINK not in client.get(url, headers=headers).text


def test_the_api_refuses_another_mode_than_the_briefings_only_one(client, factory, hybrid):
    plain = factory.briefing(slug="plain", starts_at=hybrid.starts_at,
                             registration_opens_at=hybrid.registration_opens_at)
    user = factory.user(briefing=plain, role=Role.ORGANIZER)
    secret = api_tokens.create_token(plain, user, name="Desk", scopes={
        ApiScope.WRITE_REGISTRATIONS}).secret
    response = client.post("/api/v1/briefings/plain/registrations",
                           json={**BODY, "attendance_mode": "online"},
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 422
    assert response.json["errors"]["attendance_mode"] == ["This briefing is in person only."]
