"""The organizer's dashboard: figures, target shares, charts matching their tables, permissions."""
import html
import re
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pycountry
import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Gender,
    GroupTarget,
    Intervention,
    RegistrationStatus as RS,
    Role,
)
from briefings.reports.charts import CHARTS
from briefings.services import dashboard

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

UTC = timezone.utc
CHART_URLS = [f"/manage/imrf/dashboard/{key}.svg" for key in CHARTS]


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", tz="Africa/Cairo",
                            starts_at=datetime(2030, 6, 20, 7, 0, tzinfo=UTC))


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_dashboard_and_charts_need_the_organizer_role(client, factory, login, briefing, who):
    sign_in_as(who, factory, login, briefing)
    for url in ["/manage/imrf/dashboard", *CHART_URLS]:
        response = client.get(url)
        assert response.status_code == EXPECTED[who], url
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), url


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "other_organizer"])
def test_others_cannot_set_targets(client, db, factory, login, briefing, who):
    sign_in_as(who, factory, login, briefing)
    group = factory.group("civil_society")
    response = client.post("/manage/imrf/dashboard/targets", data={f"group_{group.id}": "40"})
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert db.session.scalar(sa.select(sa.func.count(GroupTarget.id))) == 0


# ---------------------------------------------------------------- the figures

def test_registrations_are_counted_per_local_day_and_added_up(db, factory, briefing):
    # Cairo is UTC+3 in June: 22:30 UTC on 1 June is already 2 June there.
    for moment in (datetime(2030, 6, 1, 10, 0, tzinfo=UTC),
                   datetime(2030, 6, 1, 22, 30, tzinfo=UTC),
                   datetime(2030, 6, 2, 8, 0, tzinfo=UTC), datetime(2030, 6, 4, 9, 0, tzinfo=UTC)):
        registration(briefing, created_at=moment)
    registration(briefing, status=RS.CANCELLED, created_at=datetime(2030, 6, 4, 9, 5, tzinfo=UTC))
    days = dashboard.registrations_per_day(briefing, today=date(2030, 6, 5))
    assert [(d.day, d.new, d.total) for d in days] == [
        (date(2030, 6, 1), 1, 1), (date(2030, 6, 2), 2, 3), (date(2030, 6, 3), 0, 3),
        (date(2030, 6, 4), 2, 5), (date(2030, 6, 5), 0, 5)]


def test_days_stop_at_the_briefing_and_start_with_the_first_registration(db, briefing):
    registration(briefing, created_at=datetime(2030, 6, 18, 9, 0, tzinfo=UTC))
    days = dashboard.registrations_per_day(briefing, today=date(2031, 1, 1))
    # The briefing ends on 21 June, 09:00 in Cairo.
    assert [d.day for d in days] == [date(2030, 6, 18), date(2030, 6, 19), date(2030, 6, 20),
                                     date(2030, 6, 21)]


def test_breakdowns_count_active_registrations_only(db, factory, briefing):
    civil, academia = factory.group("civil_society"), factory.group("academia")
    registration(briefing, stakeholder_group_id=civil.id, country="EG", gender=Gender.WOMAN)
    registration(briefing, status=RS.PENDING, stakeholder_group_id=civil.id, country="FR")
    registration(briefing, status=RS.WAITLISTED, stakeholder_group_id=academia.id, country="EG",
                 gender=Gender.MAN)
    registration(briefing, country="")  # no group, no country, no gender
    registration(briefing, status=RS.DECLINED, stakeholder_group_id=academia.id, country="BR")
    registration(briefing, status=RS.CANCELLED, stakeholder_group_id=academia.id, country="JP")
    board = dashboard.dashboard(briefing)
    assert board.active == 4
    assert board.statuses == {RS.PENDING: 1, RS.CONFIRMED: 2, RS.WAITLISTED: 1, RS.DECLINED: 1,
                              RS.CANCELLED: 1}
    assert [(row.group.code if row.group else None, row.count, row.share)
            for row in board.groups] == [("civil_society", 2, 50.0), ("academia", 1, 25.0),
                                         (None, 1, 25.0)]
    assert board.countries == [("EG", 2), ("FR", 1), ("", 1)]
    assert dict(board.regions) == {"002": 2, "019": 0, "142": 0, "150": 1, "009": 0, "": 1}
    assert board.genders == [(Gender.WOMAN, 1), (Gender.MAN, 1), (Gender.NON_BINARY, 0),
                             (Gender.UNDISCLOSED, 0), (None, 2)]


@pytest.mark.parametrize("code, region", [("EG", "002"), ("ZA", "002"), ("BR", "019"),
                                          ("US", "019"), ("JP", "142"), ("TR", "142"),
                                          ("FR", "150"), ("RU", "150"), ("FJ", "009"),
                                          ("AU", "009"), ("AQ", None), ("XX", None)])
def test_countries_belong_to_their_un_m49_region(code, region):
    assert dashboard.region_of(code) == region


def test_every_iso_country_but_antarctica_has_a_region():
    unmapped = {c.alpha_2 for c in pycountry.countries if dashboard.region_of(c.alpha_2) is None}
    assert unmapped == {"AQ"}


def test_check_in_rate_counts_confirmed_people_who_arrived(db, factory, briefing):
    civil = factory.group("civil_society")
    arrived = datetime(2030, 6, 20, 7, 5, tzinfo=UTC)
    registration(briefing, stakeholder_group_id=civil.id, checked_in_at=arrived)
    registration(briefing, stakeholder_group_id=civil.id)
    registration(briefing, checked_in_at=arrived)
    registration(briefing, status=RS.PENDING, stakeholder_group_id=civil.id)
    board = dashboard.dashboard(briefing)
    assert (board.arrived, board.confirmed, board.check_in_rate) == (2, 3, 66.7)
    assert [(row.group.code if row.group else None, row.arrived, row.confirmed, row.rate)
            for row in board.check_ins] == [("civil_society", 1, 2, 50.0), (None, 1, 1, 100.0)]


def test_speaking_time_adds_up_finished_interventions_by_group(db, factory, briefing):
    session = factory.session(briefing)
    other = factory.session(factory.briefing())
    civil, media = factory.group("civil_society"), factory.group("media")
    start = datetime(2030, 6, 20, 8, 0, tzinfo=UTC)
    for group, minutes, where in ((civil, 3, session), (civil, 4.5, session), (media, 2, session),
                                  (None, 1, session), (civil, 60, other)):
        db.session.add(Intervention(session=session if where is session else other,
                                    speaker_name="Speaker", stakeholder_group=group,
                                    started_at=start, ended_at=start + timedelta(minutes=minutes)))
    db.session.add(Intervention(session=session, speaker_name="Still talking",
                                stakeholder_group=media, started_at=start))
    db.session.add(Intervention(session=session, speaker_name="Waiting", stakeholder_group=media))
    db.session.commit()
    board = dashboard.dashboard(briefing)
    assert [(row.group.code if row.group else None, row.interventions, row.minutes)
            for row in board.speaking] == [("civil_society", 2, 7.5), ("media", 1, 2.0),
                                           (None, 1, 1.0)]


# ---------------------------------------------------------------- targets

def _target_form(client, **percent_by_group):
    return client.post("/manage/imrf/dashboard/targets",
                       data={f"group_{gid}": value for gid, value in percent_by_group.items()})


def test_targets_are_saved_audited_and_flag_an_imbalance(client, db, factory, briefing, organizer):
    civil, academia = factory.group("civil_society"), factory.group("academia")
    for _ in range(6):
        registration(briefing, stakeholder_group_id=civil.id)
    for _ in range(4):
        registration(briefing, stakeholder_group_id=academia.id)
    response = _target_form(client, **{str(civil.id): "50", str(academia.id): "38"})
    assert response.status_code == 302
    assert dashboard.targets(briefing) == {civil.id: 50, academia.id: 38}
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "briefing.group_targets"))
    assert event.user_id == organizer.id and event.changes[str(civil.id)] == [None, 50]

    rows = {row.group.code: row for row in dashboard.dashboard(briefing).groups}
    assert (rows["civil_society"].difference, rows["civil_society"].imbalanced) == (10.0, True)
    assert (rows["academia"].difference, rows["academia"].imbalanced) == (2.0, False)
    page = client.get("/manage/imrf/dashboard").get_data(as_text=True)
    assert "more than 5 points away from the target" in page
    alert = page.split('class="alert alert-warning"')[1].split("</div>")[0]
    assert "Civil society" in alert and "Academia" not in alert
    assert "Above target" in page and "On target" in page


def test_an_empty_field_clears_a_target(client, db, factory, briefing, organizer):
    civil, academia = factory.group("civil_society"), factory.group("academia")
    _target_form(client, **{str(civil.id): "50", str(academia.id): "20"})
    _target_form(client, **{str(civil.id): "", str(academia.id): "25"})
    assert dashboard.targets(briefing) == {academia.id: 25}


@pytest.mark.parametrize("values, message", [
    (("70", "40"), "The targets add up to 110 %: together they can be at most 100 %."),
    (("150", ""), "Enter a whole percentage from 0 to 100."),
    (("-5", ""), "Enter a whole percentage from 0 to 100."),
    (("half", ""), "Not a valid integer value."),
])
def test_bad_targets_are_refused_with_a_message(client, db, factory, briefing, organizer, values,
                                                 message):
    civil, academia = factory.group("civil_society"), factory.group("academia")
    _target_form(client, **{str(civil.id): "10"})
    response = _target_form(client, **{str(civil.id): values[0], str(academia.id): values[1]})
    assert response.status_code == 400
    assert html.escape(message, quote=False) in response.get_data(as_text=True)
    assert dashboard.targets(briefing) == {civil.id: 10}


# ---------------------------------------------------------------- charts and tables

class _Tables(HTMLParser):
    """The cells of every table marked data-chart, by chart key."""

    def __init__(self):
        super().__init__()
        self.tables, self._key, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-chart" in attrs:
            self._key = attrs["data-chart"]
            self.tables[self._key] = []
        elif self._key and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._key].append(self._row)
            self._row = None
        elif tag == "table":
            self._key = None


# The column of each chart's table that the chart draws (the first series).
DRAWN_COLUMN = {"over-time": 2, "status": 1, "groups": 2, "countries": 1, "regions": 1,
                "genders": 1, "check-in": 3, "speaking": 2}


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def drawn(svg: str) -> tuple[list[str], list[str]]:
    """The labels and printed values of the first series, as pygal drew them."""
    first = svg.split('class="series serie-0', 1)[1].split('class="series serie-1', 1)[0]
    values = [_clean(v) for v in re.findall(r'<desc class="value">([^<]*)</desc>', first)]
    labels = [_clean(v) for v in re.findall(r'<desc class="x_label">([^<]*)</desc>', first)]
    return labels, values


@pytest.fixture
def busy_briefing(db, factory, briefing):
    """Registrations in several groups, countries, genders and statuses, arrivals, speakers."""
    groups = [factory.group(code) for code in ("civil_society", "academia", "media", "government")]
    countries = ["EG", "MA", "FR", "BR", "JP", "FJ", ""]
    statuses = [RS.CONFIRMED, RS.CONFIRMED, RS.PENDING, RS.WAITLISTED, RS.CANCELLED]
    genders = [Gender.WOMAN, Gender.MAN, None, Gender.NON_BINARY]
    for n in range(23):
        registration(briefing, stakeholder_group_id=groups[n % 4].id if n % 5 else None,
                     country=countries[n % 7], status=statuses[n % 5], gender=genders[n % 4],
                     created_at=datetime(2030, 6, 1 + n % 6, 9, 0, tzinfo=UTC),
                     checked_in_at=datetime(2030, 6, 20, 7, tzinfo=UTC) if n % 3 == 0 else None)
    session = factory.session(briefing)
    start = datetime(2030, 6, 20, 8, 0, tzinfo=UTC)
    for n, group in enumerate(groups):
        db.session.add(Intervention(
            session=session, speaker_name=f"S{n}", stakeholder_group=group, started_at=start,
            ended_at=start + timedelta(seconds=95 * (n + 1))))
    db.session.add(GroupTarget(briefing_id=briefing.id, stakeholder_group_id=groups[0].id,
                               percent=40))
    db.session.commit()
    return briefing


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_chart_draws_the_numbers_of_its_table(client, busy_briefing, organizer, language):
    headers = {"Accept-Language": language}
    page = client.get("/manage/imrf/dashboard", headers=headers)
    assert page.status_code == 200
    parser = _Tables()
    parser.feed(page.get_data(as_text=True))
    assert set(parser.tables) == set(CHARTS)
    for key, column in DRAWN_COLUMN.items():
        response = client.get(f"/manage/imrf/dashboard/{key}.svg", headers=headers)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        rows = parser.tables[key][1:]  # below the header
        assert rows, key
        labels, values = drawn(response.get_data(as_text=True))
        if key == "over-time":  # a line, left to right, its axis dates written short
            assert values == [row[column] for row in rows]
        else:  # bars, the first at the top (pygal lists them bottom up)
            assert len(labels) == len(values) == len(set(labels)), key
            assert dict(zip(labels, values)) == {row[0]: row[column] for row in rows}, key


def test_charts_are_images_without_scripts(client, busy_briefing, organizer):
    page = client.get("/manage/imrf/dashboard").get_data(as_text=True)
    for key in CHARTS:
        assert f'src="/manage/imrf/dashboard/{key}.svg"' in page
        svg = client.get(f"/manage/imrf/dashboard/{key}.svg").get_data(as_text=True)
        assert "<script" not in svg and 'role="img"' in svg
    assert "<svg" not in page and 'alt="Chart: Stakeholder balance.' in page


def test_the_dashboard_reads_right_to_left_in_arabic(client, busy_briefing, organizer):
    page = client.get("/manage/imrf/dashboard", headers={"Accept-Language": "ar"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'dir="rtl"' in text and "أفريقيا" in text  # Africa, the region named by CLDR


def test_an_empty_briefing_says_there_is_no_data(client, briefing, organizer):
    page = client.get("/manage/imrf/dashboard")
    assert page.status_code == 200
    assert "No data yet" in page.get_data(as_text=True)
    assert client.get("/manage/imrf/dashboard/over-time.svg").status_code == 200


def test_query_count_does_not_grow_with_registrations(client, db, factory, briefing, organizer,
                                                      count_queries):
    civil = factory.group("civil_society")

    def measure() -> list[int]:
        counts = []
        for url in ["/manage/imrf/dashboard", *CHART_URLS]:
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            counts.append(counter.count)
        return counts

    for n in range(3):
        registration(briefing, stakeholder_group_id=civil.id, country="EG")
    few = measure()
    for n in range(40):
        registration(briefing, stakeholder_group_id=civil.id if n % 2 else None,
                     country=["EG", "FR", "JP", "BR"][n % 4], commit=False)
    db.session.commit()
    assert measure() == few
