"""Staff accounts: passwords, sign-in and memberships."""
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..extensions import db, login_manager
from ..models import Membership, Role, User, utcnow
from .audit import record

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10


@cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so both paths take the same time."""
    return _hasher.hash("not a password of anyone")


class AccountError(ValueError):
    """A change to an account that the rules refuse; the message is shown to the user.

    ``field`` names the input the message belongs next to, when there is one.
    """

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def normalize_email(email: str) -> str:
    """The form in which e-mails are stored and compared: trimmed and lower-case."""
    return email.strip().lower()


def email_taken(email: str, *, exclude_id: int | None = None) -> bool:
    """True if another account already uses this e-mail (compared case-insensitively)."""
    query = sa.select(User.id).where(User.email == normalize_email(email))
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query) is not None


def hash_password(password: str) -> str:
    """The Argon2 hash of ``password``; a password shorter than the minimum is refused."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(_l("Passwords have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
                           field="password")
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    """True if ``password`` is the account's current password."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def record_login(user: User) -> None:
    """Note the time of a successful sign-in."""
    user.last_login_at = utcnow()
    db.session.commit()


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Loads the user of a session cookie; a cookie from before a password change is void."""
    try:
        raw_id, raw_version = user_id.split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except ValueError:
        return None
    # With the memberships, which every permission check reads: one query, not two.
    user = db.session.get(User, uid, options=[joinedload(User.memberships)])
    if user is None or user.session_version != version:
        return None
    return user


def create_user(email: str, name: str, password: str, *, is_admin: bool = False,
                actor: User | None = None) -> User:
    """Create a staff account; the e-mail must be new (compared case-insensitively)."""
    email = normalize_email(email)
    if email_taken(email):
        raise AccountError(_l("An account with this email already exists."), field="email")
    user = User(email=email, name=name.strip() or email, password_hash=hash_password(password),
                is_admin=is_admin)
    db.session.add(user)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # created meanwhile by someone else
        db.session.rollback()
        raise AccountError(_l("An account with this email already exists."),
                           field="email") from error
    record("user.create", user, actor=actor,
           changes={"email": True, "name": True, "is_admin": is_admin})
    db.session.commit()
    return user


def update_user(user: User, *, name: str, is_admin: bool, active: bool,
                actor: User) -> None:
    """Change an account's name, admin right or active flag; deactivation ends its sessions.

    Admins cannot remove their own admin right nor deactivate themselves, so
    the site always keeps the admin who is making the change.
    """
    if user.id == actor.id and not is_admin:
        raise AccountError(_l("You cannot remove your own admin right."), field="is_admin")
    if user.id == actor.id and not active:
        raise AccountError(_l("You cannot deactivate your own account."), field="active")
    name = name.strip()
    changes = {}
    if name and user.name != name:
        changes["name"] = True
        user.name = name
    if user.is_admin != is_admin:
        changes["is_admin"] = is_admin
        user.is_admin = is_admin
    if user.active != active:
        changes["active"] = active
        user.active = active
        user.session_version += 1
    if changes:
        record("user.update", user, actor=actor, changes=changes)
    db.session.commit()


def set_password(user: User, password: str, *, actor: User | None) -> None:
    """Set a new password and end every open session of the account."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    record("user.password", user, actor=actor, changes={"password": True})  # nosec B105: a flag
    db.session.commit()


def add_membership(user: User, briefing, role: Role, *, actor: User | None) -> Membership:
    """Give ``user`` a role in ``briefing``, replacing a role they had there."""
    membership = db.session.scalar(sa.select(Membership).where(
        Membership.user_id == user.id, Membership.briefing_id == briefing.id))
    if membership is not None and membership.role == role:
        return membership
    if membership is None:
        membership = Membership(user=user, briefing=briefing, role=role)
        db.session.add(membership)
    else:
        membership.role = role
    db.session.flush()
    record("membership.set", membership, actor=actor, briefing=briefing,
           changes={"user_id": user.id, "role": role.value})
    db.session.commit()
    return membership


def remove_membership(membership: Membership, *, actor: User | None) -> None:
    """Take away a user's role in a briefing."""
    record("membership.remove", membership, actor=actor, briefing=membership.briefing,
           changes={"user_id": membership.user_id, "role": membership.role.value})
    db.session.delete(membership)
    db.session.commit()
