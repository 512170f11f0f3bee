"""Issue 7: axe-core finds no serious or critical WCAG 2.x A/AA violation on the public pages,
the registration form, the private page, the check-in desk and the minutes, in English and Arabic.

axe-core comes from the npm registry (package.json); the site's Content-Security-Policy allows
only its own scripts, so the pages are opened in a context that bypasses it for the injection.
"""
from pathlib import Path

import pytest
import sqlalchemy as sa

from briefings.demo import load_demo
from briefings.models import (
    BriefingSession, OutcomeDocument, ParticipantListVisibility, Role, StakeholderGroup,
)
from briefings.services import minutes as minutes_service
from briefings.services import registrations
from tests import factories

from ..conftest import skip_or_fail
from .conftest import DESKTOP
from .journey import sign_in

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    count: v.nodes.length,
  }));
}"""


@pytest.fixture
def axe_page(browser, live_server):
    """``axe_page(locale)``: a page in a fresh context that bypasses the CSP, for axe-core."""
    if not AXE.exists():
        skip_or_fail(f"axe-core not found at {AXE}: run npm ci")
    contexts = []

    def _new_page(locale="en", viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, locale=locale, bypass_csp=True,
                                      extra_http_headers={"Accept-Language": locale},
                                      base_url=live_server)
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def site(db):
    """The demo, a participant list made public, a fresh registration, minutes, staff."""
    organizer = factories.user(name="Demo Organizer")
    imrf, follow_up = load_demo(organizer)
    imrf.participant_list = ParticipantListVisibility.PUBLIC
    db.session.commit()
    rapporteur = factories.user(name="Rana Rapporteur", briefing=imrf, role=Role.SECRETARIAT)
    group = db.session.scalar(sa.select(StakeholderGroup).order_by(StakeholderGroup.id))
    session_ids = [s.id for s in follow_up.sessions][:2]
    reg = registrations.register(follow_up.id, registrations.Details(
        full_name="Layla Ben Youssef", email="layla@example.org",
        organization="Migration and Development Association", position="Programme coordinator",
        stakeholder_group_id=group.id, country="MA", language="en", list_consent=True,
        session_ids=session_ids)).registration
    session = db.session.scalar(sa.select(BriefingSession).where(
        BriefingSession.briefing_id == imrf.id).order_by(BriefingSession.starts_at))
    minutes_service.save(session.id, imrf.id,
                         "## Summary\n\nParticipants called for **whole-of-society** "
                         "implementation.\n\n- Data\n- Pathways", 0,
                         rapporteur_id=rapporteur.id, actor=rapporteur)
    document = db.session.scalar(sa.select(OutcomeDocument).where(
        OutcomeDocument.briefing_id == imrf.id, OutcomeDocument.language == "en",
        OutcomeDocument.slug == "chairs-summary"))
    return {"imrf": imrf.slug, "follow_up": follow_up.slug, "token": reg.token,
            "session_id": session.id, "document": document.slug,
            "organizer": organizer.email, "rapporteur": rapporteur.email}


def violations(page, url):
    response = page.goto(url)
    status = response.status if response is not None else None
    assert status == 200, f"{url}: HTTP {status}"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, TAGS)
    return [v for v in found if v["impact"] in BLOCKING]


def describe(url, found):
    lines = []
    for v in found:
        lines.append(f"{url}: {v['id']} ({v['impact']}, {v['count']} node(s)): {v['help']}")
        lines.extend(f"    {target}" for target in v["targets"])
    return lines


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_no_serious_accessibility_violation(axe_page, site, locale):
    imrf, follow_up = site["imrf"], site["follow_up"]
    public = [
        "/",
        f"/b/{imrf}",
        f"/b/{follow_up}",
        f"/b/{follow_up}/register",
        f"/b/{imrf}/outcomes",
        f"/b/{imrf}/outcomes/{site['document']}",
        f"/b/{imrf}/pledges",
        f"/b/{imrf}/coverage",
        f"/b/{imrf}/participants",
        f"/r/{site['token']}",
    ]
    report = []
    page = axe_page(locale)
    for url in public:
        report += describe(url, violations(page, url))

    organizer = axe_page(locale)
    sign_in(organizer, site["organizer"])
    url = f"/manage/{follow_up}/checkin"
    report += describe(url, violations(organizer, url))

    rapporteur = axe_page(locale)
    sign_in(rapporteur, site["rapporteur"])
    url = f"/manage/{imrf}/records/sessions/{site['session_id']}/minutes"
    report += describe(url, violations(rapporteur, url))

    print("\n".join(report))
    assert not report, f"axe-core ({locale}):\n" + "\n".join(report)
