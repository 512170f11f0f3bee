"""Certificates of attendance: who gets one, what it says, in which language, sent on request."""
import base64
import shutil
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    OutboxMessage,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionSeat,
)
from briefings.services import certificates as service

from .conftest import skip_or_fail
from .participants_support import registration

START = datetime(2024, 3, 10, 7, 0, tzinfo=timezone.utc)  # 09:00 in Cairo


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes briefing", starts_at=START,
                            venue="Fairmont Nile City", city="Cairo",
                            partners="IOM regional office\nGovernment of Egypt")


@pytest.fixture
def sessions(factory, briefing):
    """A plenary that took attendance and a round table that took none."""
    plenary = factory.session(briefing, title="Opening plenary", takes_attendance=True)
    round_table = factory.session(briefing, title="Round table on pathways",
                                  start=START + timedelta(hours=2), room="Room B")
    side_event = factory.session(briefing, title="Side event on data", takes_attendance=True,
                                 start=START + timedelta(hours=4))
    return plenary, round_table, side_event


def checked_in(briefing, sessions=(), **fields):
    person = registration(briefing, sessions=sessions, **fields)
    person.checked_in_at = START
    _db.session.commit()
    return person


def outbox(db):
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "certificate")
                              .order_by(OutboxMessage.id)).all()


def test_no_certificate_before_check_in(client, briefing):
    person = registration(briefing)
    assert client.get(f"/r/{person.token}/certificate.pdf").status_code == 404
    assert client.post(f"/r/{person.token}/certificate/send").status_code == 404
    assert "certificate" not in client.get(f"/r/{person.token}").get_data(as_text=True).lower()


def test_checked_in_participant_downloads_a_pdf(client, briefing):
    person = checked_in(briefing)
    page = client.get(f"/r/{person.token}").get_data(as_text=True)
    assert f'href="/r/{person.token}/certificate.pdf"' in page
    response = client.get(f"/r/{person.token}/certificate.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert 'filename="certificate-imrf.pdf"' in response.headers["Content-Disposition"]


def test_a_cancelled_registration_gets_no_certificate(client, db, briefing):
    person = checked_in(briefing)
    person.status = RS.CANCELLED
    db.session.commit()
    assert client.get(f"/r/{person.token}/certificate.pdf").status_code == 404


@pytest.mark.parametrize("token", ["short", "z" * 40, "../certificate"])
def test_unknown_tokens_are_a_plain_404(client, briefing, token):
    checked_in(briefing)
    assert client.get(f"/r/{token}/certificate.pdf").status_code == 404
    assert client.post(f"/r/{token}/certificate/send").status_code == 404


def test_certificate_names_the_person_briefing_dates_and_organizers(client, db, factory,
                                                                    briefing):
    factory.user(name="Nadia Organizer", briefing=briefing, role=Role.ORGANIZER)
    factory.user(name="Sami Rapporteur", briefing=briefing, role=Role.SECRETARIAT)
    person = checked_in(briefing, name="Amina Haddad", organization="Migrant Voices")
    html = service.certificate_html(person)
    for text in ("Certificate of attendance", "Amina Haddad", "Migrant Voices",
                 "IMRF outcomes briefing", "Sunday, March 10, 2024", "Fairmont Nile City, Cairo",
                 "IOM regional office · Government of Egypt", "Nadia Organizer",
                 person.ticket_code):
        assert text in html
    assert "Sami Rapporteur" not in html


def test_sessions_attended_come_from_attendance(db, briefing, sessions):
    plenary, round_table, side_event = sessions
    person = checked_in(briefing, sessions=[plenary, round_table, side_event])
    seats = {seat.session_id: seat for seat in person.seats}
    seats[plenary.id].attended_at = START
    db.session.commit()
    # The plenary (attended) and the round table (took no attendance); not the side event.
    assert service.attended_sessions(person) == [plenary, round_table]
    html = service.certificate_html(person)
    assert "Opening plenary" in html and "Round table on pathways" in html
    assert "Side event on data" not in html


def test_without_any_attendance_all_confirmed_sessions_count(db, factory, briefing):
    first = factory.session(briefing, title="Morning plenary")
    second = factory.session(briefing, title="Afternoon panel", start=START + timedelta(hours=5))
    waiting = factory.session(briefing, title="Full workshop", start=START + timedelta(hours=7))
    person = checked_in(briefing, sessions=[first, second])
    person.seats.append(SessionSeat(session=waiting, status=SeatStatus.WAITLISTED))
    db.session.commit()
    assert service.attended_sessions(person) == [first, second]


def test_certificate_is_in_the_participants_language(briefing):
    arabic = checked_in(briefing, language="ar", name="أمينة حداد")
    html = service.certificate_html(arabic)
    assert '<html lang="ar" dir="rtl">' in html
    assert "Noto Naskh Arabic" in html.split("font-family:")[1][:40]
    assert "مارس" in html  # the month, written by Babel in Arabic
    french = checked_in(briefing, language="fr")
    html = service.certificate_html(french)
    assert '<html lang="fr" dir="ltr">' in html
    assert "mars 2024" in html


def test_arabic_pdf_holds_the_shaped_name(tmp_path, briefing):
    if not shutil.which("pdftotext"):
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    person = checked_in(briefing, language="ar", name="أمينة حداد")
    path = tmp_path / "c.pdf"
    path.write_bytes(service.certificate_pdf(person))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "IMRF outcomes briefing" in text
    assert "أمينة حداد" in text  # shaped glyphs that still map back to the name, in order


def test_certificate_is_emailed_on_request(client, db, briefing):
    person = checked_in(briefing, language="fr")
    response = client.post(f"/r/{person.token}/certificate/send", follow_redirects=True)
    assert "on its way" in response.get_data(as_text=True)
    [message] = outbox(db)
    assert message.to_address == person.email and message.registration_id == person.id
    [attachment] = message.attachments
    assert attachment["content_type"] == "application/pdf"
    assert base64.b64decode(attachment["data"]).startswith(b"%PDF")
    assert f"/r/{person.token}" in message.body_text
    [event] = db.session.scalars(sa.select(AuditEvent)
                                 .where(AuditEvent.action == "certificate.send")).all()
    assert event.object_id == person.id and event.changes == {}


def test_a_second_request_soon_after_sends_nothing_more(client, db, briefing):
    person = checked_in(briefing)
    client.post(f"/r/{person.token}/certificate/send")
    response = client.post(f"/r/{person.token}/certificate/send", follow_redirects=True)
    assert "a few minutes ago" in response.get_data(as_text=True)
    assert len(outbox(db)) == 1
    service.send_certificate(person, now=datetime.now(timezone.utc) + timedelta(minutes=11))
    assert len(outbox(db)) == 2


def test_one_persons_link_never_sends_anothers_certificate(client, db, briefing):
    first, second = checked_in(briefing), checked_in(briefing)
    client.post(f"/r/{first.token}/certificate/send")
    [message] = outbox(db)
    assert message.to_address == first.email and message.to_address != second.email
