"""Change notices after a programme edit, and the reminder before the briefing."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.models import (
    BriefingReminder,
    BriefingStatus,
    MessageBatch,
    MessageKind,
    OutboxMessage,
    OutboxStatus,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionChangeNotice,
    utcnow,
)
from briefings.services import messaging, notices

from .participants_support import EXPECTED, registration, sign_in_as

START = datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc)  # 09:00 in Zurich (CEST)


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes", tz="Europe/Zurich",
                            starts_at=START)


@pytest.fixture
def session(factory, briefing):
    return factory.session(briefing, title="Round table 1", start=START + timedelta(hours=1),
                           room="Room A")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def mails(db, kind=None) -> list[OutboxMessage]:
    db.session.expire_all()
    query = sa.select(OutboxMessage).order_by(OutboxMessage.to_address)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))


def edit(client, session, **changes):
    """Post the session's edit form with its current values, some of them changed."""
    data = {"kind": session.kind.value, "title": session.title, "description": "",
            "starts_at": "2030-06-20T10:00", "ends_at": "2030-06-20T11:00",
            "room": session.room, "capacity": "", "format": "in_person", "meeting_link": "",
            "position": "0"}
    data.update(changes)
    return client.post(f"/manage/imrf/programme/{session.id}", data=data)


@pytest.fixture
def registrants(briefing, session):
    return {
        "ana": registration(briefing, name="Ana", email="ana@example.org", sessions=[session]),
        "ben": registration(briefing, name="Ben", email="ben@example.org", sessions=[session],
                            status=RS.WAITLISTED, seat_status=SeatStatus.WAITLISTED),
        "gone": registration(briefing, name="Gone", email="gone@example.org",
                             sessions=[session], status=RS.CANCELLED,
                             seat_status=SeatStatus.RELEASED),
        "dropped": registration(briefing, name="Dropped", email="dropped@example.org",
                                sessions=[session], seat_status=SeatStatus.RELEASED),
        "elsewhere": registration(briefing, name="Else", email="else@example.org"),
    }


# ---------------------------------------------------------------- change notices

def test_a_time_change_offers_to_notify_and_sends_old_and_new(client, db, session, organizer,
                                                               registrants):
    page = edit(client, session, starts_at="2030-06-20T14:00", ends_at="2030-06-20T15:30")
    assert page.status_code == 302
    html = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "Notify this session's registrants" in html
    assert "10:00–11:00 CEST" in html and "14:00–15:30 CEST" in html
    assert "2 people chose this session." in html
    assert mails(db) == []  # nothing goes out until the organizer says so

    [notice] = db.session.scalars(sa.select(SessionChangeNotice)).all()
    response = client.post(f"/manage/imrf/notices/{notice.id}/send", follow_redirects=True)
    assert "2 registrants of this session will be told of the change." in \
        response.get_data(as_text=True)
    sent = mails(db)
    assert [m.to_address for m in sent] == ["ana@example.org", "ben@example.org"]
    body = sent[0].body_text
    assert "Round table 1" in sent[0].subject and sent[0].kind == "session_changed"
    assert "Jun 20, 2030 10:00–11:00 CEST" in body and "Jun 20, 2030 14:00–15:30 CEST" in body
    assert body.index("10:00–11:00") < body.index("14:00–15:30")  # was, then now
    assert f"/r/{registrants['ana'].token}" in body and "Room" not in body
    batch = db.session.scalar(sa.select(MessageBatch))
    assert batch.kind == MessageKind.SESSION_CHANGE and batch.recipient_count == 2
    assert "Notify this session" not in client.get(page.headers["Location"]).get_data(
        as_text=True)

    client.post(f"/manage/imrf/notices/{notice.id}/send")  # a second press sends nothing
    assert len(mails(db)) == 2


def test_a_room_change_says_which_room(client, db, session, organizer, registrants):
    edit(client, session, room="Room B")
    notice = notices.open_notice(session.id)
    batch = notices.send_notice(notice.id, actor=None)
    body = mails(db)[0].body_text
    assert "Room A" in body and "Room B" in body and body.index("Room A") < body.index("Room B")
    assert "CEST" not in body.split("Room")[0].split("Round table 1")[-1]  # no time section
    assert batch.audience == {"session_id": session.id, "changed": ["room"]}


def test_two_edits_make_one_notice_from_the_first_old_values(db, client, session, organizer,
                                                            registrants):
    edit(client, session, room="Room B")
    edit(client, session, room="Room C", starts_at="2030-06-20T12:00",
         ends_at="2030-06-20T13:00")
    [notice] = db.session.scalars(sa.select(SessionChangeNotice)).all()
    assert notice.old_room == "Room A"
    db.session.refresh(session)
    assert set(notices.changes(notice)) == {"time", "room"}


def test_no_notice_when_nothing_to_tell(client, db, factory, briefing, session, organizer,
                                        registrants):
    edit(client, session, title="Round table one")  # neither time nor room
    assert notices.open_notice(session.id) is None
    edit(client, session, room="Room B")
    edit(client, session, room="Room A")  # back as it was
    assert notices.open_notice(session.id) is None
    empty = factory.session(briefing, room="Empty room", start=START + timedelta(hours=3))
    notices.note_change(empty, empty.starts_at - timedelta(hours=1), empty.ends_at, "X",
                        actor=None)
    assert notices.open_notice(empty.id) is None  # nobody chose it


def test_declining_to_notify_sends_nothing(client, db, session, organizer, registrants):
    edit(client, session, room="Room B")
    notice = notices.open_notice(session.id)
    response = client.post(f"/manage/imrf/notices/{notice.id}/close", follow_redirects=True)
    assert "will not be notified" in response.get_data(as_text=True)
    assert mails(db) == [] and notices.open_notice(session.id) is None
    client.post(f"/manage/imrf/notices/{notice.id}/send")
    assert mails(db) == []


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "other_organizer"])
def test_notices_are_sent_by_organizers_only(client, db, factory, login, briefing, session,
                                             registrants, who):
    notice = notices.note_change(session, session.starts_at, session.ends_at, "Old room",
                                 actor=None)
    sign_in_as(who, factory, login, briefing)
    for action in ("send", "close"):
        response = client.post(f"/manage/imrf/notices/{notice.id}/{action}")
        assert response.status_code == EXPECTED[who]
    assert mails(db) == [] and notices.open_notice(session.id) is not None


def test_a_notice_of_another_briefing_is_not_found(client, db, factory, login, session,
                                                   registrants):
    notice = notices.note_change(session, session.starts_at, session.ends_at, "Old room",
                                 actor=None)
    other = factory.briefing(slug="other")
    login(factory.user(briefing=other, role=Role.ORGANIZER))
    assert client.post(f"/manage/other/notices/{notice.id}/send").status_code == 404
    assert mails(db) == []


# ---------------------------------------------------------------- the reminder before the briefing

def test_the_reminder_is_set_on_the_messages_page(client, db, briefing, organizer):
    response = client.post("/manage/imrf/messages/reminder", data={"lead_hours": "48"},
                           follow_redirects=True)
    assert "reminded 48 hours before the start" in response.get_data(as_text=True)
    assert messaging.reminder_for(briefing.id).lead_hours == 48
    client.post("/manage/imrf/messages/reminder", data={"lead_hours": ""})
    assert messaging.reminder_for(briefing.id) is None


@pytest.mark.parametrize("value, message", [
    ("0", "Enter a number of hours from 1 to 720."),
    ("721", "Enter a number of hours from 1 to 720."),
    ("-3", "Enter a number of hours from 1 to 720."),
    ("soon", "Not a valid integer value."),
])
def test_a_bad_lead_time_is_a_message(client, db, briefing, organizer, value, message):
    response = client.post("/manage/imrf/messages/reminder", data={"lead_hours": value})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert messaging.reminder_for(briefing.id) is None


def test_due_reminders_go_once_to_confirmed_registrants(db, briefing, session):
    ana = registration(briefing, email="ana@example.org", sessions=[session])
    registration(briefing, email="wait@example.org", status=RS.WAITLISTED)
    registration(briefing, email="pending@example.org", status=RS.PENDING)
    registration(briefing, email="gone@example.org", status=RS.CANCELLED)
    messaging.set_reminder(briefing.id, 24, actor=None)
    due = START - timedelta(hours=24)

    assert messaging.queue_due_reminders(due - timedelta(minutes=1)) == 0
    assert mails(db) == []
    assert messaging.queue_due_reminders(due) == 1
    [mail] = mails(db)
    assert mail.to_address == "ana@example.org" and mail.kind == "reminder"
    assert "IMRF outcomes" in mail.subject and ana.ticket_code in mail.body_text
    assert "Round table 1" in mail.body_text and f"/r/{ana.token}" in mail.body_text
    assert messaging.queue_due_reminders(due + timedelta(hours=1)) == 0
    assert len(mails(db)) == 1
    reminder = messaging.reminder_for(briefing.id)
    assert reminder.sent_at == due and reminder.batch_id is not None


def test_no_reminder_for_briefings_that_started_or_are_not_published(db, factory):
    started = factory.briefing(starts_at=START)
    draft = factory.briefing(starts_at=START, status=BriefingStatus.DRAFT)
    for b in (started, draft):
        registration(b)
        messaging.set_reminder(b.id, 24, actor=None)
    assert messaging.queue_due_reminders(START + timedelta(minutes=1)) == 0  # started
    assert messaging.queue_due_reminders(START - timedelta(hours=1)) == 1  # the published one
    assert messaging.reminder_for(draft.id).sent_at is None


def test_the_mail_sender_queues_due_reminders_before_delivering(app, db, factory):
    soon = factory.briefing(starts_at=utcnow() + timedelta(hours=2))
    registration(soon, email="ana@example.org")
    messaging.set_reminder(soon.id, 24, actor=None)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "reminders queued for 1 briefing(s)" in result.output
    [mail] = mails(db)
    assert mail.kind == "reminder" and mail.status == OutboxStatus.SENT
    assert db.session.scalar(sa.select(BriefingReminder)).sent_at is not None
