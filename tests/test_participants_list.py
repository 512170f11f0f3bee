"""The organizer's registrations list: counts, filters, search, sorting, pages, query bound."""
import re

import pytest
import sqlalchemy as sa

from briefings.models import RegistrationStatus as RS, Role, SeatStatus, StakeholderGroup

from .participants_support import registration


@pytest.fixture
def briefing(factory, login):
    b = factory.briefing(slug="imrf", tz="Africa/Cairo")
    login(factory.user(briefing=b, role=Role.ORGANIZER))
    return b


def names(html: str) -> list[str]:
    """The names in the table's rows, in order."""
    return re.findall(r'<th scope="row" class="fw-normal" id="name-\d+"><a [^>]*>([^<]+)</a>', html)


def page(client, **args):
    response = client.get("/manage/imrf/registrations", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_counts_by_status_are_shown_at_the_top(client, briefing):
    for status in (RS.CONFIRMED, RS.CONFIRMED, RS.PENDING, RS.WAITLISTED):
        registration(briefing, status=status)
    html = page(client)
    counts = dict(re.findall(
        r'status=(\w+)"[^>]*>[^<]+</a>:\s*<span class="fw-semibold">(\d+)', html))
    assert counts == {"pending": "1", "confirmed": "2", "waitlisted": "1", "declined": "0",
                      "cancelled": "0"}


def test_filters_by_status_group_country_and_session(client, factory, briefing):
    ngo, academia = factory.group("civil_society"), factory.group("academia")
    session = factory.session(briefing)
    registration(briefing, name="Amal", status=RS.PENDING, stakeholder_group_id=ngo.id,
                 country="EG", sessions=[session])
    registration(briefing, name="Bruno", stakeholder_group_id=academia.id, country="FR")
    registration(briefing, name="Chen", stakeholder_group_id=ngo.id, country="FR",
                 sessions=[session], seat_status=SeatStatus.RELEASED)
    assert names(page(client, status="pending")) == ["Amal"]
    assert names(page(client, group=ngo.id)) == ["Amal", "Chen"]
    assert names(page(client, country="FR")) == ["Bruno", "Chen"]
    assert names(page(client, session=session.id)) == ["Amal"]  # a released seat is not a choice
    assert names(page(client, group=ngo.id, country="FR")) == ["Chen"]


def test_search_is_case_insensitive_over_name_organization_and_email(client, briefing):
    registration(briefing, name="Amal Haddad", organization="Cairo University")
    registration(briefing, name="Bruno Petit", email="B.Petit@Example.org")
    registration(briefing, name="Chen Li", organization="Migrant Forum")
    assert names(page(client, q="HADDAD")) == ["Amal Haddad"]
    assert names(page(client, q="cairo univ")) == ["Amal Haddad"]
    assert names(page(client, q="b.petit@EXAMPLE")) == ["Bruno Petit"]
    assert names(page(client, q="  forum ")) == ["Chen Li"]


def test_like_wildcards_in_the_search_are_taken_literally(client, briefing):
    registration(briefing, name="Amal", organization="100% Youth")
    registration(briefing, name="Bruno", organization="Youth Network")
    registration(briefing, name="Chen", email="chen_li@example.org")
    registration(briefing, name="Dana", email="chenxli@example.org")
    assert names(page(client, q="%")) == ["Amal"]
    assert names(page(client, q="0% y")) == ["Amal"]
    assert names(page(client, q="chen_")) == ["Chen"]


@pytest.mark.parametrize("key, expected", [
    ("name", ["Amal", "bruno", "Chen"]),
    ("organization", ["Chen", "Amal", "bruno"]),
    ("country", ["bruno", "Chen", "Amal"]),
    ("status", ["Chen", "Amal", "bruno"]),
    ("registered", ["bruno", "Amal", "Chen"]),
])
def test_sorting_both_ways(client, briefing, key, expected):
    registration(briefing, name="bruno", organization="zeta", country="AR", status=RS.CANCELLED)
    registration(briefing, name="Amal", organization="Beta", country="MA", status=RS.CONFIRMED)
    registration(briefing, name="Chen", organization="alpha", country="CN", status=RS.PENDING)
    assert names(page(client, sort=key)) == expected
    assert names(page(client, sort=key, order="desc")) == expected[::-1]


def test_sorting_by_group_follows_the_managed_order_with_no_group_last(client, factory, briefing):
    groups = [factory.group(code) for code in ("government", "academia")]
    first, second = sorted(groups, key=lambda g: g.position)
    registration(briefing, name="None")
    registration(briefing, name="Second", stakeholder_group_id=second.id)
    registration(briefing, name="First", stakeholder_group_id=first.id)
    assert names(page(client, sort="group")) == ["First", "Second", "None"]
    assert names(page(client, sort="group", order="desc")) == ["Second", "First", "None"]


def test_column_headers_link_to_sorting_and_say_which_is_active(client, briefing):
    registration(briefing)
    html = page(client, sort="name", status="confirmed")
    assert 'aria-sort="ascending"' in html
    assert "sort=name&amp;order=desc" in html  # a second click reverses
    assert "status=confirmed" in html.split('aria-sort="ascending"')[1][:200]


@pytest.mark.parametrize("args", [
    {"sort": "password_hash"}, {"order": "sideways"}, {"status": "vip"},
    {"group": "abc"}, {"session": "99999"}, {"country": "ZZZ"}, {"page": "abc"},
    {"q": "x" * 500},
])
def test_bad_query_parameters_fall_back_to_defaults(client, briefing, args):
    registration(briefing, name="Amal")
    html = page(client, **args)
    assert names(html) == ["Amal"]
    assert "were not understood and were ignored" in html


def test_fifty_to_a_page_with_the_page_count(client, db, briefing):
    for n in range(53):
        registration(briefing, name=f"Person {n:02d}", commit=False)
    db.session.commit()
    first = page(client)
    assert len(names(first)) == 50
    assert "Page 1 of 2." in first and "53 registrations match." in first
    second = page(client, page=2)
    assert names(second) == ["Person 50", "Person 51", "Person 52"] and "Page 2 of 2." in second
    assert names(page(client, page=99)) == names(second)  # past the end: the last page
    assert 'href="/manage/imrf/registrations?page=2"' in first


def test_pages_and_sort_links_keep_the_filters(client, db, briefing):
    first_group = db.session.scalar(sa.select(sa.func.min(StakeholderGroup.id)))
    for n in range(55):
        registration(briefing, name=f"Person {n:02d}", status=RS.PENDING,
                     stakeholder_group_id=first_group, commit=False)
    db.session.commit()
    html = page(client, status="pending", group=first_group, sort="name")
    assert f"status=pending&amp;group={first_group}&amp;sort=name&amp;page=2" in html
    assert f"status=pending&amp;group={first_group}&amp;sort=country\"" in html
    assert f"registrations.csv?status=pending&amp;group={first_group}&amp;sort=name\"" in html


def test_query_count_does_not_grow_with_the_rows(client, db, factory, briefing, count_queries):
    # Every group in turn: lazy loading would cost a query per distinct group on the page.
    groups = db.session.scalars(sa.select(StakeholderGroup.id).order_by(StakeholderGroup.id)).all()
    assert len(groups) > 5

    def add(count):
        for n in range(count):
            registration(briefing, stakeholder_group_id=groups[n % len(groups)],
                         country="EG", commit=False)
        db.session.commit()

    add(5)
    with count_queries() as few:
        assert len(names(page(client))) == 5
    add(55)
    with count_queries() as many:
        assert len(names(page(client))) == 50
    assert many.count == few.count


def test_an_empty_list_says_so(client, briefing):
    html = page(client)
    assert "No registration matches." in html and "Page 1 of 1." in html


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pages_work_in_every_language(client, factory, briefing, language):
    session = factory.session(briefing, takes_attendance=True)
    reg = registration(briefing, country="EG", sessions=[session],
                       stakeholder_group_id=factory.group("academia").id)
    client.set_cookie("lang", language)
    for url in ("/manage/imrf/registrations", f"/manage/imrf/registrations/{reg.id}",
                f"/manage/imrf/checkin?person={reg.id}&q=person",
                f"/manage/imrf/checkin/sessions/{session.id}?person={reg.id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.get_data(as_text=True)
    assert client.get("/manage/imrf/registrations.csv").status_code == 200
    html = client.get("/manage/imrf/registrations").get_data(as_text=True)
    assert ('dir="rtl"' in html) == (language == "ar")
