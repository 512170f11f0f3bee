"""The public pages: the list of briefings and a briefing with its programme."""
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from briefings.caching import clear_all
from briefings.models import (
    BriefingStatus, GCMObjective, PersonRole, SessionFormat, SessionKind, utcnow,
)

UTC = timezone.utc


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script> elements."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)


def page(client, path, **headers) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def cairo_briefing(factory, days=1, **fields):
    """From Monday 20 June 2022, 08:00 to 16:00 in Cairo (EET, UTC+2: no DST that year)."""
    fields.setdefault("status", BriefingStatus.CONCLUDED)
    b = factory.briefing(starts_at=datetime(2022, 6, 20, 6, 0, tzinfo=UTC), **fields)
    b.ends_at = datetime(2022, 6, 20, 14, 0, tzinfo=UTC) + timedelta(days=days - 1)
    factory.db.session.commit()
    return b


# The list of briefings

def test_empty_site_says_what_it_is(client):
    html = page(client, "/")
    assert "No briefing has been published yet" in html
    assert "programme of sessions" in html


def test_list_shows_upcoming_soonest_first_then_recent_latest_first(client, factory):
    now = utcnow()

    def make(title, start_in_days, status=BriefingStatus.PUBLISHED, days=1):
        factory.briefing(title=title, status=status, days=days,
                         starts_at=now + timedelta(days=start_in_days))

    make("Later upcoming", 30)
    make("Sooner upcoming", 10)
    make("Running now", -1, days=3)
    make("Last month", -30, BriefingStatus.CONCLUDED)
    make("Last year", -365, BriefingStatus.CONCLUDED)
    make("Work in progress", 5, BriefingStatus.DRAFT)
    make("Put away", -60, BriefingStatus.ARCHIVED)

    html = page(client, "/")
    upcoming, recent = html.split('id="recent-title"')
    order = ["Running now", "Sooner upcoming", "Later upcoming"]
    assert [upcoming.index(t) for t in order] == sorted(upcoming.index(t) for t in order)
    assert recent.index("Last month") < recent.index("Last year")
    assert "Work in progress" not in html
    assert "Put away" not in html
    assert "No briefing has been published yet" not in html


def test_list_item_shows_dates_city_status_and_an_excerpt(client, factory):
    cairo_briefing(factory, title="IMRF outcomes", city="Cairo",
                   summary="The **Progress Declaration** was adopted. " + "More words. " * 40)
    html = page(client, "/")
    assert "Monday, June 20, 2022" in html
    assert "Cairo" in html
    assert "Concluded" in html
    assert "The Progress Declaration was adopted." in html
    assert "<strong>" not in html.split('id="recent-title"')[1]
    assert "…" in html


# The briefing page

def test_draft_and_unknown_briefings_are_friendly_404s(client, factory):
    factory.briefing(slug="secret-draft", status=BriefingStatus.DRAFT)
    for path in ("/b/secret-draft", "/b/secret-draft/agenda.ics", "/b/no-such-briefing"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Page not found" in response.get_data(as_text=True)


def test_archived_briefing_page_still_works(client, factory):
    factory.briefing(slug="old-one", title="An archived briefing", status=BriefingStatus.ARCHIVED)
    assert "An archived briefing" in page(client, "/b/old-one")


def test_page_shows_partners_venue_and_the_timezone(client, factory):
    b = cairo_briefing(factory, slug="imrf",
                       partners="IOM Regional Office for MENA\nGovernment of Egypt",
                       venue="Garden City Conference Centre", city="Cairo")
    factory.session(b, title="Opening remarks", start=datetime(2022, 6, 20, 7, 0, tzinfo=UTC),
                    minutes=45, room="Nile Hall")
    html = page(client, "/b/imrf")
    assert "IOM Regional Office for MENA</li>" in html and "Government of Egypt</li>" in html
    assert "Garden City Conference Centre, Cairo" in html
    assert 'All times are Cairo time (<bdi dir="ltr">EET</bdi>).' in html
    # 07:00 UTC is 09:00 in Cairo.
    assert ">09:00</time>–<time" in html and ">09:45</time>" in html
    assert "Nile Hall" in html


def test_times_follow_the_briefings_own_zone(client, factory):
    b = factory.briefing(slug="tokyo", tz="Asia/Tokyo",
                         starts_at=datetime(2031, 3, 3, 0, 0, tzinfo=UTC))
    factory.session(b, title="Morning plenary", start=datetime(2031, 3, 3, 1, 30, tzinfo=UTC))
    html = page(client, "/b/tokyo")
    assert "All times are Tokyo time" in html and ">JST</bdi>" in html
    assert ">10:30</time>" in html


def test_programme_is_grouped_by_local_day(client, factory):
    b = cairo_briefing(factory, slug="two-days", days=2)
    factory.session(b, title="First day session", start=datetime(2022, 6, 20, 8, 0, tzinfo=UTC))
    # 23:30 UTC on the 20th is 01:30 on the 21st in Cairo.
    factory.session(b, title="Night owl session", start=datetime(2022, 6, 20, 23, 30, tzinfo=UTC),
                    minutes=30)
    html = page(client, "/b/two-days")
    first, second = html.split("Tuesday, June 21, 2022")
    assert "Monday, June 20, 2022" in first and "First day session" in first
    assert "Night owl session" in second and ">01:30</time>" in second


def test_session_shows_kind_format_people_and_objectives(client, factory, db):
    b = cairo_briefing(factory, slug="rt")
    s = factory.session(b, title="Round table 2: Whole-of-society implementation",
                        kind=SessionKind.ROUND_TABLE, format=SessionFormat.HYBRID,
                        description="How *all* stakeholders take part.", room="Delta Room")
    s.objectives = [db.session.get(GCMObjective, 16), db.session.get(GCMObjective, 19)]
    db.session.commit()
    chair = factory.person(b, name="Laila Benyamina", honorific="Dr.", position="Senior Fellow",
                           organization="Mashreq Migration Policy Institute")
    speaker = factory.person(b, name="Ayman Zohry", honorific="Professor",
                             organization="American University in Cairo")
    factory.link(s, chair, PersonRole.CHAIR)
    factory.link(s, speaker, PersonRole.SPEAKER)

    html = page(client, "/b/rt")
    assert "Round table" in html and "Hybrid" in html and "Delta Room" in html
    assert "How <em>all</em> stakeholders take part." in html
    assert "Dr. Laila Benyamina" in html
    assert "Senior Fellow, Mashreq Migration Policy Institute" in html
    assert ">16</span>" in html and ">19</span>" in html
    speakers = html.split('id="speakers-title"')[1]
    assert "Professor Ayman Zohry" in speakers and "American University in Cairo" in speakers
    assert f'href="#session-{s.id}"' in speakers


@pytest.mark.parametrize("opens, closes, status, shown", [
    (-1, None, BriefingStatus.PUBLISHED, True),
    (2, None, BriefingStatus.PUBLISHED, False),
    (-10, -1, BriefingStatus.PUBLISHED, False),
    (-10, None, BriefingStatus.CONCLUDED, False),
])
def test_register_button_only_while_registration_is_open(client, factory, opens, closes, status,
                                                         shown):
    now = utcnow()
    factory.briefing(slug="reg", status=status, starts_at=now + timedelta(days=30),
                     registration_opens_at=now + timedelta(days=opens),
                     registration_closes_at=now + timedelta(days=closes) if closes else None)
    html = page(client, "/b/reg")
    assert ('href="/b/reg/register"' in html) is shown
    if opens > 0:
        assert "Registration opens on" in html


def test_meeting_link_is_never_shown(client, factory):
    b = factory.briefing(slug="hybrid", registration_opens_at=utcnow() - timedelta(days=1))
    factory.session(b, title="Hybrid plenary", format=SessionFormat.HYBRID,
                    meeting_link="https://meet.example.org/very-secret-room")
    for path in ("/b/hybrid", "/b/hybrid/agenda.ics", "/"):
        body = client.get(path).get_data(as_text=True)
        assert "very-secret-room" not in body


def test_summary_markdown_is_sanitized(client, factory):
    factory.briefing(slug="xss", summary=(
        "**Welcome**\n\n<script>alert('summary')</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n<a href="javascript:alert(2)">link</a>'))
    html = page(client, "/b/xss")
    tags = Tags(html)
    assert "<strong>Welcome</strong>" in html
    assert tags.script_text == []
    assert all(attrs.get("src") for tag, attrs in tags.tags if tag == "script")
    assert not [a for _, attrs in tags.tags for a in attrs if a.startswith("on")]
    hrefs = [attrs.get("href") or "" for _, attrs in tags.tags]
    assert not [href for href in hrefs if href.startswith("javascript")]


def test_arabic_briefing_page_is_right_to_left(client, factory):
    factory.briefing(slug="ar")
    html = page(client, "/b/ar", **{"Accept-Language": "ar"})
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    # The zone's city is named in the page's language.
    assert "القاهرة" in html


def test_page_links_to_its_calendar(client, factory):
    factory.briefing(slug="cal")
    assert 'href="/b/cal/agenda.ics"' in page(client, "/b/cal")


def _briefing_with_sessions(factory, db, slug, count):
    b = factory.briefing(slug=slug, days=3)
    objectives = [db.session.get(GCMObjective, n) for n in (1, 5, 23)]
    for n in range(count):
        s = factory.session(b, title=f"Session {n}", start=b.starts_at + timedelta(hours=n),
                            room=f"Room {n}")
        s.objectives = objectives[: 1 + n % 3]
        chair = factory.person(b, name=f"Chair {slug} {n}", organization="Org")
        factory.link(s, chair, PersonRole.CHAIR)
        factory.link(s, factory.person(b, name=f"Speaker {slug} {n}"), PersonRole.SPEAKER)
    db.session.commit()
    db.session.expire_all()


def test_briefing_page_queries_do_not_grow_with_the_programme(client, factory, db, count_queries):
    _briefing_with_sessions(factory, db, "small", 2)
    _briefing_with_sessions(factory, db, "large", 30)
    client.get("/b/small")  # warm-up: first-request work is not the page's

    clear_all()  # both counts build the programme (a cached one costs fewer queries)
    with count_queries() as small:
        assert client.get("/b/small").status_code == 200
    with count_queries() as large:
        response = client.get("/b/large")
    assert response.status_code == 200
    assert "Speaker large 29" in response.get_data(as_text=True)
    assert large.count == small.count
