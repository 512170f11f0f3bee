"""The pages of a briefing's management, in the few groups an organizer recognises.

Templates name their page with ``active_tab`` (a page key below); the bar shows
the groups the signed-in user may open, each linking to its first such page, and
a second row with the pages of the group that holds the current page.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .permissions import Perm, can


@dataclass(frozen=True)
class Page:
    """One page of a briefing's management, and the permission that opens it."""

    key: str
    endpoint: str
    label: object
    perm: Perm


@dataclass(frozen=True)
class Group:
    """A named group of pages."""

    key: str
    label: object
    pages: tuple[Page, ...]


MANAGE, RECORDS = Perm.MANAGE_BRIEFING, Perm.KEEP_RECORDS

GROUPS = (
    Group("overview", _l("Overview"), (
        Page("overview", "organizer.overview", _l("Overview"), MANAGE),
    )),
    Group("programme", _l("Programme"), (
        Page("programme", "organizer.programme", _l("Programme"), MANAGE),
        Page("people", "organizer.people", _l("People"), MANAGE),
    )),
    Group("participants", _l("Participants"), (
        Page("registrations", "participants.registrations", _l("Registrations"), MANAGE),
        Page("invitations", "outreach.invitations", _l("Invitations"), MANAGE),
        Page("messages", "outreach.messages", _l("Messages"), MANAGE),
        Page("checkin", "participants.checkin", _l("Check-in desk"), MANAGE),
        Page("badges", "reports.badges", _l("Badges"), MANAGE),
    )),
    Group("records", _l("Records"), (
        Page("records", "secretariat.index", _l("Speakers and minutes"), RECORDS),
        Page("outcomes", "outcomes.index", _l("Outcome documents"), RECORDS),
        Page("pledges", "pledges.index", _l("Pledges"), RECORDS),
        Page("coverage", "outcomes.coverage", _l("GCM coverage"), RECORDS),
        Page("follow-up", "followup.index", _l("Follow-up"), RECORDS),
    )),
    Group("reports", _l("Reports"), (
        Page("dashboard", "reports.dashboard", _l("Dashboard"), MANAGE),
        Page("exports", "reports.exports", _l("Exports"), MANAGE),
        Page("survey", "surveys.manage", _l("Survey"), MANAGE),
    )),
    Group("settings", _l("Settings"), (
        Page("settings", "organizer.settings", _l("Settings"), MANAGE),
        Page("team", "organizer.team", _l("Team"), MANAGE),
        Page("clone", "reports.clone", _l("Copy this briefing"), MANAGE),
        Page("api_tokens", "api_tokens.index", _l("API tokens"), MANAGE),
        Page("audit", "organizer.audit_log", _l("Audit log"), MANAGE),
    )),
)


@dataclass(frozen=True)
class ShownGroup:
    """A group as one user sees it: only the pages they may open, and whether it holds ``active``."""

    key: str
    label: object
    pages: tuple[Page, ...]
    active: bool

    @property
    def first(self) -> Page:
        """The page the group's tab opens."""
        return self.pages[0]


def briefing_nav(user, briefing, active: str | None) -> list[ShownGroup]:
    """The groups of ``briefing``'s pages that ``user`` may open, with ``active``'s group marked."""
    allowed = {perm: can(user, perm, briefing) for perm in (MANAGE, RECORDS)}
    shown = []
    for group in GROUPS:
        pages = tuple(page for page in group.pages if allowed[page.perm])
        if pages:
            shown.append(ShownGroup(group.key, group.label, pages,
                                    active=any(page.key == active for page in pages)))
    return shown
