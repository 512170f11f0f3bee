"""The demo's outcome documents and pledges, loaded on a briefing built with the factories."""
import pytest
import sqlalchemy as sa

from briefings.demo import load_records
from briefings.extensions import db as _db
from briefings.models import (
    ActionItem,
    BriefingStatus,
    OutcomeDocument,
    OutcomeKind,
    OutcomeStatus,
    Pledge,
    PledgeStatus,
    PledgeType,
    PledgeUpdate,
    Role,
)

from .outcomes_support import pdf_page_count


@pytest.fixture
def demo(factory):
    briefing = factory.briefing(slug="imrf-demo", status=BriefingStatus.CONCLUDED)
    organizer = factory.user(briefing=briefing, role=Role.ORGANIZER)
    load_records(briefing, organizer)
    _db.session.commit()
    return briefing, organizer


def _documents(briefing):
    return _db.session.scalars(sa.select(OutcomeDocument)
                               .where(OutcomeDocument.briefing_id == briefing.id)
                               .order_by(OutcomeDocument.id)).all()


def test_the_chairs_summary_is_published_in_three_linked_languages(demo):
    briefing, organizer = demo
    summaries = [d for d in _documents(briefing) if d.kind == OutcomeKind.CHAIRS_SUMMARY]
    assert sorted(d.language for d in summaries) == ["ar", "en", "fr"]
    assert len({d.translation_key for d in summaries}) == 1
    assert all(d.status == OutcomeStatus.PUBLISHED and d.published_at for d in summaries)
    by_language = {d.language: d for d in summaries}
    assert "110 countries" in by_language["en"].body
    assert "110 pays" in by_language["fr"].body
    assert "110 دولة" in by_language["ar"].body
    for doc in summaries:
        assert doc.version == len(doc.revisions) >= 1
        assert all(r.author_id == organizer.id for r in doc.revisions)
    assert by_language["en"].version == 2  # a first draft, then the final text


def test_key_messages_are_published_and_the_recommendations_are_a_draft_with_actions(demo):
    briefing, _ = demo
    docs = _documents(briefing)
    messages = [d for d in docs if d.kind == OutcomeKind.KEY_MESSAGES]
    assert messages and all(d.status == OutcomeStatus.PUBLISHED for d in messages)
    (draft,) = [d for d in docs if d.kind == OutcomeKind.RECOMMENDATIONS]
    assert draft.status == OutcomeStatus.DRAFT and draft.published_at is None
    assert len(draft.action_items) >= 3
    assert {i.status.value for i in draft.action_items} >= {"open", "in_progress", "done"}


def test_pledges_are_at_the_seeds_scale(demo):
    briefing, _ = demo
    pledges = _db.session.scalars(sa.select(Pledge).where(Pledge.briefing_id == briefing.id)).all()
    assert len(pledges) == 158
    states = [p for p in pledges if p.stakeholder_group.code == "government"]
    assert len(states) > 100
    assert len({p.country for p in states}) == 25
    others = {p.stakeholder_group.code for p in pledges} - {"government"}
    assert {"un_system", "civil_society", "academia", "private_sector",
            "local_authorities"} <= others
    assert {p.type for p in pledges} == set(PledgeType)
    assert {p.status for p in pledges} == set(PledgeStatus)
    for pledge in pledges:
        assert (pledge.amount_usd is not None) == (pledge.type == PledgeType.FINANCIAL)
        assert pledge.objectives
        if pledge.updates:
            assert pledge.updates[-1].status == pledge.status
    assert _db.session.scalar(sa.select(sa.func.count(PledgeUpdate.id))) > 50


def test_the_records_are_the_same_every_time(factory):
    def snapshot(slug):
        briefing = factory.briefing(slug=slug, status=BriefingStatus.CONCLUDED)
        load_records(briefing, factory.user(briefing=briefing))
        _db.session.commit()
        pledges = _db.session.scalars(sa.select(Pledge).where(Pledge.briefing_id == briefing.id)
                                      .order_by(Pledge.id)).all()
        return [(p.entity, p.country, p.type, p.status, p.amount_usd, p.title,
                 [o.number for o in p.objectives], [u.on for u in p.updates]) for p in pledges]

    assert snapshot("first") == snapshot("second")
    # Two briefings hold their own documents, without clashing translation keys.
    assert _db.session.scalar(sa.select(sa.func.count(OutcomeDocument.id))) == 12


def test_the_demo_pages_render(client, demo):
    briefing, _ = demo
    for url in ["/b/imrf-demo/outcomes", "/b/imrf-demo/outcomes/chairs-summary?lang=en",
                "/b/imrf-demo/outcomes/chairs-summary?lang=ar",
                "/b/imrf-demo/outcomes/resume-de-la-presidence?lang=fr",
                "/b/imrf-demo/pledges", "/b/imrf-demo/pledges?group=government&type=financial",
                "/b/imrf-demo/coverage"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/b/imrf-demo/outcomes/draft-recommendations").status_code == 404
    pdf = client.get("/b/imrf-demo/outcomes/chairs-summary.pdf?lang=ar")
    assert pdf.data.startswith(b"%PDF") and pdf_page_count(pdf.data) >= 1


def test_the_register_totals_add_up(client, demo):
    html = client.get("/b/imrf-demo/pledges").get_data(as_text=True)
    assert "158 pledges" in html
    by_group = html.split('id="totals-group"')[1].split("</table>")[0]
    assert '<th scope="row" class="fw-normal">Member State / government</th>\n          <td class="text-end">104</td>' in by_group
    assert _db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 5
