"""Outcome documents: who may keep them, creating and editing, revisions, conflicts, history."""
import pytest
import sqlalchemy as sa

from briefings.models import (
    ActionStatus,
    AuditEvent,
    OutcomeDocument,
    OutcomeKind,
    OutcomeRevision,
    OutcomeStatus,
)
from briefings.services import outcomes

from .outcomes_support import EXPECTED, make_document, sign_in_as
from .outcomes_support import place  # noqa: F401 - fixtures


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
