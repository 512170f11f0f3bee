"""Engine settings that the database URL alone cannot carry, and the capacity lock."""
import sqlalchemy as sa
from flask import Flask, has_request_context, request

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


def _sqlite_begin(conn) -> None:
    if conn.get_execution_options().get(IMMEDIATE) or _changes_data():
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def configure_engines(app: Flask) -> None:
    """Turn on foreign keys and WAL for SQLite, and let it begin transactions IMMEDIATE."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _sqlite_connect)
            sa.event.listen(engine, "begin", _sqlite_begin)


def lock_for_update(model, pk):
    """Start a transaction that holds the write lock on ``model`` row ``pk`` and return the row.

    PostgreSQL locks the row (SELECT ... FOR UPDATE); SQLite takes the
    database's write lock at BEGIN IMMEDIATE. Either way, two requests that
    count seats and then take one run one after the other. Any transaction
    open in the session is ended first (its reads are stale by now).
    """
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        db.session.connection(execution_options={IMMEDIATE: True})
        return db.session.get(model, pk, populate_existing=True)
    return db.session.get(model, pk, with_for_update=True, populate_existing=True)
