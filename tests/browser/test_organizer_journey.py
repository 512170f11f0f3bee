"""Issue 2's journey in Chromium: an organizer builds and publishes a briefing; the public sees it."""
from tests import factories

from .conftest import PHONE, screenshot


def sign_in(page, user):
    page.goto("/login")
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/manage/")


def add_session(page, slug, title, kind, starts, ends, room):
    page.goto(f"/manage/{slug}/programme/new")
    page.get_by_label("Kind", exact=True).select_option(kind)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Starts", exact=True).fill(starts)
    page.get_by_label("Ends", exact=True).fill(ends)
    page.get_by_label("Room", exact=True).fill(room)
    page.get_by_role("button", name="Save session").click()
    page.wait_for_url(f"**/manage/{slug}/programme**")


def test_organizer_creates_and_publishes_a_briefing(new_page, db):
    organizer = factories.user(name="Olga Organizer")
    page = new_page()
    sign_in(page, organizer)

    page.get_by_role("link", name="New briefing").click()
    page.get_by_label("Title", exact=True).fill("Briefing on labour mobility in the Gulf")
    page.get_by_label("Web address", exact=True).fill("labour-mobility")
    page.get_by_label("Venue", exact=True).fill("UN House")
    page.get_by_label("City", exact=True).fill("Amman")
    page.get_by_label("Timezone", exact=True).select_option("Asia/Amman")
    page.get_by_label("Starts", exact=True).first.fill("2031-03-10T09:00")
    page.get_by_label("Ends", exact=True).first.fill("2031-03-10T17:00")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/manage/labour-mobility/")
    assert "draft" in page.content().lower()

    add_session(page, "labour-mobility", "Opening remarks", "opening",
                "2031-03-10T09:00", "2031-03-10T09:45", "Hall A")
    add_session(page, "labour-mobility", "Round table on fair recruitment", "round_table",
                "2031-03-10T10:00", "2031-03-10T12:00", "Hall B")

    page.goto("/manage/labour-mobility/")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/manage/labour-mobility/")

    public = new_page(viewport=PHONE)
    public.goto("/b/labour-mobility")
    assert public.get_by_role("heading", name="Briefing on labour mobility in the Gulf").is_visible()
    text = public.locator("main").inner_text()
    assert "Opening remarks" in text and "Round table on fair recruitment" in text
    assert "09:00" in text and "10:00" in text  # wall-clock times in Amman
    screenshot(public, "organizer-journey-public-phone")
