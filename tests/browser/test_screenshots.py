"""The demo's public pages in English and Arabic, on a desktop and a phone, kept as PNGs."""
import pytest

from briefings.demo import load_demo
from tests import factories

from .conftest import DESKTOP, PHONE, screenshot

SLUG = "imrf-outcomes-briefing-2022"


@pytest.fixture
def demo(db):
    return load_demo(factories.user(name="Demo Organizer"))


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_public_briefing_page(new_page, demo, locale, width):
    page = new_page(viewport=DESKTOP if width == "desktop" else PHONE, locale=locale)
    page.goto(f"/b/{SLUG}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    main = page.locator("main").inner_text()
    assert "Carmela Godeau" in main and "Ayman Zohry" in main
    # Nothing spills sideways on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, f"briefing-{locale}-{width}")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_home_and_registration_form(new_page, demo, locale):
    page = new_page(locale=locale)
    page.goto("/")
    assert page.get_by_role("link", name="IMRF", exact=False).count() >= 1 or \
        page.locator("main a[href^='/b/']").count() >= 2
    screenshot(page, f"home-{locale}-desktop")
    follow_up = demo[1]
    phone = new_page(viewport=PHONE, locale=locale)
    phone.goto(f"/b/{follow_up.slug}/register")
    assert phone.locator("form.registration-form").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(phone, f"register-{locale}-phone")
