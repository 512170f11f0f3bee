"""Who may reach the organizer's pages: organizers of the briefing and admins, nobody else."""
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from briefings.models import AuditEvent, BriefingSession, BriefingStatus, Role, SessionPerson

PAGES = [
    "/manage/{slug}/",
    "/manage/{slug}/settings",
    "/manage/{slug}/programme",
    "/manage/{slug}/programme/new",
    "/manage/{slug}/programme/{session}",
    "/manage/{slug}/programme/{session}/delete",
    "/manage/{slug}/people",
    "/manage/{slug}/people/{person}",
    "/manage/{slug}/audit",
]

ACTIONS = [
    ("/manage/{slug}/status/published", {}),
    ("/manage/{slug}/settings", {"title": "Hijacked"}),
    ("/manage/{slug}/programme/new", {"kind": "panel", "title": "Hijacked"}),
    ("/manage/{slug}/programme/{session}", {"kind": "panel", "title": "Hijacked"}),
    ("/manage/{slug}/programme/{session}/delete", {}),
    ("/manage/{slug}/programme/{session}/people", {"add-role": "speaker", "add-name": "X"}),
    ("/manage/{slug}/programme/{session}/people/{link}/remove", {}),
    ("/manage/{slug}/programme/{session}/people/{link}/down", {}),
    ("/manage/{slug}/people", {"name": "Hijacked"}),
    ("/manage/{slug}/people/{person}", {"name": "Hijacked"}),
]


@pytest.fixture
def world(factory):
    briefing = factory.briefing(slug="imrf-outcomes", status=BriefingStatus.DRAFT)
    session = factory.session(briefing, title="Opening")
    person = factory.person(briefing, name="Carmela Godeau")
    link = factory.link(session, person)
    factory.link(session, factory.person(briefing, name="Second speaker"))
    other = factory.briefing(slug="other-briefing")
    return {
        "briefing": briefing,
        "ids": {"slug": briefing.slug, "session": session.id, "person": person.id,
                "link": link.id},
        "users": {
            "organizer": factory.user(briefing=briefing, role=Role.ORGANIZER),
            "secretariat": factory.user(briefing=briefing, role=Role.SECRETARIAT),
            "other_organizer": factory.user(briefing=other, role=Role.ORGANIZER),
            "no_role": factory.user(),
            "admin": factory.user(is_admin=True),
        },
    }


def _sign_in(login, world, who):
    if who != "anonymous":
        login(world["users"][who])


def _assert_sent_to_sign_in(response, path):
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/login"
    assert path in target.query.replace("%2F", "/")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("no_role", 403), ("other_organizer", 403), ("secretariat", 403),
    ("organizer", 200), ("admin", 200),
])
def test_briefing_pages(client, login, world, page, who, expected):
    _sign_in(login, world, who)
    path = page.format(**world["ids"])
    response = client.get(path)
    assert response.status_code == expected
    if who == "anonymous":
        _assert_sent_to_sign_in(response, path)


@pytest.mark.parametrize("action, data", ACTIONS)
@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("other_organizer", 403), ("secretariat", 403),
])
def test_changes_are_refused_to_others(client, login, db, world, action, data, who, expected):
    _sign_in(login, world, who)
    path = action.format(**world["ids"])
    response = client.post(path, data=data)
    assert response.status_code == expected
    if who == "anonymous":
        _assert_sent_to_sign_in(response, path)
    db.session.expire_all()
    assert world["briefing"].status == BriefingStatus.DRAFT
    assert world["briefing"].title != "Hijacked"
    assert db.session.scalar(sa.select(sa.func.count(BriefingSession.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(SessionPerson.id))) == 2
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 0


@pytest.mark.parametrize("path", ["/manage/", "/manage/new"])
def test_pages_without_a_briefing_need_sign_in(client, path):
    response = client.get(path)
    _assert_sent_to_sign_in(response, path)


@pytest.mark.parametrize("who", ["no_role", "secretariat", "organizer", "admin"])
def test_any_staff_user_may_start_a_briefing(client, login, world, who):
    _sign_in(login, world, who)
    assert client.get("/manage/new").status_code == 200


def test_unknown_briefing_is_404(client, login, world):
    login(world["users"]["admin"])
    assert client.get("/manage/no-such-briefing/").status_code == 404


def test_anonymous_cannot_learn_which_briefings_exist(client, world):
    assert client.get("/manage/no-such-briefing/").status_code == 302


def test_session_of_another_briefing_is_404(client, login, factory, world):
    other = factory.briefing(slug="third")
    foreign = factory.session(other)
    foreign_person = factory.person(other)
    login(world["users"]["organizer"])
    assert client.get(f"/manage/imrf-outcomes/programme/{foreign.id}").status_code == 404
    assert client.post(f"/manage/imrf-outcomes/programme/{foreign.id}/delete").status_code == 404
    assert client.get(f"/manage/imrf-outcomes/people/{foreign_person.id}").status_code == 404


def test_link_of_another_session_is_404(client, login, factory, world):
    second = factory.session(world["briefing"], room="Room B")
    login(world["users"]["organizer"])
    link = world["ids"]["link"]
    response = client.post(f"/manage/imrf-outcomes/programme/{second.id}/people/{link}/remove")
    assert response.status_code == 404
