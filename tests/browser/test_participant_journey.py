"""Issue 3's journey in Chromium: register in Arabic, get the e-mail, open the ticket, be checked in."""
import re
import socket
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from briefings.models import utcnow
from briefings.services.mailer import deliver_due
from tests import factories

from .conftest import PHONE, screenshot


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp(app, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    yield inbox
    controller.stop()


def test_register_in_arabic_receive_ticket_and_check_in(new_page, db, smtp, app, monkeypatch,
                                                        live_server):
    monkeypatch.setitem(app.config, "BASE_URL", live_server)
    now = utcnow()
    briefing = factories.briefing(slug="follow-up", title="Follow-up briefing",
                                  starts_at=now + timedelta(days=30),
                                  registration_opens_at=now - timedelta(days=1))
    factories.session(briefing, title="Round table on regular pathways", capacity=40)
    organizer = factories.user(briefing=briefing)

    page = new_page(viewport=PHONE, locale="ar")
    page.goto("/b/follow-up/register")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#full_name").fill("ليلى بن يوسف")
    page.locator("#email").fill("layla@example.org")
    page.locator("#organization").fill("جمعية الهجرة والتنمية")
    page.locator("#position").fill("منسقة برامج")
    page.locator("#stakeholder_group").select_option(
        str(factories.group("migrant_diaspora").id))
    page.locator("#country").select_option("MA")
    page.locator("#language").select_option("ar")
    page.locator("input[name=sessions]").first.check()
    page.locator("#list_consent").check()
    screenshot(page, "participant-journey-form-ar-phone")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+.*"))
    assert page.locator("svg.ticket-qr").is_visible()

    with app.app_context():
        assert deliver_due().sent == 1
    [mail] = smtp.messages
    assert mail["To"] == "layla@example.org"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]+", body).group(0)
    code = re.search(r"\b[A-Z2-9]{8}\b", body).group(0)
    assert any(part.get_filename() == "follow-up.ics" for part in mail.iter_attachments())

    ticket = new_page(viewport=PHONE, locale="ar")
    ticket.goto(link)
    assert ticket.locator("svg.ticket-qr").is_visible()
    assert code in ticket.locator(".ticket-code").inner_text()
    screenshot(ticket, "participant-journey-ticket-ar-phone")

    desk = new_page()
    desk.goto("/login")
    desk.get_by_label("Email", exact=True).fill(organizer.email)
    desk.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    desk.get_by_role("button", name="Sign in").click()
    desk.goto("/manage/follow-up/checkin")
    field = desk.get_by_label("Ticket code or name")
    assert field.evaluate("el => el === document.activeElement")  # ready for the scanner
    field.fill(code.lower())
    field.press("Enter")  # a USB scanner types the code and presses Enter
    desk.wait_for_load_state()
    assert "Checked in: ليلى بن يوسف" in desk.locator("main").inner_text()
    screenshot(desk, "participant-journey-checkin-desktop")
