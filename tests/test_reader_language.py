"""Languages beyond the interface: history reasons, the translations' legend, the demo's texts.

The reasons the application writes in a registration's history are shown in
the reader's language, those a person typed as typed. The catalogs are
translated after the code is merged, so a fixture gives the Arabic catalog a
stand-in for each reason it does not translate yet: the pages must show what
``gettext`` answers in Arabic, and that is not the English text.
"""
import json
from datetime import timedelta

import pytest
from flask_babel import force_locale, get_translations, gettext, refresh
from markupsafe import escape

from briefings.caching import clear_all
from briefings.demo import load_demo
from briefings.demo.translations_data import FOLLOW_UP_SESSION_TEXTS, FOLLOW_UP_TEXTS
from briefings.models import (
    Registration,
    RegistrationStatus as RS,
    Role,
    StatusChange,
    SystemReason,
    utcnow,
)
from briefings.services import privacy, registrations as svc

MSGIDS = {
    SystemReason.REGISTERED_ONLINE: "Registered online",
    SystemReason.PROMOTED: "Promoted from the waiting list",
    SystemReason.CANCELLED_BY_REGISTRANT: "Cancelled by the registrant",
    SystemReason.ERASED: "Personal data erased at the registrant's request",
    SystemReason.MODE_WITH_ROOM: "Switched to an attendance mode with places left",
}
STAND_INS = {
    SystemReason.REGISTERED_ONLINE: "التسجيل عبر الإنترنت",
    SystemReason.PROMOTED: "النقل من قائمة الانتظار",
    SystemReason.CANCELLED_BY_REGISTRANT: "ألغاه صاحب التسجيل",
    SystemReason.ERASED: "محو البيانات الشخصية بناءً على طلب صاحب التسجيل",
    SystemReason.MODE_WITH_ROOM: "الانتقال إلى طريقة حضور لا تزال فيها أماكن شاغرة",
}
TYPED = "Ne peut pas venir — place rendue"  # an organizer's own words, in French


@pytest.fixture
def arabic(app, monkeypatch) -> dict[SystemReason, str]:
    """Each system reason as ``gettext`` gives it in Arabic (a stand-in where none exists yet)."""
    with app.test_request_context(), force_locale("ar"):
        catalog = get_translations()
        if not hasattr(catalog, "_catalog"):
            monkeypatch.setattr(catalog, "_catalog", {}, raising=False)
        for code, msgid in MSGIDS.items():
            if not catalog._catalog.get(msgid):
                monkeypatch.setitem(catalog._catalog, msgid, STAND_INS[code])
        texts = {code: gettext(msgid) for code, msgid in MSGIDS.items()}
    assert all(texts[code] != msgid for code, msgid in MSGIDS.items())
    return texts


def in_language(app, language: str, msgid: str) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(msgid)


def choose(client, language: str) -> None:
    """Pick the language with the site's switcher, as a visitor does."""
    assert client.post("/language", data={"language": language, "next": "/"}).status_code == 302
    refresh()  # the test's requests share one app context, where Babel keeps the language


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.get_data(as_text=True)


def details(n: int, **extra) -> svc.Details:
    return svc.Details(full_name=f"Person {n}", email=f"person{n}@example.org",
                       organization="Org", country="TN", **extra)


@pytest.fixture
def briefing(factory):
    now = utcnow()
    return factory.briefing(slug="imrf", capacity=1, starts_at=now + timedelta(days=30),
                            registration_opens_at=now - timedelta(days=1))


@pytest.fixture
def organizer(factory, briefing):
    return factory.user(briefing=briefing, role=Role.ORGANIZER, name="Olga Organizer")


@pytest.fixture
def promoted(db, briefing, organizer):
    """The first registrant cancelled by the organizer, with a typed reason; the second promoted."""
    first = svc.register(briefing.id, details(1)).registration
    second = svc.register(briefing.id, details(2)).registration
    assert second.status == RS.WAITLISTED
    svc.change_status(first.id, RS.CANCELLED, actor=organizer, reason=TYPED)
    db.session.expire_all()
    return db.session.get(Registration, first.id), db.session.get(Registration, second.id)


def legacy(db, briefing, text: str) -> Registration:
    """A registration whose history was written by an earlier version, in English."""
    reg = Registration(briefing=briefing, full_name="Earlier Person", email="earlier@example.org",
                       email_key="earlier@example.org", token="legacy-" + "x" * 40,
                       ticket_code="LEGACY01", status=RS.CONFIRMED)
    reg.history.append(StatusChange(from_status=None, to_status=RS.CONFIRMED, reason=text))
    db.session.add(reg)
    db.session.commit()
    return reg


# --- what is stored ------------------------------------------------------------------------------

def test_the_application_stores_a_code_and_a_person_the_words_they_typed(promoted):
    first, second = promoted
    assert first.history[0].reason == "system:registered-online"
    assert first.history[-1].reason == TYPED and first.history[-1].system_reason is None
    assert [c.system_reason for c in second.history] == [
        SystemReason.REGISTERED_ONLINE, SystemReason.PROMOTED]


def test_a_typed_reason_cannot_pass_for_the_application_s(db, briefing, organizer):
    reg = svc.register(briefing.id, svc.Details(
        full_name="Typed Person", email="typed@example.org", organization="IOM")).registration
    svc.change_status(reg.id, RS.CANCELLED, actor=organizer, reason="system:erased-on-request")
    db.session.expire_all()
    last = db.session.get(Registration, reg.id).history[-1]
    assert last.system_reason is None
    assert last.reason.strip() == "system:erased-on-request"  # shown as typed


def test_the_english_texts_of_earlier_versions_are_known_again(db, briefing):
    for text, code in [("registered online", SystemReason.REGISTERED_ONLINE),
                       ("promoted from the waiting list", SystemReason.PROMOTED),
                       ("cancelled by the registrant", SystemReason.CANCELLED_BY_REGISTRANT),
                       ("erased at the registrant's request", SystemReason.ERASED),
                       ("moved to an attendance mode with room", SystemReason.MODE_WITH_ROOM)]:
        assert StatusChange(reason=text).system_reason == code
    for typed in ("", "Registered online because the chair asked", "system:unknown-code"):
        assert StatusChange(reason=typed).system_reason is None


def test_a_registrant_who_cancels_leaves_the_application_s_reason(db, briefing):
    reg = svc.register(briefing.id, details(1)).registration
    svc.cancel_by_registrant(reg.id)
    db.session.expire_all()
    assert (db.session.get(Registration, reg.id).history[-1].system_reason
            == SystemReason.CANCELLED_BY_REGISTRANT)


# --- what readers see -----------------------------------------------------------------------------

def test_the_organizer_reads_the_application_s_reasons_in_arabic_and_typed_ones_as_typed(
        app, client, login, organizer, promoted, arabic):
    first, second = promoted
    login(organizer)
    choose(client, "ar")
    html = page(client, f"/manage/imrf/registrations/{second.id}")
    assert arabic[SystemReason.REGISTERED_ONLINE] in html
    assert arabic[SystemReason.PROMOTED] in html
    assert "Registered online" not in html and "registered online" not in html
    html = page(client, f"/manage/imrf/registrations/{first.id}")
    assert str(escape(TYPED)) in html


def test_an_old_english_reason_is_shown_in_the_reader_s_language(
        app, client, login, db, briefing, organizer, arabic):
    reg = legacy(db, briefing, "registered online")
    login(organizer)
    choose(client, "ar")
    html = page(client, f"/manage/imrf/registrations/{reg.id}")
    assert arabic[SystemReason.REGISTERED_ONLINE] in html and "registered online" not in html
    choose(client, "fr")
    html = page(client, f"/manage/imrf/registrations/{reg.id}")
    assert str(escape(in_language(app, "fr", "Registered online"))) in html


def test_the_registrant_s_copy_of_their_data_gives_the_reason_in_their_language_and_its_code(
        client, promoted, arabic):
    first, second = promoted
    choose(client, "ar")
    history = json.loads(page(client, f"/r/{second.token}/data.json"))["history"]
    assert [(h["reason"], h["reason_code"]) for h in history] == [
        (arabic[SystemReason.REGISTERED_ONLINE], "registered-online"),
        (arabic[SystemReason.PROMOTED], "promoted-from-waiting-list")]
    history = json.loads(page(client, f"/r/{first.token}/data.json"))["history"]
    assert (history[-1]["reason"], history[-1]["reason_code"]) == (TYPED, None)


def test_erasure_blanks_typed_reasons_and_keeps_the_application_s(db, briefing, organizer):
    reg = svc.register(briefing.id, details(1)).registration
    privacy.erase_registration(reg.id)
    db.session.expire_all()
    history = db.session.get(Registration, reg.id).history
    assert [c.system_reason for c in history] == [SystemReason.REGISTERED_ONLINE,
                                                  SystemReason.ERASED]
    waiting = svc.register(briefing.id, details(2)).registration
    svc.change_status(waiting.id, RS.CANCELLED, actor=organizer, reason="Known to Olga")
    privacy.erase_registration(waiting.id)
    db.session.expire_all()
    assert [c.reason for c in db.session.get(Registration, waiting.id).history] == [
        "system:registered-online", ""]


# --- the legend over a briefing's texts in another language --------------------------------------

@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_translations_legend_names_the_language_without_inflecting_it(
        app, client, login, briefing, organizer, language):
    login(organizer)
    choose(client, language)
    html = page(client, "/manage/imrf/settings")
    with app.test_request_context(), force_locale(language):
        before = gettext("Language: %(language)s", language="\0").split("\0")[0]
    for other, name in [("fr", "Français"), ("ar", "العربية")]:
        assert f'{escape(before)}<span lang="{other}"' in html
        assert f">{name}</span></legend>" in html
    assert "En <span" not in html and "In <span" not in html


# --- the demo's follow-up briefing in French and Arabic ------------------------------------------

@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_visitor_reads_the_demo_follow_up_in_french_or_arabic(db, client, factory, language):
    load_demo(factory.user(email="organizer@example.org"))
    clear_all()
    choose(client, language)
    html = page(client, "/b/imrf-follow-up-briefing")
    title, _summary = FOLLOW_UP_TEXTS[language]
    assert str(escape(title)) in html
    for texts in FOLLOW_UP_SESSION_TEXTS.values():
        assert str(escape(texts[language][0])) in html
    assert "From Pledges to Practice" not in html


def test_every_session_of_the_demo_follow_up_has_both_translations(db, factory):
    briefings = {b.slug: b for b in load_demo(factory.user(email="organizer@example.org"))}
    follow_up = briefings["imrf-follow-up-briefing"]
    assert {t.language for t in follow_up.translations} == {"fr", "ar"}
    assert len(follow_up.sessions) == len(FOLLOW_UP_SESSION_TEXTS)
    for session in follow_up.sessions:
        texts = {t.language: t for t in session.translations}
        assert set(texts) == {"fr", "ar"}, session.title
        assert all(t.title.strip() and t.description.strip() for t in texts.values())
