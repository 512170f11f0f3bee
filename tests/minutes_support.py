"""What the minutes tests share: a briefing with a session, its staff, saving and reading minutes."""
import itertools
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from briefings.extensions import db as _db
from briefings.models import Minutes, Registration, RegistrationStatus as RS, Role
from briefings.services import minutes as service

from .participants_support import sign_in_as  # noqa: F401 - for the test modules

_seq = itertools.count(1)
T0 = datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc)
EXPECTED = {"anonymous": 302, "other_organizer": 403, "secretariat": 200, "organizer": 200,
            "admin": 200}
XSS = ('Fine words.\n\n<script>alert("owned")</script>\n\n<img src=x onerror="alert(1)">\n\n'
       '[click](javascript:alert(2)) <a href="#" onclick="alert(3)">here</a>')


def registration(briefing, *, name=None, organization="", status=RS.CONFIRMED, **fields):
    n = next(_seq)
    email = f"attendee{n}@example.org"
    reg = Registration(briefing=briefing, full_name=name or f"Attendee {n}", email=email,
                       email_key=email, organization=organization, status=status,
                       token=f"minutes-token-{n}-{'x' * 30}", ticket_code=f"MN{n:06d}", **fields)
    _db.session.add(reg)
    _db.session.commit()
    return reg


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", title="IMRF outcomes briefing")
    session = factory.session(briefing, title="Round table 1: Migration in the 2030 Agenda")
    return briefing, session


@pytest.fixture
def organizer(factory, place):
    return factory.user(briefing=place[0], role=Role.ORGANIZER, name="Olga Organizer")


@pytest.fixture
def secretary(factory, place):
    return factory.user(briefing=place[0], role=Role.SECRETARIAT, name="Sam Secretary")


def url(session, tail=""):
    return f"/manage/imrf/records/sessions/{session.id}/minutes{tail}"


def save(client, session, body, version, **extra):
    return client.post(url(session), data={"body": body, "version": str(version), "save": "Save",
                                           "rapporteur": "", "note": "", **extra})


def current(session) -> Minutes:
    _db.session.rollback()  # end the test's read transaction: see what requests committed
    return _db.session.scalar(sa.select(Minutes).where(Minutes.session_id == session.id))


def saved(session, body, version, actor=None, **kwargs) -> Minutes:
    return service.save(session.id, session.briefing_id, body, version, actor=actor, **kwargs)
