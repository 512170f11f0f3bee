"""Build saved domain objects for tests, with defaults a test can override."""
import itertools
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from briefings.extensions import db
from briefings.models import (
    Briefing,
    BriefingSession,
    BriefingStatus,
    Membership,
    Person,
    PersonRole,
    Role,
    SessionKind,
    SessionPerson,
    StakeholderGroup,
    User,
)
from briefings.services.accounts import hash_password

PASSWORD = "a-long-test-password"
_seq = itertools.count(1)
_hash_cache: dict[str, str] = {}


def _password_hash(password: str) -> str:
    # Argon2 is slow by design; tests reuse one hash per password.
    if password not in _hash_cache:
        _hash_cache[password] = hash_password(password)
    return _hash_cache[password]


def user(*, email=None, name=None, is_admin=False, active=True, password=PASSWORD,
         briefing=None, role=None) -> User:
    n = next(_seq)
    u = User(email=email or f"user{n}@example.org", name=name or f"User {n}",
             password_hash=_password_hash(password), is_admin=is_admin, active=active)
    db.session.add(u)
    if briefing is not None:
        db.session.add(Membership(user=u, briefing=briefing, role=role or Role.ORGANIZER))
    db.session.commit()
    return u


def briefing(*, slug=None, title=None, status=BriefingStatus.PUBLISHED, tz="Africa/Cairo",
             starts_at=None, days=1, **fields) -> Briefing:
    n = next(_seq)
    starts_at = starts_at or datetime(2030, 6, 20, 7, 0, tzinfo=timezone.utc)
    b = Briefing(slug=slug or f"briefing-{n}", title=title or f"Briefing {n}", timezone=tz,
                 starts_at=starts_at, ends_at=starts_at + timedelta(days=days, hours=-1),
                 status=status, languages=fields.pop("languages", "en,fr,ar"), **fields)
    db.session.add(b)
    db.session.commit()
    return b


def session(briefing: Briefing, *, title=None, kind=SessionKind.PLENARY, start=None,
            minutes=60, room="Main hall", **fields) -> BriefingSession:
    n = next(_seq)
    start = start or briefing.starts_at
    s = BriefingSession(briefing=briefing, title=title or f"Session {n}", kind=kind,
                        starts_at=start, ends_at=start + timedelta(minutes=minutes), room=room,
                        **fields)
    db.session.add(s)
    db.session.commit()
    return s


def person(briefing: Briefing, *, name=None, organization="", **fields) -> Person:
    n = next(_seq)
    p = Person(briefing=briefing, name=name or f"Person {n}", organization=organization, **fields)
    db.session.add(p)
    db.session.commit()
    return p


def link(session_: BriefingSession, person_: Person, role=PersonRole.SPEAKER,
         position=0) -> SessionPerson:
    sp = SessionPerson(session=session_, person=person_, role=role, position=position)
    db.session.add(sp)
    db.session.commit()
    return sp


def group(code="civil_society") -> StakeholderGroup:
    return db.session.scalar(sa.select(StakeholderGroup).where(StakeholderGroup.code == code))
