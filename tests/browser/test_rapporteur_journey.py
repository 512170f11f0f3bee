"""Issue 4's journey in Chromium: a rapporteur runs the floor and the minutes, an organizer
approves, the rapporteur publishes an outcome document that the public then reads."""
from briefings.models import Role
from tests import factories

from .conftest import DESKTOP, screenshot


def sign_in(page, user):
    page.goto("/login")
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/manage/")


def test_rapporteur_runs_speakers_and_minutes_then_publishes(new_page, db):
    briefing = factories.briefing(slug="imrf", title="IMRF outcomes briefing")
    session = factories.session(briefing, title="Round table on whole-of-society implementation")
    rapporteur = factories.user(name="Rana Rapporteur", briefing=briefing, role=Role.SECRETARIAT)
    organizer = factories.user(name="Omar Organizer", briefing=briefing)
    base = f"/manage/imrf/records/sessions/{session.id}"

    page = new_page(viewport=DESKTOP)
    sign_in(page, rapporteur)
    page.goto(f"{base}/speakers")
    for name, org in (("Amina Haddad", "Migrant Voices"), ("Youssef Karim", "Ministry of Labour")):
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Organization", exact=True).fill(org)
        page.get_by_role("button", name="Add to the list").last.click()
        page.wait_for_load_state()
    page.get_by_role("button", name="Start Amina Haddad").click()
    page.wait_for_load_state()
    assert "Amina Haddad" in page.locator("#now-heading + *").inner_text() or \
        "Amina Haddad" in page.locator("main").inner_text()
    page.get_by_role("button", name="Start Youssef Karim").click()  # the floor passes on
    page.wait_for_load_state()
    screenshot(page, "rapporteur-speakers-desktop")
    chair = new_page(viewport=DESKTOP)
    sign_in(chair, rapporteur)
    chair.goto(f"{base}/speakers/chair")
    assert "Youssef Karim" in chair.locator("body").inner_text()
    screenshot(chair, "rapporteur-chair-view")

    page.goto(f"{base}/minutes")
    page.get_by_label("Minutes (Markdown)").fill(
        "## Summary\n\nParticipants called for **whole-of-society** implementation.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert "review" in page.locator("main").inner_text().lower()

    boss = new_page(viewport=DESKTOP)
    sign_in(boss, organizer)
    boss.goto(f"{base}/minutes")
    boss.get_by_role("button", name="Approve").click()
    boss.wait_for_load_state()
    assert "Approved" in boss.locator("main").inner_text()
    assert boss.get_by_label("Minutes (Markdown)").count() == 0  # locked
    screenshot(boss, "rapporteur-minutes-approved")

    page.goto("/manage/imrf/outcomes/new")
    page.get_by_label("Kind", exact=True).select_option("chairs_summary")
    page.get_by_label("Title", exact=True).fill("Chair's summary")
    page.get_by_label("Text", exact=True).fill(
        "The briefing welcomed the **Progress Declaration**.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()

    public = new_page(viewport=DESKTOP)
    public.goto("/b/imrf/outcomes")
    public.get_by_role("link", name="Chair's summary").first.click()
    public.wait_for_load_state()
    assert "Progress Declaration" in public.locator("main").inner_text()
    screenshot(public, "rapporteur-outcome-public")
