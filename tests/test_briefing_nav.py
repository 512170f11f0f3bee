"""The bar over a briefing's management pages: groups, the current group's pages, who sees what."""
from html.parser import HTMLParser

import pytest

from briefings.models import Role

SLUG = "nav"
M = f"/manage/{SLUG}"

# Every group with its pages, in the bar's order: (group, [(page, path), ...]).
ORGANIZER_BAR = [
    ("Overview", [("Overview", f"{M}/")]),
    ("Programme", [("Programme", f"{M}/programme"), ("People", f"{M}/people")]),
    ("Participants", [("Registrations", f"{M}/registrations"), ("Invitations", f"{M}/invitations"),
                      ("Messages", f"{M}/messages"), ("Check-in desk", f"{M}/checkin"),
                      ("Badges", f"{M}/badges")]),
    ("Records", [("Speakers and minutes", f"{M}/records/"), ("Outcome documents", f"{M}/outcomes"),
                 ("Pledges", f"{M}/pledges"), ("GCM coverage", f"{M}/outcomes/coverage"),
                 ("Follow-up", f"{M}/follow-up")]),
    ("Reports", [("Dashboard", f"{M}/dashboard"), ("Exports", f"{M}/exports"),
                 ("Survey", f"{M}/survey")]),
    ("Settings", [("Settings", f"{M}/settings"), ("Team", f"{M}/team"),
                  ("Copy this briefing", f"{M}/clone"), ("API tokens", f"{M}/api-tokens"),
                  ("Audit log", f"{M}/audit")]),
]
SECRETARIAT_BAR = [group for group in ORGANIZER_BAR if group[0] == "Records"]
ALL_PAGES = [page for _, pages in ORGANIZER_BAR for page in pages]


class BarParser(HTMLParser):
    """The links of the briefing's bar: ``groups`` and ``pages``, as (text, href, aria-current)."""

    def __init__(self):
        super().__init__()
        self.groups, self.pages, self.navs = [], [], 0
        self._list = self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Manage this briefing":
            self.navs += 1
        elif tag == "ul" and "briefing-groups" in attrs.get("class", ""):
            self._list = self.groups
        elif tag == "ul" and "briefing-pages" in attrs.get("class", ""):
            self._list = self.pages
        elif tag == "a" and self._list is not None:
            self._link = ["", attrs["href"], attrs.get("aria-current")]

    def handle_data(self, data):
        if self._link is not None:
            self._link[0] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._list.append((self._link[0].strip(), self._link[1], self._link[2]))
            self._link = None
        elif tag == "ul":
            self._list = None


def bar(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = BarParser()
    parser.feed(response.get_data(as_text=True))
    assert parser.navs == 1, f"{path}: one labelled navigation expected"
    return parser


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug=SLUG, title="Navigation briefing")


def staff(factory, login, briefing, role):
    if role == "admin":
        return login(factory.user(is_admin=True))
    return login(factory.user(briefing=briefing, role=Role(role)))


@pytest.mark.parametrize("role, expected", [
    ("organizer", ORGANIZER_BAR), ("admin", ORGANIZER_BAR), ("secretariat", SECRETARIAT_BAR),
])
def test_each_role_sees_the_groups_and_pages_it_may_open(client, factory, login, briefing,
                                                          role, expected):
    staff(factory, login, briefing, role)
    start = expected[0][1][0][1]  # the first page this role may open
    groups = bar(client, start).groups
    assert [(text, href) for text, href, _ in groups] == \
        [(group, pages[0][1]) for group, pages in expected]
    shown = []
    for group, pages in expected:
        parser = bar(client, pages[0][1])
        current = [text for text, _, mark in parser.groups if mark]
        assert current == [group]
        if len(pages) > 1:
            assert [(text, href) for text, href, _ in parser.pages] == pages
        else:
            assert parser.pages == []
        shown += pages
    # What the bar leaves out is what the role may not open.
    for text, path in ALL_PAGES:
        if (text, path) not in shown:
            assert client.get(path).status_code == 403, path


def test_current_page_is_marked_and_its_group_too(client, factory, login, briefing):
    staff(factory, login, briefing, "organizer")
    parser = bar(client, f"{M}/checkin")
    assert [(text, mark) for text, _, mark in parser.groups if mark] == [("Participants", "true")]
    assert [(text, mark) for text, _, mark in parser.pages if mark] == [("Check-in desk", "page")]

    overview = bar(client, f"{M}/")
    assert [(text, mark) for text, _, mark in overview.groups if mark] == [("Overview", "page")]


def test_a_sub_page_marks_its_page_as_current_but_not_as_this_page(client, factory, login,
                                                                   briefing):
    staff(factory, login, briefing, "organizer")
    parser = bar(client, f"{M}/messages/new")
    assert [(text, mark) for text, _, mark in parser.groups if mark] == [("Participants", "true")]
    assert [(text, mark) for text, _, mark in parser.pages if mark] == [("Messages", "true")]


def test_the_secretariat_finds_its_way_among_the_records(client, factory, login, briefing):
    staff(factory, login, briefing, "secretariat")
    parser = bar(client, f"{M}/outcomes/new")
    assert [text for text, _, _ in parser.groups] == ["Records"]
    assert [(text, mark) for text, _, mark in parser.pages if mark] == \
        [("Outcome documents", "true")]
    assert [text for text, _, _ in parser.pages] == [text for text, _ in SECRETARIAT_BAR[0][1]]
