"""Speakers lists: who may keep them, adding speakers, ordering the list."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.models import RegistrationStatus as RS, StakeholderGroup
from briefings.services import speakers as service
from briefings.services.speakers import Ordering, SpeakersError

from .speakers_support import EXPECTED, T0, named, names, registration, sign_in_as, url
from .speakers_support import place, secretary  # noqa: F401 - fixtures


# --- permissions -------------------------------------------------------------------------------

@pytest.mark.parametrize("who", list(EXPECTED))
def test_pages_need_the_records_permission(client, factory, login, place, who):
    briefing, session = place
    entry = named(session, "Amina Diallo")
    sign_in_as(who, factory, login, briefing)
    for address in ("/manage/imrf/records/", url(session), url(session, "/chair"),
                    url(session, "/chair/board"), url(session, ".csv"),
                    url(session, f"/{entry.id}")):
        response = client.get(address)
        assert response.status_code == EXPECTED[who], address
        if who == "anonymous":
            assert response.headers["Location"].startswith("/login"), address


@pytest.mark.parametrize("who", ["anonymous", "other_organizer"])
def test_changes_are_refused_to_outsiders_and_change_nothing(client, db, factory, login, place,
                                                             who):
    briefing, session = place
    first, second = named(session, "First"), named(session, "Second")
    reg = registration(db, briefing)
    sign_in_as(who, factory, login, briefing)
    posts = [
        (url(session, "/registrant"), {"registrant-registration": reg.id}),
        (url(session, "/named"), {"named-name": "Intruder"}),
        (url(session, "/order"), {"mode": "protocol"}),
        (url(session, f"/{second.id}/up"), {}),
        (url(session, f"/{first.id}/down"), {}),
        (url(session, f"/{first.id}/start"), {}),
        (url(session, f"/{first.id}/stop"), {}),
        (url(session, f"/{first.id}/remove"), {}),
        (url(session, f"/{first.id}"), {"name": "Changed", "summary": "x"}),
    ]
    for address, data in posts:
        assert client.post(address, data=data).status_code == EXPECTED[who], address
    db.session.expire_all()
    assert names(session) == ["First", "Second"]
    assert all(e.started_at is None for e in service.entries(session.id))


@pytest.mark.parametrize("who", ["secretariat", "organizer", "admin"])
def test_record_keepers_can_change_the_list(client, factory, login, place, who):
    briefing, session = place
    sign_in_as(who, factory, login, briefing)
    response = client.post(url(session, "/named"), data={"named-name": "Amina Diallo"})
    assert response.status_code == 302
    assert names(session) == ["Amina Diallo"]


def test_unknown_session_or_entry_is_not_found(client, factory, place, secretary):
    briefing, session = place
    other = factory.session(factory.briefing())
    foreign = named(other, "Elsewhere")
    assert client.get(url(other)).status_code == 404
    assert client.get("/manage/nope/records/").status_code == 404
    assert client.get(url(session, f"/{foreign.id}")).status_code == 404
    assert client.post(url(session, f"/{foreign.id}/start")).status_code == 302
    assert service.entries(other.id)[0].started_at is None


# --- adding speakers ---------------------------------------------------------------------------

def test_a_registrant_is_added_with_organization_and_group(client, db, place, secretary):
    briefing, session = place
    civil = db.session.scalar(sa.select(StakeholderGroup).where(
        StakeholderGroup.code == "civil_society"))
    reg = registration(db, briefing, name="Amina Diallo", organization="Migrant Voices",
                       group=civil)
    page = client.get(url(session)).get_data(as_text=True)
    assert "Amina Diallo — Migrant Voices" in page
    response = client.post(url(session, "/registrant"),
                           data={"registrant-registration": reg.id,
                                 "registrant-protocol_rank": "3"})
    assert response.status_code == 302
    [entry] = service.entries(session.id)
    assert (entry.speaker_name, entry.organization, entry.stakeholder_group_id,
            entry.registration_id, entry.protocol_rank) == (
        "Amina Diallo", "Migrant Voices", civil.id, reg.id, 3)
    page = client.get(url(session)).get_data(as_text=True)
    assert "is on the list" in page and "Migrant Voices" in page


def test_only_confirmed_registrants_of_this_briefing_are_offered_or_accepted(
        client, db, factory, place, secretary):
    briefing, session = place
    pending = registration(db, briefing, name="Pending Person", status=RS.PENDING)
    foreign = registration(db, factory.briefing(), name="Foreign Person")
    page = client.get(url(session)).get_data(as_text=True)
    assert "Pending Person" not in page and "Foreign Person" not in page
    for reg in (pending, foreign):
        response = client.post(url(session, "/registrant"),
                               data={"registrant-registration": reg.id})
        assert response.status_code == 400
        assert "Not a valid choice" in response.get_data(as_text=True)
    with pytest.raises(SpeakersError):
        service.add_registrant(session.id, pending.id)
    assert service.entries(session.id) == []


def test_a_registrant_waiting_to_speak_is_not_added_twice(client, db, place, secretary):
    briefing, session = place
    reg = registration(db, briefing, name="Amina Diallo")
    client.post(url(session, "/registrant"), data={"registrant-registration": reg.id})
    response = client.post(url(session, "/registrant"), data={"registrant-registration": reg.id},
                           follow_redirects=True)
    assert "already waiting to speak" in response.get_data(as_text=True)
    assert names(session) == ["Amina Diallo"]


def test_adding_by_name_needs_a_name_and_offers_active_groups_only(client, db, place, secretary):
    briefing, session = place
    response = client.post(url(session, "/named"), data={"named-name": "  "})
    assert response.status_code == 400
    assert "Enter the speaker" in response.get_data(as_text=True)
    media = db.session.scalar(sa.select(StakeholderGroup).where(StakeholderGroup.code == "media"))
    media.active = False
    db.session.commit()
    response = client.post(url(session, "/named"),
                           data={"named-name": "Reporter", "named-group": media.id})
    assert response.status_code == 400
    assert service.entries(session.id) == []
    academia = db.session.scalar(sa.select(StakeholderGroup).where(
        StakeholderGroup.code == "academia"))
    response = client.post(url(session, "/named"), data={
        "named-name": "Prof. Lina Haddad", "named-organization": "Cairo University",
        "named-group": academia.id, "named-protocol_rank": ""})
    assert response.status_code == 302
    [entry] = service.entries(session.id)
    assert (entry.speaker_name, entry.organization, entry.stakeholder_group_id,
            entry.protocol_rank) == ("Prof. Lina Haddad", "Cairo University", academia.id, None)


def test_a_bad_protocol_rank_is_explained(client, place, secretary):
    _, session = place
    response = client.post(url(session, "/named"),
                           data={"named-name": "Someone", "named-protocol_rank": "first"})
    assert response.status_code == 400
    assert service.entries(session.id) == []


# --- ordering ----------------------------------------------------------------------------------

def test_by_request_time_new_speakers_join_the_end(place):
    _, session = place
    named(session, "Ambassador", rank=2, at=T0)
    named(session, "NGO", at=T0 + timedelta(minutes=1))
    named(session, "Minister", rank=1, at=T0 + timedelta(minutes=2))
    assert service.ordering(session.id) == Ordering.REQUESTED
    assert names(session) == ["Ambassador", "NGO", "Minister"]


def test_protocol_order_sorts_waiting_speakers_by_rank_then_request_time(client, place,
                                                                         secretary):
    _, session = place
    named(session, "NGO early", at=T0)
    named(session, "Ambassador A", rank=2, at=T0 + timedelta(minutes=1))
    named(session, "Minister", rank=1, at=T0 + timedelta(minutes=2))
    named(session, "Ambassador B", rank=2, at=T0 + timedelta(minutes=3))
    named(session, "NGO late", at=T0 + timedelta(minutes=4))
    response = client.post(url(session, "/order"), data={"mode": "protocol"})
    assert response.status_code == 302
    assert names(session) == ["Minister", "Ambassador A", "Ambassador B", "NGO early", "NGO late"]
    assert service.ordering(session.id) == Ordering.PROTOCOL
    page = client.get(url(session)).get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="protocol"', page)

    # In protocol order, a newcomer is placed by rank: after the ministers, before the others.
    named(session, "Second minister", rank=1, at=T0 + timedelta(minutes=5))
    named(session, "Academic", at=T0 + timedelta(minutes=6))
    assert names(session) == ["Minister", "Second minister", "Ambassador A", "Ambassador B",
                              "NGO early", "NGO late", "Academic"]

    client.post(url(session, "/order"), data={"mode": "requested"})
    assert names(session) == ["NGO early", "Ambassador A", "Minister", "Ambassador B",
                              "NGO late", "Second minister", "Academic"]


def test_sorting_leaves_those_who_spoke_in_place(place):
    _, session = place
    ngo = named(session, "NGO", at=T0)
    named(session, "Minister", rank=1, at=T0 + timedelta(minutes=1))
    service.start(session.id, ngo.id, now=T0 + timedelta(minutes=5))
    service.resort(session.id, Ordering.PROTOCOL)
    assert names(session) == ["NGO", "Minister"]


def test_an_unknown_ordering_is_refused(client, place, secretary):
    _, session = place
    named(session, "A")
    response = client.post(url(session, "/order"), data={"mode": "alphabetical"},
                           follow_redirects=True)
    assert "Choose how to order the list" in response.get_data(as_text=True)
    assert service.ordering(session.id) == Ordering.REQUESTED


def test_moving_waiting_speakers_up_and_down(client, place, secretary):
    _, session = place
    a, b, c = named(session, "A"), named(session, "B"), named(session, "C")
    client.post(url(session, f"/{c.id}/up"))
    assert names(session) == ["A", "C", "B"]
    client.post(url(session, f"/{a.id}/down"))
    assert names(session) == ["C", "A", "B"]
    client.post(url(session, f"/{c.id}/up"))  # already first: nothing moves
    client.post(url(session, f"/{b.id}/down"))  # already last
    assert names(session) == ["C", "A", "B"]
    service.start(session.id, c.id)
    response = client.post(url(session, f"/{c.id}/down"), follow_redirects=True)
    assert "Only speakers who have not spoken yet can be moved" in response.get_data(as_text=True)
    assert names(session) == ["C", "A", "B"]
