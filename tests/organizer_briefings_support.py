"""What the organizer's briefing tests share: form data, audit events, an organizer and a draft."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.i18n import to_local_input
from briefings.models import AuditEvent, Briefing, BriefingStatus, Membership, Role

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def new_briefing_form(**overrides) -> dict:
    """A valid "new briefing" submission: the IMRF outcomes briefing in Cairo."""
    data = {
        "title": "Regional briefing on the IMRF outcomes",
        "slug": "imrf-outcomes",
        "summary": "A briefing on the **Progress Declaration**.",
        "partners": "IOM MENA regional office\n\n  Government of Egypt  \n",
        "venue": "Fairmont Nile City",
        "city": "Cairo",
        "timezone": "Africa/Cairo",
        "starts_at": "2022-06-20T09:00",
        "ends_at": "2022-06-20T17:00",
        "languages": ["en", "fr", "ar"],
        "registration_opens_at": "2022-06-01T09:00",
        "registration_closes_at": "2022-06-19T18:00",
        "capacity": "120",
        "approval_required": "y",
        "participant_list": "public",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def settings_form(briefing: Briefing, **overrides) -> dict:
    """The settings form of ``briefing`` as the page shows it, with ``overrides``."""
    tz = briefing.timezone

    def local(value):
        return to_local_input(value, tz).strftime("%Y-%m-%dT%H:%M") if value else ""

    data = {
        "title": briefing.title, "slug": briefing.slug, "summary": briefing.summary,
        "partners": briefing.partners, "venue": briefing.venue, "city": briefing.city,
        "timezone": tz, "starts_at": local(briefing.starts_at), "ends_at": local(briefing.ends_at),
        "languages": briefing.language_list,
        "registration_opens_at": local(briefing.registration_opens_at),
        "registration_closes_at": local(briefing.registration_closes_at),
        "capacity": "" if briefing.capacity is None else str(briefing.capacity),
        "participant_list": briefing.participant_list.value,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def events(db, action=None):
    query = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return db.session.scalars(query).all()


@pytest.fixture
def organizer(factory, login):
    return login(factory.user(name="Olga Organizer"))


@pytest.fixture
def draft(db, factory, organizer):
    """A one-day draft briefing in Cairo (20 June 2030, 10:00-17:00 local) run by ``organizer``."""
    briefing = factory.briefing(slug="draft-briefing", status=BriefingStatus.DRAFT,
                                starts_at=utc(2030, 6, 20, 7), days=1)
    briefing.ends_at = utc(2030, 6, 20, 14)
    db.session.add(Membership(user=organizer, briefing=briefing, role=Role.ORGANIZER))
    db.session.commit()
    return briefing
