"""The organizer's actions: approve, decline, promote, cancel (one and many), capacity, resend."""
import re

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    Briefing,
    OutboxMessage,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
)

from .participants_support import registration


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER, name="Olga Organizer"))


def status_of(db, reg) -> RS:
    db.session.expire_all()
    return db.session.get(Registration, reg.id).status


def mails(db, reg) -> list[str]:
    return list(db.session.scalars(sa.select(OutboxMessage.kind).where(
        OutboxMessage.registration_id == reg.id).order_by(OutboxMessage.id)))


def act(client, reg, action, reason=""):
    return client.post(f"/manage/imrf/registrations/{reg.id}/status",
                       data={"action": action, "reason": reason}, follow_redirects=True)


def test_approving_confirms_and_records_who_and_why(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.PENDING)
    html = act(client, reg, "approve", reason="Speaker at the round table").get_data(as_text=True)
    assert status_of(db, reg) == RS.CONFIRMED
    assert f"{reg.full_name} is now: Confirmed." in html
    last = db.session.get(Registration, reg.id).history[-1]
    assert (last.from_status, last.to_status) == (RS.PENDING, RS.CONFIRMED)
    assert last.user_id == organizer.id and last.reason == "Speaker at the round table"
    assert mails(db, reg) == ["confirmed"]
    assert "Olga Organizer" in html and "Speaker at the round table" in html  # the history


def test_approving_past_capacity_waitlists_and_says_so(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    registration(briefing, status=RS.CONFIRMED)
    reg = registration(briefing, status=RS.PENDING)
    html = act(client, reg, "approve").get_data(as_text=True)
    assert status_of(db, reg) == RS.WAITLISTED
    assert "the registration joined the waiting list" in html


def test_promoting_when_full_shows_the_service_refusal(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    registration(briefing, status=RS.CONFIRMED)
    reg = registration(briefing, status=RS.WAITLISTED)
    html = act(client, reg, "promote").get_data(as_text=True)
    assert status_of(db, reg) == RS.WAITLISTED
    assert "The briefing is full: raise its capacity first." in html
    assert mails(db, reg) == []


def test_promoting_with_room_confirms_and_mails_the_promotion(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.WAITLISTED)
    act(client, reg, "promote")
    assert status_of(db, reg) == RS.CONFIRMED
    assert mails(db, reg) == ["promoted"]


@pytest.mark.parametrize("start, action, end", [
    (RS.PENDING, "decline", RS.DECLINED),
    (RS.CONFIRMED, "cancel", RS.CANCELLED),
    (RS.WAITLISTED, "cancel", RS.CANCELLED),
])
def test_decline_and_cancel(client, db, briefing, organizer, start, action, end):
    reg = registration(briefing, status=start)
    act(client, reg, action)
    assert status_of(db, reg) == end
    assert mails(db, reg) == [end.value]


def test_cancelling_releases_seats_and_promotes_the_waiting_list(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    leaving = registration(briefing, status=RS.CONFIRMED)
    waiting = registration(briefing, status=RS.WAITLISTED)
    act(client, leaving, "cancel")
    assert status_of(db, waiting) == RS.CONFIRMED


@pytest.mark.parametrize("start, action, message", [
    (RS.CONFIRMED, "approve", "Only a pending registration can be approved (this one: Confirmed)."),
    (RS.PENDING, "promote", "Only a waitlisted registration can be promoted (this one: Pending)."),
    (RS.CONFIRMED, "decline", "A registration that is Confirmed cannot be declined."),
    (RS.DECLINED, "cancel", "A registration that is Declined cannot be cancelled."),
])
def test_actions_that_do_not_apply_are_refused(client, db, briefing, organizer, start, action,
                                               message):
    reg = registration(briefing, status=start)
    html = act(client, reg, action).get_data(as_text=True)
    assert status_of(db, reg) == start and message in html


def test_an_unknown_action_changes_nothing(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.PENDING)
    html = act(client, reg, "delete").get_data(as_text=True)
    assert status_of(db, reg) == RS.PENDING and "That action is not available." in html


def test_the_page_offers_only_the_buttons_that_apply(client, briefing, organizer):
    reg = registration(briefing, status=RS.WAITLISTED)
    html = client.get(f"/manage/imrf/registrations/{reg.id}").get_data(as_text=True)
    assert re.findall(r'name="action" value="(\w+)"', html) == ["promote", "cancel"]


def bulk(client, ids, action, **extra):
    return client.post("/manage/imrf/registrations/bulk",
                       data={"ids": [str(i) for i in ids], "action": action, **extra})


def test_bulk_reports_what_changed_and_what_was_refused(client, db, factory, briefing,
                                                        organizer):
    a = registration(briefing, name="Amal", status=RS.PENDING)
    b = registration(briefing, name="Bruno", status=RS.PENDING)
    c = registration(briefing, name="Chen", status=RS.CONFIRMED)
    foreign = registration(factory.briefing(), status=RS.PENDING)
    response = bulk(client, [a.id, b.id, c.id, foreign.id], "approve", reason="Seats freed")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert [status_of(db, r) for r in (a, b, c, foreign)] == [
        RS.CONFIRMED, RS.CONFIRMED, RS.CONFIRMED, RS.PENDING]
    assert "2 registrations changed." in html
    assert "1 registration was not changed:" in html
    assert "Chen: Only a pending registration can be approved (this one: Confirmed)." in html
    assert db.session.get(Registration, a.id).history[-1].reason == "Seats freed"


def test_bulk_approval_past_capacity_waitlists_the_later_ones(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    first = registration(briefing, status=RS.PENDING)
    second = registration(briefing, status=RS.PENDING)
    html = client.get(bulk(client, [second.id, first.id], "approve").headers["Location"]
                      ).get_data(as_text=True)
    assert (status_of(db, first), status_of(db, second)) == (RS.CONFIRMED, RS.WAITLISTED)
    assert "1 of them joined the waiting list" in html


def test_bulk_promotion_stops_at_capacity_with_the_reason(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    waiting = [registration(briefing, name=f"W{n}", status=RS.WAITLISTED) for n in range(2)]
    html = client.get(bulk(client, [w.id for w in waiting], "promote").headers["Location"]
                      ).get_data(as_text=True)
    assert [status_of(db, w) for w in waiting] == [RS.CONFIRMED, RS.WAITLISTED]
    assert "W1: The briefing is full: raise its capacity first." in html


def test_bulk_without_a_selection_says_so_and_keeps_the_filters(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.PENDING)
    response = bulk(client, [], "approve", back="status=pending&sort=name&evil=1")
    assert response.headers["Location"] == "/manage/imrf/registrations?status=pending&sort=name"
    assert "Select at least one registration." in client.get(response.headers["Location"]
                                                             ).get_data(as_text=True)
    assert status_of(db, reg) == RS.PENDING


def test_bulk_with_garbage_ids_or_action_is_refused_cleanly(client, db, briefing, organizer):
    reg = registration(briefing, status=RS.PENDING)
    assert bulk(client, ["abc"], "approve").status_code == 302
    assert bulk(client, [reg.id], "explode").status_code == 302
    assert status_of(db, reg) == RS.PENDING


def capacity(client, value):
    return client.post("/manage/imrf/registrations/capacity", data={"capacity": value})


def test_a_larger_capacity_promotes_and_says_how_many(client, db, briefing, organizer):
    briefing.capacity = 1
    db.session.commit()
    registration(briefing, status=RS.CONFIRMED)
    waiting = [registration(briefing, status=RS.WAITLISTED) for _ in range(3)]
    html = client.get(capacity(client, "3").headers["Location"]).get_data(as_text=True)
    assert "Capacity set to 3." in html and "2 people were promoted from the waiting list." in html
    assert [status_of(db, w) for w in waiting] == [RS.CONFIRMED, RS.CONFIRMED, RS.WAITLISTED]
    assert db.session.get(Briefing, briefing.id).capacity == 3


def test_an_empty_capacity_means_no_limit(client, db, briefing, organizer):
    briefing.capacity = 0
    db.session.commit()
    waiting = registration(briefing, status=RS.WAITLISTED)
    html = client.get(capacity(client, "").headers["Location"]).get_data(as_text=True)
    assert "no capacity limit" in html and status_of(db, waiting) == RS.CONFIRMED


def test_a_smaller_capacity_warns_that_nobody_loses_a_seat(client, db, briefing, organizer):
    people = [registration(briefing, status=RS.CONFIRMED) for _ in range(2)]
    html = client.get(capacity(client, "1").headers["Location"]).get_data(as_text=True)
    assert "nobody loses their seat" in html
    assert [status_of(db, p) for p in people] == [RS.CONFIRMED, RS.CONFIRMED]


@pytest.mark.parametrize("value", ["-1", "abc", "2.5"])
def test_a_bad_capacity_is_explained_next_to_the_field(client, db, briefing, organizer, value):
    briefing.capacity = 5
    db.session.commit()
    response = capacity(client, value)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="capacity-error"' in html
    assert db.session.get(Briefing, briefing.id).capacity == 5


@pytest.mark.parametrize("status, kind", [
    (RS.CONFIRMED, "confirmed"), (RS.WAITLISTED, "waitlisted"), (RS.PENDING, "received"),
])
def test_resending_writes_a_new_message_for_the_current_status(client, db, briefing, organizer,
                                                               status, kind):
    reg = registration(briefing, status=status)
    for _ in range(2):
        response = client.post(f"/manage/imrf/registrations/{reg.id}/resend")
        assert response.status_code == 302
    assert mails(db, reg) == [kind, kind]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "registration.resend", AuditEvent.user_id == organizer.id)) == 2
    html = client.get(f"/manage/imrf/registrations/{reg.id}").get_data(as_text=True)
    assert html.count("Waiting to be sent") == 2


def test_the_detail_page_shows_fields_sessions_history_and_mails(client, db, factory, briefing,
                                                                  organizer):
    session = factory.session(briefing, title="Round table 1", capacity=1)
    reg = registration(briefing, name="Amal Haddad", organization="Cairo University",
                       position="Lecturer", country="EG", accessibility_needs="Sign language",
                       stakeholder_group_id=factory.group("academia").id,
                       sessions=[session], seat_status=SeatStatus.WAITLISTED)
    client.post(f"/manage/imrf/registrations/{reg.id}/resend")
    html = client.get(f"/manage/imrf/registrations/{reg.id}").get_data(as_text=True)
    for text in ("Amal Haddad", reg.email, "Cairo University", "Lecturer", "Egypt",
                 "Academia and research", "Sign language", reg.ticket_code, "Round table 1",
                 "On the session&#39;s waiting list", "Registered online", "Confirmation"):
        assert text in html, text
