"""A registrant on the waiting list sees their place in line on their private page."""
from datetime import timedelta

import pytest

from briefings.models import RegistrationStatus as RS, SessionFormat, utcnow
from briefings.services import registrations as svc


def details(n, **extra):
    return svc.Details(full_name=f"Person {n}", email=f"person{n}@example.org", **extra)


def status_text(client, registration, language="en") -> str:
    with client.application.app_context():  # its own context, as when served: its own language
        html = client.get(f"/r/{registration.token}",
                          headers={"Accept-Language": language}).get_data(as_text=True)
    start = html.index('id="status-heading"')
    return " ".join(html[start:html.index("</section>", start)].split())


@pytest.fixture
def full(factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), capacity=1)
    return b, [svc.register(b.id, details(n)).registration for n in range(4)]


def test_the_line_is_first_come_first_served(client, full):
    _briefing, regs = full
    assert [r.status for r in regs] == [RS.CONFIRMED] + [RS.WAITLISTED] * 3
    assert "You are next in line." in status_text(client, regs[1])
    assert "You are number 2 in line." in status_text(client, regs[2])
    assert "You are number 3 in line." in status_text(client, regs[3])
    assert "in line" not in status_text(client, regs[0])


def test_people_leaving_the_line_move_the_others_up(client, db, full):
    _briefing, regs = full
    svc.cancel_by_registrant(regs[2].id)
    assert "You are number 2 in line." in status_text(client, regs[3])
    svc.cancel_by_registrant(regs[0].id)  # a place comes free: the next in line takes it
    db.session.expire_all()
    assert regs[1].status == RS.CONFIRMED
    assert "You are next in line." in status_text(client, regs[3])
    assert "in line" not in status_text(client, regs[2])  # cancelled


def test_each_attendance_mode_has_its_own_line(client, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), format=SessionFormat.HYBRID,
                         meeting_link="https://meet.example.org/imrf", capacity=1,
                         online_capacity=1)
    room = [svc.register(b.id, details(n, attendance_mode="in_person")).registration
            for n in range(3)]
    online = [svc.register(b.id, details(10 + n, attendance_mode="online")).registration
              for n in range(2)]
    assert "You are number 2 in line." in status_text(client, room[2])
    assert "You are next in line." in status_text(client, online[1])


def test_the_place_in_line_is_said_in_the_page_language(client, full):
    _briefing, regs = full
    assert "Vous êtes en position 3 sur la liste d'attente." in status_text(client, regs[3], "fr")
    assert "ترتيبك في قائمة الانتظار: 3." in status_text(client, regs[3], "ar")
