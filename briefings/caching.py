"""In-process caches for output that costs much to build and little to fingerprint.

Each worker keeps its own small cache. An entry is found by a digest of
everything the output shows, read afresh from the database on every request:
a change made by any worker, command or script is seen at once, nothing is
invalidated by hand and nothing stale is served.
"""
import hashlib
import pickle  # nosec B403 - only dumps our own query rows to hash them; never loads
import threading
from collections import OrderedDict

import sqlalchemy as sa

from .extensions import db
from .models import (
    Briefing, BriefingSession, BriefingTranslation, Person, SessionPerson, SessionTranslation,
)
from .models.briefings import session_objective

_all: list["Memo"] = []


class Memo:
    """A small least-recently-used mapping, safe to share between threads."""

    def __init__(self, size: int = 32):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        _all.append(self)

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def clear_all() -> None:
    """Empty every cache of this process (tests that count the queries of a cold request)."""
    for memo in _all:
        memo.clear()


# The statement of programme_digest, built once: building it costs more than running it.
# Everything the programme shows, one tagged row per thing, every value as text: one round
# trip to the database (five before), which counts on PostgreSQL.
_IN_BRIEFING = BriefingSession.briefing_id == sa.bindparam("briefing_id")


def _text(value) -> sa.ColumnElement:
    return sa.cast(value, sa.String)


_NONE = sa.cast(sa.null(), sa.String)
_DIGEST_STATEMENT = sa.union_all(
    sa.select(sa.literal("session"), _text(BriefingSession.id),
              _text(BriefingSession.updated_at), _NONE, _NONE, _NONE).where(_IN_BRIEFING),
    sa.select(sa.literal("person"), _text(Person.id), Person.name, Person.honorific,
              Person.position, Person.organization)
    .where(Person.briefing_id == sa.bindparam("briefing_id")),
    sa.select(sa.literal("role"), _text(SessionPerson.id), _text(SessionPerson.session_id),
              _text(SessionPerson.person_id), _text(SessionPerson.role),
              _text(SessionPerson.position))
    .join(BriefingSession, BriefingSession.id == SessionPerson.session_id).where(_IN_BRIEFING),
    sa.select(sa.literal("objective"), _text(session_objective.c.session_id),
              _text(session_objective.c.objective_number), _NONE, _NONE, _NONE)
    .join(BriefingSession, BriefingSession.id == session_objective.c.session_id)
    .where(_IN_BRIEFING),
    # The briefing's and its sessions' texts in other languages.
    sa.select(sa.literal("briefing text"), _text(BriefingTranslation.id),
              BriefingTranslation.language, BriefingTranslation.title,
              BriefingTranslation.summary, _NONE)
    .where(BriefingTranslation.briefing_id == sa.bindparam("briefing_id")),
    sa.select(sa.literal("session text"), _text(SessionTranslation.id),
              SessionTranslation.language, SessionTranslation.title,
              SessionTranslation.description, _NONE)
    .join(BriefingSession, BriefingSession.id == SessionTranslation.session_id)
    .where(_IN_BRIEFING),
).order_by(sa.literal_column("1"), sa.literal_column("2"), sa.literal_column("3"))


def programme_digest(briefing: Briefing) -> str:
    """A digest of what a briefing's programme shows, in one small query.

    It covers the briefing's own fields; each session (any change to a session
    row moves its ``updated_at``); the people of the briefing (name,
    honorific, position, organization); who holds which role in which session,
    in which order; the sessions' GCM objectives; and the briefing's and
    sessions' texts in other languages. The objectives' titles
    are reference data that change only with a new release (and a restart).
    """
    state = [[getattr(briefing, column.key) for column in Briefing.__table__.columns]]
    rows = db.session.connection().execute(_DIGEST_STATEMENT, {"briefing_id": briefing.id})
    state.append([tuple(row) for row in rows.all()])
    return hashlib.blake2b(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL),
                           digest_size=20).hexdigest()
