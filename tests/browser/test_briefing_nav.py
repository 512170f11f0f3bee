"""The bar over a briefing's management pages in Chromium: English and Arabic, desktop and phone,
by keyboard alone; the screenshots are kept under test-output/screenshots/."""
import pytest

from briefings.demo import load_demo
from briefings.models import Role
from tests import factories

from .conftest import DESKTOP, PHONE, screenshot
from .journey import sign_in

BAR = "nav.briefing-nav"


@pytest.fixture
def site(db):
    organizer = factories.user(name="Demo Organizer")
    imrf, _ = load_demo(organizer)
    rapporteur = factories.user(name="Rana Rapporteur", briefing=imrf, role=Role.SECRETARIAT)
    return {"slug": imrf.slug, "organizer": organizer.email, "rapporteur": rapporteur.email}


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def fully_visible(page, locator):
    """Every element of ``locator`` lies inside the viewport's width."""
    width = page.viewport_size["width"]
    for box in (locator.nth(i).bounding_box() for i in range(locator.count())):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5


@pytest.mark.parametrize("locale", ["en", "ar"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_organizer_bar_fits_and_marks_where_we_are(new_page, site, locale, width):
    page = new_page(viewport=DESKTOP if width == "desktop" else PHONE, locale=locale)
    sign_in(page, site["organizer"])
    page.goto(f"/manage/{site['slug']}/registrations")
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    groups = page.locator(f"{BAR} .briefing-groups a")
    pages = page.locator(f"{BAR} .briefing-pages a")
    assert groups.count() == 6 and pages.count() == 5
    assert page.locator(f"{BAR} .briefing-groups a[aria-current=true]").count() == 1
    current = page.locator(f"{BAR} a[aria-current=page]")
    assert current.count() == 1
    assert current.get_attribute("href").endswith("/registrations")
    fully_visible(page, groups)
    fully_visible(page, pages)
    if width == "desktop":
        # The six groups stand on one line.
        tops = {round(groups.nth(i).bounding_box()["y"]) for i in range(groups.count())}
        assert len(tops) == 1
    no_sideways_scroll(page)
    screenshot(page, f"briefing-nav-{locale}-{width}")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_keyboard_alone_reaches_another_group_and_its_pages(new_page, site, locale):
    page = new_page(locale=locale)
    sign_in(page, site["organizer"])
    page.goto(f"/manage/{site['slug']}/")
    page.locator(f"{BAR} .briefing-groups a").first.focus()
    for _ in range(3):  # Overview → Programme → Participants → Records
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("/records/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/records/")
    page.locator(f"{BAR} .briefing-groups a[aria-current=true]").focus()
    page.keyboard.press("Tab")  # Reports
    page.keyboard.press("Tab")  # Settings
    page.keyboard.press("Tab")  # the Records group's first page
    page.keyboard.press("Tab")  # its second: the outcome documents
    page.keyboard.press("Enter")
    page.wait_for_url("**/outcomes")
    assert page.locator(f"{BAR} a[aria-current=page]").get_attribute("href").endswith("/outcomes")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_secretariat_sees_the_records_only(new_page, site, locale):
    page = new_page(viewport=PHONE, locale=locale)
    sign_in(page, site["rapporteur"])
    page.goto(f"/manage/{site['slug']}/pledges")
    assert page.locator(f"{BAR} .briefing-groups a").count() == 1
    assert page.locator(f"{BAR} .briefing-pages a").count() == 5
    fully_visible(page, page.locator(f"{BAR} a"))
    no_sideways_scroll(page)
    screenshot(page, f"briefing-nav-secretariat-{locale}-phone")
