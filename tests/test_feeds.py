"""A session's calendar file and the Atom feed of a briefing's outcome documents and pledges."""
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from briefings.extensions import db as _db
from briefings.models import BriefingStatus, PledgeType, SessionFormat

from .test_api_public import pledge, publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes", partners="IOM\nEgypt")


def atom(client, slug="imrf"):
    response = client.get(f"/b/{slug}/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    return response, ET.fromstring(response.data)


def test_feed_is_valid_atom_with_published_documents_and_pledges(client, briefing):
    publish(briefing, title="Key messages", body="Some **text** <script>alert(1)</script>")
    publish(briefing, title="Still a draft", published=False)
    pledge(briefing, entity="Egypt", title="Labour pathways", type=PledgeType.FINANCIAL,
           amount="1000", objectives=(5,))

    _response, root = atom(client)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}title").text == "IMRF outcomes"
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/b/imrf/feed.atom")
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert "Key messages" in titles and "Still a draft" not in titles
    assert any("Labour pathways" in t and "Egypt" in t for t in titles)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text
        links = entry.findall(f"{ATOM}link")
        assert [link.get("rel", "alternate") for link in links] == ["alternate"]
        assert links[0].get("href").startswith("http")
    document = entries[titles.index("Key messages")]
    content = document.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<strong>text</strong>" in content.text and "script" not in content.text
    assert "/b/imrf/outcomes/key-messages.pdf?lang=en" in content.text


def test_entry_ids_stay_the_same_between_downloads(client, briefing):
    publish(briefing, title="Key messages")
    _r, first = atom(client)
    _r, second = atom(client)
    assert [e.find(f"{ATOM}id").text for e in first.findall(f"{ATOM}entry")] == \
        [e.find(f"{ATOM}id").text for e in second.findall(f"{ATOM}entry")]


def test_feed_survives_characters_xml_cannot_hold(client, briefing):
    pledge(briefing, entity="Bad\x0bentity", title="Form\x0cfeed")
    _response, root = atom(client)
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "Pledge by Badentity: Formfeed"


def test_feed_answers_304_to_a_reader_that_has_it(client, briefing):
    response, _root = atom(client)
    again = client.get("/b/imrf/feed.atom", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_no_feed_for_a_draft_briefing(client, factory):
    factory.briefing(slug="draft", status=BriefingStatus.DRAFT)
    assert client.get("/b/draft/feed.atom").status_code == 404
    assert client.get("/b/nowhere/feed.atom").status_code == 404


def test_session_calendar_has_one_event_in_the_briefing_zone(client, factory, briefing):
    session = factory.session(briefing, title="Round table", format=SessionFormat.HYBRID,
                              meeting_link="https://meet.example.org/secret-room")
    factory.session(briefing, title="Another", start=session.ends_at)
    response = client.get(f"/b/imrf/sessions/{session.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert b"secret-room" not in response.data
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Round table"]
    assert events[0]["DTSTART"].dt.tzinfo is not None
    assert str(events[0]["DTSTART"].params.get("TZID")) == "Africa/Cairo"
    assert calendar.walk("VTIMEZONE")
    # The same UID as in the whole programme's file: importing both updates, not doubles.
    agenda = Calendar.from_ical(client.get("/b/imrf/agenda.ics").data)
    assert str(events[0]["UID"]) in {str(e["UID"]) for e in agenda.walk("VEVENT")}


def test_session_calendar_only_for_a_session_of_that_public_briefing(client, factory, briefing):
    other = factory.briefing(slug="other")
    elsewhere = factory.session(other)
    draft = factory.briefing(slug="draft", status=BriefingStatus.DRAFT)
    hidden = factory.session(draft)
    assert client.get(f"/b/imrf/sessions/{elsewhere.id}.ics").status_code == 404
    assert client.get(f"/b/draft/sessions/{hidden.id}.ics").status_code == 404
    assert client.get("/b/imrf/sessions/0.ics").status_code == 404


def test_session_calendar_changes_when_the_session_does(client, factory, briefing):
    session = factory.session(briefing, title="Round table")
    first = client.get(f"/b/imrf/sessions/{session.id}.ics")
    assert client.get(f"/b/imrf/sessions/{session.id}.ics",
                      headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    session.title = "Round table on labour mobility"
    _db.session.commit()
    changed = client.get(f"/b/imrf/sessions/{session.id}.ics",
                         headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and b"labour mobility" in changed.data
