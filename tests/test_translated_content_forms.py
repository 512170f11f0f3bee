"""The organizers' side of translated content: settings and session forms, audit, cloning."""
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.i18n import to_local_input
from briefings.models import (
    AuditEvent, Briefing, BriefingSession, BriefingStatus, BriefingTranslation, Membership, Role,
    SessionTranslation,
)
from briefings.services.cloning import clone_briefing

UTC = timezone.utc


@pytest.fixture
def organizer(factory, login):
    return login(factory.user(name="Olga Organizer"))


@pytest.fixture
def briefing(db, factory, organizer):
    b = factory.briefing(slug="multi", title="Briefing on migration", summary="In English.",
                         status=BriefingStatus.DRAFT, languages="en,fr,ar",
                         starts_at=datetime(2030, 6, 20, 7, tzinfo=UTC))
    db.session.add(Membership(user=organizer, briefing=b, role=Role.ORGANIZER))
    db.session.commit()
    return b


@pytest.fixture
def session(factory, briefing):
    return factory.session(briefing, title="Opening session", description="Welcome.")


def settings_form(briefing: Briefing, **overrides) -> dict:
    """The settings form as the page fills it in, with ``overrides``."""
    def local(value):
        return to_local_input(value, briefing.timezone).strftime("%Y-%m-%dT%H:%M") if value else ""
    data = {
        "title": briefing.title, "slug": briefing.slug, "summary": briefing.summary,
        "partners": "", "venue": "", "city": "", "timezone": briefing.timezone,
        "starts_at": local(briefing.starts_at), "ends_at": local(briefing.ends_at),
        "languages": briefing.language_list, "main_language": briefing.main_language,
        "participant_list": briefing.participant_list.value,
        "title_fr": "", "summary_fr": "", "title_ar": "", "summary_ar": "",
    }
    data.update(overrides)
    return data


def session_form(session: BriefingSession, **overrides) -> dict:
    tz = session.briefing.timezone
    data = {
        "kind": session.kind.value, "title": session.title, "description": session.description,
        "starts_at": to_local_input(session.starts_at, tz).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": to_local_input(session.ends_at, tz).strftime("%Y-%m-%dT%H:%M"),
        "room": session.room, "capacity": "", "format": "in_person", "meeting_link": "",
        "position": "0", "title_fr": "", "description_fr": "", "title_ar": "",
        "description_ar": "",
    }
    data.update(overrides)
    return data


def save_settings(client, briefing, **overrides):
    return client.post("/manage/multi/settings", data=settings_form(briefing, **overrides))


def save_session(client, session, **overrides):
    return client.post(f"/manage/multi/programme/{session.id}",
                       data=session_form(session, **overrides))


def stored(db, model=BriefingTranslation) -> dict:
    db.session.expire_all()
    return {row.language: row for row in db.session.scalars(sa.select(model))}


# --- the settings page ----------------------------------------------------------------------

def test_settings_offer_a_title_and_summary_for_each_other_language(client, briefing):
    html = client.get("/manage/multi/settings").get_data(as_text=True)
    assert 'name="title_fr"' in html and 'name="summary_ar"' in html
    assert 'name="title_en"' not in html  # English is the main language
    assert 'id="title_ar"' in html and 'lang="ar"' in html and 'dir="rtl"' in html
    assert "Title (\u2068العربية\u2069)" in html
    assert "Main language" in html


def test_settings_save_and_clear_translations(db, client, briefing):
    response = save_settings(client, briefing, title_fr="Réunion sur les migrations",
                             summary_fr="En **français**.", title_ar="إحاطة بشأن الهجرة")
    assert response.status_code == 302
    rows = stored(db)
    assert rows["fr"].title == "Réunion sur les migrations" and rows["fr"].summary
    assert rows["ar"].title == "إحاطة بشأن الهجرة" and rows["ar"].summary == ""
    html = client.get("/manage/multi/settings").get_data(as_text=True)
    assert 'value="Réunion sur les migrations"' in html
    response = save_settings(client, briefing, title_fr="  ", summary_fr="",
                             title_ar="إحاطة بشأن الهجرة")
    assert response.status_code == 302
    assert set(stored(db)) == {"ar"}  # nothing left in French: the row goes
    assert db.session.get(Briefing, briefing.id).title_in("fr") == "Briefing on migration"


def test_changed_translations_are_audited_with_their_language(db, client, briefing):
    save_settings(client, briefing, title_fr="Réunion")
    event = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "briefing.update")).one()
    assert event.changes == {"title.fr": True}
    html = client.get("/manage/multi/audit").get_data(as_text=True)
    assert "Title (Français)" in html
    response = save_settings(client, briefing, title_fr="Réunion")
    assert "Nothing was changed." in client.get(response.headers["Location"]).get_data(
        as_text=True)


def test_removing_a_language_keeps_its_translations(db, client, briefing):
    save_settings(client, briefing, title_ar="إحاطة بشأن الهجرة")
    save_settings(client, briefing, languages=["en", "fr"], title_ar="إحاطة بشأن الهجرة")
    html = client.get("/manage/multi/settings").get_data(as_text=True)
    assert 'name="title_ar"' not in html
    assert stored(db)["ar"].title == "إحاطة بشأن الهجرة"
    save_settings(client, db.session.get(Briefing, briefing.id), languages=["en", "fr", "ar"])
    assert "إحاطة بشأن الهجرة" in client.get("/manage/multi/settings").get_data(as_text=True)


def test_the_main_language_comes_first(db, client, briefing):
    response = save_settings(client, briefing, main_language="ar", languages=["en", "ar"])
    assert response.status_code == 302
    saved = db.session.get(Briefing, briefing.id)
    db.session.refresh(saved)
    assert saved.languages == "ar,en" and saved.main_language == "ar"
    html = client.get("/manage/multi/settings").get_data(as_text=True)
    assert 'name="title_en"' in html and 'name="title_ar"' not in html


def test_a_main_language_not_offered_is_refused(db, client, briefing):
    response = save_settings(client, briefing, main_language="ar", languages=["en", "fr"])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="main_language-error"' in html and "Offer the main language too" in html
    assert db.session.get(Briefing, briefing.id).languages == "en,fr,ar"


@pytest.mark.parametrize("hostile, expected", [
    ("\u202eevil\u202c", "evil\u202c"),  # the override is removed on entry
    ("a\x00b", "ab"),
    ("é" * 300, None),
])
def test_hostile_titles_give_messages_not_errors(db, client, briefing, hostile, expected):
    response = save_settings(client, briefing, title_ar=hostile, summary_ar="x" * 20000)
    assert response.status_code in (200, 302)
    if expected is None:
        html = response.get_data(as_text=True)
        assert 'id="title_ar-error"' in html
        assert stored(db) == {}
    else:
        assert stored(db)["ar"].title == expected


# --- the session form -----------------------------------------------------------------------

def test_session_form_saves_and_clears_translations(db, client, session):
    html = client.get(f"/manage/multi/programme/{session.id}").get_data(as_text=True)
    assert 'name="description_ar"' in html and 'dir="rtl"' in html
    response = save_session(client, session, title_fr="Séance inaugurale",
                            title_ar="الجلسة الافتتاحية", description_ar="كلمة ترحيب.")
    assert response.status_code == 302
    rows = stored(db, SessionTranslation)
    assert rows["fr"].title == "Séance inaugurale" and rows["ar"].description == "كلمة ترحيب."
    event = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "session.update")).one()
    assert set(event.changes) == {"title.fr", "title.ar", "description.ar"}
    save_session(client, session, title_ar="الجلسة الافتتاحية")
    assert set(stored(db, SessionTranslation)) == {"ar"}


def test_a_new_session_can_have_its_translations(db, client, briefing):
    response = client.post("/manage/multi/programme/new", data={
        "kind": "opening", "title": "Opening", "starts_at": "2030-06-20T10:00",
        "ends_at": "2030-06-20T11:00", "room": "Hall", "format": "in_person", "position": "0",
        "title_fr": "Ouverture"})
    assert response.status_code == 302
    assert stored(db, SessionTranslation)["fr"].title == "Ouverture"


def test_a_too_long_session_title_is_a_message(db, client, session):
    response = save_session(client, session, title_fr="T" * 201)
    assert response.status_code == 200
    assert 'id="title_fr-error"' in response.get_data(as_text=True)
    assert stored(db, SessionTranslation) == {}


# --- cloning --------------------------------------------------------------------------------

@pytest.mark.parametrize("title, copied_title", [
    ("Briefing on migration", "Réunion"), ("Briefing on migration, 2031", "")])
def test_a_copy_keeps_the_translations(db, organizer, briefing, session, title, copied_title):
    briefing.translations = [BriefingTranslation(language="fr", title="Réunion",
                                                 summary="En français.")]
    session.translations = [SessionTranslation(language="ar", title="الجلسة الافتتاحية")]
    db.session.commit()
    copy = clone_briefing(briefing, title=title, slug="copy", first_day=date(2031, 6, 20),
                          actor=organizer)
    assert [(t.language, t.title, t.summary) for t in copy.translations] == [
        ("fr", copied_title, "En français.")]
    assert copy.sessions[0].title_in("ar") == "الجلسة الافتتاحية"
