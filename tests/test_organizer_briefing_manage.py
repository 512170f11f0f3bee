"""The organizer's briefings: settings, life cycle, overview, audit log."""
import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingStatus,
    Membership,
    Registration,
    RegistrationStatus,
    Role,
)

from .organizer_briefings_support import events, settings_form, utc
from .organizer_briefings_support import draft, organizer  # noqa: F401 - fixtures


# ------------------------------------------------------------------ settings

def test_settings_show_times_in_the_briefings_timezone(client, draft):
    page = client.get("/manage/draft-briefing/settings").get_data(as_text=True)
    assert 'value="2030-06-20T10:00"' in page  # 07:00 UTC is 10:00 in Cairo's summer
    assert '<option selected value="Africa/Cairo">' in page or \
        'value="Africa/Cairo" selected' in page


def test_update_settings_records_changed_fields(client, db, draft):
    response = client.post("/manage/draft-briefing/settings", data=settings_form(
        draft, title="New title", venue="Cairo ICC", invite_only="y"))
    assert response.status_code == 302
    db.session.refresh(draft)
    assert draft.title == "New title" and draft.venue == "Cairo ICC" and draft.invite_only
    assert draft.starts_at == utc(2030, 6, 20, 7)  # untouched times stay exactly as they were
    [event] = events(db, "briefing.update")
    assert event.changes == {"title": True, "venue": True, "invite_only": True}


def test_saving_unchanged_settings_writes_no_audit_event(client, db, draft):
    client.post("/manage/draft-briefing/settings", data=settings_form(draft))
    assert events(db, "briefing.update") == []


def test_slug_can_change_while_draft(client, db, draft):
    response = client.post("/manage/draft-briefing/settings",
                           data=settings_form(draft, slug="renamed"))
    assert response.headers["Location"] == "/manage/renamed/settings"
    assert db.session.scalar(sa.select(Briefing.slug)) == "renamed"


def test_slug_is_fixed_once_published(client, db, factory, organizer):
    briefing = factory.briefing(slug="public-one", status=BriefingStatus.PUBLISHED)
    db.session.add(Membership(user=organizer, briefing=briefing, role=Role.ORGANIZER))
    db.session.commit()
    page = client.get("/manage/public-one/settings").get_data(as_text=True)
    assert "readonly" in page
    response = client.post("/manage/public-one/settings",
                           data=settings_form(briefing, slug="moved"))
    assert "can only change while the briefing is a draft" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Briefing.slug)) == "public-one"


def test_new_dates_must_keep_the_sessions_inside(client, db, factory, draft):
    factory.session(draft, title="Closing plenary", start=utc(2030, 6, 20, 12), minutes=90)
    response = client.post("/manage/draft-briefing/settings",
                           data=settings_form(draft, ends_at="2030-06-20T14:00"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="ends_at-error"' in page
    assert "“Closing plenary” (Jun 20, 2030, 15:00 EEST)" in page
    db.session.refresh(draft)
    assert draft.ends_at == utc(2030, 6, 20, 14)


def test_new_timezone_must_keep_the_sessions_inside(client, db, factory, draft):
    factory.session(draft, title="Opening", start=utc(2030, 6, 20, 7), minutes=60)
    # Casablanca is on UTC+1 in June: 10:00 there is 09:00 UTC, after the opening has begun.
    response = client.post("/manage/draft-briefing/settings",
                           data=settings_form(draft, timezone="Africa/Casablanca"))
    page = response.get_data(as_text=True)
    assert "“Opening”" in page and 'id="timezone-error"' in page
    db.session.refresh(draft)
    assert draft.timezone == "Africa/Cairo"


def test_settings_page_works_in_arabic(client, draft):
    response = client.get("/manage/draft-briefing/settings", headers={"Accept-Language": "ar"})
    assert response.status_code == 200
    assert 'dir="rtl"' in response.get_data(as_text=True)


# ------------------------------------------------------------------ life cycle

def test_publishing_needs_a_session(client, db, draft):
    response = client.post("/manage/draft-briefing/status/published", follow_redirects=True)
    assert "Add at least one session" in response.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.status == BriefingStatus.DRAFT
    assert events(db, "briefing.status") == []


def test_life_cycle_is_audited(client, db, factory, draft):
    factory.session(draft)
    for target in ("published", "draft", "published", "concluded", "archived"):
        response = client.post(f"/manage/draft-briefing/status/{target}")
        assert response.status_code == 302
        db.session.refresh(draft)
        assert draft.status == BriefingStatus(target)
    steps = [event.changes["status"] for event in events(db, "briefing.status")]
    assert steps == [["draft", "published"], ["published", "draft"], ["draft", "published"],
                     ["published", "concluded"], ["concluded", "archived"]]


@pytest.mark.parametrize("status, target", [
    (BriefingStatus.DRAFT, "concluded"), (BriefingStatus.DRAFT, "archived"),
    (BriefingStatus.PUBLISHED, "archived"), (BriefingStatus.CONCLUDED, "published"),
    (BriefingStatus.ARCHIVED, "draft"), (BriefingStatus.CONCLUDED, "draft"),
])
def test_skipping_or_reversing_steps_is_refused(client, db, factory, draft, status, target):
    factory.session(draft)
    draft.status = status
    db.session.commit()
    response = client.post(f"/manage/draft-briefing/status/{target}", follow_redirects=True)
    assert "cannot move from this status to that one" in response.get_data(as_text=True)
    db.session.refresh(draft)
    assert draft.status == status


def test_unknown_status_is_404(client, draft):
    assert client.post("/manage/draft-briefing/status/deleted").status_code == 404


def test_status_change_by_get_is_not_allowed(client, db, factory, draft):
    factory.session(draft)
    assert client.get("/manage/draft-briefing/status/published").status_code == 405
    db.session.refresh(draft)
    assert draft.status == BriefingStatus.DRAFT


# ------------------------------------------------------------------ overview

def _registration(briefing, status):
    n = secrets.token_hex(4)
    return Registration(briefing=briefing, full_name=f"Participant {n}",
                        email=f"p{n}@example.org", email_key=f"p{n}@example.org",
                        token=secrets.token_urlsafe(24), ticket_code=n.upper(), status=status)


def test_overview_counts_and_attention(client, db, factory, draft):
    factory.session(draft)
    factory.session(draft, room="Room B")
    statuses = [RegistrationStatus.PENDING] * 2 + [RegistrationStatus.CONFIRMED] * 3 + [
        RegistrationStatus.WAITLISTED]
    db.session.add_all(_registration(draft, status) for status in statuses)
    db.session.add(_registration(factory.briefing(), RegistrationStatus.CONFIRMED))
    db.session.commit()
    page = client.get("/manage/draft-briefing/").get_data(as_text=True)
    assert 'data-status="pending">2<' in page
    assert 'data-status="confirmed">3<' in page
    assert 'data-status="waitlisted">1<' in page
    assert 'data-status="cancelled">0<' in page
    assert ">2</a>" in page  # sessions
    assert "2 registrations wait for a decision." in page
    assert "This briefing is a draft" in page
    assert "Publish" in page


def test_overview_points_at_an_empty_programme(client, draft):
    page = client.get("/manage/draft-briefing/").get_data(as_text=True)
    assert "The programme has no sessions yet" in page


def test_overview_of_an_ended_published_briefing(client, db, factory, organizer):
    briefing = factory.briefing(slug="past", starts_at=utc(2022, 6, 20, 7))
    factory.session(briefing)
    db.session.add(Membership(user=organizer, briefing=briefing, role=Role.ORGANIZER))
    db.session.commit()
    page = client.get("/manage/past/").get_data(as_text=True)
    assert "mark it concluded" in page
    assert "Mark as concluded" in page and "Unpublish" in page


# ------------------------------------------------------------------ audit log

def test_audit_log_shows_who_did_what_newest_first(client, db, factory, draft):
    factory.session(draft)
    client.post("/manage/draft-briefing/settings", data=settings_form(draft, city="Alexandria"))
    client.post("/manage/draft-briefing/status/published")
    page = client.get("/manage/draft-briefing/audit").get_data(as_text=True)
    assert "Olga Organizer" in page
    status_at = page.index("Changed the briefing's status")
    settings_at = page.index("Changed the briefing's settings")
    assert status_at < settings_at
    assert "Draft → Published" in page
    assert "City" in page
    assert all("Alexandria" not in str(event.changes) for event in events(db))


def test_audit_log_is_paginated_and_shows_only_this_briefing(client, db, factory, draft, organizer):
    other = factory.briefing()
    base = utc(2030, 1, 1)
    db.session.add_all(
        AuditEvent(at=base + timedelta(minutes=i), user_id=organizer.id, briefing_id=draft.id,
                   action="briefing.update", object_type="Briefing", object_id=draft.id,
                   changes={"venue": True} if i else {"city": True})
        for i in range(30))
    db.session.add(AuditEvent(briefing_id=other.id, action="briefing.update",
                              object_type="Briefing", object_id=other.id,
                              changes={"summary": True}))
    db.session.commit()
    first = client.get("/manage/draft-briefing/audit").get_data(as_text=True)
    assert first.count("Changed the briefing's settings") == 25
    assert "Page 1 of 2" in first and "Summary" not in first
    second = client.get("/manage/draft-briefing/audit?page=2").get_data(as_text=True)
    assert second.count("Changed the briefing's settings") == 5
    assert "City" in second and "City" not in first
    assert client.get("/manage/draft-briefing/audit?page=99").status_code == 200
    assert client.get("/manage/draft-briefing/audit?page=abc").status_code == 200


def test_larger_capacity_in_settings_promotes_the_waiting_list(client, db, draft):
    draft.status = BriefingStatus.PUBLISHED
    draft.capacity = 1
    confirmed = _registration(draft, RegistrationStatus.CONFIRMED)
    waiting = _registration(draft, RegistrationStatus.WAITLISTED)
    db.session.add_all([confirmed, waiting])
    db.session.commit()
    response = client.post("/manage/draft-briefing/settings",
                           data=settings_form(draft, capacity="2", city="Giza"))
    assert response.status_code == 302
    db.session.expire_all()
    assert draft.capacity == 2 and draft.city == "Giza"
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [e.changes for e in events(db, "briefing.update")] == [{"city": True}]
    assert [e.changes for e in events(db, "briefing.capacity")] == [{"capacity": [1, 2]}]


def test_overview_links_to_the_other_areas(client, draft):
    page = client.get("/manage/draft-briefing/").get_data(as_text=True)
    assert 'href="/manage/draft-briefing/programme"' in page
    assert 'href="/manage/draft-briefing/registrations"' in page
    assert 'href="/b/draft-briefing"' not in page  # a draft has no public page yet
