"""Engine settings that the database URL alone cannot carry, and the capacity lock."""
import sqlalchemy as sa
from flask import Flask, has_request_context, request
from sqlalchemy import orm

from .extensions import db

# Set on a session's connection to make SQLite take the write lock at BEGIN.
IMMEDIATE = "briefings_begin_immediate"


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Transactions are begun by _sqlite_begin below, not by the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _changes_data() -> bool:
    # A transaction that reads and then writes fails at once with "database is locked" when
    # another request wrote in between (SQLite cannot upgrade a stale snapshot, and does not
    # wait): requests that may change data take the write lock when they begin, and wait.
    return has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")


# Kept in a connection's info while its transaction holds SQLite's write lock.
_WRITE_LOCKED = "briefings_write_locked"


def _sqlite_begin(conn) -> None:
    immediate = bool(conn.get_execution_options().get(IMMEDIATE) or _changes_data())
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    conn.info[_WRITE_LOCKED] = immediate


def _sqlite_end(conn) -> None:
    conn.info.pop(_WRITE_LOCKED, None)


def configure_engines(app: Flask) -> None:
    """Turn on foreign keys and WAL for SQLite, and let it begin transactions IMMEDIATE."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_connect)
            sa.event.listen(engine, "begin", _sqlite_begin)
            sa.event.listen(engine, "commit", _sqlite_end)
            sa.event.listen(engine, "rollback", _sqlite_end)


def lock_for_update(model, pk):
    """Start a transaction that holds the write lock on ``model`` row ``pk`` and return the row.

    PostgreSQL locks the row (SELECT ... FOR UPDATE); SQLite takes the
    database's write lock at BEGIN IMMEDIATE. Either way, two requests that
    count seats and then take one run one after the other. Any transaction
    open in the session is ended first (its reads are stale by now), unless
    it has written nothing yet and either
    - on SQLite, it has held the write lock since it began (a request that
      changes data begins so): then nobody can have written since its reads,
      and ending it would only make every loaded object load again; or
    - on PostgreSQL, it reads committed data (the default): each statement
      sees what was committed before it began, so once the row is locked the
      transaction reads what the last holder of the lock wrote. What it
      loaded is marked stale instead, which saves ending the transaction and
      beginning another (two round trips).
    """
    if _holds_write_lock():
        return db.session.get(model, pk)
    if _reads_committed():
        db.session.expire_all()
        return db.session.get(model, pk, with_for_update=True, populate_existing=True)
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        db.session.connection(execution_options={IMMEDIATE: True})
        return db.session.get(model, pk, populate_existing=True)
    return db.session.get(model, pk, with_for_update=True, populate_existing=True)


# Kept in a session's info once its transaction has flushed changes, until it ends.
_FLUSHED = "briefings_flushed"


@sa.event.listens_for(orm.Session, "after_flush")
def _note_flush(session, _flush_context) -> None:
    session.info[_FLUSHED] = True


@sa.event.listens_for(orm.Session, "after_transaction_end")
def _forget_flush(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


def _unwritten_connection() -> sa.Connection | None:
    """The connection of the session's open transaction if it has written nothing yet.

    Changes pending or flushed are ended by the rollback instead, so that they
    are dropped alike on every database.
    """
    session = db.session()  # the request's Session, out of its scoped registry
    if (not session.in_transaction() or session.new or session.dirty or session.deleted
            or session.info.get(_FLUSHED)):
        return None
    return session.connection()


def _holds_write_lock() -> bool:
    """Whether the session's open transaction began with SQLite's write lock and has written
    nothing yet."""
    connection = _unwritten_connection()
    return (connection is not None and connection.dialect.name == "sqlite"
            and bool(connection.info.get(_WRITE_LOCKED)))


def _reads_committed() -> bool:
    """Whether the session's open transaction is PostgreSQL's, reading committed data (each
    statement sees what was committed before it), and has written nothing yet."""
    connection = _unwritten_connection()
    return (connection is not None and connection.dialect.name == "postgresql"
            and connection.default_isolation_level == "READ COMMITTED")


def reread(model, pk):
    """Row ``pk`` of ``model`` as the database holds it now, once the capacity lock is taken.

    Read again, unless the session's transaction has held SQLite's write lock
    since it began: then what the session loaded is still what is stored.
    """
    return db.session.get(model, pk, populate_existing=not _holds_write_lock())
