"""The outbox sender against a real SMTP server on loopback, outages included."""
import socket
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from briefings.models import OutboxMessage, OutboxStatus, utcnow
from briefings.services import mailer, outbox


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses chosen recipients."""

    def __init__(self):
        self.messages = []
        self.refuse = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """An SMTP server on a fixed loopback port that a test can take down and bring back."""

    def __init__(self, inbox, port):
        self.inbox, self.port, self.controller = inbox, port, None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app, monkeypatch):
    inbox = Inbox()
    server = Server(inbox, free_port())
    server.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    yield inbox, server
    server.stop()


def queue(db, n=1, to="someone@example.org"):
    messages = [outbox.enqueue(to=to, subject=f"Subject {i}", body=f"Body {i}", kind="test",
                               attachments=[("a.ics", "text/calendar", b"BEGIN:VCALENDAR")])
                for i in range(n)]
    db.session.commit()
    return messages


def test_delivers_once_with_its_attachment(db, smtp):
    inbox, _ = smtp
    [message] = queue(db)
    report = mailer.deliver_due()
    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    assert mailer.deliver_due().sent == 0  # a second round sends nothing again
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    assert received["Subject"] == "Subject 0"
    assert received["Message-ID"] == message.message_id
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "a.ics"
    db.session.refresh(message)
    assert message.status == OutboxStatus.SENT and message.sent_at is not None


def test_an_outage_loses_nothing_and_sends_nothing_twice(app, db, smtp, monkeypatch):
    inbox, server = smtp
    queue(db, 3)
    server.stop()  # the server goes away
    report = mailer.deliver_due()
    assert report.sent == 0 and report.retried == 3
    pending = db.session.scalars(sa.select(OutboxMessage)).all()
    assert all(m.status == OutboxStatus.PENDING and m.attempts == 1 for m in pending)
    assert all(m.next_attempt_at > utcnow() for m in pending)
    assert mailer.deliver_due().sent == 0  # not due yet: backoff
    server.start()  # the server is back
    later = utcnow() + timedelta(minutes=10)
    assert mailer.deliver_due(now=later).sent == 3
    assert mailer.deliver_due(now=later + timedelta(hours=3)).sent == 0
    assert sorted(m["Subject"] for m in inbox.messages) == ["Subject 0", "Subject 1", "Subject 2"]


def test_a_refused_recipient_fails_at_once(db, smtp):
    inbox, _ = smtp
    inbox.refuse.add("nobody@example.org")
    [bad] = queue(db, to="nobody@example.org")
    [good] = queue(db)
    report = mailer.deliver_due()
    assert (report.sent, report.failed) == (1, 1)
    db.session.refresh(bad)
    assert bad.status == OutboxStatus.FAILED and "550" in bad.last_error


def test_gives_up_after_the_last_try(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 3)
    [message] = queue(db)
    now = utcnow()
    for _ in range(3):
        mailer.deliver_due(now=now)
        now += timedelta(days=1)
    db.session.refresh(message)
    assert message.status == OutboxStatus.FAILED and message.attempts == 3


def test_backoff_grows_and_is_capped():
    assert mailer.backoff(1) < mailer.backoff(2) < mailer.backoff(3)
    assert mailer.backoff(30) == mailer.LAST_RETRY


def test_without_smtp_settings_mail_is_written_as_eml_files(app, db, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    [message] = queue(db)
    assert mailer.deliver_due().sent == 1
    [eml] = list((tmp_path / "outbox").glob("*.eml"))
    parsed = message_from_bytes(eml.read_bytes(), policy=default_policy)
    assert parsed["Message-ID"] == message.message_id


def test_send_mail_command(app, db, smtp):
    queue(db, 2)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "sent 2" in result.output
