"""Outcome documents: translations, publishing, action items, the public pages and PDF."""
import re

import pytest
import sqlalchemy as sa

from briefings.models import (
    ActionItem,
    ActionStatus,
    AuditEvent,
    BriefingStatus,
    OutcomeDocument,
    OutcomeStatus,
)
from briefings.services import outcomes

from .outcomes_support import make_document, pdf_page_count, sign_in_as
from .outcomes_support import place  # noqa: F401 - fixtures


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
