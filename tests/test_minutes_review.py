"""Minutes: review and approval, history and restore, what stands beside them, compiled minutes and PDF."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    MinutesRevision,
    MinutesStatus,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
)
from briefings.services import minutes as service
from briefings.services import speakers
from briefings.services.diffs import line_diff, render_diff
from briefings.services.minutes import Locked

from .minutes_support import T0, current, registration, save, saved, url
from .minutes_support import organizer, place, secretary  # noqa: F401 - fixtures


# --- review, approval, lock and reopen ---------------------------------------------------------

def test_review_and_approval(client, login, place, secretary, organizer, app):
    _, session = place
    saved(session, "Text.", 0)
    login(secretary)
    page = client.get(url(session)).get_data(as_text=True)
    assert "Submit for review" in page and "Approve" not in page
    assert client.post(url(session, "/submit")).status_code == 302
    assert current(session).status == MinutesStatus.IN_REVIEW
    page = client.get(url(session)).get_data(as_text=True)
    assert "Back to draft" in page and ">Approve<" not in page
    assert client.post(url(session, "/approve")).status_code == 403  # organizers only
    assert current(session).status == MinutesStatus.IN_REVIEW
    assert client.post(url(session, "/draft")).status_code == 302
    assert current(session).status == MinutesStatus.DRAFT
    client.post(url(session, "/submit"))

    chair = app.test_client()
    chair.post("/login", data={"email": organizer.email, "password": "a-long-test-password"})
    assert ">Approve<" in chair.get(url(session, "/view")).get_data(as_text=True)
    response = chair.post(url(session, "/approve"), follow_redirects=True)
    assert "The minutes are now: Approved." in response.get_data(as_text=True)
    assert current(session).status == MinutesStatus.APPROVED


def test_a_step_out_of_order_is_refused_with_a_message(client, login, place, organizer):
    _, session = place
    login(organizer)
    response = client.post(url(session, "/submit"), follow_redirects=True)
    assert "Save the minutes before sending them on." in response.get_data(as_text=True)
    saved(session, "Text.", 0)
    response = client.post(url(session, "/approve"), follow_redirects=True)
    assert "no longer in that state" in response.get_data(as_text=True)
    assert current(session).status == MinutesStatus.DRAFT
    assert client.post(url(session, "/publish")).status_code == 404


def test_approved_minutes_are_locked(client, login, place, secretary):
    _, session = place
    saved(session, "Approved text.", 0)
    service.change_status(session.id, session.briefing_id, "submit")
    service.change_status(session.id, session.briefing_id, "approve")
    login(secretary)
    page = client.get(url(session)).get_data(as_text=True)
    assert "approved and locked" in page and "Approved text." in page
    assert 'name="body"' not in page and "Only an organizer can reopen them." in page
    response = save(client, session, "A late change I must not lose", 1)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "approved and locked" in page and "A late change I must not lose" in page
    with pytest.raises(Locked):
        saved(session, "Direct", 1)
    response = client.post(url(session, "/revisions/1/restore"), data={"version": "1"},
                           follow_redirects=True)
    assert "approved and locked" in response.get_data(as_text=True)
    minutes = current(session)
    assert (minutes.body, minutes.version) == ("Approved text.", 1)


def test_only_an_organizer_reopens_approved_minutes_and_it_is_logged(client, db, login, place,
                                                                     secretary, organizer, app):
    _, session = place
    saved(session, "Approved text.", 0)
    service.change_status(session.id, session.briefing_id, "submit")
    service.change_status(session.id, session.briefing_id, "approve")
    login(secretary)
    assert "Reopen" not in client.get(url(session)).get_data(as_text=True)
    assert client.post(url(session, "/reopen")).status_code == 403
    assert current(session).status == MinutesStatus.APPROVED

    chair = app.test_client()
    chair.post("/login", data={"email": organizer.email, "password": "a-long-test-password"})
    assert "Reopen" in chair.get(url(session)).get_data(as_text=True)
    assert chair.post(url(session, "/reopen")).status_code == 302
    assert current(session).status == MinutesStatus.DRAFT
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "minutes.reopen"))
    assert event.user_id == organizer.id
    assert event.changes["status"] == ["approved", "draft"]
    assert save(client, session, "Corrected text.", 1).status_code == 302


# --- history, diff, restore --------------------------------------------------------------------

def test_history_lists_revisions_newest_first_with_a_diff(client, login, place, secretary,
                                                          organizer):
    _, session = place
    saved(session, "Line one.\nLine two.", 0, actor=secretary, note="draft")
    saved(session, "Line one.\nLine 2, corrected.\nLine three.", 1, actor=organizer)
    saved(session, "Line one.", 2, actor=secretary, note="cut")
    login(secretary)
    page = client.get(url(session, "/history")).get_data(as_text=True)
    assert page.index("cut") < page.index("draft")  # newest first
    assert "Olga Organizer" in page and "Sam Secretary" in page
    assert "Changes from version 2 to version 3" in page  # the latest change by default
    response = client.get(url(session, "/history?from=1&to=2"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Changes from version 1 to version 2: 2 lines added, 1 line removed." in page
    assert "<del>Line two.</del>" in page and "<ins>Line 2, corrected.</ins>" in page
    assert "<ins>Line three.</ins>" in page


def test_a_diff_folds_long_unchanged_stretches_and_names_each_change():
    old = "\n".join(f"Line {n}" for n in range(1, 21))
    new = old.replace("Line 10", "Line ten") + "\nLine 21"
    rows = line_diff(old, new)
    assert [(r.kind, r.text) for r in rows if r.kind in ("added", "removed")] == [
        ("removed", "Line 10"), ("added", "Line ten"), ("added", "Line 21")]
    assert [r.skipped for r in rows if r.kind == "skipped"] == [6, 4]
    html = render_diff(old, new, old_label="v1", new_label="v2")
    assert "2 lines added, 1 line removed" in html
    assert "Removed</td>" in html and "Added</td>" in html and "6 unchanged lines" in html
    assert "<script>" not in render_diff("a", "<script>x</script>", old_label="a", new_label="b")
    assert "identical" in render_diff("same", "same\r\n", old_label="a", new_label="b")


@pytest.mark.parametrize("query", ["from=abc&to=2", "from=1&to=99", "from=&to=", "to=1",
                                   "from=1.5&to=2", "from=-1&to=2"])
def test_bad_revision_choices_get_a_message_not_an_error(client, login, place, secretary, query):
    _, session = place
    saved(session, "One.", 0)
    saved(session, "Two.", 1)
    login(secretary)
    response = client.get(url(session, f"/history?{query}"))
    assert response.status_code == 400
    assert "Choose two saved versions" in response.get_data(as_text=True)


def test_restoring_an_old_revision_saves_it_as_a_new_one(client, db, login, place, secretary):
    _, session = place
    saved(session, "The good text.", 0)
    saved(session, "A mistaken rewrite.", 1)
    login(secretary)
    response = client.post(url(session, "/revisions/1/restore"), data={"version": "2"},
                           follow_redirects=True)
    assert "Version 1 is restored as version 3." in response.get_data(as_text=True)
    minutes = current(session)
    assert (minutes.body, minutes.version) == ("The good text.", 3)
    newest = db.session.scalar(sa.select(MinutesRevision).where(MinutesRevision.version == 3))
    assert newest.note == "Restored version 1" and newest.author_id == secretary.id
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "minutes.restore"))
    assert event.changes["restored_from"] == 1 and event.changes["version"] == 3


def test_restoring_from_a_stale_history_page_changes_nothing(client, login, place, secretary):
    _, session = place
    saved(session, "One.", 0)
    saved(session, "Two.", 1)
    saved(session, "Three, saved meanwhile.", 2)
    login(secretary)
    response = client.post(url(session, "/revisions/1/restore"), data={"version": "2"},
                           follow_redirects=True)
    assert "Someone saved these minutes since you opened the history" in \
        response.get_data(as_text=True)
    assert current(session).version == 3
    response = client.post(url(session, "/revisions/9/restore"), data={"version": "3"},
                           follow_redirects=True)
    assert "There is no version 9" in response.get_data(as_text=True)


# --- beside the minutes: attendance and speakers -----------------------------------------------

def test_attendance_and_speakers_appear_beside_the_minutes(client, db, factory, login, place,
                                                           secretary):
    briefing, session = place
    other = factory.session(briefing, title="Another session", room="Room 2")
    at_door = registration(briefing, name="Door Person", organization="IOM")
    checked = registration(briefing, name="Checked Person", organization="UNDP",
                           checked_in_at=T0)
    not_arrived = registration(briefing, name="Absent Person")
    elsewhere = registration(briefing, name="Elsewhere Person", checked_in_at=T0)
    for reg, seat_session, attended in ((at_door, session, T0), (checked, session, None),
                                        (not_arrived, session, None),
                                        (elsewhere, other, None)):
        db.session.add(SessionSeat(registration=reg, session=seat_session,
                                   status=SeatStatus.CONFIRMED, attended_at=attended))
    db.session.commit()
    civil = db.session.scalar(sa.select(StakeholderGroup).where(
        StakeholderGroup.code == "civil_society"))
    entry = speakers.add_named(session.id, speakers.SpeakerData("Amina Diallo", "NGO", civil.id))
    speakers.start(session.id, entry.id, now=T0)
    speakers.stop(session.id, entry.id, now=T0 + timedelta(seconds=90))

    attendance = service.attendance(session.id)
    assert (attendance.recorded, attendance.checked_in) == (1, 1)
    assert [(p.name, p.organization, p.at_door) for p in attendance.people] == [
        ("Checked Person", "UNDP", False), ("Door Person", "IOM", True)]
    login(secretary)
    for address in (url(session), url(session, "/view")):
        page = client.get(address).get_data(as_text=True)
        assert "door: 1" in page
        assert "registered for this session: 1" in page
        assert "Door Person" in page and "Checked Person, UNDP" in page
        assert "Absent Person" not in page and "Elsewhere Person" not in page
        assert "Civil society" in page and "01:30" in page and "100.0 %" in page


# --- compiled minutes --------------------------------------------------------------------------

def test_compiled_minutes_follow_the_programme(client, factory, login, place, secretary):
    briefing, session = place
    opening = factory.session(briefing, title="Opening", start=briefing.starts_at - timedelta(0),
                              minutes=20, room="Room 9")
    opening.position = -1
    _db.session.commit()
    saved(session, "## Key points\n\n- Regular pathways", 0)
    saved(opening, "Welcome by the host.", 0)
    service.change_status(opening.id, briefing.id, "submit")
    login(secretary)
    page = client.get("/manage/imrf/records/minutes").get_data(as_text=True)
    assert page.index("Opening") < page.index("Round table 1")
    assert page.index("Welcome by the host.") < page.index("Regular pathways")
    assert "In review" in page and "Draft" in page
    assert "<li>Regular pathways</li>" in page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_compiled_minutes_as_pdf(client, login, place, secretary, language):
    _, session = place
    saved(session, "## النقاط الرئيسية\n\nThe chair thanked the participants.", 0)
    login(secretary)
    client.set_cookie("lang", language)
    response = client.get("/manage/imrf/records/minutes.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Language"] == language
