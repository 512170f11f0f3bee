"""Issue 3's journey in Chromium, in English and Arabic, on a desktop and a phone: a participant
finds the briefing, registers for two sessions, gets the e-mail with the private link and ticket,
drops a session and finally cancels."""
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

from .journey import COMBINATIONS

OPENING = "Opening of the follow-up briefing"
ROUND_TABLE = "Round table on regular pathways"


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


@pytest.fixture
def follow_up(db):
    now = utcnow()
    briefing = factories.briefing(slug="follow-up", title="Follow-up briefing on labour migration",
                                  starts_at=now + timedelta(days=30),
                                  registration_opens_at=now - timedelta(days=1))
    factories.session(briefing, title=OPENING, capacity=40)
    factories.session(briefing, title=ROUND_TABLE, capacity=40,
                      start=briefing.starts_at + timedelta(hours=2))
    return briefing


@pytest.mark.parametrize("locale,width", COMBINATIONS)
def test_participant_registers_changes_and_cancels(journey, follow_up, smtp, app, monkeypatch,
                                                   live_server, locale, width):
    monkeypatch.setitem(app.config, "BASE_URL", live_server)
    me = journey("participant", locale, width)
    page = me.page

    # Find the briefing from the home page and open its registration form.
    me.goto("/")
    page.get_by_role("link", name=follow_up.title).click()
    me.settle()
    me.link("Register").click()
    me.settle()

    group = factories.group("migrant_diaspora")
    me.label("Full name").fill("ليلى بن يوسف" if locale == "ar" else "Layla Ben Youssef")
    me.label("Email").fill("layla@example.org")
    me.label("Organization").fill("Migration and Development Association")
    me.label("Position").fill("Programme coordinator")
    me.label("Stakeholder group").select_option(label=group.label(locale))
    me.label("Country").select_option("MA")
    assert me.label("Preferred language").input_value() == locale  # the page's language
    sessions = page.get_by_role("group", name=me.t("Sessions"))
    sessions.get_by_role("checkbox", name=re.compile(OPENING)).check()
    sessions.get_by_role("checkbox", name=re.compile(ROUND_TABLE)).check()
    me.label("Show my name on the participant list").check()
    me.shot("form")
    me.button("Register").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+\?welcome=1"))
    me.check()

    # The private page: thanks, status, both sessions, the ticket.
    private_url = page.url.split("?")[0]
    assert page.get_by_role("heading", name=me.t("Thank you for registering")).is_visible()
    assert page.locator("#status-heading").inner_text().endswith(me.t("Confirmed"))
    mine = page.locator("section[aria-labelledby=sessions-heading]").inner_text()
    assert OPENING in mine and ROUND_TABLE in mine
    assert page.locator("svg.ticket-qr").is_visible()
    code = page.locator(".ticket-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    me.shot("private")

    # The e-mail, in the participant's language, carries the same private link and code.
    with app.app_context():
        assert deliver_due().sent == 1
    [mail] = smtp.messages
    assert mail["To"] == "layla@example.org"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert private_url in body and code in body
    assert any(part.get_filename() == "follow-up.ics" for part in mail.iter_attachments())

    # Drop the round table.
    me.link("Change my registration").click()
    me.settle()
    sessions = page.get_by_role("group", name=me.t("Sessions"))
    assert sessions.get_by_role("checkbox", name=re.compile(ROUND_TABLE)).is_checked()
    sessions.get_by_role("checkbox", name=re.compile(ROUND_TABLE)).uncheck()
    me.shot("change")
    me.button("Save changes").click()
    page.wait_for_url(private_url)
    me.check()
    assert me.t("Your changes are saved.") in me.main_text()
    mine = page.locator("section[aria-labelledby=sessions-heading]").inner_text()
    assert OPENING in mine and ROUND_TABLE not in mine

    # Cancel, with a confirmation step.
    me.link("Cancel my registration").click()
    me.settle()
    me.button("Yes, cancel my registration").click()
    page.wait_for_url(private_url)
    me.check()
    assert me.t("Your registration is cancelled. We have sent you a confirmation.") \
        in me.main_text()
    assert page.locator("#status-heading").inner_text().endswith(me.t("Cancelled"))
    assert page.locator("svg.ticket-qr").count() == 0
    assert me.link("Change my registration").count() == 0
    me.shot("cancelled")
