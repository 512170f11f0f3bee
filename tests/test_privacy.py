"""Personal data: the registrant's copy and erasure, retention, the public list, who sees what."""
import json
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Briefing,
    OutboxMessage,
    OutboxStatus,
    ParticipantListVisibility,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
)
from briefings.services import privacy, registrations

from .security_support import SENSITIVE_NEEDS, build_world, client_for, rules_to_walk, url_for_rule
from .organizer_briefings_support import settings_form


def _register(briefing, name, email, **fields):
    details = registrations.Details(full_name=name, email=email, organization="Org",
                                    country="TN", **fields)
    return registrations.register(briefing.id, details).registration


def _fresh(db, registration_id) -> Registration:
    db.session.expire_all()
    return db.session.get(Registration, registration_id)


# --- the registrant's copy ----------------------------------------------------------------------

def test_a_registrant_downloads_everything_held_about_them(client, factory):
    world = build_world()
    response = client.get(f"/r/{world.token}/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.get_data(as_text=True))
    person = data["registration"]
    assert person["full_name"] == "Amina Registrant"
    assert person["email"] == "amina@example.org"
    assert person["accessibility_needs"] == SENSITIVE_NEEDS
    assert person["gender"] == "woman"
    assert person["status"] == "confirmed"
    assert [s["title"] for s in data["sessions"]] == ["Multi-stakeholder hearing"]
    assert data["emails"] and data["emails"][0]["to"] == "amina@example.org"
    assert data["history"][0]["to"] == "confirmed"
    # Nobody else's data is in it.
    assert "walkin@example.org" not in response.get_data(as_text=True)


def test_the_private_page_offers_download_and_erasure(client, factory):
    world = build_world()
    page = client.get(f"/r/{world.token}").get_data(as_text=True)
    assert f"/r/{world.token}/data.json" in page
    assert f"/r/{world.token}/erase" in page


# --- erasure -------------------------------------------------------------------------------------

def test_erasure_asks_first_and_changes_nothing_until_confirmed(client, db, factory):
    world = build_world()
    page = client.get(f"/r/{world.token}/erase").get_data(as_text=True)
    assert "Yes, erase my data" in page
    assert "your seat goes to the next person" in page
    assert _fresh(db, world.registration.id).full_name == "Amina Registrant"


def test_erasing_before_the_briefing_cancels_frees_the_seat_and_blanks_the_person(client, db,
                                                                                   factory):
    briefing = factory.briefing(capacity=1)
    session = factory.session(briefing)
    group = factory.group("academia")
    person = _register(briefing, "Nadia Erased", "nadia@example.org", gender="woman",
                       accessibility_needs="Wheelchair access", stakeholder_group_id=group.id,
                       position="Researcher", list_consent=True, session_ids=[session.id])
    waiting = _register(briefing, "Omar Waiting", "omar@example.org")
    assert person.status == RS.CONFIRMED and waiting.status == RS.WAITLISTED
    token = person.token

    response = client.post(f"/r/{token}/erase")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/b/{briefing.slug}")

    erased = _fresh(db, person.id)
    assert erased.full_name == privacy.ERASED_NAME
    assert "nadia" not in erased.email and erased.email.endswith(".invalid")
    assert (erased.organization, erased.position, erased.accessibility_needs) == ("", "", "")
    assert erased.gender is None and erased.list_consent is False
    assert erased.anonymized_at is not None
    # What the figures are made of stays.
    assert erased.stakeholder_group_id == group.id and erased.country == "TN"
    assert erased.status == RS.CANCELLED
    assert {seat.status for seat in erased.seats} == {SeatStatus.RELEASED}
    # The seat went to the waiting list, who is told so.
    assert _fresh(db, waiting.id).status == RS.CONFIRMED
    assert db.session.scalar(sa.select(OutboxMessage).where(
        OutboxMessage.registration_id == waiting.id, OutboxMessage.kind == "promoted"))
    # The old link is dead, and the e-mails sent to the person are emptied and not sent.
    assert client.get(f"/r/{token}").status_code == 404
    mails = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.registration_id == person.id)).all()
    assert mails
    for mail in mails:
        assert (mail.to_address, mail.subject, mail.body_text) == ("", "", "")
        assert mail.status != OutboxStatus.PENDING
    # The audit log says what happened, without saying who.
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "registration.erase"))
    assert event.object_id == person.id
    text = json.dumps(event.changes)
    assert "Nadia" not in text and "nadia@" not in text and "Wheelchair" not in text


def test_erasing_after_the_briefing_keeps_status_and_attendance(db, factory):
    briefing = factory.briefing(starts_at=datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc))
    person = _register(briefing, "Late Eraser", "late@example.org")
    person.checked_in_at = briefing.starts_at + timedelta(minutes=5)
    db.session.commit()
    after = briefing.ends_at + timedelta(days=3)
    privacy.erase_registration(person.id, now=after)
    erased = _fresh(db, person.id)
    assert erased.status == RS.CONFIRMED
    assert erased.checked_in_at is not None
    assert erased.full_name == privacy.ERASED_NAME


def test_erasing_twice_is_refused_politely(db, factory):
    world = build_world()
    privacy.erase_registration(world.registration.id)
    with pytest.raises(privacy.PrivacyError):
        privacy.erase_registration(world.registration.id)


# --- retention ------------------------------------------------------------------------------------

def _ended(factory, slug, days_ago, retention_days):
    now = datetime.now(timezone.utc)
    # One day long, ended ``days_ago`` days (and an hour) ago.
    briefing = factory.briefing(slug=slug, starts_at=now - timedelta(days=days_ago + 1),
                                retention_days=retention_days)
    from briefings.extensions import db
    db.session.add(Registration(
        briefing=briefing, full_name=f"Person of {slug}", email=f"{slug}@example.org",
        email_key=f"{slug}@example.org", token=f"token-{slug}-{'q' * 30}",
        ticket_code=f"T{slug[:6]}", status=RS.CONFIRMED, country="EG",
        accessibility_needs="Hearing loop"))
    db.session.commit()
    return briefing


def test_purge_expired_anonymizes_only_briefings_past_their_retention(app, db, factory):
    _ended(factory, "old-one", days_ago=400, retention_days=365)
    _ended(factory, "recent-one", days_ago=100, retention_days=365)
    _ended(factory, "kept-one", days_ago=4000, retention_days=None)
    _ended(factory, "short-one", days_ago=10, retention_days=7)

    result = app.test_cli_runner().invoke(args=["purge-expired", "--dry-run"])
    assert result.exit_code == 0
    assert "old-one" in result.output and "short-one" in result.output
    assert "recent-one" not in result.output and "kept-one" not in result.output
    assert db.session.scalar(sa.select(sa.func.count(Registration.id)).where(
        Registration.anonymized_at.is_not(None))) == 0

    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "2 registration(s) anonymized in 2 briefing(s)" in result.output
    db.session.expire_all()
    names = dict(db.session.execute(
        sa.select(Briefing.slug, Registration.full_name).join(Briefing)).all())
    assert names["old-one"] == names["short-one"] == privacy.ERASED_NAME
    assert names["recent-one"] == "Person of recent-one"
    assert names["kept-one"] == "Person of kept-one"
    kept = db.session.scalar(sa.select(Registration).join(Briefing).where(
        Briefing.slug == "old-one"))
    assert kept.country == "EG" and kept.status == RS.CONFIRMED and kept.accessibility_needs == ""
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "registration.purge"))
    assert event.changes["count"] == 1

    again = app.test_cli_runner().invoke(args=["purge-expired"])
    assert "0 registration(s) anonymized" in again.output


def test_organizers_set_the_retention_period_in_the_settings(app, db, factory):
    world = build_world()
    client = client_for(app, world, "organizer")
    briefing = world.briefing
    assert 'name="retention_days"' in client.get("/manage/imrf/settings").get_data(as_text=True)
    new_form = client.get("/manage/new").get_data(as_text=True)
    assert 'name="retention_days"' in new_form and 'value="365"' in new_form  # offered default
    response = client.post("/manage/imrf/settings", data=settings_form(briefing,
                                                                         retention_days="30"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Briefing, briefing.id).retention_days == 30
    response = client.post("/manage/imrf/settings", data=settings_form(briefing,
                                                                         retention_days="0"))
    assert response.status_code == 200
    assert 'id="retention_days-error"' in response.get_data(as_text=True)
    client.post("/manage/imrf/settings", data=settings_form(briefing, retention_days=""))
    db.session.expire_all()
    assert db.session.get(Briefing, briefing.id).retention_days is None


# --- the public participant list ------------------------------------------------------------------

def test_the_participant_list_shows_consenting_confirmed_people_only(client, db, factory):
    world = build_world()
    briefing = world.briefing
    _register(briefing, "Shy Person", "shy@example.org", list_consent=False)
    pending = _register(briefing, "Pending Person", "pending@example.org", list_consent=True)
    pending.status = RS.PENDING
    db.session.commit()
    page = client.get("/b/imrf/participants").get_data(as_text=True)
    assert "Amina Registrant" in page and "Civic Forum" in page
    assert "Shy Person" not in page and "Pending Person" not in page
    assert SENSITIVE_NEEDS not in page and "Woman" not in page
    assert "amina@example.org" not in page
    privacy.erase_registration(world.registration.id)
    assert "Amina" not in client.get("/b/imrf/participants").get_data(as_text=True)


def test_the_participant_list_is_absent_unless_the_briefing_shows_it(client, db, factory):
    world = build_world()
    assert "/b/imrf/participants" in client.get("/b/imrf").get_data(as_text=True)
    world.briefing.participant_list = ParticipantListVisibility.HIDDEN
    db.session.commit()
    assert client.get("/b/imrf/participants").status_code == 404
    assert "/b/imrf/participants" not in client.get("/b/imrf").get_data(as_text=True)
    draft = factory.briefing(slug="drafted", participant_list=ParticipantListVisibility.PUBLIC,
                             status="draft")
    assert draft and client.get("/b/drafted/participants").status_code == 404


# --- who sees the sensitive fields ----------------------------------------------------------------

def test_secretariat_pages_never_show_accessibility_needs_or_gender(app, factory):
    world = build_world()
    secretariat = client_for(app, world, "secretariat")
    seen = 0
    for rule, methods in rules_to_walk(app):
        if "GET" not in methods or not rule.endpoint.startswith(
                ("secretariat.", "outcomes.", "pledges.", "organizer.index")):
            continue
        if rule.rule.endswith(".pdf"):
            continue
        response = secretariat.get(url_for_rule(rule, world))
        if response.status_code != 200:
            continue
        seen += 1
        text = response.get_data(as_text=True)
        assert SENSITIVE_NEEDS not in text, rule.endpoint
        assert "Woman" not in text and "Gender" not in text, rule.endpoint
    assert seen > 15
    # The organizers do see them, on the registration's page.
    organizer = client_for(app, world, "organizer")
    page = organizer.get(f"/manage/imrf/registrations/{world.registration.id}")
    assert SENSITIVE_NEEDS in page.get_data(as_text=True)


# --- access to personal data is audited -------------------------------------------------------------

def _events(db, action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                              .order_by(AuditEvent.id)).all()


def test_views_and_exports_of_personal_data_are_audited_without_personal_values(app, db,
                                                                                factory):
    world = build_world()
    client = client_for(app, world, "organizer")
    organizer = world.users["organizer"]
    assert client.get("/manage/imrf/registrations?q=Amina").status_code == 200
    assert client.get(f"/manage/imrf/registrations/{world.registration.id}").status_code == 200
    assert client.get("/manage/imrf/registrations.csv").status_code == 200
    views = _events(db, "personal_data.view")
    assert [(e.object_type, e.changes["what"]) for e in views] == [
        ("Briefing", "registrations"), ("Registration", "registration")]
    assert views[1].object_id == world.registration.id
    exports = _events(db, "personal_data.export")
    assert [e.changes["what"] for e in exports] == ["registrations.csv"]
    for event in views + exports:
        assert event.user_id == organizer.id and event.briefing_id == world.briefing.id
        text = json.dumps(event.changes)
        assert "Amina" not in text and "amina@" not in text
