"""The capacity lock: what a request that already holds SQLite's write lock keeps, and what it ends."""
import pytest
import sqlalchemy as sa

from briefings.database import lock_for_update
from briefings.models import Briefing, BriefingSession
from briefings.registration.routes import _LazyLabels


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="Before")


def test_changes_written_but_not_committed_are_ended_by_taking_the_lock(app, db, briefing):
    """Flushed or not, a change made before the lock is dropped, on every database alike."""
    with app.test_request_context("/", method="POST"):  # a request that changes data
        db.session.commit()
        briefing = db.session.get(Briefing, briefing.id)
        briefing.title = "Flushed, not committed"
        db.session.flush()
        locked = lock_for_update(Briefing, briefing.id)
        assert locked.title == "Before"
        db.session.rollback()


def test_a_request_that_wrote_nothing_keeps_what_it_loaded(app, db, briefing, count_queries):
    with app.test_request_context("/", method="POST"):
        db.session.commit()
        loaded = db.session.get(Briefing, briefing.id)
        assert loaded.title == "Before"
        with count_queries() as counted:
            locked = lock_for_update(Briefing, briefing.id)
        assert locked is loaded and locked.title == "Before"
        if db.engine.dialect.name == "sqlite":  # the write lock was taken when it began
            assert counted.count == 0
        db.session.rollback()


def test_a_session_gone_before_its_label_is_written_shows_its_title(app, db, factory, briefing):
    kept = factory.session(briefing, title="Plenary")
    with app.test_request_context("/b/imrf/register"):
        labels = _LazyLabels(db.session.get(Briefing, briefing.id), {kept.id: "Plenary",
                                                                      999999: "Deleted hearing"})
        assert "Plenary" in str(labels[kept.id])
        assert str(labels[999999]) == "Deleted hearing"
    assert db.session.scalar(sa.select(sa.func.count(BriefingSession.id))) == 1


def test_what_another_request_committed_before_the_lock_is_seen_under_it(app, db, briefing):
    """A page read the briefing, another request changed it; the lock reads the change."""
    with app.test_request_context("/"):  # no write lock taken at its start
        db.session.commit()
        assert db.session.get(Briefing, briefing.id).title == "Before"
        with db.engine.begin() as other:
            other.execute(sa.update(Briefing).where(Briefing.id == briefing.id)
                          .values(title="Changed meanwhile"))
        ended = []

        def note(connection):
            ended.append(connection)
        sa.event.listen(db.engine, "rollback", note)
        try:
            locked = lock_for_update(Briefing, briefing.id)
        finally:
            sa.event.remove(db.engine, "rollback", note)
        assert locked.title == "Changed meanwhile"
        # PostgreSQL reads committed data statement by statement: the transaction is kept.
        assert len(ended) == (0 if db.engine.dialect.name == "postgresql" else 1)
        db.session.rollback()
