"""What the follow-up tests share: dates, documents, action items, pledges, owners, mails."""
import uuid
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import (
    ActionItem,
    OutboxMessage,
    OutcomeDocument,
    OutcomeKind,
    OutcomeStatus,
    Pledge,
    PledgeType,
)
from briefings.services import followup as service
from briefings.services.followup import OwnerData

UTC = timezone.utc
EARLIER = datetime(2024, 3, 10, 7, 0, tzinfo=UTC)
LATER = datetime(2025, 3, 10, 7, 0, tzinfo=UTC)


def at(day: date, hour=9) -> datetime:
    """A moment on ``day`` (UTC, also that day in Cairo)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def document(briefing, *, title="Chair's summary", status=OutcomeStatus.PUBLISHED):
    doc = OutcomeDocument(briefing_id=briefing.id, kind=OutcomeKind.ACTION_PLAN, title=title,
                          slug=uuid.uuid4().hex[:12], translation_key=str(uuid.uuid4()),
                          status=status)
    _db.session.add(doc)
    _db.session.commit()
    return doc


def action(briefing, what="Publish a regional roadmap", due=None, **fields) -> ActionItem:
    doc = fields.pop("doc", None) or document(briefing)
    item = ActionItem(document=doc, what=what, due=due, **fields)
    _db.session.add(item)
    _db.session.commit()
    return item


def pledge(briefing, title="Fund a migrant resource centre", **fields) -> Pledge:
    item = Pledge(briefing_id=briefing.id, entity="Government of Egypt",
                  type=PledgeType.FINANCIAL, title=title, **fields)
    _db.session.add(item)
    _db.session.commit()
    return item


def owned(item, *, email="owner@example.org", name="Sara Owner", language="en", due=None):
    return service.set_owner(item, OwnerData(name=name, email=email, language=language,
                                             due=due if due is not None else service.due_of(
                                                 item, service.follow_up_of(item))))


def mails(db, kind=None):
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return db.session.scalars(query).all()


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="first", title="First briefing", starts_at=EARLIER)
