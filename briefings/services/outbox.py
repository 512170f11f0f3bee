"""Writes e-mails into the outbox, inside the transaction of the change that causes them.

Nothing here talks to a mail server: ``services.mailer`` delivers later, so
a change and its e-mail are committed together or not at all.
"""
import base64
from email.utils import make_msgid

from flask import current_app
from flask_babel import force_locale

from ..extensions import db
from ..models import OutboxMessage, Registration


def public_url(path: str) -> str:
    """An absolute address on this site, for links in e-mails (BASE_URL + path)."""
    return current_app.config["BASE_URL"].rstrip("/") + path


def enqueue(*, to: str, subject: str, body: str, kind: str, briefing_id: int | None = None,
            registration_id: int | None = None,
            attachments: list[tuple[str, str, bytes]] | None = None) -> OutboxMessage:
    """Add one message to the outbox; the caller commits it with the change that caused it.

    ``attachments`` are (filename, content type, bytes) triples.
    """
    domain = current_app.config["MAIL_MESSAGE_ID_DOMAIN"]
    message = OutboxMessage(
        to_address=to, subject=" ".join(subject.split())[:300], body_text=body, kind=kind,
        briefing_id=briefing_id, registration_id=registration_id,
        message_id=make_msgid(idstring=kind, domain=domain),
        attachments=[
            {"filename": name, "content_type": ctype,
             "data": base64.b64encode(data).decode("ascii")}
            for name, ctype, data in (attachments or [])
        ],
    )
    db.session.add(message)
    return message


def enqueue_registration_mail(registration: Registration, kind: str, **extra) -> OutboxMessage:
    """Write the ``kind`` e-mail to a registrant, in the language they chose.

    The text comes from ``templates/email/<kind>.txt``, which sets
    ``subject`` at its top. A confirmation carries the calendar file of
    the chosen sessions.
    """
    from .calendars import registration_calendar

    briefing = registration.briefing
    context = {
        "registration": registration,
        "briefing": briefing,
        "private_link": public_url(f"/r/{registration.token}"),
        "briefing_link": public_url(f"/b/{briefing.slug}"),
        **extra,
    }
    current_app.update_template_context(context)
    attachments = []
    with force_locale(registration.language or "en"):
        module = current_app.jinja_env.get_template(f"email/{kind}.txt").make_module(context)
        body = str(module)
        subject = (str(getattr(module, "subject", "")).strip()
                   or briefing.title_in(registration.language))
        if kind in ("confirmed", "promoted"):  # the calendar in the e-mail's language too
            attachments.append((f"{briefing.slug}.ics", "text/calendar",
                                registration_calendar(registration)))
    return enqueue(to=registration.email, subject=subject, body=body.strip() + "\n", kind=kind,
                   briefing_id=briefing.id, registration_id=registration.id,
                   attachments=attachments)
