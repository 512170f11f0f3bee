"""Messages to participants: audiences, placeholders, preview, bulk sending and the log."""
import pytest
import sqlalchemy as sa

from briefings.models import (
    MessageBatch,
    MessageKind,
    MessageRecipient,
    OutboxMessage,
    OutboxStatus,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    utcnow,
)
from briefings.services import messaging as svc

from .participants_support import EXPECTED, ROLES, registration, sign_in_as


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER, name="Olga Organizer"))


def outbox(db) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.to_address)))


def compose(client, action="preview", **fields):
    data = {"subject": "News for {name}", "body": "Dear {name}, see you at {briefing}: {link}",
            "statuses": ["confirmed"], "group": "", "session": "", action: "y"}
    data.update(fields)
    return client.post("/manage/imrf/messages/new", data=data)


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_message_pages_need_the_organizer_role(client, db, factory, login, briefing, who):
    registration(briefing, name="Zoe")
    batch = svc.send_message(briefing.id, "Hello", "Hi {name}", svc.Audience(), actor=None)
    sign_in_as(who, factory, login, briefing)
    for url in ("/manage/imrf/messages", "/manage/imrf/messages/new",
                f"/manage/imrf/messages/{batch.id}"):
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "other_organizer"])
def test_sending_is_refused_to_others(client, db, factory, login, briefing, who):
    registration(briefing)
    sign_in_as(who, factory, login, briefing)
    assert compose(client, "send").status_code == EXPECTED[who]
    assert client.post("/manage/imrf/messages/reminder",
                       data={"lead_hours": "24"}).status_code == EXPECTED[who]
    assert outbox(db) == [] and svc.reminder_for(briefing.id) is None


def test_a_message_of_another_briefing_is_not_found(client, factory, login, briefing):
    registration(briefing)
    batch = svc.send_message(briefing.id, "Hello", "Hi", svc.Audience(), actor=None)
    other = factory.briefing(slug="other")
    login(factory.user(briefing=other, role=Role.ORGANIZER))
    assert client.get(f"/manage/other/messages/{batch.id}").status_code == 404


# ---------------------------------------------------------------- placeholders

@pytest.mark.parametrize("text, message", [
    ("Hello {nmae}", "Unknown placeholder: {nmae}."),
    ("Hello {name.__class__}", "Unknown placeholder: {name.__class__}."),
    ("Hello {name!r}", "Unknown placeholder: {name!r}."),
    ("Hello {name:>30}", "Unknown placeholder: {name:&gt;30}."),
    ("Hello {0}", "Unknown placeholder: {0}."),
    ("Hello {", "A brace is not paired."),
    ("Hello }", "A brace is not paired."),
])
def test_unknown_placeholders_are_refused(client, db, briefing, organizer, text, message):
    registration(briefing)
    response = compose(client, "send", body=text)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert outbox(db) == []


def test_placeholders_in_the_subject_are_checked_too(client, db, briefing, organizer):
    registration(briefing)
    response = compose(client, "send", subject="For {who}")
    assert "Unknown placeholder: {who}." in response.get_data(as_text=True)
    assert outbox(db) == []


def test_double_braces_are_literal_braces():
    assert svc.placeholder_errors("Use {{name}} literally, {name}") == []
    assert svc.fill("{{name}} is {name}", name="Ana") == "{name} is Ana"


# ---------------------------------------------------------------- preview and sending

def test_preview_shows_the_first_recipient_and_the_count_and_sends_nothing(
        client, db, briefing, organizer):
    registration(briefing, name="Zoe Zimmer")
    first = registration(briefing, name="Aziz Amari", email="aziz@example.org")
    registration(briefing, name="Pending Person", status=RS.PENDING)
    html = compose(client).get_data(as_text=True)
    assert "This message will go to 2 people." in html
    assert "aziz@example.org" in html and "News for Aziz Amari" in html
    assert (f"Dear Aziz Amari, see you at IMRF outcomes: http://127.0.0.1:5000/r/{first.token}"
            in html)
    assert "Send to 2 people" in html
    assert outbox(db) == []


def test_sending_writes_one_personal_e_mail_per_recipient(client, db, briefing, organizer):
    ana = registration(briefing, name="Ana", email="ana@example.org", language="fr")
    ben = registration(briefing, name="Ben", email="ben@example.org", status=RS.WAITLISTED)
    registration(briefing, name="Cancelled", status=RS.CANCELLED)
    response = compose(client, "send", statuses=["confirmed", "waitlisted"])
    assert response.status_code == 302
    batch = db.session.scalar(sa.select(MessageBatch))
    assert response.headers["Location"].endswith(f"/manage/imrf/messages/{batch.id}")
    mails = outbox(db)
    assert [m.to_address for m in mails] == ["ana@example.org", "ben@example.org"]
    assert [m.subject for m in mails] == ["News for Ana", "News for Ben"]
    assert f"Dear Ana, see you at IMRF outcomes: http://127.0.0.1:5000/r/{ana.token}" \
        in mails[0].body_text
    assert f"/r/{ben.token}" in mails[1].body_text and ana.token not in mails[1].body_text
    assert {m.registration_id for m in mails} == {ana.id, ben.id}
    assert all(m.kind == "message" and m.status == OutboxStatus.PENDING for m in mails)
    assert batch.kind == MessageKind.MESSAGE and batch.recipient_count == 2
    assert batch.sent_by_id == organizer.id
    assert batch.audience["statuses"] == ["confirmed", "waitlisted"]


def test_recipients_chosen_by_group_and_by_session(db, factory, briefing):
    plenary, side = factory.session(briefing), factory.session(briefing, room="Side room")
    academia, media = factory.group("academia"), factory.group("media")
    a = registration(briefing, stakeholder_group_id=academia.id, sessions=[plenary])
    b = registration(briefing, stakeholder_group_id=media.id, sessions=[side])
    registration(briefing, stakeholder_group_id=academia.id, sessions=[side],
                 seat_status=SeatStatus.RELEASED)

    def to(**audience):
        batch = svc.send_message(briefing.id, "S", "B", svc.Audience(**audience), actor=None)
        return {r.registration_id for r in db.session.scalars(
            sa.select(MessageRecipient).where(MessageRecipient.batch_id == batch.id))}

    assert to(group_id=academia.id, session_id=plenary.id) == {a.id}
    assert to(session_id=side.id) == {b.id}  # a released seat is no longer the session's
    assert to(group_id=media.id) == {b.id}


def test_nobody_matching_is_a_message_and_sends_nothing(client, db, briefing, organizer):
    registration(briefing, status=RS.PENDING)
    html = compose(client, "send").get_data(as_text=True)
    assert "Nobody matches the recipients you chose" in html
    assert outbox(db) == [] and db.session.scalar(sa.select(MessageBatch)) is None
    html = compose(client, "send", statuses=[]).get_data(as_text=True)
    assert "Choose at least one registration status." in html


def _many_registrations(briefing, n: int, start: int) -> None:
    from briefings.extensions import db

    now = utcnow()
    db.session.execute(sa.insert(Registration), [
        {"briefing_id": briefing.id, "full_name": f"Person {i}", "email": f"p{i}@example.org",
         "email_key": f"p{i}@example.org", "token": f"tok-{i}-{'x' * 30}",
         "ticket_code": f"T{i:07d}", "status": RS.CONFIRMED, "language": "en",
         "organization": "", "position": "", "country": "", "accessibility_needs": "",
         "list_consent": False, "created_at": now, "updated_at": now}
        for i in range(start, start + n)])
    db.session.commit()


def test_sending_to_2000_people_takes_as_many_queries_as_to_20(db, factory, count_queries):
    small, large = factory.briefing(), factory.briefing()
    _many_registrations(small, 20, 0)
    _many_registrations(large, 2000, 1000)
    with count_queries() as few:
        svc.send_message(small.id, "Hi {name}", "Hello {name}: {link}", svc.Audience(),
                         actor=None)
    with count_queries() as many:
        batch = svc.send_message(large.id, "Hi {name}", "Hello {name}: {link}", svc.Audience(),
                                 actor=None)
    assert many.count == few.count
    assert batch.recipient_count == 2000
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(
        OutboxMessage.briefing_id == large.id)) == 2000
    assert db.session.scalar(sa.select(sa.func.count(MessageRecipient.id)).where(
        MessageRecipient.batch_id == batch.id)) == 2000


# ---------------------------------------------------------------- the log

def test_the_log_shows_what_was_sent_to_whom_and_its_delivery(client, db, briefing, organizer):
    registration(briefing, name="Ana", email="ana@example.org")
    registration(briefing, name="Ben", email="ben@example.org")
    compose(client, "send", subject="Agenda update")
    delivered = db.session.scalar(sa.select(OutboxMessage).where(
        OutboxMessage.to_address == "ben@example.org"))
    delivered.status, delivered.sent_at = OutboxStatus.SENT, utcnow()
    db.session.commit()

    html = client.get("/manage/imrf/messages").get_data(as_text=True)
    assert "Agenda update" in html and "Olga Organizer" in html
    assert "Waiting to be sent: 1" in html and "Sent: 1" in html

    batch = db.session.scalar(sa.select(MessageBatch))
    html = client.get(f"/manage/imrf/messages/{batch.id}").get_data(as_text=True)
    assert "Dear {name}, see you at {briefing}: {link}" in html  # the text as written
    rows = html.split("<tbody>")[1]
    assert rows.index("Ana") < rows.index("Ben")
    assert "ana@example.org" in rows and "ben@example.org" in rows
    ana_row = rows.split("ben@example.org")[0]
    assert "Waiting to be sent" in ana_row and "Sent" in rows.split("ben@example.org")[1]


def test_user_text_in_the_preview_is_escaped(client, db, briefing, organizer):
    registration(briefing, name="<b>Eve</b>")
    html = compose(client, body="<script>alert(1)</script> {name}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;b&gt;Eve&lt;/b&gt;" in html


def test_the_log_pages_query_the_same_for_few_and_many(client, db, briefing, organizer,
                                                       count_queries):
    def measure(batch_id):
        counts = []
        for url in ("/manage/imrf/messages", f"/manage/imrf/messages/{batch_id}"):
            with count_queries() as q:
                assert client.get(url).status_code == 200
            counts.append(q.count)
        return counts

    registration(briefing)
    first = svc.send_message(briefing.id, "One", "B", svc.Audience(), actor=organizer)
    few = measure(first.id)
    for _ in range(30):
        registration(briefing)
    for n in range(12):
        svc.send_message(briefing.id, f"Batch {n}", "B", svc.Audience(), actor=organizer)
    last = db.session.scalar(sa.select(MessageBatch).order_by(MessageBatch.id.desc()).limit(1))
    assert measure(last.id) == few
