"""``flask --app briefings create-user``: staff accounts from the command line."""
import sqlalchemy as sa

from briefings.models import AuditEvent, User
from briefings.services import accounts


def _user(db, email):
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_create_user_with_password_option(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "Omar@Example.org", "--name", "Omar", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    assert "Created account omar@example.org." in result.output
    user = _user(db, "omar@example.org")
    assert user.name == "Omar" and not user.is_admin and user.active
    assert accounts.authenticate("omar@example.org", "a-long-password") == user
    (event,) = db.session.scalars(sa.select(AuditEvent)).all()
    assert event.action == "user.create" and event.user_id is None


def test_create_admin_with_password_typed_at_the_prompt(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "ada@example.org", "--admin"],
        input="typed-password\ntyped-password\n")
    assert result.exit_code == 0, result.output
    assert "Created admin account ada@example.org." in result.output
    assert "typed-password" not in result.output  # hidden input is not echoed
    user = _user(db, "ada@example.org")
    assert user.is_admin and user.name == "ada@example.org"
    assert accounts.authenticate("ada@example.org", "typed-password") == user


def test_prompted_passwords_must_match(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "ada@example.org"],
        input="typed-password\nother-password\ntyped-password\ntyped-password\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower()
    assert accounts.authenticate("ada@example.org", "typed-password") is not None


def test_duplicate_email_is_a_clear_error(app, db, factory):
    factory.user(email="omar@example.org", name="First Omar")
    result = app.test_cli_runner().invoke(
        args=["create-user", "OMAR@example.org", "--password", "a-long-password"])
    assert result.exit_code == 1
    assert "Error: An account with this email already exists." in result.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    assert _user(db, "omar@example.org").name == "First Omar"


def test_short_password_is_refused(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-user", "omar@example.org", "--password", "short"])
    assert result.exit_code == 1
    assert "Error: Passwords have at least 10 characters." in result.output
    assert _user(db, "omar@example.org") is None
