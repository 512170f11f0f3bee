"""Cached output is found by a digest of what it shows: any change is served at once."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import refresh

from briefings.caching import Memo, clear_all, programme_digest
from briefings.models import GCMObjective, PersonRole


@pytest.fixture
def programme(factory):
    briefing = factory.briefing(slug="imrf", venue="Conference centre")
    session = factory.session(briefing, title="Opening plenary")
    person = factory.person(briefing, name="Amina Haddad", organization="IOM")
    factory.link(session, person, PersonRole.CHAIR)
    clear_all()
    return briefing, session, person


ADDRESSES = ["/b/imrf/agenda.ics", "/b/imrf"]  # the calendar file, the page's programme


def _fetch(client, address="/b/imrf/agenda.ics") -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.get_data(as_text=True).replace("\r\n ", "")  # unfold calendar lines


def _calendar(client) -> str:
    return _fetch(client)


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_second_request_comes_from_the_cache(client, db, programme, count_queries, address):
    first = _fetch(client, address)
    db.session.close()
    with count_queries() as cached:
        again = _fetch(client, address)
    clear_all()
    db.session.close()
    with count_queries() as built:
        assert _fetch(client, address) == first
    assert again == first
    assert cached.count < built.count


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("change, shown", [
    (lambda db, b, s, p: setattr(p, "name", "Amina Haddad-Salem"), "Amina Haddad-Salem"),
    (lambda db, b, s, p: setattr(p, "organization", "UNHCR"), "UNHCR"),
    (lambda db, b, s, p: setattr(s, "title", "Opening and keynote"), "Opening and keynote"),
    (lambda db, b, s, p: setattr(s, "room", "Hall Z"), "Hall Z"),
    (lambda db, b, s, p: setattr(b, "city", "Alexandria"), "Alexandria"),
    (lambda db, b, s, p: s.objectives.append(db.session.get(GCMObjective, 17)),
     {"/b/imrf/agenda.ics": "GCM objectives: 17", "/b/imrf": ">17</span>"}),
    (lambda db, b, s, p: setattr(s.roles[0], "role", PersonRole.MODERATOR), "Moderator"),
])
def test_every_change_to_the_programme_is_served_at_once(client, db, programme, change, shown,
                                                         address):
    briefing, session, person = programme
    shown = shown[address] if isinstance(shown, dict) else shown
    assert shown not in _fetch(client, address)
    change(db, briefing, session, person)
    db.session.commit()
    assert shown in _fetch(client, address)


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_new_session_and_a_new_speaker_are_served_at_once(client, db, factory, programme,
                                                            address):
    briefing, session, person = programme
    _fetch(client, address)
    later = factory.session(briefing, title="Closing",
                            start=briefing.starts_at + timedelta(hours=3))
    assert "Closing" in _fetch(client, address)
    factory.link(later, factory.person(briefing, name="Jean Dupont"), PersonRole.SPEAKER)
    assert "Jean Dupont" in _fetch(client, address)


def test_the_digest_changes_with_the_programme_only(db, factory, programme):
    briefing, session, person = programme
    before = programme_digest(briefing)
    assert programme_digest(briefing) == before
    other = factory.briefing(slug="elsewhere")
    factory.session(other, title="Not ours")
    assert programme_digest(briefing) == before
    db.session.execute(sa.update(type(person)).where(type(person).id == person.id)
                       .values(honorific="H.E."))  # a change that bypasses the ORM
    db.session.commit()
    assert programme_digest(briefing) != before


@pytest.mark.parametrize("address, cache", [("/b/imrf/agenda.ics", "_calendars"),
                                            ("/b/imrf", "_programmes")])
def test_each_language_has_its_own_copy(client, programme, address, cache):
    """Labels are translated: a calendar and a programme are kept for each language."""
    from briefings.public import routes

    _fetch(client, address)
    client.set_cookie("lang", "fr")
    refresh()  # the test's requests share one app context, where Babel keeps the language
    _fetch(client, address)
    _fetch(client, address)
    assert sorted(key[1] for key in getattr(routes, cache)._items) == ["en", "fr"]


def test_a_memo_forgets_the_least_recently_used_entry():
    memo = Memo(size=2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # now "b" is the oldest
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (1, None, 3)
    memo.clear()
    assert memo.get("a") is None
