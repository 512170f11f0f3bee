"""Issue 7: the participant's journey with the keyboard alone (Tab, Enter, Space and typing),
each stop showing where the focus is: register, change the registration, cancel it."""
import re
from datetime import timedelta

import pytest

from briefings.countries import country_name
from briefings.models import utcnow
from tests import factories

from .journey import COMBINATIONS

OPENING = "Opening of the follow-up briefing"
ROUND_TABLE = "Round table on regular pathways"
# Where the focus is, and whether it can be seen: an outline or Bootstrap's focus ring.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ringed = style.boxShadow && style.boxShadow !== 'none';
  return {id: el.id, tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || '').trim(),
          label: el.labels && el.labels[0] ? el.labels[0].innerText : '',
          visible: box.width > 0 && box.height > 0, indicated: outlined || !!ringed};
}"""


def tab_to(page, wanted, limit=80):
    """Press Tab until ``wanted(focus)`` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["tag"] != "body":
            assert focus["visible"] and focus["indicated"], f"focus not visible on {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"never reached the element after {limit} presses of Tab")


def choose(page, select_id, option):
    """Pick an option of a closed list with the arrow key, as a keyboard user does."""
    steps = page.locator(f"#{select_id}").evaluate(
        "(el, text) => [...el.options].findIndex(o => o.text === text) - el.selectedIndex", option)
    assert steps > 0, f"{option!r} is not below the current choice in #{select_id}"
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{select_id} option:checked").inner_text() == option


def by_id(element_id):
    return lambda focus: focus["id"] == element_id


def by_text(text):
    return lambda focus: focus["text"] == text


def by_label(pattern):
    return lambda focus: re.search(pattern, focus["label"]) is not None


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


@pytest.mark.parametrize("locale,width", [COMBINATIONS[0], COMBINATIONS[3]])  # en-desktop, ar-phone
def test_register_change_and_cancel_with_the_keyboard(journey, follow_up, locale, width):
    me = journey("keyboard", locale, width)
    page = me.page
    me.goto("/b/follow-up/register")

    # The first Tab shows the skip link; Enter takes the focus past the header.
    skip = tab_to(page, by_text(me.t("Skip to main content")), limit=1)
    assert skip["tag"] == "a"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    for element_id, value in (("full_name", "Layla Ben Youssef"), ("email", "layla@example.org"),
                              ("organization", "Migration and Development Association")):
        tab_to(page, by_id(element_id))
        page.keyboard.type(value)
    group = factories.group("migrant_diaspora").label(locale)
    tab_to(page, by_id("stakeholder_group"))
    choose(page, "stakeholder_group", group)
    tab_to(page, by_id("country"))
    choose(page, "country", country_name("MA", locale))
    for title in (OPENING, ROUND_TABLE):
        tab_to(page, by_label(re.escape(title)))
        page.keyboard.press("Space")
    tab_to(page, by_id("list_consent"))
    page.keyboard.press("Space")
    me.shot("form")
    assert page.locator("#stakeholder_group option:checked").inner_text() == group
    assert page.locator("#country").input_value() == "MA"
    tab_to(page, by_id("submit"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]+\?welcome=1"))
    me.check()
    assert page.get_by_role("heading", name=me.t("Thank you for registering")).is_visible()
    private_url = page.url.split("?")[0]

    # Change: drop the round table.
    tab_to(page, by_text(me.t("Change my registration")))
    page.keyboard.press("Enter")
    me.settle()
    tab_to(page, by_label(re.escape(ROUND_TABLE)))
    page.keyboard.press("Space")
    tab_to(page, by_id("submit"))
    page.keyboard.press("Enter")
    page.wait_for_url(private_url)
    me.check()
    mine = page.locator("section[aria-labelledby=sessions-heading]").inner_text()
    assert OPENING in mine and ROUND_TABLE not in mine

    # Cancel, confirming with Space on the button.
    tab_to(page, by_text(me.t("Cancel my registration")))
    page.keyboard.press("Enter")
    me.settle()
    tab_to(page, by_text(me.t("Yes, cancel my registration")))
    page.keyboard.press("Space")
    page.wait_for_url(private_url)
    me.check()
    assert page.locator("#status-heading").inner_text().endswith(me.t("Cancelled"))
    me.shot("cancelled")
