"""Attendance at sessions that take it: scans, refusals, walk-ins within capacity, undo, counts."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionSeat,
)
from briefings.services import checkin as desk
from briefings.services.registrations import RegistrationError

from .participants_support import registration


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", tz="Africa/Cairo")


@pytest.fixture
def hearing(factory, briefing):
    return factory.session(briefing, title="Multi-stakeholder hearing", takes_attendance=True,
                           capacity=2)


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def url(hearing, tail=""):
    return f"/manage/imrf/checkin/sessions/{hearing.id}{tail}"


def scan(client, hearing, text):
    response = client.post(url(hearing), data={"query": text})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def seat(reg, hearing) -> SessionSeat | None:
    _db.session.expire_all()
    return _db.session.get(SessionSeat, (reg.id, hearing.id))


def test_a_seat_holder_is_marked_attended_and_checked_in(client, db, briefing, hearing,
                                                         organizer):
    reg = registration(briefing, name="Amal", ticket_code="K7PQ2XRM", sessions=[hearing])
    html = scan(client, hearing, "k7pq 2xrm")
    assert "Attendance recorded: Amal." in html
    assert seat(reg, hearing).attended_at is not None
    assert db.session.get(Registration, reg.id).checked_in_at is not None  # came straight in
    assert "1 attended of 1 seats taken" in html and "autofocus" in html


def test_a_second_scan_says_when_attendance_was_recorded(client, db, briefing, hearing,
                                                         organizer):
    reg = registration(briefing, ticket_code="K7PQ2XRM", sessions=[hearing])
    reg.seats[0].attended_at = datetime(2030, 6, 20, 7, 10, tzinfo=timezone.utc)
    db.session.commit()
    assert "attendance was already recorded at 10:10 EEST." in scan(client, hearing, "K7PQ2XRM")


@pytest.mark.parametrize("status", [RS.PENDING, RS.WAITLISTED, RS.CANCELLED, RS.DECLINED])
def test_unconfirmed_registrations_are_refused(client, db, briefing, hearing, organizer, status):
    reg = registration(briefing, status=status, ticket_code="K7PQ2XRM", sessions=[hearing])
    html = scan(client, hearing, "K7PQ2XRM")
    assert f"Not admitted: this registration is {status.value.capitalize()}." in html
    assert seat(reg, hearing).attended_at is None
    assert "Add as a walk-in" not in html


@pytest.mark.parametrize("seat_status", [None, SeatStatus.WAITLISTED, SeatStatus.RELEASED])
def test_without_a_confirmed_seat_the_desk_refuses_and_offers_a_walk_in(
        client, db, briefing, hearing, organizer, seat_status):
    reg = registration(briefing, name="Bruno", ticket_code="K7PQ2XRM",
                       sessions=[hearing] if seat_status else [], seat_status=seat_status)
    html = scan(client, hearing, "K7PQ2XRM")
    assert "Bruno has no confirmed seat in this session." in html
    assert f'action="{url(hearing, f"/walk-in/{reg.id}")}"' in html
    response = client.post(url(hearing, f"/walk-in/{reg.id}"), follow_redirects=True)
    assert "Bruno has a seat as a walk-in; attendance recorded." in response.get_data(as_text=True)
    walked_in = seat(reg, hearing)
    assert walked_in.status == SeatStatus.CONFIRMED and walked_in.attended_at is not None
    assert "seat.walk_in" in db.session.scalars(sa.select(AuditEvent.action)).all()


def test_a_full_session_takes_no_walk_in(client, db, briefing, hearing, organizer):
    for _ in range(2):
        registration(briefing, sessions=[hearing])
    late = registration(briefing, name="Chen", ticket_code="K7PQ2XRM")
    html = scan(client, hearing, "K7PQ2XRM")
    assert "The session is full: no walk-in is possible." in html
    assert "Add as a walk-in" not in html
    response = client.post(url(hearing, f"/walk-in/{late.id}"), follow_redirects=True)
    assert "This session is full: every seat is taken." in response.get_data(as_text=True)
    assert seat(late, hearing) is None


def test_walk_ins_never_exceed_capacity(db, briefing, hearing):
    registration(briefing, sessions=[hearing])
    first, second = registration(briefing), registration(briefing)
    desk.add_walk_in(first.id, hearing.id)
    with pytest.raises(RegistrationError):
        desk.add_walk_in(second.id, hearing.id)
    assert desk.session_attendance(hearing.id) == (1, 2)


def test_an_unconfirmed_registration_cannot_walk_in(db, briefing, hearing):
    waiting = registration(briefing, status=RS.WAITLISTED)
    with pytest.raises(desk.CheckInRefused):
        desk.add_walk_in(waiting.id, hearing.id)
    assert seat(waiting, hearing) is None


def test_name_search_lists_seats_and_marks_attendance(client, db, briefing, hearing, organizer):
    holder = registration(briefing, name="Amal Haddad", sessions=[hearing])
    other = registration(briefing, name="Amal Other")
    response = client.post(url(hearing), data={"query": "amal"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'action="{url(hearing, f"/attend/{holder.id}")}"' in html
    assert f'action="{url(hearing, f"/attend/{other.id}")}"' not in html
    client.post(url(hearing, f"/attend/{holder.id}"))
    assert seat(holder, hearing).attended_at is not None


def test_undo_attendance(client, db, briefing, hearing, organizer):
    reg = registration(briefing, ticket_code="K7PQ2XRM", sessions=[hearing])
    scan(client, hearing, "K7PQ2XRM")
    response = client.post(url(hearing, f"/attend/{reg.id}/undo"), follow_redirects=True)
    assert "Attendance undone" in response.get_data(as_text=True)
    assert seat(reg, hearing).attended_at is None
    again = client.post(url(hearing, f"/attend/{reg.id}/undo"), follow_redirects=True)
    assert "No attendance is recorded" in again.get_data(as_text=True)


def test_counts_attended_of_seats(client, db, briefing, hearing, organizer):
    a = registration(briefing, sessions=[hearing], ticket_code="AAAA2222")
    registration(briefing, sessions=[hearing])
    registration(briefing, sessions=[hearing], seat_status=SeatStatus.RELEASED)
    html = scan(client, hearing, "AAAA2222")
    assert "1 attended of 2 seats taken" in html and "(capacity 2)" in html
    assert seat(a, hearing).attended_at is not None


def test_the_desk_lists_the_sessions_that_take_attendance(client, factory, briefing, hearing,
                                                          organizer):
    factory.session(briefing, title="Coffee break", takes_attendance=False)
    html = client.get("/manage/imrf/checkin").get_data(as_text=True)
    assert f'href="{url(hearing)}"' in html and "Coffee break" not in html
