"""The organizer's briefings: the list of my briefings, creating one and its rules."""
import pytest
import sqlalchemy as sa

from briefings.models import Briefing, BriefingStatus, Membership, ParticipantListVisibility, Role

from .organizer_briefings_support import events, new_briefing_form, utc
from .organizer_briefings_support import organizer  # noqa: F401 - fixtures


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
