"""GCM coverage: what addresses each objective, and what nothing addresses."""
import pytest

from briefings.extensions import db as _db
from briefings.models import BriefingStatus, GCMObjective, PledgeStatus, PledgeType
from briefings.services import outcomes
from briefings.services.coverage import coverage

from .outcomes_support import EXPECTED, make_document, sign_in_as
from .test_pledges import make_pledge


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    objective = lambda n: _db.session.get(GCMObjective, n)  # noqa: E731
    opening = factory.session(briefing, title="Opening", objectives=[objective(1), objective(5)])
    debate = factory.session(briefing, title="Policy debate", room="Hall B",
                             objectives=[objective(5)])
    summary = make_document(briefing, objectives=(5, 6), publish=True)
    french = outcomes.add_translation(summary, language="fr", title="Résumé", body="Texte.")
    outcomes.publish(french)
    draft = make_document(briefing, title="Draft recommendations", objectives=(7,))
    make_pledge(briefing, entity="A", objectives=(5, 23))
    make_pledge(briefing, entity="B", objectives=(9,), status=PledgeStatus.WITHDRAWN)
    make_pledge(briefing, entity="C", objectives=(23,), type=PledgeType.FINANCIAL, amount="5")
    _db.session.commit()
    return briefing, opening, debate, summary, draft


def _by_number(result):
    return {row.objective.number: row for row in result.rows}


def test_public_coverage_counts_sessions_published_documents_and_live_pledges(place):
    briefing, opening, debate, summary, draft = place
    result = coverage(briefing.id, "en")
    rows = _by_number(result)
    assert len(result.rows) == 23
    assert [s.title for s in rows[5].sessions] == ["Opening", "Policy debate"]
    assert [d.id for d in rows[5].documents] == [summary.id]  # one entry for two languages
    assert [d.id for d in rows[6].documents] == [summary.id]
    assert (rows[5].pledges, rows[23].pledges, rows[9].pledges) == (1, 2, 0)
    assert rows[7].documents == []  # a draft is not public
    assert result.covered_count == 4
    uncovered = [o.number for o in result.uncovered]
    assert 7 in uncovered and 9 in uncovered and len(uncovered) == 19
    assert not {1, 5, 6, 23} & set(uncovered)


def test_documents_are_shown_in_the_readers_language(place):
    briefing, *_ = place
    rows = _by_number(coverage(briefing.id, "fr"))
    assert [d.title for d in rows[5].documents] == ["Résumé"]


def test_staff_coverage_counts_drafts_too(place):
    briefing, opening, debate, summary, draft = place
    rows = _by_number(coverage(briefing.id, "en", include_drafts=True))
    assert [d.id for d in rows[7].documents] == [draft.id]


def test_the_public_page_links_what_addresses_each_objective(client, place):
    briefing, opening, debate, summary, draft = place
    html = client.get("/b/imrf/coverage").get_data(as_text=True)
    assert "4 of the 23 objectives" in html
    uncovered = html.split('id="uncovered-heading"')[1].split("</section>")[0]
    assert "Address and reduce vulnerabilities in migration" in uncovered  # objective 7
    assert "Enhance availability and flexibility" not in uncovered  # objective 5
    assert f'/b/imrf#session-{opening.id}' in html
    assert "/b/imrf/outcomes/chairs-summary?lang=en" in html
    assert "/b/imrf/pledges?objective=23" in html
    assert "Draft recommendations" not in html


def test_the_staff_page_marks_drafts(client, factory, login, place):
    briefing, opening, debate, summary, draft = place
    sign_in_as("secretariat", factory, login, briefing)
    html = client.get("/manage/imrf/outcomes/coverage").get_data(as_text=True)
    assert "Draft recommendations" in html and f"/manage/imrf/outcomes/{draft.id}" in html
    assert "5 of the 23 objectives" in html


@pytest.mark.parametrize("who", list(EXPECTED))
def test_staff_coverage_permissions(client, factory, login, place, who):
    briefing, *_ = place
    sign_in_as(who, factory, login, briefing)
    assert client.get("/manage/imrf/outcomes/coverage").status_code == EXPECTED[who]


def test_coverage_is_not_public_for_a_draft_briefing(client, factory):
    factory.briefing(slug="hidden", status=BriefingStatus.DRAFT)
    assert client.get("/b/hidden/coverage").status_code == 404
    assert client.get("/b/nowhere/coverage").status_code == 404


def test_coverage_costs_the_same_queries_whatever_the_records(client, factory, count_queries):
    small, large = factory.briefing(slug="small"), factory.briefing(slug="large")
    for briefing, n in ((small, 2), (large, 60)):
        for i in range(n):
            make_pledge(briefing, entity=f"E{i}", objectives=(1 + i % 23,))
            make_document(briefing, title=f"Doc {i}", objectives=(1 + i % 23,), publish=True)
    _db.session.commit()
    counts = []
    for slug in ("small", "large", "small", "large"):
        with count_queries() as queries:
            assert client.get(f"/b/{slug}/coverage").status_code == 200
        counts.append(queries.count)
    assert counts[2] == counts[3], counts
