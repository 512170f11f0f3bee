"""Minutes: who may keep them, saving and revisions, edit conflicts."""
import json
import threading

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import AuditEvent, MinutesRevision, MinutesStatus
from briefings.services import minutes as service
from briefings.services.minutes import EditConflict

from .minutes_support import EXPECTED, XSS, current, save, saved, sign_in_as, url
from .minutes_support import organizer, place, secretary  # noqa: F401 - fixtures


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
