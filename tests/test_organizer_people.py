"""People of a briefing and their roles in sessions: add, remove, reorder, overlap warnings."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    BriefingStatus,
    Membership,
    Person,
    PersonRole,
    Role,
    SessionPerson,
)

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def organizer(factory, login):
    return login(factory.user(name="Olga Organizer"))


@pytest.fixture
def briefing(db, factory, organizer):
    b = factory.briefing(slug="imrf", status=BriefingStatus.DRAFT, starts_at=utc(2030, 6, 20, 7))
    db.session.add(Membership(user=organizer, briefing=b, role=Role.ORGANIZER))
    db.session.commit()
    return b


@pytest.fixture
def hearing(factory, briefing):
    """10:00-11:00 Cairo time, Room A."""
    return factory.session(briefing, title="Multi-stakeholder hearing",
                           start=utc(2030, 6, 20, 7), minutes=60, room="Room A")


@pytest.fixture
def round_table(factory, briefing):
    """10:30-11:30 Cairo time, Room B: overlaps the hearing."""
    return factory.session(briefing, title="Round table on regular pathways",
                           start=utc(2030, 6, 20, 7, 30), minutes=60, room="Room B")


def add(client, session, **fields):
    data = {"add-role": "speaker", "add-person_id": "", "add-name": "", "add-honorific": "",
            "add-position": "", "add-organization": "", "add-stakeholder_group_id": ""}
    data.update({f"add-{key}": value for key, value in fields.items()})
    return client.post(f"/manage/imrf/programme/{session.id}/people", data=data)


def links(db, session, role=PersonRole.SPEAKER):
    return db.session.scalars(sa.select(SessionPerson).where(
        SessionPerson.session_id == session.id, SessionPerson.role == role)
        .order_by(SessionPerson.position, SessionPerson.id)).all()


def person_form(**fields):
    data = {"name": "", "honorific": "", "position": "", "organization": "",
            "stakeholder_group_id": "", "country": ""}
    data.update(fields)
    return data


def actions(db):
    return [e.action for e in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))]


# ------------------------------------------------------------------ adding to a session

def test_add_a_listed_person(client, db, factory, hearing):
    person = factory.person(hearing.briefing, name="Carmela Godeau", organization="IOM")
    response = add(client, hearing, role="chair", person_id=str(person.id))
    assert response.headers["Location"].endswith(f"/programme/{hearing.id}#people")
    [link] = links(db, hearing, PersonRole.CHAIR)
    assert link.person_id == person.id and link.position == 0
    event = db.session.scalar(sa.select(AuditEvent))
    assert event.action == "session_person.add"
    assert event.changes == {"session_id": hearing.id, "person_id": person.id, "role": "chair"}


def test_add_a_new_person(client, db, factory, hearing):
    group = factory.group("government")
    add(client, hearing, name="Neveen El Hosseiny", honorific="Ambassador",
        position="Deputy Assistant Minister", organization="Ministry of Foreign Affairs",
        stakeholder_group_id=str(group.id))
    person = db.session.scalar(sa.select(Person))
    assert person.display_name == "Ambassador Neveen El Hosseiny"
    assert person.organization == "Ministry of Foreign Affairs"
    assert person.stakeholder_group_id == group.id and person.briefing_id == hearing.briefing_id
    assert [link.person_id for link in links(db, hearing)] == [person.id]
    assert actions(db) == ["person.create", "session_person.add"]
    for event in db.session.scalars(sa.select(AuditEvent)):
        assert "Neveen" not in str(event.changes) and "Ministry" not in str(event.changes)


def test_typing_a_listed_name_again_reuses_that_person(client, db, factory, hearing):
    person = factory.person(hearing.briefing, name="Carmela Godeau", organization="IOM")
    add(client, hearing, name="  Carmela Godeau ", organization="IOM")
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1
    assert [link.person_id for link in links(db, hearing)] == [person.id]


def test_nobody_chosen_is_refused_next_to_the_name(client, db, hearing):
    response = add(client, hearing)
    page = response.get_data(as_text=True)
    assert 'id="add-name-error"' in page
    assert "Choose a listed person or enter a new name." in page
    assert links(db, hearing) == []


def test_same_role_twice_is_refused(client, db, factory, hearing):
    person = factory.person(hearing.briefing)
    factory.link(hearing, person, PersonRole.SPEAKER)
    page = add(client, hearing, person_id=str(person.id)).get_data(as_text=True)
    assert "This person already holds this role in the session." in page
    assert len(links(db, hearing)) == 1
    # Another role in the same session is fine.
    add(client, hearing, person_id=str(person.id), role="rapporteur")
    assert len(links(db, hearing, PersonRole.RAPPORTEUR)) == 1


def test_person_of_another_briefing_cannot_be_chosen(client, db, factory, hearing):
    stranger = factory.person(factory.briefing(), name="Stranger")
    response = add(client, hearing, person_id=str(stranger.id))
    assert response.status_code == 200
    assert links(db, hearing) == []


def test_new_people_join_the_end_of_their_role(client, db, factory, hearing):
    for name in ("First", "Second", "Third"):
        add(client, hearing, name=name)
    assert [(link.person.name, link.position) for link in links(db, hearing)] == [
        ("First", 0), ("Second", 1), ("Third", 2)]


# ------------------------------------------------------------------ overlap warning

def test_person_in_two_overlapping_sessions_is_a_warning(client, db, factory, hearing,
                                                         round_table):
    person = factory.person(hearing.briefing, name="Busy Speaker", honorific="Dr")
    factory.link(hearing, person)
    response = add(client, round_table, person_id=str(person.id))
    assert response.status_code == 302
    assert len(links(db, round_table)) == 1  # saved all the same
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "alert-warning" in page
    assert "Dr Busy Speaker also has a role in “Multi-stakeholder hearing” " \
           "(Jun 20, 2030, 10:00 EEST), which overlaps this session." in page


def test_no_warning_for_sessions_one_after_the_other(client, db, factory, hearing):
    later = factory.session(hearing.briefing, title="Later", start=utc(2030, 6, 20, 8),
                            room="Room A")
    person = factory.person(hearing.briefing)
    factory.link(hearing, person)
    response = add(client, later, person_id=str(person.id))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "overlaps" not in page


def test_moving_a_session_onto_a_speakers_other_session_warns(client, db, factory, hearing):
    later = factory.session(hearing.briefing, title="Panel", start=utc(2030, 6, 20, 9),
                            room="Room B", kind="panel")
    person = factory.person(hearing.briefing, name="Busy Speaker")
    factory.link(hearing, person)
    factory.link(later, person)
    response = client.post(f"/manage/imrf/programme/{later.id}", data={
        "kind": "panel", "title": "Panel", "starts_at": "2030-06-20T10:30",
        "ends_at": "2030-06-20T11:30", "room": "Room B", "format": "in_person", "position": "0"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Session saved." in page
    assert "Busy Speaker also has a role in “Multi-stakeholder hearing”" in page
    db.session.refresh(later)
    assert later.starts_at == utc(2030, 6, 20, 7, 30)


# ------------------------------------------------------------------ remove and reorder

@pytest.fixture
def speakers(db, factory, hearing):
    people = [factory.person(hearing.briefing, name=name) for name in ("Ana", "Bilal", "Chen")]
    return [factory.link(hearing, person, PersonRole.SPEAKER, position=i)
            for i, person in enumerate(people)]


def names(db, session):
    db.session.expire_all()
    return [link.person.name for link in links(db, session)]


def test_edit_page_lists_people_by_role_in_order(client, factory, hearing, speakers):
    factory.link(hearing, factory.person(hearing.briefing, name="Zed Chair"), PersonRole.CHAIR)
    page = client.get(f"/manage/imrf/programme/{hearing.id}").get_data(as_text=True)
    assert page.index("Zed Chair") < page.index("Ana") < page.index("Bilal") < page.index("Chen")
    assert "Speakers" in page and "Rapporteur" in page


def test_move_up_and_down(client, db, hearing, speakers):
    base = f"/manage/imrf/programme/{hearing.id}/people"
    client.post(f"{base}/{speakers[2].id}/up")
    assert names(db, hearing) == ["Ana", "Chen", "Bilal"]
    client.post(f"{base}/{speakers[0].id}/down")
    assert names(db, hearing) == ["Chen", "Ana", "Bilal"]
    moves = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "session_person.move").order_by(AuditEvent.id)).all()
    assert [event.changes["position"] for event in moves] == [[2, 1], [0, 1]]


def test_moving_past_the_end_changes_nothing(client, db, hearing, speakers):
    base = f"/manage/imrf/programme/{hearing.id}/people"
    client.post(f"{base}/{speakers[0].id}/up")
    client.post(f"{base}/{speakers[2].id}/down")
    assert names(db, hearing) == ["Ana", "Bilal", "Chen"]
    assert actions(db) == []


def test_remove_closes_the_gap_and_keeps_the_person(client, db, hearing, speakers):
    removed_person = speakers[1].person_id
    client.post(f"/manage/imrf/programme/{hearing.id}/people/{speakers[1].id}/remove")
    assert [(link.person.name, link.position) for link in links(db, hearing)] == [
        ("Ana", 0), ("Chen", 1)]
    assert db.session.get(Person, removed_person) is not None
    assert actions(db) == ["session_person.remove"]


def test_moves_need_post(client, hearing, speakers):
    url = f"/manage/imrf/programme/{hearing.id}/people/{speakers[0].id}/down"
    assert client.get(url).status_code == 405


# ------------------------------------------------------------------ the people page

def test_people_page_lists_people_with_their_roles(client, factory, hearing, speakers):
    page = client.get("/manage/imrf/people").get_data(as_text=True)
    assert "Ana" in page and "Speaker: " in page and "Multi-stakeholder hearing" in page


def test_add_person_on_the_people_page(client, db, factory, briefing):
    group = factory.group("academia")
    response = client.post("/manage/imrf/people", data={
        "name": "Amina Researcher", "honorific": "Prof.", "position": "Director",
        "organization": "American University in Cairo", "stakeholder_group_id": str(group.id),
        "country": "EG"})
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.country, person.stakeholder_group_id) == ("EG", group.id)
    assert actions(db) == ["person.create"]


@pytest.mark.parametrize("data, field", [
    ({"name": ""}, "name"),
    ({"name": "X", "country": "XX"}, "country"),
    ({"name": "X", "stakeholder_group_id": "99999"}, "stakeholder_group_id"),
])
def test_people_page_rules(client, db, briefing, data, field):
    page = client.post("/manage/imrf/people", data=person_form(**data)).get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert page.count('class="invalid-feedback') == 1  # only the broken rule is reported
    assert db.session.scalar(sa.select(Person)) is None


def test_same_name_and_organization_twice_is_refused(client, db, factory, briefing):
    factory.person(briefing, name="Carmela Godeau", organization="IOM")
    page = client.post("/manage/imrf/people", data=person_form(
        name="Carmela Godeau", organization="IOM")).get_data(as_text=True)
    assert "already listed" in page
    assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 1


def test_edit_person_records_field_names_only(client, db, factory, briefing):
    person = factory.person(briefing, name="Carmela Godeau", organization="IOM")
    page = client.get(f"/manage/imrf/people/{person.id}").get_data(as_text=True)
    assert 'value="Carmela Godeau"' in page
    response = client.post(f"/manage/imrf/people/{person.id}", data={
        "name": "Carmela Godeau", "honorific": "Ms.", "position": "Regional Director",
        "organization": "IOM", "country": ""})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.display_name == "Ms. Carmela Godeau" and person.position == "Regional Director"
    event = db.session.scalar(sa.select(AuditEvent))
    assert event.action == "person.update"
    assert event.changes == {"honorific": True, "position": True}


def test_people_page_in_arabic_names_countries_in_arabic(client, briefing):
    page = client.get("/manage/imrf/people", headers={"Accept-Language": "ar"}).get_data(
        as_text=True)
    assert 'dir="rtl"' in page and "مصر" in page
