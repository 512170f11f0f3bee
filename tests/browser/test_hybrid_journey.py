"""Issue 10's journey in Chromium: register online, get the meeting link, be marked present from
the provider's attendance report, answer the survey, download the certificate."""
import re
import subprocess
from datetime import timedelta

import sqlalchemy as sa

from briefings.models import (
    Briefing,
    OutboxMessage,
    QuestionKind,
    Registration,
    SessionFormat,
    utcnow,
)
from briefings.services import surveys
from tests import factories

from ..conftest import skip_or_fail
from .conftest import PHONE, screenshot
from .journey import sign_in

SLUG = "hybrid-review"
LINK = "https://meet.example.org/j/8123456789?pwd=Xy7Kp2"


def mail(db, kind: str, to: str) -> OutboxMessage:
    db.session.rollback()  # end the test's transaction: see what the server committed
    [message] = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.kind == kind, OutboxMessage.to_address == to)).all()
    return message


def zoom_report(briefing: Briefing, email: str) -> bytes:
    """Zoom's participants report: our participant rejoined once; a guest nobody registered."""
    zone = briefing.zone

    def at(minutes):
        return (briefing.starts_at + timedelta(minutes=minutes)).astimezone(zone) \
            .strftime("%m/%d/%Y %I:%M:%S %p")

    return "\n".join([
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
        f"Amina Diallo,{email.upper()},{at(3)},{at(50)},47,No",
        f"Amina Diallo (phone),{email},{at(52)},{at(110)},58,No",
        f"Visiting Expert,expert@elsewhere.example,{at(10)},{at(40)},30,Yes",
    ]).encode("utf-8")


def test_register_online_be_marked_present_answer_and_get_the_certificate(
        new_page, db, app, monkeypatch, live_server):
    monkeypatch.setitem(app.config, "BASE_URL", live_server)
    now = utcnow()
    briefing = factories.briefing(
        slug=SLUG, title="IMRF hybrid review", tz="Africa/Cairo",
        starts_at=now - timedelta(hours=2), registration_opens_at=now - timedelta(days=7),
        format=SessionFormat.HYBRID, meeting_link=LINK, capacity=40, online_capacity=200)
    factories.session(briefing, title="Plenary on regular pathways", minutes=180,
                      start=briefing.starts_at, format=SessionFormat.HYBRID)
    organizer = factories.user(briefing=briefing)
    question = surveys.add_question(briefing, surveys.QuestionData(
        kind=QuestionKind.RATING, prompt="How useful was the briefing?", required=True))
    question_id = question.id

    # The participant registers on a phone, to follow online.
    page = new_page(viewport=PHONE)
    page.goto(f"/b/{SLUG}/register")
    page.locator("#full_name").fill("Amina Diallo")
    page.locator("#email").fill("amina.diallo@example.org")
    page.locator("#organization").fill("West Africa Migration Network")
    page.locator("#stakeholder_group").select_option(str(factories.group("civil_society").id))
    page.locator("#country").select_option("SN")
    page.locator("#language").select_option("en")
    page.locator("input[name=attendance_mode][value=online]").check()
    page.locator("input[name=sessions]").first.check()
    screenshot(page, "hybrid-journey-register-phone")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+.*"))

    # The confirmation e-mail carries the meeting link and the private link.
    confirmation = mail(db, "confirmed", "amina.diallo@example.org")
    assert LINK in confirmation.body_text
    private = re.search(r"http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]+", confirmation.body_text)[0]
    registration = db.session.scalar(sa.select(Registration).where(
        Registration.email_key == "amina.diallo@example.org"))
    assert registration.attendance_mode == "online" and registration.checked_in_at is None

    # The private page, opened from the e-mail, shows the link; the public page does not.
    mine = new_page(viewport=PHONE)
    mine.goto(private)
    assert mine.get_by_role("link", name="Join the briefing online").get_attribute("href") == LINK
    assert "Online" in mine.locator("main").inner_text()
    screenshot(mine, "hybrid-journey-private-page-phone")
    mine.goto(f"/b/{SLUG}")
    assert LINK not in mine.content()

    # The organizer uploads Zoom's report from the check-in desk.
    desk = new_page()
    sign_in(desk, organizer.email)
    desk.goto(f"/manage/{SLUG}/checkin")
    desk.get_by_role("link", name="Import online attendance").click()
    desk.get_by_label("Attendance report (CSV)").set_input_files(files=[{
        "name": "participants_8123456789.csv", "mimeType": "text/csv",
        "buffer": zoom_report(briefing, "amina.diallo@example.org")}])
    desk.get_by_role("button", name="Import attendance").click()
    desk.wait_for_load_state()
    report = desk.locator(".attendance-report")
    assert "1 person was marked present." in report.inner_text()
    assert report.locator("[data-figure=rows]").inner_text() == "3"
    assert report.locator("[data-figure=repeated]").inner_text() == "1"
    assert "expert@elsewhere.example" in report.inner_text()
    screenshot(desk, "hybrid-journey-attendance-import-desktop")
    narrow = new_page(viewport=PHONE)
    sign_in(narrow, organizer.email)
    narrow.goto(f"/manage/{SLUG}/checkin/online-attendance")
    narrow.get_by_label("Attendance report (CSV)").set_input_files(files=[{
        "name": "participants_8123456789.csv", "mimeType": "text/csv",
        "buffer": zoom_report(briefing, "amina.diallo@example.org")}])
    narrow.get_by_role("button", name="Import attendance").click()
    narrow.wait_for_load_state()
    assert narrow.locator("[data-figure=already]").inner_text() == "1"  # imported twice: once
    assert narrow.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(narrow, "hybrid-journey-attendance-import-phone")
    db.session.rollback()
    present = db.session.get(Registration, registration.id).checked_in_at
    assert present == (briefing.starts_at + timedelta(minutes=3)).replace(microsecond=0)

    # The afternoon passes: the briefing ends, the organizer concludes it and opens the survey.
    db.session.execute(sa.update(Briefing).where(Briefing.id == briefing.id)
                       .values(ends_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    desk.goto(f"/manage/{SLUG}")
    desk.get_by_role("button", name="Mark as concluded").click()
    desk.wait_for_load_state()
    assert "The briefing is now: Concluded." in desk.locator("main").inner_text()
    desk.goto(f"/manage/{SLUG}/survey")
    desk.get_by_role("button", name="Open the survey and invite the confirmed participants").click()
    desk.wait_for_load_state()
    assert "1 participant is invited by e-mail." in desk.locator("main").inner_text()

    # The participant follows the survey e-mail, answers, and downloads the certificate.
    invitation = mail(db, "survey_invitation", "amina.diallo@example.org")
    survey_link = re.search(r"http://127\.0\.0\.1:\d+/r/[A-Za-z0-9_-]+/survey",
                            invitation.body_text)[0]
    mine.goto(survey_link)
    mine.locator(f"input[name=q{question_id}][value='5']").check()
    screenshot(mine, "hybrid-journey-survey-phone")
    mine.get_by_role("button", name="Send my answers").click()
    mine.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+$"))
    assert "Thank you: your answers are saved." in mine.locator("main").inner_text()

    after = new_page()
    after.goto(private)
    screenshot(after, "hybrid-journey-certificate-desktop")
    # WeasyPrint takes seconds, more on a busy machine: wait for the file, not the click.
    with after.expect_download(timeout=120_000) as download:
        after.get_by_role("link", name="Download my certificate of attendance (PDF)") \
            .click(no_wait_after=True)
    assert download.value.suggested_filename == f"certificate-{SLUG}.pdf"
    pdf = download.value.path()
    with open(pdf, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    try:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    except FileNotFoundError:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    assert "Amina Diallo" in text and "IMRF hybrid review" in text
    assert "Plenary on regular pathways" in text
