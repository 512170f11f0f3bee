"""The app starts, its schema matches the migrations, reference data is there."""
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from briefings.models import GCMObjective, StakeholderGroup


def test_migrations_match_the_models(db):
    """A model change without its migration fails here."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_reference_data_is_seeded(db):
    assert db.session.scalar(sa.select(sa.func.count(GCMObjective.number))) == 23
    groups = db.session.scalars(sa.select(StakeholderGroup.code)).all()
    assert {"government", "diplomatic", "civil_society", "academia", "media"} <= set(groups)
    obj = db.session.get(GCMObjective, 13)
    assert obj.title.startswith("Use migration detention only")
    assert obj.label("ar") and obj.label("fr") != obj.title


def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"<html lang=\"en\" dir=\"ltr\">" in response.data


def test_arabic_page_is_right_to_left(client):
    response = client.get("/", headers={"Accept-Language": "ar"})
    assert b'dir="rtl"' in response.data
    assert b"bootstrap.rtl.min.css" in response.data


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Page not found" in response.data
