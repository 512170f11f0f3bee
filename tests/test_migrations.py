"""Upgrading a database that already holds a briefing keeps every row (SQLite rebuilds tables)."""
from datetime import datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from briefings import create_app
from briefings.extensions import db as _db

INITIAL = "a4e85a5514e5"


def test_upgrading_a_populated_database_loses_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision=INITIAL)
        at = datetime(2022, 6, 20, 7, 0)
        with _db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO briefing (id, slug, title, summary, partners, venue, city, timezone,"
                " starts_at, ends_at, languages, status, approval_required, invite_only,"
                " participant_list, created_at, updated_at) VALUES (1, 'old', 'Old', '', '', '',"
                " '', 'Africa/Cairo', :at, :end, 'en', 'published', 0, 0, 'hidden', :at, :at)"),
                {"at": at, "end": datetime(2022, 6, 20, 15, 0)})
            conn.execute(sa.text(
                "INSERT INTO briefing_session (id, briefing_id, kind, title, description, starts_at,"
                " ends_at, room, format, meeting_link, takes_attendance, position, created_at,"
                " updated_at) VALUES (1, 1, 'opening', 'Opening', '', :at, :end, 'Hall',"
                " 'in_person', '', 0, 0, :at, :at)"),
                {"at": at, "end": datetime(2022, 6, 20, 8, 0)})
        upgrade()
        with _db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM briefing")).scalar() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM briefing_session")).scalar() == 1
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        downgrade(revision=INITIAL)
        with _db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM briefing_session")).scalar() == 1
        _db.session.remove()
        _db.engine.dispose()
