"""Issue 2's journey in Chromium, in English and Arabic, on a desktop and a phone: an organizer
creates a briefing that needs approval, adds a session, publishes it, confirms a pending
registration, checks the participant in at the desk, then looks at the public page."""
import pytest
import sqlalchemy as sa

from briefings.models import Briefing
from briefings.services import registrations
from tests import factories

from .journey import COMBINATIONS

TITLE = "Briefing on labour mobility in the Gulf"
SESSION = "Round table on fair recruitment"
# The tab bar's group holding each page the journey opens (briefings/navigation.py).
GROUP_OF = {"Overview": "Overview", "Programme": "Programme",
            "Registrations": "Participants", "Check-in desk": "Participants"}


def tab(me, msgid):
    """Open one of the briefing's management pages: its group's tab, then the page's link."""
    tabs = me.page.get_by_role("navigation", name=me.t("Manage this briefing"))
    group = GROUP_OF[msgid]
    tabs.get_by_role("link", name=me.t(group), exact=True).first.click()
    me.settle()
    if msgid != group:
        pages = me.page.get_by_role("navigation", name=me.t("Manage this briefing"))
        pages.get_by_role("link", name=me.t(msgid), exact=True).last.click()
        me.settle()


def someone_registers(slug):
    registrations.db.session.rollback()  # end the test's read transaction: see the server's work
    briefing = registrations.db.session.scalar(sa.select(Briefing).where(Briefing.slug == slug))
    details = registrations.Details(
        full_name="Karim Haddad", email="karim@example.org", organization="Workers' Centre",
        position="", stakeholder_group_id=factories.group("civil_society").id, country="JO",
        language="en", list_consent=False, session_ids=[s.id for s in briefing.sessions])
    return registrations.register(briefing.id, details).registration


@pytest.mark.parametrize("locale,width", COMBINATIONS)
def test_organizer_publishes_confirms_and_checks_in(journey, db, locale, width):
    organizer = factories.user(name="Olga Organizer")
    me = journey("organizer", locale, width)
    page = me.page
    me.sign_in(organizer)

    # A new briefing, approval required: it starts as a draft.
    me.link("New briefing").click()
    me.settle()
    me.label("Title").fill(TITLE)
    me.label("Web address").fill("labour-mobility")
    me.label("Venue").fill("UN House")
    me.label("City").fill("Amman")
    me.label("Timezone").select_option("Asia/Amman")
    me.label("Starts").fill("2031-03-10T09:00")
    me.label("Ends").fill("2031-03-10T17:00")
    me.label("Registrations need the organizers' approval").check()
    me.shot("new-briefing")
    me.button("Save").click()
    page.wait_for_url("**/manage/labour-mobility/")
    me.check()
    assert me.t("Draft") in page.locator("h1 + .badge").inner_text()

    # One session, then publish.
    tab(me, "Programme")
    me.link("Add a session").click()
    me.settle()
    me.label("Kind").select_option("round_table")
    me.label("Title").fill(SESSION)
    me.label("Starts").fill("2031-03-10T10:00")
    me.label("Ends").fill("2031-03-10T12:00")
    me.label("Room").fill("Hall B")
    me.button("Save session").click()
    page.wait_for_url("**/manage/labour-mobility/programme**")
    me.check()
    assert SESSION in me.main_text()
    tab(me, "Overview")
    me.button("Publish").click()
    me.settle()
    assert me.t("Published") in page.locator("h1 + .badge").inner_text()
    me.shot("published")

    # A registration waits for approval; the organizer confirms it.
    registration = someone_registers("labour-mobility")
    tab(me, "Registrations")
    assert me.t("Pending") in page.get_by_role("row", name="Karim Haddad").inner_text()
    page.get_by_role("link", name="Karim Haddad").click()
    me.settle()
    me.button("Approve").click()
    me.settle()
    assert me.t("Confirmed") in page.locator("h2 + .badge").inner_text()
    me.shot("confirmed")

    # At the desk the ticket is scanned (typed, then Enter).
    tab(me, "Check-in desk")
    field = me.label("Ticket code or name")
    assert field.evaluate("el => el === document.activeElement")  # ready for the scanner
    field.fill(registration.ticket_code.lower())
    field.press("Enter")
    me.settle()
    assert me.t("Checked in: %(name)s.", name="Karim Haddad") in me.main_text()
    me.shot("checked-in")

    # The public sees the briefing and its session, at Amman's wall-clock time.
    page.locator("main").get_by_role("link", name=me.t("Public page")).first.click()
    me.settle()
    assert page.get_by_role("heading", name=TITLE).is_visible()
    text = me.main_text()
    assert SESSION in text and "10:00" in text
    me.shot("public")
