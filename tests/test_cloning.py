"""New briefings from old: copying a briefing's programme, and the forum format template."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingSession,
    BriefingStatus,
    GCMObjective,
    Membership,
    Person,
    Registration,
    Role,
    SessionFormat,
    SessionKind,
)

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

UTC = timezone.utc
PARIS = ZoneInfo("Europe/Paris")


def local(value: datetime, zone: ZoneInfo = PARIS) -> datetime:
    return value.astimezone(zone).replace(tzinfo=None)


@pytest.fixture
def source(db, factory):
    """A published briefing in Paris in winter, with a programme, people and registrations."""
    briefing = factory.briefing(
        slug="winter", title="Winter briefing", tz="Europe/Paris", status=BriefingStatus.PUBLISHED,
        starts_at=datetime(2030, 1, 15, 8, 0, tzinfo=UTC), days=2, venue="Palais",
        city="Paris", summary="About **migration**.", partners="IOM\nFrance", capacity=80,
        approval_required=True, languages="en,fr",
        registration_opens_at=datetime(2030, 1, 1, 8, 0, tzinfo=UTC),
        registration_closes_at=datetime(2030, 1, 14, 17, 0, tzinfo=UTC))
    opening = factory.session(briefing, title="Opening", kind=SessionKind.OPENING,
                              start=datetime(2030, 1, 15, 8, 0, tzinfo=UTC), minutes=45,
                              room="Hall", description="Welcome.")
    opening.objectives = [db.session.get(GCMObjective, 3), db.session.get(GCMObjective, 17)]
    factory.session(briefing, title="Online round table", kind=SessionKind.ROUND_TABLE,
                    start=datetime(2030, 1, 16, 13, 0, tzinfo=UTC), minutes=90, room="Room A",
                    capacity=30, format=SessionFormat.HYBRID,
                    meeting_link="https://meet.example.org/rt", takes_attendance=True)
    db.session.commit()
    factory.link(opening, factory.person(briefing, name="Speaker Person"))
    registration(briefing, name="Registered Person", sessions=[opening])
    factory.user(briefing=briefing, role=Role.SECRETARIAT)
    return briefing


def _clone(client, **data):
    form = {"title": "Summer briefing", "slug": "summer", "start_date": "2030-07-01"}
    form.update(data)
    return client.post("/manage/winter/clone", data=form)


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_cloning_needs_the_organizer_role(client, db, factory, login, source, who):
    sign_in_as(who, factory, login, source)
    assert client.get("/manage/winter/clone").status_code == EXPECTED[who]
    response = _clone(client)
    assert response.status_code == (302 if who in ("anonymous", "organizer", "admin") else 403)
    made = db.session.scalar(sa.select(Briefing).where(Briefing.slug == "summer"))
    assert (made is not None) == (who in ("organizer", "admin"))
    if who == "anonymous":
        assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("who", ROLES)
def test_anyone_signed_in_may_start_from_the_template(client, factory, login, source, who):
    sign_in_as(who, factory, login, source)
    response = client.get("/manage/new/forum-format")
    if who == "anonymous":
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == 200


# ---------------------------------------------------------------- cloning

def test_a_copy_takes_settings_and_programme_but_no_people(client, db, factory, login, source):
    cloner = login(factory.user(briefing=source, role=Role.ORGANIZER))
    response = _clone(client)
    assert response.status_code == 302 and response.headers["Location"] == "/manage/summer/"
    copy = db.session.scalar(sa.select(Briefing).where(Briefing.slug == "summer"))
    assert (copy.title, copy.status) == ("Summer briefing", BriefingStatus.DRAFT)
    for name in ("summary", "partners", "venue", "city", "timezone", "languages", "capacity",
                 "approval_required", "invite_only", "participant_list"):
        assert getattr(copy, name) == getattr(source, name), name
    # Moved by whole days on the Paris clock: 09:00 in winter (UTC+1) stays 09:00 in summer.
    assert local(copy.starts_at) == datetime(2030, 7, 1, 9, 0)
    assert copy.starts_at == datetime(2030, 7, 1, 7, 0, tzinfo=UTC)
    assert local(copy.ends_at) == local(source.ends_at) + timedelta(days=167)
    assert local(copy.registration_opens_at) == datetime(2030, 6, 17, 9, 0)
    assert local(copy.registration_closes_at) == datetime(2030, 6, 30, 18, 0)

    sessions = db.session.scalars(sa.select(BriefingSession).where(
        BriefingSession.briefing_id == copy.id).order_by(BriefingSession.starts_at)).all()
    assert [(s.title, s.kind, local(s.starts_at), local(s.ends_at), s.room) for s in sessions] == [
        ("Opening", SessionKind.OPENING, datetime(2030, 7, 1, 9, 0), datetime(2030, 7, 1, 9, 45),
         "Hall"),
        ("Online round table", SessionKind.ROUND_TABLE, datetime(2030, 7, 2, 14, 0),
         datetime(2030, 7, 2, 15, 30), "Room A")]
    assert sessions[0].description == "Welcome."
    assert [o.number for o in sessions[0].objectives] == [3, 17]
    assert (sessions[1].capacity, sessions[1].format, sessions[1].takes_attendance) == \
        (30, SessionFormat.HYBRID, True)
    assert sessions[1].meeting_link == "https://meet.example.org/rt"

    members = db.session.scalars(sa.select(Membership).where(
        Membership.briefing_id == copy.id)).all()
    assert [(m.user_id, m.role) for m in members] == [(cloner.id, Role.ORGANIZER)]
    for model in (Registration, Person):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model).where(
            model.briefing_id == copy.id)) == 0
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "briefing.clone"))
    assert event.briefing_id == copy.id and event.changes == {"source_briefing": source.id,
                                                              "sessions": 2}
    # The original is untouched.
    assert source.status == BriefingStatus.PUBLISHED
    assert db.session.scalar(sa.select(sa.func.count(BriefingSession.id)).where(
        BriefingSession.briefing_id == source.id)) == 2


def test_a_slug_left_empty_is_made_from_the_title(client, db, factory, login, source):
    login(factory.user(briefing=source, role=Role.ORGANIZER))
    _clone(client, slug="", title="Briefing d’été 2030")
    assert db.session.scalar(sa.select(Briefing.id).where(Briefing.slug == "briefing-dete-2030"))


@pytest.mark.parametrize("data, message", [
    ({"slug": "winter"}, "Another briefing already uses this web address."),
    ({"slug": "Not A Slug"}, "Use lower-case letters, digits and single hyphens (at most 80)."),
    ({"title": ""}, "This field is required."),
    ({"start_date": "1 July"}, "Enter the first day as a date."),
])
def test_bad_input_is_refused_next_to_its_field(client, db, factory, login, source, data,
                                                message):
    login(factory.user(briefing=source, role=Role.ORGANIZER))
    before = db.session.scalar(sa.select(sa.func.count(Briefing.id)))
    response = _clone(client, **data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True).replace("&#39;", "'")
    assert db.session.scalar(sa.select(sa.func.count(Briefing.id))) == before


def test_my_briefings_offers_clone_and_the_template(client, factory, login, source):
    login(factory.user(briefing=source, role=Role.ORGANIZER))
    page = client.get("/manage/").get_data(as_text=True)
    assert 'href="/manage/winter/clone"' in page
    assert 'href="/manage/new/forum-format"' in page
    assert 'href="/manage/new/forum-format"' in client.get("/manage/new").get_data(as_text=True)


def test_secretariat_members_are_not_offered_a_clone(client, factory, login, source):
    login(factory.user(briefing=source, role=Role.SECRETARIAT))
    assert "/manage/winter/clone" not in client.get("/manage/").get_data(as_text=True)


# ---------------------------------------------------------------- the forum format

def _from_template(client, **data):
    form = {"title": "Forum follow-up", "slug": "forum", "start_date": "2030-03-10",
            "timezone": "Africa/Cairo", "days": "2"}
    form.update(data)
    return client.post("/manage/new/forum-format", data=form)


def _programme(db, slug):
    briefing = db.session.scalar(sa.select(Briefing).where(Briefing.slug == slug))
    sessions = db.session.scalars(sa.select(BriefingSession).where(
        BriefingSession.briefing_id == briefing.id).order_by(
        BriefingSession.starts_at, BriefingSession.position)).all()
    return briefing, sessions


@pytest.mark.parametrize("days", [1, 2])
def test_the_forum_format_lays_out_the_forum(client, db, factory, login, days):
    user = login(factory.user())
    response = _from_template(client, days=str(days))
    assert response.status_code == 302 and response.headers["Location"] == "/manage/forum/programme"
    briefing, sessions = _programme(db, "forum")
    assert (briefing.status, briefing.timezone) == (BriefingStatus.DRAFT, "Africa/Cairo")
    kinds = [s.kind for s in sessions]
    assert kinds == [SessionKind.OPENING, SessionKind.HEARING, *[SessionKind.ROUND_TABLE] * 4,
                     SessionKind.POLICY_DEBATE, SessionKind.PLENARY, SessionKind.CLOSING]
    cairo = ZoneInfo("Africa/Cairo")
    assert local(sessions[0].starts_at, cairo) == datetime(2030, 3, 10, 9, 0)
    assert local(briefing.starts_at, cairo) == datetime(2030, 3, 10, 9, 0)
    assert {local(s.starts_at, cairo).date() for s in sessions} == {
        date(2030, 3, 10) + timedelta(days=n) for n in range(days)}
    # Every session inside the briefing, no room used twice at once.
    for s in sessions:
        assert briefing.starts_at <= s.starts_at < s.ends_at <= briefing.ends_at
        assert time(8, 0) <= local(s.starts_at, cairo).time() <= time(18, 0)
    for a in sessions:
        for b in sessions:
            if a.id < b.id and a.room == b.room:
                assert a.ends_at <= b.starts_at or b.ends_at <= a.starts_at, (a.title, b.title)
    # The four round tables share the 23 GCM objectives between them, and take attendance.
    tables = [s for s in sessions if s.kind == SessionKind.ROUND_TABLE]
    numbers = sorted(o.number for s in tables for o in s.objectives)
    assert numbers == list(range(1, 24))
    assert all(s.takes_attendance for s in tables) and all(s.room for s in sessions)
    assert db.session.scalar(sa.select(Membership.role).where(
        Membership.briefing_id == briefing.id, Membership.user_id == user.id)) == Role.ORGANIZER
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.briefing_id == briefing.id))
    assert event.action == "briefing.create" and event.changes["template"] == "forum"


def test_the_template_speaks_the_organizers_language(app, client, db, factory, login):
    from flask_babel import force_locale, gettext

    login(factory.user())
    client.set_cookie("lang", "fr")
    _from_template(client)
    _briefing, sessions = _programme(db, "forum")
    with app.test_request_context(), force_locale("fr"):
        expected = [gettext("Opening"), gettext("Plenary hall")]
    assert [sessions[0].title, sessions[0].room] == expected


@pytest.mark.parametrize("data, message", [
    ({"timezone": "Mars/Olympus"}, "Not a valid choice"),
    ({"days": "3"}, "Not a valid choice"),
    ({"slug": "bad slug"}, "Use lower-case letters"),
    ({"start_date": ""}, "Enter the first day as a date."),
])
def test_the_template_refuses_bad_input(client, db, factory, login, data, message):
    login(factory.user())
    response = _from_template(client, **data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Briefing.id))) == 0
