"""The programme: sessions by day, their rules (inside the briefing, rooms, links), edit, delete."""
import secrets
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    BriefingSession,
    BriefingStatus,
    GCMObjective,
    Membership,
    Person,
    Registration,
    Role,
    SessionFormat,
    SessionKind,
    SessionSeat,
)

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def session_form(**overrides) -> dict:
    """A valid session submission; times are wall-clock times in Cairo."""
    data = {
        "kind": "opening", "title": "Opening session", "description": "Welcome remarks.",
        "starts_at": "2030-06-20T10:00", "ends_at": "2030-06-20T11:00", "room": "Main hall",
        "capacity": "", "format": "in_person", "meeting_link": "", "position": "0",
        "objectives": ["1", "23"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def organizer(factory, login):
    return login(factory.user(name="Olga Organizer"))


@pytest.fixture
def briefing(db, factory, organizer):
    """Two days in Cairo: 20 June 2030 10:00 to 21 June 17:00 local (07:00 to 14:00 UTC)."""
    b = factory.briefing(slug="imrf", status=BriefingStatus.DRAFT, starts_at=utc(2030, 6, 20, 7))
    b.ends_at = utc(2030, 6, 21, 14)
    db.session.add(Membership(user=organizer, briefing=b, role=Role.ORGANIZER))
    db.session.commit()
    return b


def only_session(db) -> BriefingSession:
    return db.session.scalar(sa.select(BriefingSession))


def session_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count(BriefingSession.id)))


# ------------------------------------------------------------------ adding

def test_add_session_stores_utc_and_is_audited(client, db, briefing, organizer):
    response = client.post("/manage/imrf/programme/new", data=session_form(capacity="80"))
    session = only_session(db)
    assert response.headers["Location"] == f"/manage/imrf/programme/{session.id}"
    assert session.starts_at == utc(2030, 6, 20, 7)  # 10:00 EEST
    assert session.ends_at == utc(2030, 6, 20, 8)
    assert session.kind == SessionKind.OPENING and session.capacity == 80
    assert [o.number for o in session.objectives] == [1, 23]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "session.create"))
    assert event.user_id == organizer.id and event.briefing_id == briefing.id
    assert event.object_id == session.id
    assert {"title", "starts_at", "room"} <= set(event.changes)
    assert event.changes["objectives"] == [1, 23]


def test_cairo_time_without_summer_time(client, db, factory, organizer):
    """20 June 2022 09:00 in Cairo is 07:00 UTC (no summer time that year)."""
    b = factory.briefing(slug="y2022", starts_at=utc(2022, 6, 20, 6))
    db.session.add(Membership(user=organizer, briefing=b, role=Role.ORGANIZER))
    db.session.commit()
    client.post("/manage/y2022/programme/new", data=session_form(
        starts_at="2022-06-20T09:00", ends_at="2022-06-20T10:30"))
    session = only_session(db)
    assert (session.starts_at, session.ends_at) == (utc(2022, 6, 20, 7), utc(2022, 6, 20, 8, 30))
    page = client.get("/manage/y2022/programme").get_data(as_text=True)
    assert "09:00" in page and "EET" in page


def test_new_session_form_suggests_a_time_after_the_last_session(client, factory, briefing):
    factory.session(briefing, start=utc(2030, 6, 20, 7), minutes=90)
    page = client.get("/manage/imrf/programme/new").get_data(as_text=True)
    assert 'value="2030-06-20T11:30"' in page and 'value="2030-06-20T12:30"' in page


@pytest.mark.parametrize("overrides, field, message", [
    ({"ends_at": "2030-06-20T10:00"}, "ends_at", "The session must end after it starts."),
    ({"ends_at": "2030-06-20T09:00"}, "ends_at", "The session must end after it starts."),
    ({"starts_at": "2030-06-20T09:30"}, "starts_at", "The session must lie inside the briefing"),
    ({"starts_at": "2030-06-21T16:30", "ends_at": "2030-06-21T17:30"}, "ends_at",
     "The session must lie inside the briefing"),
    ({"starts_at": "2030-06-22T10:00", "ends_at": "2030-06-22T11:00"}, "starts_at",
     "which runs from Jun 20, 2030, 10:00 EEST to Jun 21, 2030, 17:00 EEST"),
    ({"format": "online"}, "meeting_link", "Online and hybrid sessions need a meeting link."),
    ({"format": "hybrid"}, "meeting_link", "Online and hybrid sessions need a meeting link."),
    ({"format": "online", "meeting_link": "javascript:alert(1)"}, "meeting_link", ""),
    ({"format": "online", "meeting_link": "ftp://example.org/x"}, "meeting_link",
     "Enter a full web address starting with https://."),
    ({"capacity": "-5"}, "capacity", ""),
    ({"title": "  "}, "title", ""),
    ({"objectives": ["24"]}, "objectives", ""),
    ({"kind": "party"}, "kind", ""),
    ({"starts_at": "soon"}, "starts_at", ""),
])
def test_rules_of_a_session(client, db, briefing, overrides, field, message):
    response = client.post("/manage/imrf/programme/new", data=session_form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page
    assert message in page
    assert session_count(db) == 0


def test_online_session_keeps_its_link_and_in_person_drops_it(client, db, briefing):
    client.post("/manage/imrf/programme/new", data=session_form(
        format="hybrid", meeting_link="https://meet.example.org/imrf"))
    session = only_session(db)
    assert session.format == SessionFormat.HYBRID
    assert session.meeting_link == "https://meet.example.org/imrf"
    client.post(f"/manage/imrf/programme/{session.id}", data=session_form(
        format="in_person", meeting_link="https://meet.example.org/imrf"))
    db.session.refresh(session)
    assert session.meeting_link == ""


# ------------------------------------------------------------------ rooms

@pytest.fixture
def opening(factory, briefing):
    return factory.session(briefing, title="Opening", start=utc(2030, 6, 20, 7), minutes=60,
                           room="Main hall")


@pytest.mark.parametrize("room", ["Main hall", "main hall", "  MAIN HALL "])
def test_room_cannot_hold_two_sessions_at_once(client, db, opening, room):
    response = client.post("/manage/imrf/programme/new", data=session_form(
        title="Round table", starts_at="2030-06-20T10:30", ends_at="2030-06-20T11:30", room=room))
    page = response.get_data(as_text=True)
    assert 'id="room-error"' in page
    assert "The room “Main hall” is already taken by “Opening” at that time " \
           "(Jun 20, 2030, 10:00 EEST to 11:00 EEST)." in page
    assert session_count(db) == 1


@pytest.mark.parametrize("overrides", [
    {"starts_at": "2030-06-20T11:00", "ends_at": "2030-06-20T12:00"},  # right after it
    {"room": "Room B"},  # another room
    {"room": ""},  # no room given
])
def test_room_is_free_otherwise(client, db, opening, overrides):
    client.post("/manage/imrf/programme/new", data=session_form(**overrides))
    assert session_count(db) == 2


def test_a_session_does_not_clash_with_itself(client, db, opening):
    response = client.post(f"/manage/imrf/programme/{opening.id}", data=session_form(
        title="Opening, renamed", starts_at="2030-06-20T10:15", ends_at="2030-06-20T11:15"))
    assert response.status_code == 302
    db.session.refresh(opening)
    assert opening.title == "Opening, renamed" and opening.starts_at == utc(2030, 6, 20, 7, 15)


def test_moving_a_session_into_a_taken_room_is_refused(client, db, factory, opening):
    other = factory.session(opening.briefing, title="Panel", start=utc(2030, 6, 20, 9),
                            room="Room B")
    response = client.post(f"/manage/imrf/programme/{other.id}", data=session_form(
        title="Panel", starts_at="2030-06-20T10:30", ends_at="2030-06-20T11:30"))
    assert "“Opening”" in response.get_data(as_text=True)
    db.session.refresh(other)
    assert other.room == "Room B" and other.starts_at == utc(2030, 6, 20, 9)


def test_clash_message_escapes_the_other_sessions_title(client, factory, briefing):
    factory.session(briefing, title="<script>alert(1)</script>", start=utc(2030, 6, 20, 7))
    page = client.post("/manage/imrf/programme/new", data=session_form()).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# ------------------------------------------------------------------ editing

def test_edit_form_shows_local_times_and_records_changed_fields(client, db, opening):
    page = client.get(f"/manage/imrf/programme/{opening.id}").get_data(as_text=True)
    assert 'value="2030-06-20T10:00"' in page and 'value="2030-06-20T11:00"' in page
    client.post(f"/manage/imrf/programme/{opening.id}", data=session_form(
        title="Opening", kind="panel", room="Main hall", description="", objectives=["7"]))
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "session.update"))
    assert event.changes == {"kind": True, "objectives": [7]}


def test_objective_labels_follow_the_page_language(client, db, briefing):
    french = db.session.get(GCMObjective, 1).label("fr")
    page = client.get("/manage/imrf/programme/new",
                      headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert french in page


# ------------------------------------------------------------------ the programme page

def test_programme_groups_sessions_by_local_day(client, factory, briefing):
    # 21:30 UTC on the 20th is 00:30 on the 21st in Cairo.
    factory.session(briefing, title="Late night", start=utc(2030, 6, 20, 21, 30), room="A")
    factory.session(briefing, title="Morning", start=utc(2030, 6, 20, 7), room="B")
    page = client.get("/manage/imrf/programme").get_data(as_text=True)
    thursday, friday = page.index("Thursday, June 20, 2030"), page.index("Friday, June 21, 2030")
    assert thursday < page.index("Morning") < friday < page.index("Late night")
    assert "00:30" in page


def test_display_order_breaks_ties_between_sessions_starting_together(client, factory, briefing):
    start = utc(2030, 6, 20, 8)
    factory.session(briefing, title="Listed second", start=start, room="A", position=2)
    factory.session(briefing, title="Listed first", start=start, room="B", position=1)
    page = client.get("/manage/imrf/programme").get_data(as_text=True)
    assert page.index("Listed first") < page.index("Listed second")


def _fill(factory, briefing, n):
    for i in range(n):
        s = factory.session(briefing, title=f"S{i}", room=f"Room {i}")
        factory.link(s, factory.person(briefing))
        s.objectives = [factory.db.session.get(GCMObjective, 1 + i % 23)]
    factory.db.session.commit()


def test_programme_page_does_not_query_per_session(client, db, factory, briefing, count_queries):
    _fill(factory, briefing, 2)
    db.session.expire_all()  # each measured request loads what it shows
    with count_queries() as few:
        assert client.get("/manage/imrf/programme").status_code == 200
    _fill(factory, briefing, 10)
    db.session.expire_all()
    with count_queries() as many:
        page = client.get("/manage/imrf/programme").get_data(as_text=True)
    assert page.count('class="session-card') == 12
    assert many.count == few.count


def test_empty_programme_says_so(client, briefing):
    page = client.get("/manage/imrf/programme").get_data(as_text=True)
    assert "No sessions yet." in page


# ------------------------------------------------------------------ deleting

def test_delete_asks_first_then_deletes_and_records(client, db, factory, opening):
    person = factory.person(opening.briefing, name="Kept Person")
    factory.link(opening, person)
    page = client.get(f"/manage/imrf/programme/{opening.id}/delete").get_data(as_text=True)
    assert "Delete this session?" in page and "Opening" in page
    assert session_count(db) == 1
    response = client.post(f"/manage/imrf/programme/{opening.id}/delete")
    assert response.headers["Location"] == "/manage/imrf/programme"
    assert session_count(db) == 0
    assert db.session.get(Person, person.id) is not None
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "session.delete"))
    assert event.changes == {"title": "Opening"} and event.object_id == opening.id
    log = client.get("/manage/imrf/audit").get_data(as_text=True)
    assert "Deleted a session" in log and "Opening" in log


def test_delete_page_warns_about_chosen_seats(client, db, opening):
    registration = Registration(briefing=opening.briefing, full_name="A", email="a@example.org",
                                email_key="a@example.org", token=secrets.token_urlsafe(16),
                                ticket_code="T1")
    db.session.add(registration)
    db.session.add(SessionSeat(registration=registration, session=opening))
    db.session.commit()
    page = client.get(f"/manage/imrf/programme/{opening.id}/delete").get_data(as_text=True)
    assert "the place 1 registrant chose in it" in page
