"""Registration rules: status on sign-up, duplicates, capacity, waiting list, history."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.models import (
    OutboxMessage,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SystemReason,
    utcnow,
)
from briefings.services import registrations as svc

from .concurrency_support import at_once


def details(n, **extra):
    return svc.Details(full_name=f"Person {n}", email=f"Person{n}@Example.org", **extra)


@pytest.fixture
def open_briefing(factory):
    now = utcnow()
    return factory.briefing(starts_at=now + timedelta(days=30),
                            registration_opens_at=now - timedelta(days=1))


def mails(db, registration_id=None, kind=None):
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
    if registration_id:
        query = query.where(OutboxMessage.registration_id == registration_id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return db.session.scalars(query).all()


def test_open_briefing_confirms_and_writes_the_confirmation(db, open_briefing):
    result = svc.register(open_briefing.id, details(1))
    reg = result.registration
    assert result.created and reg.status == RS.CONFIRMED
    assert reg.email_key == "person1@example.org"
    assert len(reg.token) >= 32 and len(reg.ticket_code) == 8
    [mail] = mails(db, reg.id)
    assert mail.kind == "confirmed" and mail.to_address == "Person1@Example.org"
    assert reg.ticket_code in mail.body_text and f"/r/{reg.token}" in mail.body_text
    assert mail.attachments[0]["content_type"] == "text/calendar"
    assert [(h.from_status, h.to_status) for h in reg.history] == [(None, RS.CONFIRMED)]


def test_same_email_twice_creates_nothing_and_resends_the_link(db, open_briefing):
    first = svc.register(open_briefing.id, details(1)).registration
    again = svc.register(open_briefing.id, svc.Details(full_name="Someone",
                                                       email="  PERSON1@example.ORG "))
    assert not again.created and again.registration.id == first.id
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert [m.kind for m in mails(db, first.id)] == ["confirmed", "private_link"]


def test_approval_required_starts_pending(db, factory):
    now = utcnow()
    b = factory.briefing(starts_at=now + timedelta(days=5), approval_required=True)
    reg = svc.register(b.id, details(1)).registration
    assert reg.status == RS.PENDING
    assert mails(db, reg.id)[0].kind == "received"


@pytest.mark.parametrize("change", [
    {"status": "draft"},
    {"registration_opens_at": "future"},
    {"registration_closes_at": "past"},
])
def test_closed_briefings_refuse(db, factory, change):
    now = utcnow()
    fields = {"starts_at": now + timedelta(days=10)}
    if change.get("status"):
        fields["status"] = change["status"]
    if change.get("registration_opens_at"):
        fields["registration_opens_at"] = now + timedelta(days=1)
    if change.get("registration_closes_at"):
        fields["registration_closes_at"] = now - timedelta(minutes=1)
    b = factory.briefing(**fields)
    with pytest.raises(svc.RegistrationError):
        svc.register(b.id, details(1))
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_invite_only_needs_an_invitation(db, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), invite_only=True)
    with pytest.raises(svc.RegistrationError):
        svc.register(b.id, details(1))
    assert svc.register(b.id, details(1), invited=True).registration.status == RS.CONFIRMED


def test_past_capacity_waitlists_and_cancellation_promotes_first_come(db, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), capacity=2)
    regs = [svc.register(b.id, details(n)).registration for n in range(4)]
    assert [r.status for r in regs] == [RS.CONFIRMED, RS.CONFIRMED, RS.WAITLISTED, RS.WAITLISTED]
    svc.change_status(regs[0].id, RS.CANCELLED, reason="cannot come")
    db.session.expire_all()
    assert regs[2].status == RS.CONFIRMED and regs[3].status == RS.WAITLISTED
    assert regs[2].history[-1].system_reason == SystemReason.PROMOTED
    assert [m.kind for m in mails(db, regs[2].id)] == ["waitlisted", "promoted"]
    assert [m.kind for m in mails(db, regs[0].id)] == ["confirmed", "cancelled"]


def test_larger_capacity_promotes_the_waiting_list(db, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), capacity=1)
    regs = [svc.register(b.id, details(n)).registration for n in range(3)]
    promoted = svc.set_capacity(b.id, 2)
    assert [r.id for r in promoted] == [regs[1].id]
    db.session.expire_all()
    assert [r.status for r in regs] == [RS.CONFIRMED, RS.CONFIRMED, RS.WAITLISTED]


def test_session_capacity_queues_seats_and_frees_them_on_cancel(db, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3))
    small = factory.session(b, capacity=1)
    regs = [svc.register(b.id, details(n, session_ids=[small.id])).registration
            for n in range(2)]
    assert [r.seats[0].status for r in regs] == [SeatStatus.CONFIRMED, SeatStatus.WAITLISTED]
    svc.change_status(regs[0].id, RS.CANCELLED)
    db.session.expire_all()
    assert regs[0].seats[0].status == SeatStatus.RELEASED
    assert regs[1].seats[0].status == SeatStatus.CONFIRMED
    assert "seat_confirmed" in [m.kind for m in mails(db, regs[1].id)]


def test_sessions_of_another_briefing_are_refused(db, factory, open_briefing):
    other = factory.session(factory.briefing())
    with pytest.raises(svc.RegistrationError):
        svc.register(open_briefing.id, details(1, session_ids=[other.id]))


def test_life_cycle_refuses_other_transitions(db, open_briefing):
    reg = svc.register(open_briefing.id, details(1)).registration
    svc.change_status(reg.id, RS.CANCELLED)
    with pytest.raises(svc.RegistrationError):
        svc.change_status(reg.id, RS.CONFIRMED)


def test_approving_past_capacity_waitlists(db, factory):
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), capacity=1,
                         approval_required=True)
    a, c = (svc.register(b.id, details(n)).registration for n in range(2))
    assert svc.change_status(a.id, RS.CONFIRMED).status == RS.CONFIRMED
    assert svc.change_status(c.id, RS.CONFIRMED).status == RS.WAITLISTED


def test_fifty_simultaneous_registrations_never_overbook(app, db, factory):
    """50 threads at once against a capacity of 10: exactly 10 confirmed, in arrival order."""
    b = factory.briefing(starts_at=utcnow() + timedelta(days=3), capacity=10)
    briefing_id = b.id
    _, errors = at_once(app, lambda n: svc.register(briefing_id, details(n)), range(50))
    assert errors == []
    regs = db.session.scalars(sa.select(Registration).where(Registration.briefing_id == briefing_id)
                              .order_by(Registration.id)).all()
    assert len(regs) == 50
    statuses = [r.status for r in regs]
    assert statuses.count(RS.CONFIRMED) == 10
    # Arrival order is the order of the inserts: the first ten rows hold the seats.
    assert statuses == [RS.CONFIRMED] * 10 + [RS.WAITLISTED] * 40
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 50
