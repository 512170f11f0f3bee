"""Browser fixtures: the app served on loopback, Debian's Chromium driven by Playwright."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ..conftest import skip_or_fail

CHROMIUM = os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def live_server(app):
    """The test app served by a real HTTP server on a free loopback port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; skipped (failed in CI) where it is missing."""
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        skip_or_fail(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        skip_or_fail("playwright is not installed")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(viewport=PHONE, locale="ar")``: a fresh browser context and page."""
    contexts = []

    def _new_page(viewport=DESKTOP, locale="en"):
        context = browser.new_context(viewport=viewport, locale=locale,
                                      extra_http_headers={"Accept-Language": locale},
                                      base_url=live_server)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG under test-output/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def journey(new_page):
    """``journey("participant", locale, width)``: a fresh tab with the journeys' page checks."""
    from .journey import VIEWPORTS, Journey

    def _journey(name: str, locale: str, width: str) -> Journey:
        return Journey(new_page(viewport=VIEWPORTS[width], locale=locale), locale, width, name)

    return _journey
