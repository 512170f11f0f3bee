"""Every participants route: anonymous -> sign-in, other staff -> 403, organizers and admins in."""
import pytest

from briefings.models import Registration, RegistrationStatus as RS, Role

from .participants_support import EXPECTED, ROLES, registration, sign_in_as


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf")
    session = factory.session(briefing, takes_attendance=True)
    reg = registration(briefing, status=RS.PENDING, sessions=[session])
    return briefing, session, reg


def _get_urls(session, reg):
    return [
        "/manage/imrf/registrations",
        f"/manage/imrf/registrations/{reg.id}",
        "/manage/imrf/registrations.csv",
        "/manage/imrf/checkin",
        "/manage/imrf/checkin/counts.json",
        f"/manage/imrf/checkin/sessions/{session.id}",
    ]


@pytest.mark.parametrize("who", ROLES)
def test_pages_need_the_organizer_role(client, factory, login, place, who):
    briefing, session, reg = place
    sign_in_as(who, factory, login, briefing)
    for url in _get_urls(session, reg):
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


def _post_urls(session, reg):
    return [
        ("/manage/imrf/registrations/bulk", {"ids": [reg.id], "action": "approve"}),
        ("/manage/imrf/registrations/capacity", {"capacity": "10"}),
        (f"/manage/imrf/registrations/{reg.id}/status", {"action": "approve"}),
        (f"/manage/imrf/registrations/{reg.id}/resend", {}),
        ("/manage/imrf/checkin", {"query": reg.ticket_code}),
        (f"/manage/imrf/checkin/{reg.id}", {}),
        (f"/manage/imrf/checkin/{reg.id}/undo", {}),
        (f"/manage/imrf/checkin/sessions/{session.id}", {"query": reg.ticket_code}),
        (f"/manage/imrf/checkin/sessions/{session.id}/attend/{reg.id}", {}),
        (f"/manage/imrf/checkin/sessions/{session.id}/attend/{reg.id}/undo", {}),
        (f"/manage/imrf/checkin/sessions/{session.id}/walk-in/{reg.id}", {}),
    ]


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "other_organizer"])
def test_changes_are_refused_to_others_and_change_nothing(client, db, factory, login, place,
                                                          who):
    briefing, session, reg = place
    sign_in_as(who, factory, login, briefing)
    for url, data in _post_urls(session, reg):
        response = client.post(url, data=data)
        assert response.status_code == EXPECTED[who], url
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).status == RS.PENDING
    assert briefing.capacity is None


@pytest.mark.parametrize("who", ["organizer", "admin"])
def test_changes_are_allowed_to_organizers_and_admins(client, db, factory, login, place, who):
    briefing, session, reg = place
    sign_in_as(who, factory, login, briefing)
    response = client.post(f"/manage/imrf/registrations/{reg.id}/status",
                           data={"action": "approve"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).status == RS.CONFIRMED


def test_unknown_briefing_and_foreign_registration_are_not_found(client, factory, login, place):
    briefing, session, reg = place
    other = factory.briefing(slug="other")
    login(factory.user(briefing=other, role=Role.ORGANIZER))
    assert client.get("/manage/nope/registrations").status_code == 404
    assert client.get(f"/manage/other/registrations/{reg.id}").status_code == 404
    assert client.post(f"/manage/other/checkin/{reg.id}").status_code == 404
    assert client.get(f"/manage/other/checkin/sessions/{session.id}").status_code == 404


def test_a_session_without_attendance_has_no_desk(client, factory, login, place):
    briefing, _, _ = place
    plain = factory.session(briefing, takes_attendance=False)
    login(factory.user(briefing=briefing, role=Role.ORGANIZER))
    assert client.get(f"/manage/imrf/checkin/sessions/{plain.id}").status_code == 404
