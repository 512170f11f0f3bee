"""Issue 4's journey in Chromium, in English and Arabic, on a desktop and a phone: a rapporteur
keeps a session's speakers list, writes the minutes and sends them for review, then drafts an
outcome document and publishes it for the public to read."""
import re

import pytest

from briefings.models import Role
from tests import factories

from .journey import COMBINATIONS

SESSION = "Round table on whole-of-society implementation"


@pytest.mark.parametrize("locale,width", COMBINATIONS)
def test_rapporteur_keeps_speakers_minutes_and_outcome(journey, db, locale, width):
    briefing = factories.briefing(slug="imrf", title="IMRF outcomes briefing")
    factories.session(briefing, title=SESSION)
    rapporteur = factories.user(name="Rana Rapporteur", briefing=briefing, role=Role.SECRETARIAT)
    me = journey("rapporteur", locale, width)
    page = me.page
    me.sign_in(rapporteur)

    # From the list of briefings to the session's speakers list.
    page.get_by_role("link", name=briefing.title).first.click()
    me.settle()
    row = page.get_by_role("row", name=re.compile(SESSION))
    row.get_by_role("link", name=me.t("Speakers list")).click()
    me.settle()
    for name, org in (("Amina Haddad", "Migrant Voices"), ("Youssef Karim", "Ministry of Labour")):
        me.label("Name").fill(name)
        me.label("Organization").fill(org)
        page.locator("#add").get_by_role("button", name=me.t("Add to the list")).last.click()
        me.settle()
    me.button("Start", extra=" Amina Haddad").click()
    me.settle()
    assert "Amina Haddad" in page.locator("section[aria-labelledby=now-heading]").inner_text()
    me.button("Start", extra=" Youssef Karim").click()  # the floor passes on
    me.settle()
    assert "Youssef Karim" in page.locator("section[aria-labelledby=now-heading]").inner_text()
    assert me.t("Spoke") in page.get_by_role("row", name="Amina Haddad").inner_text()
    me.shot("speakers")

    # The minutes: write, save, send for review.
    me.link("Minutes").click()
    me.settle()
    me.label("Minutes (Markdown)").fill(
        "## Summary\n\nParticipants called for **whole-of-society** implementation.")
    me.button("Save").click()
    me.settle()
    me.button("Submit for review").click()
    me.settle()
    assert me.t("In review") in me.main_text()
    me.shot("minutes")

    # A chair's summary, drafted then published.
    tabs = page.get_by_role("navigation", name=me.t("Manage this briefing"))
    tabs.get_by_role("link", name=me.t("Outcome documents"), exact=True).click()
    me.settle()
    me.link("New document").click()
    me.settle()
    me.label("Kind").select_option("chairs_summary")
    me.label("Title").fill("Chair's summary")
    me.label("Text").fill("The briefing welcomed the **Progress Declaration**.")
    me.button("Save the draft").click()
    me.settle()
    assert me.t("The draft is saved. Publish it when it is ready.") in me.main_text()
    me.shot("outcome-draft")
    me.button("Publish").click()
    me.settle()

    me.goto("/b/imrf/outcomes")
    page.get_by_role("link", name="Chair's summary").first.click()
    me.settle()
    assert "Progress Declaration" in me.main_text()
    me.shot("outcome-public")
