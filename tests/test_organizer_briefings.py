"""The organizer's briefings: list, create, settings, life cycle, overview, audit log."""
import secrets
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.i18n import to_local_input
from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingStatus,
    Membership,
    ParticipantListVisibility,
    Registration,
    RegistrationStatus,
    Role,
)

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def new_briefing_form(**overrides) -> dict:
    """A valid "new briefing" submission: the IMRF outcomes briefing in Cairo."""
    data = {
        "title": "Regional briefing on the IMRF outcomes",
        "slug": "imrf-outcomes",
        "summary": "A briefing on the **Progress Declaration**.",
        "partners": "IOM MENA regional office\n\n  Government of Egypt  \n",
        "venue": "Fairmont Nile City",
        "city": "Cairo",
        "timezone": "Africa/Cairo",
        "starts_at": "2022-06-20T09:00",
        "ends_at": "2022-06-20T17:00",
        "languages": ["en", "fr", "ar"],
        "registration_opens_at": "2022-06-01T09:00",
        "registration_closes_at": "2022-06-19T18:00",
        "capacity": "120",
        "approval_required": "y",
        "participant_list": "public",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def settings_form(briefing: Briefing, **overrides) -> dict:
    """The settings form of ``briefing`` as the page shows it, with ``overrides``."""
    tz = briefing.timezone

    def local(value):
        return to_local_input(value, tz).strftime("%Y-%m-%dT%H:%M") if value else ""

    data = {
        "title": briefing.title, "slug": briefing.slug, "summary": briefing.summary,
        "partners": briefing.partners, "venue": briefing.venue, "city": briefing.city,
        "timezone": tz, "starts_at": local(briefing.starts_at), "ends_at": local(briefing.ends_at),
        "languages": briefing.language_list,
        "registration_opens_at": local(briefing.registration_opens_at),
        "registration_closes_at": local(briefing.registration_closes_at),
        "capacity": "" if briefing.capacity is None else str(briefing.capacity),
        "participant_list": briefing.participant_list.value,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def events(db, action=None):
    query = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return db.session.scalars(query).all()


@pytest.fixture
def organizer(factory, login):
    return login(factory.user(name="Olga Organizer"))


@pytest.fixture
def draft(db, factory, organizer):
    """A one-day draft briefing in Cairo (20 June 2030, 10:00-17:00 local) run by ``organizer``."""
    briefing = factory.briefing(slug="draft-briefing", status=BriefingStatus.DRAFT,
                                starts_at=utc(2030, 6, 20, 7), days=1)
    briefing.ends_at = utc(2030, 6, 20, 14)
    db.session.add(Membership(user=organizer, briefing=briefing, role=Role.ORGANIZER))
    db.session.commit()
    return briefing


# ------------------------------------------------------------------ my briefings

def test_my_briefings_lists_organized_and_secretariat_briefings_with_role(client, db, factory,
                                                                          login):
    mine = factory.briefing(title="Organized by me")
    kept = factory.briefing(title="I keep the records")
    factory.briefing(title="Someone else's")
    user = factory.user(briefing=mine, role=Role.ORGANIZER)
    db.session.add(Membership(user=user, briefing=kept, role=Role.SECRETARIAT))
    db.session.commit()
    login(user)
    page = client.get("/manage/").get_data(as_text=True)
    assert "Organized by me" in page and "I keep the records" in page
    assert "Someone else&#39;s" not in page and "Someone else's" not in page
    assert "Organizer" in page and "Secretariat" in page
    assert f'href="/manage/{mine.slug}/"' in page
    # Secretariat members are not sent to pages that would refuse them.
    assert f'href="/manage/{kept.slug}/"' not in page
    assert 'href="/manage/new"' in page


def test_admin_sees_every_briefing(client, factory, login):
    factory.briefing(title="First one")
    factory.briefing(title="Second one")
    login(factory.user(is_admin=True))
    page = client.get("/manage/").get_data(as_text=True)
    assert "First one" in page and "Second one" in page and "Administrator" in page


def test_my_briefings_when_there_are_none(client, organizer):
    page = client.get("/manage/").get_data(as_text=True)
    assert "You do not organize any briefing yet." in page


# ------------------------------------------------------------------ creating

def test_create_briefing_stores_utc_and_makes_creator_organizer(client, db, organizer):
    response = client.post("/manage/new", data=new_briefing_form())
    assert response.status_code == 302
    assert response.headers["Location"] == "/manage/imrf-outcomes/"
    briefing = db.session.scalar(sa.select(Briefing))
    assert briefing.status == BriefingStatus.DRAFT
    # 20 June 2022 09:00 in Cairo (EET, no summer time that year) is 07:00 UTC.
    assert briefing.starts_at == utc(2022, 6, 20, 7)
    assert briefing.ends_at == utc(2022, 6, 20, 15)
    assert briefing.registration_closes_at == utc(2022, 6, 19, 16)
    assert briefing.languages == "en,fr,ar"
    assert briefing.partner_list == ["IOM MENA regional office", "Government of Egypt"]
    assert briefing.capacity == 120 and briefing.approval_required and not briefing.invite_only
    assert briefing.participant_list == ParticipantListVisibility.PUBLIC
    assert organizer.role_in(briefing.id) == Role.ORGANIZER
    [event] = events(db)
    assert event.action == "briefing.create" and event.user_id == organizer.id
    assert event.briefing_id == briefing.id
    assert {"title", "slug", "starts_at", "timezone"} <= set(event.changes)
    assert all(value is True for value in event.changes.values())


def test_times_follow_summer_time(client, db, organizer):
    """Egypt keeps summer time again since 2023: 09:00 in June 2024 is 06:00 UTC."""
    client.post("/manage/new", data=new_briefing_form(
        starts_at="2024-06-20T09:00", ends_at="2024-06-20T17:00",
        registration_opens_at="2024-01-15T09:00", registration_closes_at="2024-06-19T18:00"))
    briefing = db.session.scalar(sa.select(Briefing))
    assert briefing.starts_at == utc(2024, 6, 20, 6)
    # In winter the same wall-clock time is two hours ahead of UTC.
    assert briefing.registration_opens_at == utc(2024, 1, 15, 7)
    page = client.get("/manage/imrf-outcomes/").get_data(as_text=True)
    assert "09:00 EEST" in page


def test_time_skipped_by_the_clocks_is_refused(client, db, organizer):
    # Cairo's clocks jumped from 00:00 to 01:00 on 26 April 2024.
    response = client.post("/manage/new", data=new_briefing_form(
        starts_at="2024-04-26T00:30", ends_at="2024-04-26T17:00",
        registration_opens_at="", registration_closes_at=""))
    assert response.status_code == 200
    assert "This time does not exist in Africa/Cairo" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Briefing)) is None


def test_slug_is_made_from_the_title_when_left_empty(client, db, organizer):
    client.post("/manage/new", data=new_briefing_form(slug="", title="Café & Migration: 2022!"))
    assert db.session.scalar(sa.select(Briefing.slug)) == "cafe-migration-2022"


@pytest.mark.parametrize("slug", ["Has Spaces", "under_score", "-leading", "trailing-", "a--b",
                                  "ünïcode", "x" * 81])
def test_bad_slug_is_refused_next_to_the_field(client, db, organizer, slug):
    response = client.post("/manage/new", data=new_briefing_form(slug=slug))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="slug-error"' in page
    assert db.session.scalar(sa.select(Briefing)) is None


def test_slug_is_lower_cased(client, db, organizer):
    client.post("/manage/new", data=new_briefing_form(slug="IMRF-Outcomes"))
    assert db.session.scalar(sa.select(Briefing.slug)) == "imrf-outcomes"


def test_slug_must_be_unique(client, db, factory, organizer):
    factory.briefing(slug="imrf-outcomes")
    response = client.post("/manage/new", data=new_briefing_form())
    assert "Another briefing already uses this web address." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Briefing.id))) == 1


@pytest.mark.parametrize("overrides, field, message", [
    ({"ends_at": "2022-06-20T09:00"}, "ends_at", "The briefing must end after it starts."),
    ({"ends_at": "2022-06-19T17:00"}, "ends_at", "The briefing must end after it starts."),
    ({"registration_closes_at": "2022-06-20T17:01"}, "registration_closes_at",
     "Registration must close no later than the briefing ends."),
    ({"registration_opens_at": "2022-06-19T18:00"}, "registration_opens_at",
     "Registration must open before it closes"),
    ({"registration_opens_at": "2022-06-21T09:00", "registration_closes_at": ""},
     "registration_opens_at", "Registration must open before it closes"),
    ({"languages": None}, "languages", "Offer at least one language."),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone", "Choose a timezone from the list."),
    ({"capacity": "-1"}, "capacity", ""),
    ({"starts_at": "not a date"}, "starts_at", ""),
    ({"title": ""}, "title", ""),
])
def test_rules_of_a_briefing(client, db, organizer, overrides, field, message):
    response = client.post("/manage/new", data=new_briefing_form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page
    assert message in page
    assert 'id="error-summary"' in page
    assert db.session.scalar(sa.select(Briefing)) is None


def test_registration_may_close_exactly_when_the_briefing_ends(client, db, organizer):
    client.post("/manage/new", data=new_briefing_form(registration_closes_at="2022-06-20T17:00"))
    assert db.session.scalar(sa.select(Briefing)) is not None


def test_entered_values_are_kept_when_refused(client, organizer):
    page = client.post("/manage/new", data=new_briefing_form(
        ends_at="2022-06-20T08:00")).get_data(as_text=True)
    assert 'value="Regional briefing on the IMRF outcomes"' in page
    assert 'value="2022-06-20T08:00"' in page


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
