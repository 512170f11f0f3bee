"""The public JSON API: what it shows and hides, pages, filters, ETags, CORS, errors, the docs."""
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from briefings.extensions import db as _db
from briefings.models import (
    BriefingStatus, GCMObjective, OutcomeKind, PersonRole, Pledge, PledgeStatus, PledgeType,
    SessionFormat,
)
from briefings.services import outcomes

PAST = datetime(2022, 5, 1, 7, 0, tzinfo=timezone.utc)


def publish(briefing, *, title="Chair's summary", body="Text", language="en", objectives=(),
            kind=OutcomeKind.CHAIRS_SUMMARY, published=True):
    """An outcome document (published unless told otherwise)."""
    doc = outcomes.create(briefing, outcomes.DocumentData(
        kind=kind, title=title, language=language, body=body, objectives=list(objectives)))
    if published:
        outcomes.publish(doc)
    return doc


def pledge(briefing, *, entity="Government of Egypt", group=None, country="EG",
           type=PledgeType.POLICY, amount=None, objectives=(), status=PledgeStatus.ANNOUNCED,
           title="A pledge"):
    row = Pledge(briefing_id=briefing.id, entity=entity, stakeholder_group=group,
                 country=country, type=type, title=title, status=status,
                 amount_usd=Decimal(amount) if amount else None,
                 objectives=[_db.session.get(GCMObjective, n) for n in objectives])
    _db.session.add(row)
    _db.session.commit()
    return row


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes",
                            summary="**Bold** <script>x</script>")


def test_briefing_list_hides_drafts_and_splits_upcoming_from_past(client, factory):
    factory.briefing(slug="coming")
    factory.briefing(slug="draft", status=BriefingStatus.DRAFT)
    factory.briefing(slug="over", starts_at=PAST, status=BriefingStatus.CONCLUDED)
    factory.briefing(slug="archived", starts_at=PAST - timedelta(days=30),
                     status=BriefingStatus.ARCHIVED)

    everything = client.get("/api/v1/briefings").get_json()
    assert [b["slug"] for b in everything["items"]] == ["coming", "over", "archived"]
    upcoming = client.get("/api/v1/briefings?when=upcoming").get_json()
    assert [b["slug"] for b in upcoming["items"]] == ["coming"]
    past = client.get("/api/v1/briefings?when=past").get_json()
    assert [b["slug"] for b in past["items"]] == ["over", "archived"]
    assert client.get("/api/v1/briefings/draft").status_code == 404


def test_pages_link_to_each_other_in_body_and_header(client, factory):
    for n in range(5):
        factory.briefing(slug=f"b{n}", starts_at=datetime(2030, 1, 1 + n, tzinfo=timezone.utc))
    response = client.get("/api/v1/briefings?per_page=2&page=2&when=upcoming")
    data = response.get_json()
    assert [b["slug"] for b in data["items"]] == ["b2", "b3"]
    assert (data["total"], data["pages"], data["page"]) == (5, 3, 2)
    assert data["links"]["next"].endswith("/api/v1/briefings?when=upcoming&page=3&per_page=2")
    assert data["links"]["prev"].endswith("page=1&per_page=2")
    assert 'rel="next"' in response.headers["Link"] and "page=3" in response.headers["Link"]
    beyond = client.get("/api/v1/briefings?page=9").get_json()
    assert beyond["items"] == [] and beyond["links"]["next"] is None


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=101", "per_page=0",
                                   "when=tomorrow", "page=99999999999999999999"])
def test_bad_query_parameters_are_a_400_problem(client, query):
    response = client.get(f"/api/v1/briefings?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400 and body["errors"]


def test_briefing_gives_sanitized_summary_and_links(client, briefing):
    data = client.get("/api/v1/briefings/imrf").get_json()
    assert data["summary"] == "**Bold** <script>x</script>"
    assert "<strong>Bold</strong>" in data["summary_html"] and "script" not in data["summary_html"]
    assert data["status"] == "published"
    assert data["links"]["feed"].endswith("/b/imrf/feed.atom")
    assert data["links"]["sessions"].endswith("/api/v1/briefings/imrf/sessions")


def test_sessions_show_speakers_but_never_the_meeting_link(client, factory, briefing):
    session = factory.session(briefing, title="Round table", format=SessionFormat.ONLINE,
                              meeting_link="https://meet.example.org/secret-room")
    speaker = factory.person(briefing, name="Amina Diallo", organization="IOM")
    factory.link(session, speaker, PersonRole.SPEAKER)
    response = client.get("/api/v1/briefings/imrf/sessions")
    assert b"secret-room" not in response.data
    [item] = response.get_json()["items"]
    assert item["title"] == "Round table" and item["format"] == "online"
    assert item["people"] == [{"role": "speaker", "name": "Amina Diallo", "honorific": "",
                               "position": "", "organization": "IOM",
                               "stakeholder_group": None, "country": None}]
    assert item["links"]["ics"].endswith(f"/b/imrf/sessions/{session.id}.ics")


def test_only_published_documents_with_markdown_and_sanitized_html(client, briefing):
    doc = publish(briefing, title="Key messages", body="# Heading\n\n<img src=x onerror=y> text",
                  objectives=(5,))
    french = outcomes.add_translation(doc, language="fr", title="Messages clés", body="Texte")
    outcomes.publish(french)
    draft = publish(briefing, title="Draft only", published=False)

    listing = client.get("/api/v1/briefings/imrf/outcomes").get_json()
    assert sorted(d["title"] for d in listing["items"]) == ["Key messages", "Messages clés"]
    only_fr = client.get("/api/v1/briefings/imrf/outcomes?language=fr").get_json()
    assert [d["language"] for d in only_fr["items"]] == ["fr"]

    data = client.get(f"/api/v1/briefings/imrf/outcomes/{doc.id}").get_json()
    assert data["body_markdown"].startswith("# Heading")
    assert "<h1>Heading</h1>" in data["body_html"] and "onerror" not in data["body_html"]
    assert data["objectives"] == [5]
    assert [t["language"] for t in data["translations"]] == ["fr"]
    assert client.get(f"/api/v1/briefings/imrf/outcomes/{draft.id}").status_code == 404


def test_a_document_of_another_briefing_is_not_found(client, factory, briefing):
    other = factory.briefing(slug="other")
    doc = publish(other)
    assert client.get(f"/api/v1/briefings/imrf/outcomes/{doc.id}").status_code == 404
    assert client.get("/api/v1/briefings/imrf/outcomes/99999999999999").status_code == 404


def test_pledges_filter_and_total_like_the_register(client, factory, briefing):
    gov = factory.group("government")
    pledge(briefing, entity="Egypt", group=gov, type=PledgeType.FINANCIAL, amount="1000",
           objectives=(5,))
    pledge(briefing, entity="Morocco", group=gov, country="MA", type=PledgeType.FINANCIAL,
           amount="250", status=PledgeStatus.WITHDRAWN)
    pledge(briefing, entity="NGO", country="", objectives=(5, 7))

    data = client.get("/api/v1/briefings/imrf/pledges").get_json()
    assert [p["entity"] for p in data["items"]] == ["Egypt", "Morocco", "NGO"]
    assert data["totals"]["count"] == 3 and data["totals"]["usd"] == "1000.00"
    by_objective = data["totals"]["by_objective"]
    assert {row["objective"]: row["count"] for row in by_objective} == {5: 2, 7: 1}
    assert data["items"][0]["amount_usd"] == "1000.00" and data["items"][2]["country"] is None

    filtered = client.get("/api/v1/briefings/imrf/pledges?group=government&objective=5").get_json()
    assert [p["entity"] for p in filtered["items"]] == ["Egypt"]
    assert filtered["totals"]["by_group"] == [{"group": "government", "count": 1, "usd": "1000.00"}]
    unknown = client.get("/api/v1/briefings/imrf/pledges?group=nobody&country=ZZ")
    assert unknown.status_code == 400
    assert set(unknown.get_json()["errors"]) == {"group", "country"}


def test_coverage_lists_all_23_objectives(client, factory, briefing):
    session = factory.session(briefing)
    session.objectives = [_db.session.get(GCMObjective, 13)]
    _db.session.commit()
    data = client.get("/api/v1/briefings/imrf/coverage").get_json()
    assert len(data["objectives"]) == 23 and data["covered_count"] == 1
    row = data["objectives"][12]
    assert row["objective"] == 13 and row["sessions"][0]["id"] == session.id
    assert row["title"]["fr"] and row["title"]["ar"]


def test_reference_lists(client):
    groups = client.get("/api/v1/stakeholder-groups").get_json()["items"]
    assert "civil_society" in [g["code"] for g in groups]
    assert len(client.get("/api/v1/gcm-objectives").get_json()["items"]) == 23


def test_etag_round_trip_gives_304_until_the_content_changes(client, briefing):
    first = client.get("/api/v1/briefings/imrf")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get("/api/v1/briefings/imrf", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    briefing.title = "A new title"
    _db.session.commit()
    changed = client.get("/api/v1/briefings/imrf", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_public_answers_may_be_read_by_any_page(client, briefing):
    response = client.get("/api/v1/briefings/imrf/pledges", headers={"Origin": "https://x.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/briefings/imrf", headers={
        "Origin": "https://x.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    missing = client.get("/api/v1/briefings/nowhere")
    assert missing.status_code == 404 and missing.headers["Access-Control-Allow-Origin"] == "*"


def test_errors_are_problem_details(client):
    missing = client.get("/api/v1/briefings/nowhere")
    assert missing.mimetype == "application/problem+json"
    assert missing.get_json()["status"] == 404
    no_route = client.get("/api/v1/nothing/here")
    assert no_route.status_code == 404 and no_route.mimetype == "application/problem+json"
    wrong_method = client.delete("/api/v1/briefings")
    assert wrong_method.status_code == 405
    assert wrong_method.mimetype == "application/problem+json"
    assert "GET" in wrong_method.headers["Allow"]
    odd_slug = client.get("/api/v1/briefings/%00bad")
    assert odd_slug.status_code == 404


def test_openapi_document_describes_every_route(client):
    response = client.get("/api/v1/openapi.json")
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert {"/briefings", "/briefings/{slug}/pledges", "/briefings/{slug}/registrations",
            "/briefings/{slug}/check-ins"} <= set(spec["paths"])
    registrations = spec["paths"]["/briefings/{slug}/registrations"]
    assert registrations["post"]["security"] == [{"bearerAuth": ["registrations:write"]}]
    assert "meeting_link" not in str(spec["components"]["schemas"]["Session"])


def test_docs_page_lists_operations_without_outside_assets(client):
    response = client.get("/api/v1/docs")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "/briefings/{slug}/pledges" in page and 'id="schema-Pledge"' in page
    assert "/r/&lt;token&gt;/calendar.ics" in page
    assert "<script>" not in page and "cdn" not in page.lower()


def test_lists_cost_the_same_queries_however_long(client, factory, briefing, count_queries):
    """No query per session, person, document or pledge."""
    codes = ["government", "civil_society", "academia", "media", "diplomatic"]

    def add_some(n):
        for i in range(n):
            group = factory.group(codes[i])
            session = factory.session(briefing, start=briefing.starts_at + timedelta(hours=i),
                                      room=f"Room {n}-{i}")
            factory.link(session, factory.person(briefing, stakeholder_group=group))
            publish(briefing, title=f"Document {n}-{i}", objectives=(i + 1,))
            pledge(briefing, group=group, objectives=(i + 1,))

    paths = ["/api/v1/briefings/imrf/sessions", "/api/v1/briefings/imrf/outcomes",
             "/api/v1/briefings/imrf/pledges", "/api/v1/briefings"]

    def costs():
        found = []
        for path in paths:
            _db.session.commit()  # each request starts with everything expired
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            found.append(counter.count)
        return found

    add_some(1)
    few = costs()
    add_some(4)
    assert costs() == few
