"""Minutes: saving and revisions, edit conflicts, review and approval, history, restore, PDF."""
import itertools
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    Minutes,
    MinutesRevision,
    MinutesStatus,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
)
from briefings.services import minutes as service
from briefings.services import speakers
from briefings.services.diffs import line_diff, render_diff
from briefings.services.minutes import EditConflict, Locked

_seq = itertools.count(1)
T0 = datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc)
EXPECTED = {"anonymous": 302, "other_organizer": 403, "secretariat": 200, "organizer": 200,
            "admin": 200}
XSS = ('Fine words.\n\n<script>alert("owned")</script>\n\n<img src=x onerror="alert(1)">\n\n'
       '[click](javascript:alert(2)) <a href="#" onclick="alert(3)">here</a>')


def registration(briefing, *, name=None, organization="", status=RS.CONFIRMED, **fields):
    n = next(_seq)
    email = f"attendee{n}@example.org"
    reg = Registration(briefing=briefing, full_name=name or f"Attendee {n}", email=email,
                       email_key=email, organization=organization, status=status,
                       token=f"minutes-token-{n}-{'x' * 30}", ticket_code=f"MN{n:06d}", **fields)
    _db.session.add(reg)
    _db.session.commit()
    return reg


def sign_in_as(who, factory, login, briefing):
    """Sign in as anonymous, secretariat, other_organizer, organizer or admin."""
    if who == "anonymous":
        return None
    if who == "secretariat":
        return login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    if who == "other_organizer":
        return login(factory.user(briefing=factory.briefing(), role=Role.ORGANIZER))
    if who == "admin":
        return login(factory.user(is_admin=True))
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", title="IMRF outcomes briefing")
    session = factory.session(briefing, title="Round table 1: Migration in the 2030 Agenda")
    return briefing, session


@pytest.fixture
def organizer(factory, place):
    return factory.user(briefing=place[0], role=Role.ORGANIZER, name="Olga Organizer")


@pytest.fixture
def secretary(factory, place):
    return factory.user(briefing=place[0], role=Role.SECRETARIAT, name="Sam Secretary")


def url(session, tail=""):
    return f"/manage/imrf/records/sessions/{session.id}/minutes{tail}"


def save(client, session, body, version, **extra):
    return client.post(url(session), data={"body": body, "version": str(version), "save": "Save",
                                           "rapporteur": "", "note": "", **extra})


def current(session) -> Minutes:
    _db.session.rollback()  # end the test's read transaction: see what requests committed
    return _db.session.scalar(sa.select(Minutes).where(Minutes.session_id == session.id))


def saved(session, body, version, actor=None, **kwargs) -> Minutes:
    return service.save(session.id, session.briefing_id, body, version, actor=actor, **kwargs)


# --- permissions -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", list(EXPECTED))
def test_pages_need_the_records_permission(client, factory, login, place, who):
    briefing, session = place
    saved(session, "First version.", 0)
    saved(session, "Second version.", 1)
    sign_in_as(who, factory, login, briefing)
    for address in (url(session), url(session, "/view"), url(session, "/history"),
                    url(session, "/history?from=1&to=2"), "/manage/imrf/records/minutes",
                    "/manage/imrf/records/minutes.pdf"):
        response = client.get(address)
        assert response.status_code == EXPECTED[who], address
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), address


@pytest.mark.parametrize("who", ["anonymous", "other_organizer"])
def test_changes_are_refused_to_outsiders(client, factory, login, place, who):
    briefing, session = place
    saved(session, "Kept.", 0)
    saved(session, "Kept again.", 1)
    sign_in_as(who, factory, login, briefing)
    for address, data in ((url(session), {"body": "Hacked", "version": "2", "save": "Save"}),
                          (url(session, "/preview"), {"body": "x"}),
                          (url(session, "/submit"), {}),
                          (url(session, "/revisions/1/restore"), {"version": "2"})):
        assert client.post(address, data=data).status_code == EXPECTED[who], address
    minutes = current(session)
    assert (minutes.body, minutes.version, minutes.status) == ("Kept again.", 2,
                                                                MinutesStatus.DRAFT)


# --- saving and revisions ----------------------------------------------------------------------

def test_the_first_save_creates_the_minutes_and_each_save_a_revision(client, db, login, place,
                                                                     secretary):
    _, session = place
    login(secretary)
    page = client.get(url(session)).get_data(as_text=True)
    assert 'name="version" type="hidden" value="0"' in page
    assert current(session) is None
    response = save(client, session, "# Opening\r\n\r\nThe chair opened the session.", 0,
                    rapporteur=str(secretary.id), note="first draft")
    assert response.status_code == 302
    minutes = current(session)
    assert (minutes.version, minutes.status, minutes.rapporteur_id) == (
        1, MinutesStatus.DRAFT, secretary.id)
    assert minutes.body == "# Opening\n\nThe chair opened the session."
    response = save(client, session, "Second text.", 1, rapporteur=str(secretary.id))
    assert response.status_code == 302
    revisions = db.session.scalars(sa.select(MinutesRevision).order_by(
        MinutesRevision.version)).all()
    assert [(r.version, r.author_id, r.note) for r in revisions] == [
        (1, secretary.id, "first draft"), (2, secretary.id, "")]
    assert current(session).version == 2
    page = client.get(url(session)).get_data(as_text=True)
    assert 'name="version" type="hidden" value="2"' in page
    assert "Version 2, saved" in page and "Sam Secretary" in page


def test_the_rapporteur_is_one_of_the_briefings_team(client, factory, login, place, secretary,
                                                     organizer):
    briefing, session = place
    outsider = factory.user(briefing=factory.briefing(), name="Outside Person")
    login(secretary)
    page = client.get(url(session)).get_data(as_text=True)
    assert "Sam Secretary" in page and "Olga Organizer" in page and "Outside Person" not in page
    response = save(client, session, "My careful text", 0, rapporteur=str(outsider.id))
    assert response.status_code == 400
    assert "My careful text" in response.get_data(as_text=True)
    assert current(session) is None
    assert save(client, session, "Text", 0, rapporteur=str(organizer.id)).status_code == 302
    assert current(session).rapporteur_id == organizer.id


def test_preview_renders_without_saving(client, login, place, secretary):
    _, session = place
    login(secretary)
    response = client.post(url(session), data={"body": "**Key message**", "version": "0",
                                               "preview": "Preview"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<strong>Key message</strong>" in page and "**Key message**" in page
    assert current(session) is None
    fragment = client.post(url(session, "/preview"), data={"body": "*quick*"})
    assert fragment.status_code == 200
    assert "<em>quick</em>" in fragment.get_data(as_text=True)
    assert current(session) is None


def test_a_lost_version_field_is_explained_and_the_text_kept(client, login, place, secretary):
    _, session = place
    login(secretary)
    response = save(client, session, "Words I typed", "abc")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "lost track of the version" in page and "Words I typed" in page
    assert current(session) is None


def test_script_payloads_are_inert_everywhere_the_minutes_are_shown(client, login, place,
                                                                    secretary):
    _, session = place
    login(secretary)
    save(client, session, XSS, 0)
    saved(session, XSS + "\n\nMore.", 1)
    pages = [client.get(url(session, "/view")), client.get("/manage/imrf/records/minutes"),
             client.post(url(session), data={"body": XSS, "version": "2", "preview": "Preview"}),
             client.post(url(session, "/preview"), data={"body": XSS}),
             client.get(url(session, "/history?from=1&to=2"))]
    for response in pages:
        page = response.get_data(as_text=True)
        # The source may show as escaped text; no element, handler or link of it survives.
        assert "<script>alert" not in page and "<img" not in page, response.request.path
        assert 'onerror="' not in page and 'onclick="' not in page, response.request.path
        assert 'href="javascript:' not in page, response.request.path
    assert "Fine words." in pages[0].get_data(as_text=True)
    # The editor shows the Markdown source as text, escaped.
    assert "&lt;script&gt;" in client.get(url(session)).get_data(as_text=True)


def test_saves_and_status_changes_are_audited_without_the_text(db, place, secretary, organizer):
    _, session = place
    saved(session, "Confidential remark by Ms. Example.", 0, actor=secretary)
    service.change_status(session.id, session.briefing_id, "submit", actor=secretary)
    events = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.user_id) for e in events] == [("minutes.save", secretary.id),
                                                       ("minutes.status", secretary.id)]
    assert events[1].changes["status"] == ["draft", "in_review"]
    assert "Confidential" not in json.dumps([e.changes for e in events])


# --- edit conflicts ----------------------------------------------------------------------------

def test_two_editors_on_the_same_version_one_wins_the_other_keeps_their_text(
        app, client, db, login, place, secretary, organizer):
    _, session = place
    saved(session, "Agreed opening.", 0)
    other = app.test_client()
    login(secretary)
    other.post("/login", data={"email": organizer.email, "password": "a-long-test-password"})
    assert 'value="1"' in client.get(url(session)).get_data(as_text=True)
    assert 'value="1"' in other.get(url(session)).get_data(as_text=True)

    assert save(other, session, "Agreed opening.\n\nOrganizer's paragraph.", 1).status_code == 302
    response = save(client, session, "Agreed opening.\n\nSecretary's paragraph.", 1)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved these minutes" in page
    assert "Secretary&#39;s paragraph." in page  # yours, in the form
    assert "Organizer&#39;s paragraph." in page  # theirs, beside it
    assert 'name="version" type="hidden" value="2"' in page  # ready to save on top
    assert "Added" in page and "Removed" in page  # the diff says it in words
    minutes = current(session)
    assert (minutes.version, minutes.body) == (2, "Agreed opening.\n\nOrganizer's paragraph.")

    merged = "Agreed opening.\n\nOrganizer's paragraph.\n\nSecretary's paragraph."
    assert save(client, session, merged, 2).status_code == 302
    minutes = current(session)
    assert (minutes.version, minutes.body) == (3, merged)


def test_simultaneous_saves_on_one_version_cannot_both_win(app, db, place):
    _, session = place
    saved(session, "Base.", 0)
    session_id, briefing_id = session.id, session.briefing_id
    barrier = threading.Barrier(2)
    outcomes = []

    def edit(text):
        with app.app_context():
            barrier.wait()
            try:
                service.save(session_id, briefing_id, text, 1)
                outcomes.append("saved")
            except EditConflict as conflict:
                outcomes.append(("conflict", conflict.current.version))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=edit, args=(f"Text {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes, key=str) == [("conflict", 2), "saved"]
    assert current(session).version == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MinutesRevision)) == 2


def test_two_first_saves_cannot_both_create_the_minutes(db, place):
    _, session = place
    saved(session, "First writer.", 0)
    with pytest.raises(EditConflict) as conflict:
        saved(session, "Second writer.", 0)
    assert conflict.value.current.body == "First writer."
    assert current(session).version == 1


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
