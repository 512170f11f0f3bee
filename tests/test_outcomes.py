"""Outcome documents: drafting with revisions and conflicts, translations, publication, the public pages, PDFs."""
import re
import zlib

import pytest
import sqlalchemy as sa

from briefings.models import (
    ActionItem,
    ActionStatus,
    AuditEvent,
    BriefingStatus,
    OutcomeDocument,
    OutcomeKind,
    OutcomeRevision,
    OutcomeStatus,
    Role,
)
from briefings.services import outcomes
from briefings.services.outcomes import DocumentData

EXPECTED = {"anonymous": 302, "other_organizer": 403, "secretariat": 200, "organizer": 200,
            "admin": 200}


def sign_in_as(who: str, factory, login, briefing):
    """Sign in as ``who``: anonymous, other_organizer, secretariat, organizer or admin."""
    if who == "anonymous":
        return None
    if who == "other_organizer":
        return login(factory.user(briefing=factory.briefing(), role=Role.ORGANIZER))
    if who == "admin":
        return login(factory.user(is_admin=True))
    role = Role.SECRETARIAT if who == "secretariat" else Role.ORGANIZER
    return login(factory.user(briefing=briefing, role=role))


def make_document(briefing, *, title="Chair's Summary", language="en", body="First text.",
                  kind=OutcomeKind.CHAIRS_SUMMARY, objectives=(5, 6), publish=False, actor=None):
    """A saved document (published if asked) made through the service."""
    doc = outcomes.create(briefing, DocumentData(kind=kind, title=title, language=language,
                                                 body=body, objectives=list(objectives)),
                          actor=actor)
    if publish:
        outcomes.publish(doc, actor=actor)
    return doc


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF, counted in its plain and its compressed (object stream) parts."""
    texts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            texts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text)) for text in texts)


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing)
    return briefing, doc


# --- permissions ------------------------------------------------------------------------------

@pytest.mark.parametrize("who", list(EXPECTED))
def test_staff_pages_need_the_records_permission(client, factory, login, place, who):
    briefing, doc = place
    sign_in_as(who, factory, login, briefing)
    for url in ["/manage/imrf/outcomes", "/manage/imrf/outcomes/new",
                f"/manage/imrf/outcomes/{doc.id}", f"/manage/imrf/outcomes/{doc.id}/edit",
                f"/manage/imrf/outcomes/{doc.id}/history", f"/manage/imrf/outcomes/{doc.id}/diff",
                f"/manage/imrf/outcomes/{doc.id}/translate", "/manage/imrf/outcomes/coverage"]:
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("who", ["anonymous", "other_organizer"])
def test_changes_are_refused_to_outsiders_and_change_nothing(client, db, factory, login, place,
                                                             who):
    briefing, doc = place
    item = outcomes.add_action(doc, outcomes.ActionData(what="Do it"))
    sign_in_as(who, factory, login, briefing)
    posts = [
        ("/manage/imrf/outcomes/new", {"kind": "key_messages", "title": "X", "language": "en"}),
        (f"/manage/imrf/outcomes/{doc.id}/edit", {"base_version": "1", "title": "Changed",
                                                  "body": "Changed"}),
        (f"/manage/imrf/outcomes/{doc.id}/translate", {"language": "fr", "title": "T"}),
        (f"/manage/imrf/outcomes/{doc.id}/publish", {}),
        (f"/manage/imrf/outcomes/{doc.id}/actions", {"what": "More", "status": "open"}),
        (f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/status", {"status": "done"}),
        (f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/delete", {}),
    ]
    for url, data in posts:
        assert client.post(url, data=data).status_code == EXPECTED[who], url
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(OutcomeDocument.id))) == 1
    doc = db.session.get(OutcomeDocument, doc.id)
    assert (doc.title, doc.version, doc.status) == ("Chair's Summary", 1, OutcomeStatus.DRAFT)
    assert [(i.what, i.status) for i in doc.action_items] == [("Do it", ActionStatus.OPEN)]


@pytest.mark.parametrize("who", ["secretariat", "organizer", "admin"])
def test_changes_are_allowed_to_the_briefings_records_keepers(client, db, factory, login, place,
                                                               who):
    briefing, doc = place
    sign_in_as(who, factory, login, briefing)
    assert client.post(f"/manage/imrf/outcomes/{doc.id}/publish").status_code == 302
    db.session.expire_all()
    assert db.session.get(OutcomeDocument, doc.id).status == OutcomeStatus.PUBLISHED


def test_unknown_briefing_and_another_briefings_document_are_not_found(client, factory, login,
                                                                       place):
    briefing, doc = place
    other = factory.briefing(slug="other")
    sign_in_as("organizer", factory, login, other)
    assert client.get("/manage/nowhere/outcomes").status_code == 404
    assert client.get(f"/manage/other/outcomes/{doc.id}").status_code == 404
    assert client.post(f"/manage/other/outcomes/{doc.id}/publish").status_code == 404


# --- creating and editing ---------------------------------------------------------------------

def test_creating_a_document_makes_a_draft_with_a_slug_and_its_first_revision(client, db, factory,
                                                                             login):
    briefing = factory.briefing(slug="imrf")
    user = sign_in_as("secretariat", factory, login, briefing)
    response = client.post("/manage/imrf/outcomes/new", data={
        "kind": "key_messages", "title": "Key Messages: Égalité & Rights!", "language": "en",
        "body": "## One\n\nText.", "objectives": ["5", "23"]})
    assert response.status_code == 302
    doc = db.session.scalar(sa.select(OutcomeDocument))
    assert response.headers["Location"].endswith(f"/manage/imrf/outcomes/{doc.id}")
    assert (doc.slug, doc.kind, doc.status, doc.version) == (
        "key-messages-egalite-rights", OutcomeKind.KEY_MESSAGES, OutcomeStatus.DRAFT, 1)
    assert [o.number for o in doc.objectives] == [5, 23]
    assert [(r.version, r.body, r.author_id) for r in doc.revisions] == [(1, "## One\n\nText.",
                                                                          user.id)]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "outcome.create"))
    assert event.user_id == user.id and event.object_id == doc.id


def test_slugs_are_unique_per_briefing_and_language(factory):
    briefing = factory.briefing()
    first = make_document(briefing, title="Chair's summary")
    second = make_document(briefing, title="Chair’s Summary")
    french = make_document(briefing, title="Chair's summary", language="fr")
    elsewhere = make_document(factory.briefing(), title="Chair's summary")
    arabic = make_document(briefing, title="موجز الرئاسة", language="ar")
    assert [first.slug, second.slug, french.slug, elsewhere.slug] == [
        "chairs-summary", "chairs-summary-2", "chairs-summary", "chairs-summary"]
    assert arabic.slug == "chairs-summary"  # no Latin letters: named after the kind


def test_a_slug_taken_at_the_same_moment_is_worked_out_again(factory, monkeypatch):
    briefing = factory.briefing()
    make_document(briefing, title="Chair's summary")
    real = outcomes.unique_slug
    calls = []

    def stale_first(briefing_id, language, wanted):
        calls.append(wanted)
        # The first answer is what a concurrent request saw before the other insert landed.
        return "chairs-summary" if len(calls) == 1 else real(briefing_id, language, wanted)

    monkeypatch.setattr(outcomes, "unique_slug", stale_first)
    document = make_document(briefing, title="Chair's summary")
    assert document.slug == "chairs-summary-2" and len(calls) == 2


@pytest.mark.parametrize("data, message", [
    ({"kind": "chairs_summary", "title": "", "language": "en"}, "Give the document a title."),
    ({"kind": "manifesto", "title": "T", "language": "en"}, "Not a valid choice"),
    ({"kind": "chairs_summary", "title": "T", "language": "de"}, "Not a valid choice"),
])
def test_bad_input_is_refused_with_a_message(client, db, factory, login, data, message):
    briefing = factory.briefing(slug="imrf")
    sign_in_as("organizer", factory, login, briefing)
    response = client.post("/manage/imrf/outcomes/new", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(OutcomeDocument.id))) == 0


def test_every_save_is_a_new_revision_by_its_author(client, db, factory, login, place):
    briefing, doc = place
    user = sign_in_as("secretariat", factory, login, briefing)
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/edit", data={
        "base_version": "1", "title": "Chair's Summary", "body": "Second text.",
        "objectives": ["5"]})
    assert response.status_code == 302
    db.session.expire_all()
    doc = db.session.get(OutcomeDocument, doc.id)
    assert doc.version == 2 and doc.body == "Second text."
    assert [o.number for o in doc.objectives] == [5]
    assert [(r.version, r.body, r.author_id) for r in doc.revisions] == [
        (1, "First text.", None), (2, "Second text.", user.id)]
    # Saving the same text again makes no empty revision.
    client.post(f"/manage/imrf/outcomes/{doc.id}/edit", data={
        "base_version": "2", "title": "Chair's Summary", "body": "Second text.",
        "objectives": ["5"]})
    assert db.session.scalar(sa.select(sa.func.count(OutcomeRevision.id))) == 2


def test_a_stale_save_is_refused_with_both_texts_and_nothing_is_lost(client, db, factory, login,
                                                                     place):
    briefing, doc = place
    sign_in_as("secretariat", factory, login, briefing)
    # Someone else saves version 2 while our editor still has version 1 open.
    outcomes.save(doc.id, title="Chair's Summary", body="Their text.", objectives=[5, 6],
                  base_version=1)
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/edit", data={
        "base_version": "1", "title": "Chair's Summary", "body": "My text.",
        "objectives": ["5", "6"]})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Their text." in html and "My text." in html
    assert 'name="base_version" type="hidden" value="2"' in html
    db.session.expire_all()
    assert db.session.get(OutcomeDocument, doc.id).body == "Their text."
    # Saving again from the conflict page (now based on version 2) keeps both in the history.
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/edit", data={
        "base_version": "2", "title": "Chair's Summary", "body": "My text.",
        "objectives": ["5", "6"]})
    assert response.status_code == 302
    db.session.expire_all()
    bodies = [r.body for r in db.session.get(OutcomeDocument, doc.id).revisions]
    assert bodies == ["First text.", "Their text.", "My text."]


def test_the_service_refuses_a_stale_base_version(factory, place):
    briefing, doc = place
    outcomes.save(doc.id, title="T", body="v2", objectives=[], base_version=1)
    with pytest.raises(outcomes.EditConflict) as raised:
        outcomes.save(doc.id, title="T", body="other", objectives=[], base_version=1)
    assert raised.value.current.body == "v2" and raised.value.current.version == 2


def test_history_and_diff_between_two_revisions(client, factory, login, place):
    briefing, doc = place
    outcomes.save(doc.id, title="Chair's Summary", body="First text.\nAdded line.",
                  objectives=[5, 6], base_version=1)
    sign_in_as("organizer", factory, login, briefing)
    history = client.get(f"/manage/imrf/outcomes/{doc.id}/history").get_data(as_text=True)
    assert 'name="a" value="1"' in history and 'name="b" value="2"' in history
    diff = client.get(f"/manage/imrf/outcomes/{doc.id}/diff?a=1&b=2").get_data(as_text=True)
    assert "<ins>Added line.</ins>" in diff
    assert "does not exist" not in diff
    reverse = client.get(f"/manage/imrf/outcomes/{doc.id}/diff?a=2&b=1").get_data(as_text=True)
    assert "<del>Added line.</del>" in reverse


@pytest.mark.parametrize("query", ["a=abc&b=2", "a=1&b=99", "a=-1", "b=%01"])
def test_a_diff_of_unknown_versions_falls_back_with_a_notice(client, factory, login, place, query):
    briefing, doc = place
    outcomes.save(doc.id, title="T", body="Second", objectives=[], base_version=1)
    sign_in_as("organizer", factory, login, briefing)
    response = client.get(f"/manage/imrf/outcomes/{doc.id}/diff?{query}")
    assert response.status_code == 200
    assert "does not exist" in response.get_data(as_text=True)


# --- translations -----------------------------------------------------------------------------

def test_a_translation_is_linked_prefilled_and_one_per_language(client, db, factory, login, place):
    briefing, doc = place
    sign_in_as("secretariat", factory, login, briefing)
    form = client.get(f"/manage/imrf/outcomes/{doc.id}/translate").get_data(as_text=True)
    assert "First text." in form and 'value="Chair&#39;s Summary"' in form
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/translate", data={
        "language": "fr", "title": "Résumé de la présidence", "body": "Premier texte."})
    assert response.status_code == 302
    french = db.session.scalar(sa.select(OutcomeDocument).where(OutcomeDocument.language == "fr"))
    assert french.translation_key == doc.translation_key
    assert (french.kind, french.status, french.slug) == (doc.kind, OutcomeStatus.DRAFT,
                                                        "resume-de-la-presidence")
    assert [o.number for o in french.objectives] == [5, 6]
    # French is taken now: it is no longer offered, and a forced post is refused.
    form = client.get(f"/manage/imrf/outcomes/{french.id}/translate").get_data(as_text=True)
    assert not re.search(r'<option[^>]*value="fr"', form)
    assert re.search(r'<option[^>]*value="ar"', form)
    again = client.post(f"/manage/imrf/outcomes/{doc.id}/translate", data={
        "language": "fr", "title": "Encore", "body": "x"})
    assert again.status_code == 400
    with pytest.raises(outcomes.OutcomeError):
        outcomes.add_translation(doc, language="fr", title="Encore", body="x")
    assert db.session.scalar(sa.select(sa.func.count(OutcomeDocument.id))) == 2


def test_an_arabic_translation_takes_the_source_slug(factory, place):
    briefing, doc = place
    arabic = outcomes.add_translation(doc, language="ar", title="موجز الرئاسة", body="نص")
    assert arabic.slug == doc.slug and arabic.language == "ar"


def test_a_document_in_every_language_offers_no_more_translations(client, factory, login, place):
    briefing, doc = place
    outcomes.add_translation(doc, language="fr", title="FR", body="x")
    outcomes.add_translation(doc, language="ar", title="AR", body="x")
    sign_in_as("organizer", factory, login, briefing)
    response = client.get(f"/manage/imrf/outcomes/{doc.id}/translate")
    assert response.status_code == 302
    assert "Add a translation" not in client.get(f"/manage/imrf/outcomes/{doc.id}").get_data(
        as_text=True)


# --- publishing and withdrawing ---------------------------------------------------------------

def test_publish_then_withdraw(client, db, factory, login, place):
    briefing, doc = place
    user = sign_in_as("secretariat", factory, login, briefing)
    assert client.get("/b/imrf/outcomes/chairs-summary").status_code == 404
    assert client.post(f"/manage/imrf/outcomes/{doc.id}/publish").status_code == 302
    db.session.expire_all()
    doc = db.session.get(OutcomeDocument, doc.id)
    assert doc.status == OutcomeStatus.PUBLISHED and doc.published_at is not None
    assert client.get("/b/imrf/outcomes/chairs-summary").status_code == 200
    assert client.post(f"/manage/imrf/outcomes/{doc.id}/withdraw").status_code == 302
    db.session.expire_all()
    doc = db.session.get(OutcomeDocument, doc.id)
    assert doc.status == OutcomeStatus.DRAFT and doc.published_at is None
    assert client.get("/b/imrf/outcomes/chairs-summary").status_code == 404
    assert client.get("/b/imrf/outcomes/chairs-summary.pdf").status_code == 404
    events = db.session.execute(sa.select(AuditEvent.action, AuditEvent.user_id, AuditEvent.changes)
                                .where(AuditEvent.object_id == doc.id,
                                       AuditEvent.action.in_(["outcome.publish",
                                                              "outcome.withdraw"]))
                                .order_by(AuditEvent.id)).all()
    assert [(a, u) for a, u, _c in events] == [("outcome.publish", user.id),
                                              ("outcome.withdraw", user.id)]
    assert events[1][2]["status"] == ["published", "draft"]


def test_an_empty_document_cannot_be_published(client, db, factory, login):
    briefing = factory.briefing(slug="imrf")
    doc = make_document(briefing, body="")
    sign_in_as("organizer", factory, login, briefing)
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/publish", follow_redirects=True)
    assert "Write the document before publishing it." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(OutcomeDocument, doc.id).status == OutcomeStatus.DRAFT


# --- action items -----------------------------------------------------------------------------

def test_action_items_are_added_moved_and_removed(client, db, factory, login, place):
    briefing, doc = place
    sign_in_as("secretariat", factory, login, briefing)
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/actions", data={
        "what": "Compile national mechanisms", "who": "IOM", "due": "2030-10-31",
        "status": "open"})
    assert response.status_code == 302
    item = db.session.scalar(sa.select(ActionItem))
    assert (item.what, item.who, item.due.isoformat(), item.status) == (
        "Compile national mechanisms", "IOM", "2030-10-31", ActionStatus.OPEN)
    client.post(f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/status",
                data={"status": "in_progress"})
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == ActionStatus.IN_PROGRESS
    bad = client.post(f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/status",
                      data={"status": "finished"}, follow_redirects=True)
    assert "Choose a status from the list." in bad.get_data(as_text=True)
    client.post(f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/delete")
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"action_item.create", "action_item.status", "action_item.delete"} <= actions


def test_a_bad_action_item_is_refused_with_messages(client, db, factory, login, place):
    briefing, doc = place
    sign_in_as("organizer", factory, login, briefing)
    response = client.post(f"/manage/imrf/outcomes/{doc.id}/actions",
                           data={"what": "", "due": "31/31/2030", "status": "open"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Say what is to be done." in html and "Not a valid date value" in html
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_an_action_item_of_another_document_is_not_found(client, factory, login, place):
    briefing, doc = place
    other = make_document(briefing, title="Other")
    item = outcomes.add_action(other, outcomes.ActionData(what="x"))
    sign_in_as("organizer", factory, login, briefing)
    assert client.post(f"/manage/imrf/outcomes/{doc.id}/actions/{item.id}/delete").status_code == 404


# --- public pages -----------------------------------------------------------------------------

def test_public_list_has_one_entry_per_document_with_its_published_languages(client, factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, publish=True)
    french = outcomes.add_translation(doc, language="fr", title="Résumé", body="Texte.")
    outcomes.publish(french)
    outcomes.add_translation(doc, language="ar", title="موجز", body="نص")  # still a draft
    make_document(briefing, title="Secret draft")
    html = client.get("/b/imrf/outcomes").get_data(as_text=True)
    assert html.count('class="card mb-3"') == 1
    assert "/b/imrf/outcomes/chairs-summary?lang=en" in html
    assert "/b/imrf/outcomes/resume?lang=fr" in html
    assert "lang=ar" not in html and "Secret draft" not in html


def test_a_french_reader_sees_the_french_title_in_the_list(client, factory):
    # (One request per test: the test's app context keeps the first request's language.)
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, publish=True)
    french = outcomes.add_translation(doc, language="fr", title="Résumé", body="Texte.")
    outcomes.publish(french)
    html = client.get("/b/imrf/outcomes", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<a href="/b/imrf/outcomes/resume?lang=fr" lang="fr" dir="ltr">Résumé</a>' in html
    assert "Chair&#39;s Summary" not in html


def test_a_document_page_shows_text_objectives_actions_and_other_languages(client, factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, body="## Pathways\n\nRegular pathways.<script>alert(1)</script>",
                        publish=True)
    outcomes.add_action(doc, outcomes.ActionData(what="Report on pledges", who="Secretariat"))
    arabic = outcomes.add_translation(doc, language="ar", title="موجز الرئاسة", body="نص عربي")
    outcomes.publish(arabic)
    html = client.get("/b/imrf/outcomes/chairs-summary?lang=en",
                      headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "<h3>Pathways</h3>" in html and "<script>alert" not in html
    assert "Faire en sorte que les filières de migration régulière" in html  # objective 5 in French
    assert "Report on pledges" in html
    assert 'href="/b/imrf/outcomes/chairs-summary?lang=ar"' in html
    assert "/b/imrf/outcomes/chairs-summary.pdf?lang=en" in html


def test_an_arabic_document_is_right_to_left_whatever_the_interface(client, factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    make_document(briefing, title="موجز الرئاسة", language="ar", body="نص عربي", publish=True)
    html = client.get("/b/imrf/outcomes/chairs-summary?lang=ar",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html
    assert re.search(r'<article class="outcome-document" lang="ar" dir="rtl"', html)


def test_lang_picks_the_translation_and_follows_its_own_slug(client, factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, publish=True)
    french = outcomes.add_translation(doc, language="fr", title="Résumé", body="Texte français.")
    outcomes.publish(french)
    response = client.get("/b/imrf/outcomes/chairs-summary?lang=fr")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/b/imrf/outcomes/resume?lang=fr")
    assert "Texte français." in client.get("/b/imrf/outcomes/resume?lang=fr").get_data(
        as_text=True)
    # Without lang (or an unknown one) the reader's language is preferred, else English.
    assert "Texte français." in client.get(
        "/b/imrf/outcomes/resume", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "First text." in client.get("/b/imrf/outcomes/chairs-summary?lang=xx").get_data(
        as_text=True)
    assert client.get("/b/imrf/outcomes/chairs-summary?lang=ar").status_code == 404


def test_nothing_is_public_for_a_draft_briefing_or_a_draft_document(client, factory):
    hidden = factory.briefing(slug="hidden", status=BriefingStatus.DRAFT)
    make_document(hidden, publish=True)
    for url in ["/b/hidden/outcomes", "/b/hidden/outcomes/chairs-summary",
                "/b/hidden/outcomes/chairs-summary.pdf"]:
        assert client.get(url).status_code == 404, url
    shown = factory.briefing(slug="shown")
    make_document(shown)
    assert client.get("/b/shown/outcomes/chairs-summary").status_code == 404
    assert client.get("/b/shown/outcomes/chairs-summary.pdf").status_code == 404
    assert client.get("/b/shown/outcomes/no-such-doc").status_code == 404


@pytest.mark.parametrize("language, title, body", [
    ("en", "Chair's Summary", "## Progress\n\nThe Progress Declaration was adopted by 110 countries."),
    ("ar", "موجز الرئاسة", "## التقدم\n\nاعتمدت 110 دولة إعلان التقدم المحرز."),
])
def test_a_published_document_has_a_pdf(client, factory, language, title, body):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, title=title, language=language, body=body, publish=True)
    outcomes.add_action(doc, outcomes.ActionData(what="Follow up"))
    response = client.get(f"/b/imrf/outcomes/{doc.slug}.pdf?lang={language}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert pdf_page_count(response.data) >= 1
    assert f"imrf-{doc.slug}-{language}.pdf" in response.headers["Content-Disposition"]


def test_the_pdf_template_is_right_to_left_for_arabic(app, factory):
    from flask import render_template
    from flask_babel import force_locale

    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing, title="موجز", language="ar", body="نص", publish=True)
    with app.test_request_context("/"), force_locale("ar"):
        html = render_template("published/document_pdf.html", briefing=briefing, document=doc,
                               rendered="", doc_lang="ar", font_family='"Noto Naskh Arabic"',
                               page_url="/", record_label=str)
    assert '<html lang="ar" dir="rtl">' in html
    assert 'font-family: "Noto Naskh Arabic"' in html
