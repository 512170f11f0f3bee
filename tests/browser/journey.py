"""What the role journeys share: the four language × width combinations, the page's own words
for locating elements, and the checks run on every page a journey visits; and the plain staff
sign-in the other browser tests use."""
import pytest
from flask import current_app
from flask_babel import force_locale, gettext, pgettext

from tests import factories

from .conftest import DESKTOP, PHONE, screenshot

# Each journey runs in English and Arabic, on a desktop and on a 390 px phone.
COMBINATIONS = [
    pytest.param(locale, width, id=f"{locale}-{width}")
    for locale in ("en", "ar") for width in ("desktop", "phone")
]
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# The outermost elements that reach past either edge of the window, to name in a failure.
STICKING_OUT = """() => {
  const out = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    if (!box.width || (box.right <= window.innerWidth + 1 && box.left >= -1)) return false;
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return true;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return false;  // scrolls inside its box
    }
    return true;
  });
  return out.filter(el => !out.includes(el.parentElement)).slice(0, 5).map(el =>
    el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' ' + Math.round(el.getBoundingClientRect().width) + 'px');
}"""


def words(locale: str, msgid: str, context: str | None = None, **values) -> str:
    """``msgid`` as the app says it in ``locale`` (from the catalogs, not typed in here)."""
    with current_app.test_request_context(), force_locale(locale):
        if context is not None:
            return pgettext(context, msgid, **values)
        return gettext(msgid, **values)


def sign_in(page, email: str) -> None:
    """Sign ``email`` in through the sign-in form, in whatever language the page is in."""
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("form:has(#email) [type=submit]").click()
    page.wait_for_url("**/manage/")


class Journey:
    """One person's browser tab in one language at one width, with the page checks built in."""

    def __init__(self, page, locale: str, width: str, name: str):
        self.page, self.locale, self.width, self.name = page, locale, width, name
        self.phone = width == "phone"
        self.visited: list[str] = []

    def t(self, msgid: str, context: str | None = None, **values) -> str:
        return words(self.locale, msgid, context, **values)

    # Locators in the page's language.
    def label(self, msgid: str, context: str | None = None, **values):
        return self.page.get_by_label(self.t(msgid, context, **values), exact=True)

    def button(self, msgid: str, context: str | None = None, *, extra: str = "", **values):
        name = self.t(msgid, context, **values) + extra
        return self.page.get_by_role("button", name=name, exact=True)

    def link(self, msgid: str, context: str | None = None, *, extra: str = "", **values):
        name = self.t(msgid, context, **values) + extra
        return self.page.get_by_role("link", name=name, exact=True)

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def goto(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, f"{url}: HTTP {response.status}"
        self.check()

    def settle(self) -> None:
        """After a click that loads a page: wait for it, then check it."""
        self.page.wait_for_load_state()
        self.check()

    def check(self) -> None:
        """Right direction, and nothing wider than the window (no sideways scrolling)."""
        page = self.page
        where = page.url
        direction = page.locator("html").get_attribute("dir")
        assert direction == ("rtl" if self.locale == "ar" else "ltr"), f"{where}: dir={direction}"
        assert page.locator("html").get_attribute("lang") == self.locale, where
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert sizes[0] <= sizes[1], (f"{where}: {sizes[0]} px wide in a {sizes[1]} px window; "
                                      f"sticking out: {page.evaluate(STICKING_OUT)}")
        self.visited.append(where)

    def nav(self, msgid: str) -> None:
        """Follow a link of the site's header, opening the collapsed menu on a phone."""
        target = self.page.locator("header").get_by_role("link", name=self.t(msgid), exact=True)
        if self.phone:
            assert not target.is_visible(), "the menu should be collapsed on a phone"
            self.page.locator("header").get_by_role("button", name=self.t("Menu")).click()
        target.click()
        self.settle()

    def sign_in(self, user) -> None:
        """Staff sign-in from the header, as a person would find it."""
        self.goto("/")
        self.nav("Staff sign-in")
        self.label("Email").fill(user.email)
        self.label("Password").fill(factories.PASSWORD)
        self.button("Sign in").click()
        self.page.wait_for_url("**/manage/")
        self.check()

    def shot(self, step: str):
        return screenshot(self.page, f"{self.name}-{step}-{self.locale}-{self.width}")
