"""Follow-up: reminders, the follow-up page, which briefing is followed up, queries."""
import uuid
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from briefings.models import (
    ActionStatus,
    Briefing,
    FollowUp,
    Membership,
    OutcomeStatus,
    PledgeStatus,
    Role,
)
from briefings.services import followup as service
from briefings.services.followup_board import board, chain

from .followup_support import EARLIER, LATER, UTC, action, at, document, mails, owned, pledge
from .followup_support import briefing  # noqa: F401 - fixtures


# ---------------------------------------------------------------- reminders

DUE = date(2024, 6, 30)


def test_reminders_before_due_and_when_overdue_never_twice_a_day(app, db, briefing):
    item = action(briefing, due=DUE)
    owned(item, language="fr")
    assert service.queue_reminders(at(DUE - timedelta(days=10))) == 0  # too early
    assert service.queue_reminders(at(DUE - timedelta(days=5))) == 1  # due soon
    assert service.queue_reminders(at(DUE - timedelta(days=5), hour=15)) == 0  # same day
    assert service.queue_reminders(at(DUE - timedelta(days=4))) == 0  # already reminded
    assert service.queue_reminders(at(DUE)) == 0
    assert service.queue_reminders(at(DUE + timedelta(days=1))) == 1  # overdue
    assert service.queue_reminders(at(DUE + timedelta(days=1), hour=20)) == 0
    assert service.queue_reminders(at(DUE + timedelta(days=3))) == 0
    assert service.queue_reminders(at(DUE + timedelta(days=8))) == 1  # a week later
    kinds = [m.kind for m in mails(db) if m.kind.startswith("followup_")]
    assert kinds == ["followup_assigned", "followup_upcoming", "followup_overdue",
                     "followup_overdue"]
    overdue = mails(db, "followup_overdue")[0]
    assert overdue.to_address == "owner@example.org"
    assert f"/f/{service.follow_up_of(item).token}" in overdue.body_text


def test_no_reminder_for_finished_unowned_or_undated_items(db, briefing):
    done = action(briefing, due=DUE, status=ActionStatus.DONE)
    owned(done)
    action(briefing, due=DUE)  # no owner
    owned(action(briefing))  # no due date
    withdrawn = pledge(briefing, status=PledgeStatus.WITHDRAWN)
    owned(withdrawn, email="p@example.org", due=DUE)
    assert service.queue_reminders(at(DUE + timedelta(days=2))) == 0


def test_a_new_due_date_earns_a_new_reminder(db, briefing):
    item = pledge(briefing)
    owned(item, due=DUE)
    assert service.queue_reminders(at(DUE - timedelta(days=2))) == 1
    owned(item, due=DUE + timedelta(days=30))
    assert service.queue_reminders(at(DUE - timedelta(days=2), hour=18)) == 0  # same day
    assert service.queue_reminders(at(DUE + timedelta(days=25))) == 1


def test_reminder_days_come_from_the_settings(app, db, briefing):
    owned(action(briefing, due=DUE))
    app.config["FOLLOWUP_REMINDER_DAYS"] = 2
    try:
        assert service.queue_reminders(at(DUE - timedelta(days=3))) == 0
        assert service.queue_reminders(at(DUE - timedelta(days=2))) == 1
    finally:
        del app.config["FOLLOWUP_REMINDER_DAYS"]


def test_send_mail_command_queues_the_reminders(app, db, briefing):
    item = action(briefing, due=date.today() + timedelta(days=1))
    owned(item)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "follow-up reminders queued for 1" in result.output
    assert len(mails(db, "followup_upcoming")) == 1


# ---------------------------------------------------------------- the page

def test_page_shows_overdue_first_and_counts_by_status(client, db, factory, login, briefing):
    login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    today = date.today()
    action(briefing, what="Later item", due=today + timedelta(days=40))
    action(briefing, what="Overdue item", due=today - timedelta(days=3))
    action(briefing, what="Finished item", due=today - timedelta(days=30),
           status=ActionStatus.DONE)
    pledge(briefing, title="Pledge in progress", status=PledgeStatus.IN_PROGRESS)
    page = client.get("/manage/first/follow-up").get_data(as_text=True)
    assert page.index("Overdue item") < page.index("Later item") < page.index("Finished item")
    result = board(briefing, None)
    assert result.overdue == 1 and result.total == 4
    assert {p.value: n for p, n in result.counts.items()} == {
        "open": 2, "in_progress": 1, "done": 1, "dropped": 0}
    assert result.done_share == 25


def test_page_rolls_up_the_briefing_it_follows(client, db, factory, login, briefing):
    later = factory.briefing(slug="second", title="Second briefing", starts_at=LATER,
                             follows_briefing_id=briefing.id)
    user = login(factory.user(briefing=later, role=Role.ORGANIZER))
    db.session.add(Membership(user=user, briefing=briefing, role=Role.SECRETARIAT))
    db.session.commit()
    owned(action(briefing, what="Action from the first briefing"))
    action(later, what="Action from the second briefing")
    page = client.get("/manage/second/follow-up").get_data(as_text=True)
    assert "Action from the first briefing" in page and "Action from the second briefing" in page
    assert "First briefing" in page and "Sara Owner" in page
    assert "/manage/first/follow-up/action/" in page  # edited in its own briefing


def test_earlier_briefing_shows_only_public_items_to_outsiders(client, db, factory, login,
                                                               briefing):
    later = factory.briefing(slug="second", starts_at=LATER, follows_briefing_id=briefing.id)
    login(factory.user(briefing=later, role=Role.ORGANIZER))
    follow_up = owned(action(briefing, what="Published action"), name="Hidden Owner Name")
    service.report(follow_up, "in_progress", "Confidential progress note")
    action(briefing, what="Draft action", doc=document(briefing, status=OutcomeStatus.DRAFT))
    page = client.get("/manage/second/follow-up").get_data(as_text=True)
    assert "Published action" in page and "Draft action" not in page
    assert "Hidden Owner Name" not in page and "Confidential progress note" not in page
    assert "/manage/first/follow-up/action/" not in page


# ---------------------------------------------------------------- which briefing is followed up

def settings_data(briefing, **overrides):
    from .organizer_briefings_support import settings_form

    return settings_form(briefing, **overrides)


def test_organizer_names_the_earlier_briefing(client, db, factory, login, briefing):
    later = factory.briefing(slug="second", starts_at=LATER)
    user = login(factory.user(briefing=later))
    db.session.add(Membership(user=user, briefing=briefing, role=Role.ORGANIZER))
    db.session.commit()
    page = client.get("/manage/second/settings").get_data(as_text=True)
    assert "Follows up the briefing" in page and "First briefing (2024-03-10)" in page
    response = client.post("/manage/second/settings",
                           data=settings_data(later, follows_briefing_id=str(briefing.id)))
    assert response.status_code == 302
    db.session.refresh(later)
    assert later.follows_briefing_id == briefing.id


def test_the_briefing_followed_up_must_be_earlier(client, db, factory, login, briefing):
    later = factory.briefing(slug="second", starts_at=LATER)
    user = login(factory.user(briefing=briefing))
    db.session.add(Membership(user=user, briefing=later, role=Role.ORGANIZER))
    db.session.commit()
    response = client.post("/manage/first/settings",
                           data=settings_data(briefing, follows_briefing_id=str(later.id)))
    assert "must start before this one" in response.get_data(as_text=True)
    db.session.refresh(briefing)
    assert briefing.follows_briefing_id is None


def test_only_the_users_own_briefings_are_offered(client, db, factory, login, briefing):
    stranger = factory.briefing(slug="stranger", title="Someone else's briefing",
                                starts_at=EARLIER - timedelta(days=30))
    later = factory.briefing(slug="second", starts_at=LATER)
    login(factory.user(briefing=later))
    page = client.get("/manage/second/settings").get_data(as_text=True)
    assert "Someone else&#39;s briefing" not in page and "Someone else's briefing" not in page
    response = client.post("/manage/second/settings",
                           data=settings_data(later, follows_briefing_id=str(stranger.id)))
    assert response.status_code != 302
    assert db.session.get(Briefing, later.id).follows_briefing_id is None


def test_a_chain_of_follow_ups_never_loops(db, factory, briefing):
    later = factory.briefing(starts_at=LATER, follows_briefing_id=briefing.id)
    briefing.follows_briefing_id = later.id  # only possible by hand: the form refuses it
    db.session.commit()
    assert [b.id for b in chain(later)] == [later.id, briefing.id]


def test_follow_up_records_survive_only_with_their_item(db, briefing):
    item = action(briefing)
    owned(item)
    db.session.delete(item)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 0


def test_staff_send_the_link_again_but_not_twice_in_a_row(client, db, factory, login, briefing):
    login(factory.user(briefing=briefing, role=Role.SECRETARIAT))
    item = action(briefing)
    follow_up = owned(item)
    response = client.post(f"/manage/first/follow-up/action/{item.id}/resend",
                           follow_redirects=True)
    assert "a few minutes ago" in response.get_data(as_text=True)
    assert len(mails(db, "followup_assigned")) == 1
    service.resend_link(follow_up, now=datetime.now(UTC) + timedelta(minutes=11))
    assert len(mails(db, "followup_assigned")) == 2


def test_follow_up_page_queries_do_not_grow_with_items(client, db, factory, login, briefing,
                                                       count_queries):
    ids = [briefing.id, factory.briefing(slug="second", starts_at=LATER,
                                         follows_briefing_id=briefing.id).id]
    login(factory.user(is_admin=True))

    def add(n):
        for each in [db.session.get(Briefing, id_) for id_ in ids]:
            for _ in range(n):
                follow_up = owned(action(each, due=DUE), email=f"o{uuid.uuid4().hex[:6]}@ex.org")
                service.report(follow_up, "in_progress", "Started.")
                owned(pledge(each), email=f"p{uuid.uuid4().hex[:6]}@ex.org", due=DUE)

    def measure():
        db.session.close()
        with count_queries() as queries:
            assert client.get("/manage/second/follow-up").status_code == 200
        return queries.count

    add(1)
    measure()
    few = measure()
    add(6)
    assert measure() == few


def test_reminder_round_queries_do_not_grow_with_items(db, briefing, count_queries):
    now = at(DUE + timedelta(days=1))
    briefing_id = briefing.id

    def add(n):
        for _ in range(n):
            owned(action(db.session.get(Briefing, briefing_id), due=DUE),
                  email=f"o{uuid.uuid4().hex[:6]}@example.org")
            owned(pledge(db.session.get(Briefing, briefing_id)),
                  email=f"p{uuid.uuid4().hex[:6]}@example.org", due=DUE)
        service.queue_reminders(now)  # today's reminders go out; the next round finds none

    def measure():
        db.session.close()
        with count_queries() as queries:
            assert service.queue_reminders(now) == 0
        return queries.count

    add(1)
    few = measure()
    add(8)
    assert measure() == few
