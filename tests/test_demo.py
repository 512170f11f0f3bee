"""The demo data: the seed's concluded briefing and an upcoming follow-up, loaded in one go."""
import re
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.demo import load_demo
from briefings.models import (
    Briefing, BriefingStatus, Membership, PersonRole, Registration, RegistrationStatus, Role,
    SessionKind, utcnow,
)

TICKET = re.compile(r"^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$")


@pytest.fixture
def demo(db, factory):
    organizer = factory.user(email="organizer@example.org")
    briefings = load_demo(organizer)
    return organizer, {b.slug: b for b in briefings}


def registrations(db, briefing):
    query = sa.select(Registration).where(Registration.briefing_id == briefing.id)
    return db.session.scalars(query).all()


def test_two_briefings_are_loaded(demo, db):
    _, by_slug = demo
    assert db.session.scalar(sa.select(sa.func.count(Briefing.id))) == 2
    imrf = by_slug["imrf-outcomes-briefing-2022"]
    assert imrf.title == ("Regional Partners Briefing on the Outcomes of the International "
                          "Migration Review Forum")
    assert imrf.status == BriefingStatus.CONCLUDED
    assert imrf.timezone == "Africa/Cairo" and imrf.city == "Cairo"
    assert imrf.starts_at == datetime(2022, 6, 20, 7, 0, tzinfo=timezone.utc)  # 09:00 in Cairo
    assert imrf.language_list == ["en", "fr", "ar"]
    assert imrf.partner_list == ["IOM Regional Office for the Middle East and North Africa",
                                 "Government of Egypt"]


def test_seed_speakers_hold_the_roles_they_had(demo):
    _, by_slug = demo
    sessions = {s.kind: s for s in by_slug["imrf-outcomes-briefing-2022"].sessions}
    opening = [p.name for p in sessions[SessionKind.OPENING].people_in(PersonRole.SPEAKER)]
    assert opening == ["Carmela Godeau", "Neveen El Hosseiny"]
    society = next(s for s in by_slug["imrf-outcomes-briefing-2022"].sessions
                   if "Whole-of-society" in s.title)
    assert "Ayman Zohry" in [p.name for p in society.people_in(PersonRole.SPEAKER)]
    kinds = Counter(s.kind for s in by_slug["imrf-outcomes-briefing-2022"].sessions)
    assert kinds[SessionKind.ROUND_TABLE] == 2 and kinds[SessionKind.POLICY_DEBATE] == 1
    assert all(s.objectives for s in by_slug["imrf-outcomes-briefing-2022"].sessions)


def test_sessions_lie_inside_their_briefing_without_room_clashes(demo):
    _, by_slug = demo
    for briefing in by_slug.values():
        sessions = briefing.sessions
        assert len(sessions) >= 5
        for i, s in enumerate(sessions):
            assert briefing.starts_at <= s.starts_at < s.ends_at <= briefing.ends_at
            for other in sessions[i + 1:]:
                if other.room == s.room:
                    assert other.ends_at <= s.starts_at or s.ends_at <= other.starts_at


def test_concluded_briefing_has_a_realistic_crowd(demo, db):
    _, by_slug = demo
    regs = registrations(db, by_slug["imrf-outcomes-briefing-2022"])
    assert 80 <= len(regs) <= 120
    statuses = Counter(r.status for r in regs)
    assert statuses[RegistrationStatus.CONFIRMED] > len(regs) * 0.7
    assert statuses[RegistrationStatus.CANCELLED] and statuses[RegistrationStatus.DECLINED]
    groups = Counter(r.stakeholder_group.code for r in regs)
    assert {"diplomatic", "government", "un_system", "civil_society", "academia"} <= set(groups)
    assert len({r.country for r in regs}) >= 10 and "EG" in {r.country for r in regs}
    assert all(re.fullmatch(r"[A-Z]{2}", r.country) for r in regs)
    assert all(r.email.endswith("@example.org") for r in regs)
    assert len({r.email_key for r in regs}) == len(regs)
    confirmed = [r for r in regs if r.status == RegistrationStatus.CONFIRMED]
    assert sum(1 for r in confirmed if r.checked_in_at) > len(confirmed) / 2
    assert all(r.seats for r in confirmed)
    assert all(r.history and r.history[-1].to_status == r.status for r in regs)
    assert {r.language for r in regs} == {"en", "fr", "ar"}


def test_tickets_and_tokens_are_unique(demo, db):
    regs = db.session.scalars(sa.select(Registration)).all()
    assert all(TICKET.match(r.ticket_code) for r in regs)
    for briefing_id in {r.briefing_id for r in regs}:
        codes = [r.ticket_code for r in regs if r.briefing_id == briefing_id]
        assert len(set(codes)) == len(codes)
    assert len({r.token for r in regs}) == len(regs)
    assert all(len(r.token) >= 32 for r in regs)


def test_follow_up_is_open_for_registration(demo, db):
    _, by_slug = demo
    follow_up = by_slug["imrf-follow-up-briefing"]
    assert follow_up.status == BriefingStatus.PUBLISHED
    assert follow_up.registration_open()
    assert follow_up.capacity == 150
    assert timedelta(weeks=5) < follow_up.starts_at - utcnow() < timedelta(weeks=7)
    assert follow_up.registration_closes_at < follow_up.starts_at
    kinds = {s.kind for s in follow_up.sessions}
    assert {SessionKind.HEARING, SessionKind.ROUND_TABLE, SessionKind.POLICY_DEBATE,
            SessionKind.PLENARY} <= kinds
    regs = registrations(db, follow_up)
    assert 1 <= len(regs) <= 30
    assert all(r.created_at <= utcnow() for r in regs)


def test_organizer_runs_both(demo, db):
    organizer, by_slug = demo
    query = sa.select(Membership).where(Membership.user_id == organizer.id)
    roles = {(m.briefing_id, m.role) for m in db.session.scalars(query)}
    assert roles == {(b.id, Role.ORGANIZER) for b in by_slug.values()}


def test_public_pages_of_both_render_with_their_sessions(demo, client):
    _, by_slug = demo
    home = client.get("/").get_data(as_text=True)
    for slug, briefing in by_slug.items():
        assert briefing.title in home
        response = client.get(f"/b/{slug}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for session in briefing.sessions:
            assert session.title in html
        assert "meet.example.org" not in html
        assert client.get(f"/b/{slug}/agenda.ics").status_code == 200


def test_same_names_every_time(db, factory):
    """The demo is deterministic: loading it again gives the same people."""
    first = load_demo(factory.user())
    names = sorted(r.full_name for r in db.session.scalars(sa.select(Registration)))
    for briefing in first:
        db.session.delete(briefing)
    db.session.commit()
    load_demo(factory.user())
    assert sorted(r.full_name for r in db.session.scalars(sa.select(Registration))) == names


def test_cli_loads_the_demo_once(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "imrf-outcomes-briefing-2022" in result.output
    again = runner.invoke(args=["demo", "--if-empty"])
    assert "demo not loaded" in again.output
