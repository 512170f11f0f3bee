"""Certificates of attendance: a PDF for each checked-in participant, in their own language.

The certificate lists the sessions the person attended. A session that takes
attendance counts only with the person's attendance recorded; one that takes
none counts for each confirmed seat (the person was checked in at the door).
"""
import base64
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import (
    BriefingSession,
    Membership,
    OutboxMessage,
    Registration,
    RegistrationStatus,
    Role,
    SeatStatus,
    SessionSeat,
    User,
    utcnow,
)
from ..pdf import font_family, render_pdf
from .audit import record
from .outbox import enqueue_registration_mail

# A second e-mail of the same certificate within this time is refused (a double click, a loop).
RESEND_AFTER = timedelta(minutes=10)
MAIL_KIND = "certificate"


class CertificateError(ValueError):
    """The certificate cannot be given; the message is meant for the participant."""


def is_available(registration: Registration) -> bool:
    """True for a confirmed participant who was checked in and whose data is still held."""
    return (registration.checked_in_at is not None
            and registration.status == RegistrationStatus.CONFIRMED
            and registration.anonymized_at is None)


def attended_sessions(registration: Registration) -> list[BriefingSession]:
    """The sessions to name on the certificate, in programme order."""
    sessions = []
    # The seats with their sessions (and their texts) in two queries, however many they chose.
    seats = db.session.scalars(sa.select(SessionSeat).options(
        joinedload(SessionSeat.session).selectinload(BriefingSession.translations))
                               .where(SessionSeat.registration_id == registration.id)).all()
    for seat in seats:
        if seat.attended_at is not None:
            sessions.append(seat.session)
        elif seat.status == SeatStatus.CONFIRMED and not seat.session.takes_attendance:
            sessions.append(seat.session)
    return sorted(sessions, key=lambda s: (s.starts_at, s.position, s.id))


def organizer_names(briefing_id: int) -> list[str]:
    """The names of the briefing's organizers (staff with the organizer role)."""
    return list(db.session.scalars(
        sa.select(User.name).join(Membership, Membership.user_id == User.id)
        .where(Membership.briefing_id == briefing_id, Membership.role == Role.ORGANIZER,
               User.active)
        .order_by(User.name)))


def filename(registration: Registration) -> str:
    return f"certificate-{registration.briefing.slug}.pdf"


def certificate_html(registration: Registration, *, issued: datetime | None = None) -> str:
    """The certificate as HTML for WeasyPrint, in the participant's language."""
    language = registration.language or "en"
    with force_locale(language):
        return render_template(
            "certificates/certificate_pdf.html", registration=registration,
            briefing=registration.briefing, sessions=attended_sessions(registration),
            organizers=organizer_names(registration.briefing_id), issued=issued or utcnow(),
            doc_lang=language, font_family=font_family(language),
            site_name=current_app.config["SITE_NAME"])


def certificate_pdf(registration: Registration) -> bytes:
    """The certificate of attendance as a PDF; CertificateError unless checked in."""
    if not is_available(registration):
        raise CertificateError(_l("A certificate is given to participants once they have "
                                  "been checked in."))
    return render_pdf(certificate_html(registration))


def _recently_sent(registration: Registration, now: datetime) -> bool:
    return db.session.scalar(
        sa.select(OutboxMessage.id).where(
            OutboxMessage.registration_id == registration.id,
            OutboxMessage.kind == MAIL_KIND,
            OutboxMessage.created_at > now - RESEND_AFTER).limit(1)) is not None


def send_certificate(registration: Registration, *, now: datetime | None = None) -> OutboxMessage:
    """E-mail the certificate to the participant as an attachment (through the outbox)."""
    now = now or utcnow()
    pdf = certificate_pdf(registration)
    if _recently_sent(registration, now):
        raise CertificateError(_l("Your certificate was sent a few minutes ago: please look "
                                  "in your mailbox (and its spam folder)."))
    message = enqueue_registration_mail(registration, MAIL_KIND)
    message.created_at = now
    message.attachments = [{"filename": filename(registration), "content_type": "application/pdf",
                            "data": base64.b64encode(pdf).decode("ascii")}]
    record("certificate.send", registration, briefing=registration.briefing)
    db.session.commit()
    return message

