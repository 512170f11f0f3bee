"""Follow-up: who may see it, naming owners, the owner's private link."""
import html
from datetime import date

import pytest
import sqlalchemy as sa

from briefings.models import (
    ActionStatus,
    AuditEvent,
    FollowUpUpdate,
    PledgeStatus,
    PledgeUpdate,
    Role,
)
from briefings.services import followup as service
from briefings.services.followup import OwnerData

from .participants_support import EXPECTED, ROLES, sign_in_as
from .followup_support import action, mails, owned, pledge
from .followup_support import briefing  # noqa: F401 - fixtures


# ---------------------------------------------------------------- staff permissions

@pytest.mark.parametrize("who", ROLES)
def test_follow_up_page_is_for_the_briefings_staff(client, factory, login, briefing, who):
    sign_in_as(who, factory, login, briefing)
    expected = 200 if who == "secretariat" else EXPECTED[who]
    assert client.get("/manage/first/follow-up").status_code == expected


@pytest.mark.parametrize("who", ROLES)
def test_naming_an_owner_is_for_the_briefings_staff(client, db, factory, login, briefing, who):
    item = action(briefing)
    sign_in_as(who, factory, login, briefing)
    response = client.post(f"/manage/first/follow-up/action/{item.id}",
                           data={"name": "Sara", "email": "sara@example.org", "language": "en"})
    allowed = who in ("secretariat", "organizer", "admin")
    assert response.status_code == (403 if who == "other_organizer" else 302)
    if who == "anonymous":
        assert "/login" in response.headers["Location"]
    assert (service.follow_up_of(item) is not None) == allowed


def test_an_item_of_another_briefing_is_not_found(client, factory, login, briefing):
    login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    other = action(factory.briefing())
    assert client.get(f"/manage/first/follow-up/action/{other.id}").status_code == 404
    assert client.get("/manage/first/follow-up/task/1").status_code == 404


# ---------------------------------------------------------------- owners

def test_staff_name_an_owner_who_gets_the_link_in_their_language(client, db, factory, login,
                                                                 briefing):
    login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    item = action(briefing)
    response = client.post(f"/manage/first/follow-up/action/{item.id}", data={
        "name": "Karim Owner", "email": "karim@example.org", "language": "fr",
        "due": "2024-06-30"})
    assert response.status_code == 302
    follow_up = service.follow_up_of(item)
    assert (follow_up.owner_name, follow_up.owner_email, follow_up.owner_language) == \
        ("Karim Owner", "karim@example.org", "fr")
    db.session.refresh(item)
    assert item.due == date(2024, 6, 30)
    [mail] = mails(db, "followup_assigned")
    assert mail.to_address == "karim@example.org"
    assert f"/f/{follow_up.token}" in mail.body_text
    [event] = db.session.scalars(sa.select(AuditEvent)
                                 .where(AuditEvent.action == "followup.owner")).all()
    assert event.changes == {"owner": True, "due": [None, "2024-06-30"]}
    assert "karim" not in str(event.changes)


def test_a_pledge_keeps_its_due_date_in_the_follow_up(db, briefing):
    item = pledge(briefing)
    follow_up = owned(item, due=date(2024, 9, 1))
    assert follow_up.due == date(2024, 9, 1) and follow_up.pledge_id == item.id


@pytest.mark.parametrize("data, message", [
    ({"name": "Sara", "email": "not-an-address"}, "valid e-mail"),
    ({"name": "Sara", "email": ""}, "e-mail address"),
    ({"name": "", "email": "sara@example.org"}, "owner's name"),
])
def test_owner_needs_a_name_and_a_valid_address(client, db, factory, login, briefing, data,
                                                message):
    login(factory.user(briefing=briefing))
    item = action(briefing)
    response = client.post(f"/manage/first/follow-up/action/{item.id}",
                           data={**data, "language": "en"})
    assert response.status_code == 400
    assert message in html.unescape(response.get_data(as_text=True))
    assert service.follow_up_of(item) is None and mails(db) == []


def test_a_new_owner_gets_a_new_link_and_the_old_one_dies(client, db, briefing):
    item = action(briefing)
    old_token = owned(item).token
    assert client.get(f"/f/{old_token}").status_code == 200
    new_token = owned(item, email="someone.else@example.org", name="Someone Else").token
    assert new_token != old_token
    assert client.get(f"/f/{old_token}").status_code == 404
    assert client.post(f"/f/{old_token}", data={"status": "done"}).status_code == 404
    assert client.get(f"/f/{new_token}").status_code == 200
    db.session.refresh(item)
    assert item.status == ActionStatus.OPEN


def test_removing_the_owner_disables_the_link(client, briefing):
    item = action(briefing)
    token = owned(item).token
    service.set_owner(item, OwnerData())
    assert client.get(f"/f/{token}").status_code == 404


# ---------------------------------------------------------------- the owner's private link

def test_owner_reports_status_and_note_without_an_account(client, db, briefing):
    item = action(briefing, what="Set up a referral mechanism")
    token = owned(item).token
    page = client.get(f"/f/{token}").get_data(as_text=True)
    assert "Set up a referral mechanism" in page and "Report progress" in page
    response = client.post(f"/f/{token}", data={"status": "in_progress",
                                                 "note": "Terms of reference drafted."})
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == ActionStatus.IN_PROGRESS
    [update] = db.session.scalars(sa.select(FollowUpUpdate)).all()
    assert update.by_owner and update.author_id is None
    assert update.note == "Terms of reference drafted."
    [event] = db.session.scalars(sa.select(AuditEvent)
                                 .where(AuditEvent.action == "followup.update")).all()
    assert event.user_id is None and event.object_id == item.id
    assert event.changes["status"] == ["open", "in_progress"] and event.changes["by"] == "owner"
    assert "Terms of reference drafted." in client.get(f"/f/{token}").get_data(as_text=True)


def test_a_pledge_owners_update_joins_the_pledges_progress(client, db, briefing):
    item = pledge(briefing)
    token = owned(item).token
    client.post(f"/f/{token}", data={"status": "fulfilled", "note": "Centre opened."})
    db.session.refresh(item)
    assert item.status == PledgeStatus.FULFILLED
    [update] = db.session.scalars(sa.select(PledgeUpdate)).all()
    assert update.status == PledgeStatus.FULFILLED and update.note == "Centre opened."


@pytest.mark.parametrize("status", ["fulfilled", "bogus", ""])
def test_an_unknown_status_is_refused(client, db, briefing, status):
    item = action(briefing)  # "fulfilled" is a pledge status, not an action item's
    token = owned(item).token
    response = client.post(f"/f/{token}", data={"status": status, "note": "x"})
    assert response.status_code == 400
    db.session.refresh(item)
    assert item.status == ActionStatus.OPEN
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUpUpdate)) == 0


def test_an_overlong_note_is_refused_and_kept_in_the_form(client, db, briefing):
    token = owned(action(briefing)).token
    response = client.post(f"/f/{token}", data={"status": "done", "note": "n" * 1001})
    assert response.status_code == 400
    assert "n" * 1001 in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["short", "q" * 40, "../../admin"])
def test_unknown_owner_tokens_are_a_plain_404(client, briefing, token):
    owned(action(briefing))
    assert client.get(f"/f/{token}").status_code == 404
    assert client.post(f"/f/{token}", data={"status": "done"}).status_code == 404


def test_an_owners_link_changes_only_their_own_item(client, db, briefing):
    mine, theirs = action(briefing, what="Mine"), action(briefing, what="Theirs")
    token = owned(mine).token
    owned(theirs, email="other@example.org")
    client.post(f"/f/{token}", data={"status": "done"})
    db.session.refresh(mine)
    db.session.refresh(theirs)
    assert (mine.status, theirs.status) == (ActionStatus.DONE, ActionStatus.OPEN)


def test_a_registration_link_is_not_an_owner_link(client, briefing):
    from .participants_support import registration

    person = registration(briefing)
    assert client.get(f"/f/{person.token}").status_code == 404
