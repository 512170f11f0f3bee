"""Delivers the outbox: over SMTP when configured, else as .eml files in instance/outbox/.

Each message is claimed (attempts + 1, a lease on ``next_attempt_at``) and
committed before it is handed to the server, so two senders never send the
same message; a message is marked sent as soon as the server accepted it.
Failures are retried with exponential backoff and marked failed after
MAIL_MAX_ATTEMPTS tries, or at once when the server refuses it for good (5xx).
"""
import base64
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from ..database import lock_for_update
from ..extensions import db
from ..models import OutboxMessage, OutboxStatus, utcnow

LEASE = timedelta(minutes=5)  # a claimed message is left alone this long by other senders
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=2)


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try."""
    return min(FIRST_RETRY * (2 ** (attempts - 1)), LAST_RETRY)


def build_email(message: OutboxMessage) -> EmailMessage:
    """The outbox row as an RFC 5322 message with its stored Message-ID."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email.set_content(message.body_text)
    for attachment in message.attachments or []:
        maintype, _, subtype = attachment["content_type"].partition("/")
        email.add_attachment(base64.b64decode(attachment["data"]), maintype=maintype,
                             subtype=subtype or "octet-stream", filename=attachment["filename"])
    return email


class SMTPTransport:
    """One SMTP connection for a batch, opened on first use and reopened after a failure."""

    def __init__(self, config):
        self.config = config
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        timeout = cfg["MAIL_TIMEOUT"]
        if cfg["MAIL_USE_SSL"]:
            conn = smtplib.SMTP_SSL(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            conn = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=timeout)
            if cfg["MAIL_USE_TLS"]:
                conn.starttls(context=ssl.create_default_context())
        if cfg["MAIL_USERNAME"]:
            conn.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        return conn

    def send(self, email: EmailMessage) -> None:
        if self.connection is None:
            self.connection = self._connect()
        try:
            self.connection.send_message(email)
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.connection = None


class FileTransport:
    """Writes each message as instance/outbox/<id>.eml (no SMTP server configured)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, email: EmailMessage) -> None:
        name = email["Message-ID"].strip("<>").replace("/", "_").replace("@", "_at_")
        tmp = self.folder / f".{name}.tmp"
        tmp.write_bytes(bytes(email))
        tmp.replace(self.folder / f"{name}.eml")

    def close(self) -> None:
        pass


def transport_for(app):
    """SMTP when MAIL_SERVER is set, else .eml files under the instance folder."""
    if app.config["MAIL_SERVER"]:
        return SMTPTransport(app.config)
    return FileTransport(Path(app.instance_path) / "outbox")


def _claim(message_id: int, now: datetime) -> bool:
    claimed = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.PENDING,
               OutboxMessage.next_attempt_at <= now)
        .values(attempts=OutboxMessage.attempts + 1, next_attempt_at=now + LEASE)
    ).rowcount
    db.session.commit()
    return claimed == 1


def deliver_due(*, now: datetime | None = None, limit: int = 200, transport=None) -> Report:
    """Send the messages that are due, oldest first; returns what happened."""
    app = current_app._get_current_object()
    now = now or utcnow()
    transport = transport or transport_for(app)
    report = Report()
    due = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    ).all()
    db.session.commit()
    try:
        for message_id in due:
            if not _claim(message_id, now):
                continue
            failure = None  # (error, permanent)
            try:
                transport.send(build_email(db.session.get(OutboxMessage, message_id)))
            except smtplib.SMTPResponseException as error:
                failure = (f"{error.smtp_code} {error.smtp_error!r}",
                           500 <= error.smtp_code < 600)
            except smtplib.SMTPRecipientsRefused as error:
                failure = (f"recipient refused: {error.recipients!r}", True)
            except (smtplib.SMTPException, OSError) as error:
                failure = (f"{type(error).__name__}: {error}", False)
            # The outcome is written in a transaction that holds the write lock from its start:
            # on SQLite a read transaction that writes late fails ("database is locked") when
            # the web app wrote meanwhile, which would leave the message leased for LEASE.
            message = lock_for_update(OutboxMessage, message_id)
            if failure:
                _record_failure(message, failure[0], now, failure[1], report)
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = utcnow()
                message.last_error = ""
                report.sent += 1
            db.session.commit()
    finally:
        transport.close()
    return report


def _record_failure(message: OutboxMessage, error: str, now: datetime, permanent: bool,
                    report: Report) -> None:
    message.last_error = error[:500]
    if permanent or message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = OutboxStatus.FAILED
        report.failed += 1
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        report.retried += 1
    current_app.logger.warning("mail %s not sent (try %s): %s", message.id, message.attempts,
                               error)
