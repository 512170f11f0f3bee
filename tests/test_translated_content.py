"""A briefing's and its sessions' texts in each language offered, with the main one as fallback.

The readers' side: the fallback rules, every page a participant reads, e-mails,
calendars, certificates, feeds and the API (the organizers' forms are in
test_translated_content_forms.py).
"""
import base64
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import refresh
from icalendar import Calendar

from briefings.caching import clear_all
from briefings.content import localized
from briefings.i18n import LTR_ISOLATE, POP_ISOLATE
from briefings.models import (
    BriefingTranslation, OutboxMessage, ParticipantListVisibility, SessionTranslation, utcnow,
)
from briefings.services import certificates

EN_TITLE, FR_TITLE, AR_TITLE = "Briefing on migration", "Réunion sur les migrations", \
    "إحاطة بشأن الهجرة"
EN_SESSION, FR_SESSION, AR_SESSION = "Opening session", "Séance inaugurale", \
    "الجلسة الافتتاحية"


@pytest.fixture
def briefing(db, factory):
    """Offered in English (main), French and Arabic; the Arabic summary is left blank."""
    now = utcnow()
    b = factory.briefing(slug="multi", title=EN_TITLE, summary="The English summary.",
                         starts_at=now + timedelta(days=20), languages="en,fr,ar",
                         registration_opens_at=now - timedelta(days=1),
                         participant_list=ParticipantListVisibility.PUBLIC)
    b.translations = [
        BriefingTranslation(language="fr", title=FR_TITLE, summary="Le résumé français."),
        BriefingTranslation(language="ar", title=AR_TITLE, summary="   "),
    ]
    session = factory.session(b, title=EN_SESSION, description="Welcome by the hosts.")
    session.translations = [
        SessionTranslation(language="fr", title=FR_SESSION, description="Accueil des hôtes."),
        SessionTranslation(language="ar", title=AR_SESSION, description=""),
    ]
    db.session.commit()
    clear_all()
    return b


def choose(client, language: str) -> None:
    """Pick the language with the site's switcher, as a visitor does."""
    response = client.post("/language", data={"language": language, "next": "/"})
    assert response.status_code == 302
    refresh()  # the test's requests share one app context, where Babel keeps the language


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.get_data(as_text=True)


# --- the rules ------------------------------------------------------------------------------

def test_a_translation_is_shown_in_its_language_and_the_main_text_elsewhere(briefing):
    session = briefing.sessions[0]
    assert briefing.main_language == "en"
    assert briefing.title_in("fr") == FR_TITLE and briefing.title_in("ar") == AR_TITLE
    assert briefing.title_in("en") == EN_TITLE and briefing.title_in(None) == EN_TITLE
    assert session.title_in("ar") == AR_SESSION
    assert session.description_in("fr") == "Accueil des hôtes."


def test_a_blank_translation_falls_back_to_the_main_language(briefing):
    assert briefing.summary_in("ar") == "The English summary."  # blank but for spaces
    assert briefing.sessions[0].description_in("ar") == "Welcome by the hosts."
    text = localized(briefing, "summary", "ar")
    assert (text.lang, text.dir) == ("en", "ltr")
    assert localized(briefing, "title", "ar").dir == "rtl"


def test_a_language_no_longer_offered_is_kept_but_not_shown(db, briefing):
    briefing.languages = "en,fr"
    db.session.commit()
    assert briefing.title_in("ar") == EN_TITLE
    assert briefing.translation("ar").title == AR_TITLE  # still stored
    briefing.languages = "en,fr,ar"
    db.session.commit()
    assert briefing.title_in("ar") == AR_TITLE


def test_the_first_language_offered_is_the_main_one(db, briefing):
    briefing.languages = "fr,en"
    db.session.commit()
    assert briefing.main_language == "fr"
    assert briefing.title_in("fr") == EN_TITLE  # the main text, whatever the stored rows
    assert briefing.title_in("ar") == EN_TITLE  # Arabic is not offered
    assert localized(briefing, "title", "ar").lang == "fr"


# --- pages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("language, title, session", [
    ("en", EN_TITLE, EN_SESSION), ("fr", FR_TITLE, FR_SESSION), ("ar", AR_TITLE, AR_SESSION)])
def test_public_pages_show_the_briefing_in_the_chosen_language(client, briefing, language, title,
                                                               session):
    choose(client, language)
    assert title in page(client, "/")
    html = page(client, "/b/multi")
    assert f"<title>{title}" in html and title in html and session in html
    for address in ("/b/multi/register", "/b/multi/participants", "/b/multi/outcomes",
                    "/b/multi/pledges", "/b/multi/coverage"):
        assert title in page(client, address), address
    assert session in page(client, "/b/multi/register")


def test_french_page_shows_the_french_summary_and_description(client, briefing):
    choose(client, "fr")
    html = page(client, "/b/multi")
    assert "Le résumé français." in html and "Accueil des hôtes." in html
    assert "The English summary." not in html


def test_arabic_page_marks_english_fallback_text_left_to_right(client, briefing):
    choose(client, "ar")
    html = page(client, "/b/multi")
    assert '<html lang="ar" dir="rtl"' in html
    assert f'<h1 class="mb-2" dir="auto">{AR_TITLE}</h1>' in html
    # The summary and the description have no Arabic: English, marked as such.
    assert '<div lang="en" dir="ltr"><p>The English summary.</p>' in html
    assert 'class="session-description" lang="en" dir="ltr"' in html


def test_english_page_marks_arabic_main_text_right_to_left(db, client, briefing):
    briefing.languages = "ar,en"  # Arabic first: the main language
    briefing.title = AR_TITLE
    db.session.commit()
    choose(client, "en")
    html = page(client, "/b/multi/register")
    assert f'<span lang="ar" dir="rtl">{AR_TITLE}</span>' in html  # in "Register for …"


def test_translations_are_served_at_once_after_a_change(db, client, briefing):
    choose(client, "fr")
    assert FR_SESSION in page(client, "/b/multi")
    briefing.sessions[0].translation("fr").title = "Première séance"
    db.session.commit()
    assert "Première séance" in page(client, "/b/multi")
    assert "Première séance" in page(client, "/b/multi/agenda.ics").replace("\r\n ", "")


def _register(client, briefing, language: str) -> str:
    from tests.factories import group
    response = client.post("/b/multi/register", data={
        "full_name": "Amina Haddad", "email": f"amina-{language}@example.org",
        "organization": "Migrant Voices", "position": "Director",
        "stakeholder_group": str(group("civil_society").id), "country": "JO",
        "language": language,
        "sessions": [str(s.id) for s in briefing.sessions], "list_consent": "y"})
    assert response.status_code == 302
    return response.headers["Location"].split("?")[0]


def test_private_page_shows_the_session_in_the_page_language(client, briefing):
    address = _register(client, briefing, "fr")
    choose(client, "ar")
    html = page(client, address)
    assert AR_TITLE in html and AR_SESSION in html


@pytest.mark.parametrize("language, title, session", [
    ("fr", FR_TITLE, FR_SESSION), ("ar", AR_TITLE, AR_SESSION), ("en", EN_TITLE, EN_SESSION)])
def test_emails_are_in_the_registrants_language(db, client, briefing, language, title,
                                                session):
    choose(client, "en")  # the page's language does not matter
    _register(client, briefing, language)
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert title in mail.subject
    assert title in mail.body_text and session in mail.body_text
    ics = next(a for a in mail.attachments if a["filename"].endswith(".ics"))
    # The attached calendar too, whatever language the page that registered them was in.
    assert _events(base64.b64decode(ics["data"])) == [session]


def test_an_english_fallback_in_an_arabic_email_is_isolated(db, client, briefing):
    briefing.translation("ar").title = ""
    db.session.commit()
    _register(client, briefing, "ar")
    mail = db.session.scalar(sa.select(OutboxMessage))
    assert f"{LTR_ISOLATE}{EN_TITLE}{POP_ISOLATE}" in mail.subject


def _events(data: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(data).walk("VEVENT")]


def test_public_calendar_follows_lang_or_the_visitor(client, briefing):
    assert _events(client.get("/b/multi/agenda.ics?lang=ar").data) == [AR_SESSION]
    assert _events(client.get("/b/multi/agenda.ics?lang=xx").data) == [EN_SESSION]
    choose(client, "fr")
    assert _events(client.get("/b/multi/agenda.ics").data) == [FR_SESSION]
    calendar = Calendar.from_ical(client.get("/b/multi/agenda.ics?lang=ar").data)
    assert str(calendar["NAME"]) == AR_TITLE


def test_personal_calendar_is_in_the_registrants_language(client, briefing):
    address = _register(client, briefing, "ar")
    choose(client, "fr")
    assert _events(client.get(address + "/calendar.ics").data) == [AR_SESSION]


def test_certificate_is_in_the_participants_language(db, client, briefing):
    _register(client, briefing, "fr")
    from briefings.models import Registration
    registration = db.session.scalar(sa.select(Registration))
    registration.checked_in_at = utcnow()
    db.session.commit()
    html = certificates.certificate_html(registration)
    assert FR_TITLE in html and FR_SESSION in html and EN_TITLE not in html


def test_feed_title_follows_the_visitor(client, briefing):
    choose(client, "ar")
    assert f"<title>{AR_TITLE}</title>" in page(client, "/b/multi/feed.atom")


# --- API ------------------------------------------------------------------------------------

def test_api_gives_the_main_title_and_the_translations(client, briefing):
    data = client.get("/api/v1/briefings/multi").get_json()
    assert data["title"] == EN_TITLE and data["main_language"] == "en"
    assert data["translations"] == {
        "fr": {"title": FR_TITLE, "summary": "Le résumé français."},
        "ar": {"title": AR_TITLE, "summary": "The English summary."}}
    listed = client.get("/api/v1/briefings").get_json()["items"][0]
    assert listed["translations"]["fr"]["title"] == FR_TITLE
    session = client.get("/api/v1/briefings/multi/sessions").get_json()["items"][0]
    assert session["title"] == EN_SESSION
    assert session["translations"] == {
        "fr": {"title": FR_SESSION, "description": "Accueil des hôtes."},
        "ar": {"title": AR_SESSION, "description": "Welcome by the hosts."}}


def test_api_offers_no_translations_for_a_single_language(db, client, briefing):
    briefing.languages = "en"
    db.session.commit()
    assert client.get("/api/v1/briefings/multi").get_json()["translations"] == {}


# --- query counts ---------------------------------------------------------------------------

@pytest.mark.parametrize("address", ["/", "/b/multi", "/b/multi/register", "/b/multi/agenda.ics",
                                     "/api/v1/briefings", "/api/v1/briefings/multi/sessions"])
def test_translated_pages_cost_the_same_queries_for_more_sessions(db, client, factory, briefing,
                                                                  count_queries, address):
    choose(client, "fr")

    def cost():
        clear_all()
        db.session.commit()
        with count_queries() as counter:
            assert client.get(address).status_code == 200
        return counter.count

    few = cost()
    for hour in range(1, 6):
        added = factory.session(briefing, title=f"Session {hour}", room=f"Room {hour}",
                                start=briefing.starts_at + timedelta(hours=hour))
        added.translations = [SessionTranslation(language="fr", title=f"Séance {hour}")]
        other = factory.briefing(languages="en,fr")
        other.translations = [BriefingTranslation(language="fr", title=f"Réunion {hour}")]
    db.session.commit()
    assert cost() == few
