"""Speakers lists: giving the floor, timing, summaries, removal, speaking time, CSV, the chair's view."""
import csv
import io
import json
from datetime import timedelta

import sqlalchemy as sa

from briefings.models import AuditEvent, StakeholderGroup
from briefings.services import speakers as service
from briefings.services.speakers import Ordering, SpeakerData

from .speakers_support import T0, named, names, registration, url
from .speakers_support import place, secretary  # noqa: F401 - fixtures


# --- the floor and timing ----------------------------------------------------------------------

def test_starting_a_speaker_stops_the_current_one(client, place, secretary):
    _, session = place
    a, b = named(session, "Amina"), named(session, "Bilal")
    response = client.post(url(session, f"/{a.id}/start"), follow_redirects=True)
    assert "Amina has the floor" in response.get_data(as_text=True)
    client.post(url(session, f"/{b.id}/start"))
    a_, b_ = service.entries(session.id)
    assert a_.ended_at is not None and a_.ended_at == b_.started_at
    assert b_.ended_at is None
    assert service.current_speaker([a_, b_]).id == b.id
    response = client.post(url(session, f"/{b.id}/stop"), follow_redirects=True)
    assert "Bilal spoke for" in response.get_data(as_text=True)
    assert service.current_speaker(service.entries(session.id)) is None


def test_the_chair_may_call_a_speaker_out_of_turn(place):
    _, session = place
    named(session, "A"), named(session, "B")
    c = named(session, "C")
    service.start(session.id, c.id)
    assert names(session) == ["C", "A", "B"]  # who spoke first, then who waits


def test_time_spoken_is_shown_in_minutes_and_seconds(client, place, secretary):
    _, session = place
    a, b = named(session, "Amina", at=T0), named(session, "Bilal", at=T0)
    service.start(session.id, a.id, now=T0)
    service.start(session.id, b.id, now=T0 + timedelta(minutes=2, seconds=5))
    service.stop(session.id, b.id, now=T0 + timedelta(minutes=3))
    entries = service.entries(session.id)
    assert [service.seconds_spoken(e) for e in entries] == [125, 55]
    page = client.get(url(session)).get_data(as_text=True)
    assert "02:05" in page and "00:55" in page
    assert "10:00" in page and "EEST" in page  # start time in Cairo, with its zone


def test_a_speaker_cannot_start_twice_or_stop_when_not_speaking(client, place, secretary):
    _, session = place
    a, b = named(session, "Amina"), named(session, "Bilal")
    response = client.post(url(session, f"/{b.id}/stop"), follow_redirects=True)
    assert "Bilal is not speaking" in response.get_data(as_text=True)
    service.start(session.id, a.id)
    service.stop(session.id, a.id)
    response = client.post(url(session, f"/{a.id}/start"), follow_redirects=True)
    assert "has already taken the floor" in response.get_data(as_text=True)


def test_the_current_speakers_clock_carries_its_start_time(client, place, secretary):
    _, session = place
    a = named(session, "Amina")
    service.start(session.id, a.id, now=T0)
    page = client.get(url(session)).get_data(as_text=True)
    assert f'data-started-at="{T0.isoformat()}"' in page
    assert "js/speakers.js" in page and "<script>" not in page


# --- summaries and removal ---------------------------------------------------------------------

def test_a_summary_is_saved_and_audited_without_its_text(client, db, place, secretary):
    _, session = place
    a = named(session, "Amina Diallo", organization="Migrant Voices")
    service.start(session.id, a.id)
    page = client.get(url(session, f"/{a.id}")).get_data(as_text=True)
    assert "Summary of the intervention" in page
    response = client.post(url(session, f"/{a.id}"), data={
        "name": "Amina Diallo", "organization": "Migrant Voices", "group": "",
        "protocol_rank": "", "summary": "Called for regular pathways."})
    assert response.status_code == 302
    assert service.entries(session.id)[0].summary == "Called for regular pathways."
    assert "Called for regular pathways." in client.get(url(session)).get_data(as_text=True)
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "intervention.update"))
    assert event.changes["summary"] is True
    assert "regular pathways" not in json.dumps(event.changes)


def test_the_edit_form_explains_bad_input_and_keeps_it(client, place, secretary):
    _, session = place
    a = named(session, "Amina")
    response = client.post(url(session, f"/{a.id}"), data={
        "name": "", "summary": "Kept text", "protocol_rank": "abc"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter the speaker" in page and "Kept text" in page
    assert service.entries(session.id)[0].speaker_name == "Amina"


def test_only_speakers_who_have_not_spoken_can_be_removed(client, place, secretary):
    _, session = place
    a, b = named(session, "Amina"), named(session, "Bilal")
    service.start(session.id, a.id)
    response = client.post(url(session, f"/{a.id}/remove"), follow_redirects=True)
    assert "stays on the record" in response.get_data(as_text=True)
    client.post(url(session, f"/{b.id}/remove"))
    assert names(session) == ["Amina"]


def test_audit_events_name_no_one(db, place):
    _, session = place
    a = named(session, "Amina Diallo", organization="Migrant Voices")
    service.start(session.id, a.id)
    service.stop(session.id, a.id)
    b = named(session, "Bilal Khan")
    service.move(session.id, b.id, -1)
    service.remove(session.id, b.id)
    service.resort(session.id, Ordering.PROTOCOL)
    events = db.session.scalars(sa.select(AuditEvent)).all()
    assert {e.action for e in events} >= {"intervention.add", "intervention.start",
                                          "intervention.stop", "intervention.remove",
                                          "speakers.order"}
    dumped = json.dumps([e.changes for e in events])
    assert "Amina" not in dumped and "Migrant Voices" not in dumped and "Bilal" not in dumped
    assert all(e.briefing_id == session.briefing_id for e in events)


# --- speaking time per group, CSV --------------------------------------------------------------

def test_speaking_time_per_stakeholder_group(client, db, place, secretary):
    _, session = place
    groups = {g.code: g for g in db.session.scalars(sa.select(StakeholderGroup))}
    a = named(session, "A", group=groups["civil_society"])
    b = named(session, "B", group=groups["government"])
    c = named(session, "C", group=a.stakeholder_group)
    named(session, "Waiting", group=groups["media"])
    service.start(session.id, a.id, now=T0)
    service.start(session.id, b.id, now=T0 + timedelta(seconds=60))
    service.start(session.id, c.id, now=T0 + timedelta(seconds=240))
    service.stop(session.id, c.id, now=T0 + timedelta(seconds=300))
    rows = service.group_times(service.entries(session.id))
    assert [(r.group.id, r.interventions, r.seconds, r.share) for r in rows] == [
        (b.stakeholder_group_id, 1, 180, 60.0), (a.stakeholder_group_id, 2, 120, 40.0)]
    page = client.get(url(session)).get_data(as_text=True)
    assert "Speaking time per stakeholder group" in page
    assert "60.0 %" in page and "40.0 %" in page and "03:00" in page


def test_csv_export_escapes_spreadsheet_formulas(client, db, place, secretary):
    briefing, session = place
    evil = named(session, "=HYPERLINK(\"http://evil\")", organization="+44 Org", at=T0)
    service.start(session.id, evil.id, now=T0 + timedelta(minutes=1))
    service.stop(session.id, evil.id, now=T0 + timedelta(minutes=2, seconds=30))
    service.update(session.id, evil.id, SpeakerData("=HYPERLINK(\"http://evil\")", "+44 Org"),
                   "-1 and @SUM(A1)")
    named(session, "@admin", organization="Plain Org", at=T0)
    tabbed = registration(db, briefing, name="\rCarriage", organization="\tTabbed")
    service.add_registrant(session.id, tabbed.id, now=T0)
    response = client.get(url(session, ".csv"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"),
                                       newline="")))
    assert rows[0][:3] == ["Name", "Organization", "Stakeholder group"]
    assert "Africa/Cairo" in rows[0][3]
    assert rows[0][6] == "Duration (seconds)"
    first = rows[1]
    assert first[0] == "'=HYPERLINK(\"http://evil\")"
    assert first[1] == "'+44 Org"
    assert first[3] == "2030-06-20 10:00:00"
    assert (first[4], first[5], first[6]) == ("2030-06-20 10:01:00", "2030-06-20 10:02:30", "90")
    assert first[7] == "'-1 and @SUM(A1)"
    assert rows[2][:2] == ["'@admin", "Plain Org"]
    assert rows[2][4:7] == ["", "", ""]
    assert rows[3][:2] == ["'\rCarriage", "'\tTabbed"]


# --- the chair's view --------------------------------------------------------------------------

def test_the_chairs_view_shows_the_speaker_their_clock_and_the_next_three(client, place,
                                                                          secretary):
    _, session = place
    now_speaking = named(session, "H.E. Amina Diallo", organization="Ministry of Labour")
    for name in ("Next One", "Next Two", "Next Three", "Fourth Waiting"):
        named(session, name)
    service.start(session.id, now_speaking.id, now=T0)
    response = client.get(url(session, "/chair"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Multi-stakeholder hearing" in page
    assert "H.E. Amina Diallo" in page and "Ministry of Labour" in page
    assert f'data-started-at="{T0.isoformat()}"' in page
    assert "Speaking since 10:00" in page and "EEST" in page  # without JS: the start time
    assert "Next One" in page and "Next Two" in page and "Next Three" in page
    assert "Fourth Waiting" not in page
    assert 'http-equiv="refresh"' not in page.lower() and "<script>" not in page
    assert "js/speakers.js" in page and "data-board-url" in page
    board = client.get(url(session, "/chair/board"))
    assert board.headers["Cache-Control"] == "no-store"
    text = board.get_data(as_text=True)
    assert "H.E. Amina Diallo" in text and "<html" not in text


def test_the_chairs_view_when_no_one_speaks(client, place, secretary):
    _, session = place
    page = client.get(url(session, "/chair")).get_data(as_text=True)
    assert "No one has the floor." in page and "No one else is waiting." in page


def test_the_chairs_view_in_arabic_runs_right_to_left(client, place, secretary):
    _, session = place
    client.set_cookie("lang", "ar")
    page = client.get(url(session, "/chair")).get_data(as_text=True)
    assert 'dir="rtl"' in page and "bootstrap.rtl.min.css" in page


# --- the records index, and queries ------------------------------------------------------------

def test_the_records_index_lists_sessions_in_programme_order(client, factory, place, secretary):
    briefing, session = place
    earlier = factory.session(briefing, title="Opening", start=briefing.starts_at - timedelta(0),
                              minutes=30, room="Room B")
    later = factory.session(briefing, title="Closing",
                            start=briefing.starts_at + timedelta(hours=3), room="Room C")
    named(session, "A"), named(session, "B")
    page = client.get("/manage/imrf/records/").get_data(as_text=True)
    assert page.index("Closing") > page.index("Multi-stakeholder hearing")
    assert page.index("Opening") < page.index("Closing")
    assert url(session) in page and url(later) in page and url(earlier) in page
    assert f"/manage/imrf/records/sessions/{session.id}/minutes" in page
    assert "Not started" in page


def test_the_list_page_makes_no_query_per_entry(client, count_queries, db, place, secretary):
    briefing, session = place
    group_ids = db.session.scalars(sa.select(StakeholderGroup.id)).all()
    service.add_named(session.id, SpeakerData("Early", "", group_ids[0]))
    service.start(session.id, service.entries(session.id)[0].id)
    address, briefing_id, session_id = url(session), briefing.id, session.id
    db.session.close()  # the test and its requests share one session: start each count cold
    with count_queries() as few:
        assert client.get(address).status_code == 200
    briefing = db.session.get(type(briefing), briefing_id)
    for n, group_id in enumerate(group_ids * 2):  # entries and registrants of every group
        service.add_named(session_id, SpeakerData(f"Late {n}", "", group_id))
        registration(db, briefing, group=db.session.get(StakeholderGroup, group_id))
    service.start(session_id, service.entries(session_id)[5].id)
    db.session.close()
    with count_queries() as many:
        assert client.get(address).status_code == 200
    assert many.count == few.count, "\n".join(many.statements)
