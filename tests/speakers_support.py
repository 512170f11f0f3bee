"""What the speakers-list tests share: a briefing with a session, registrants, staff, entries."""
import itertools
from datetime import datetime, timezone

import pytest

from briefings.models import Intervention, Registration, RegistrationStatus as RS, Role
from briefings.services import speakers as service
from briefings.services.speakers import SpeakerData

from .participants_support import sign_in_as  # noqa: F401 - for the test modules

_seq = itertools.count(1)
T0 = datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc)  # 10:00 in Cairo (EEST)
EXPECTED = {"anonymous": 302, "other_organizer": 403, "secretariat": 200, "organizer": 200,
            "admin": 200}


def registration(db, briefing, *, name=None, organization="", group=None,
                 status=RS.CONFIRMED, **fields) -> Registration:
    """A saved registration, built directly."""
    n = next(_seq)
    email = f"speaker{n}@example.org"
    reg = Registration(briefing=briefing, full_name=name or f"Speaker {n}", email=email,
                       email_key=email, organization=organization, status=status,
                       stakeholder_group_id=group.id if group else None,
                       token=f"speaker-token-{n}-{'x' * 30}", ticket_code=f"SP{n:06d}", **fields)
    db.session.add(reg)
    db.session.commit()
    return reg


def named(session, name, *, rank=None, group=None, organization="", at=None) -> Intervention:
    return service.add_named(session.id, SpeakerData(name, organization, group.id if group else None,
                                                     rank), now=at)


def names(session) -> list[str]:
    return [e.speaker_name for e in service.entries(session.id)]


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", title="IMRF outcomes briefing")
    session = factory.session(briefing, title="Multi-stakeholder hearing")
    return briefing, session


@pytest.fixture
def secretary(factory, login, place):
    return login(factory.user(briefing=place[0], role=Role.SECRETARIAT, name="Sam Secretary"))


def url(session, tail=""):
    return f"/manage/imrf/records/sessions/{session.id}/speakers{tail}"
