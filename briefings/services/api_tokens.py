"""Personal API tokens: making, revoking and recognizing them, and recording each use.

A token is 256 random bits shown once; only its SHA-256 hash is stored. A
plain hash suffices (no slow password hash) because the secret is random,
not chosen by a person. Each use writes an audit event (which endpoint,
whether it was allowed; never a personal value), and ``last_used_at`` is
written at most once a minute.
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ApiScope, ApiToken, Briefing, User, utcnow
from ..permissions import Perm, can
from .audit import record

TOKEN_PREFIX = "brf_"  # nosec B105 - a public marker that starts every token, not a secret
PREFIX_SHOWN = 12  # "brf_" and eight characters of the secret: enough to tell tokens apart
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_NAME = 100


class TokenError(ValueError):
    """A token change that the rules refuse; the message is meant for the user."""


@dataclass
class NewToken:
    """A token just made, with the secret that is shown this once."""

    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    """The stored form of a token's secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(briefing: Briefing, user: User, *, name: str, scopes: set[ApiScope],
                 expires_at: datetime | None = None) -> NewToken:
    """Make a token for ``briefing`` that acts as ``user`` with ``scopes``."""
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise TokenError(_l("Give the token a name of at most %(n)d characters.", n=MAX_NAME))
    if not scopes:
        raise TokenError(_l("Choose at least one permission."))
    if not can(user, Perm.MANAGE_BRIEFING, briefing):
        raise TokenError(_l("Only an organizer of this briefing may make a token for it."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(briefing_id=briefing.id, user_id=user.id, name=name,
                     token_hash=hash_secret(secret), prefix=secret[:PREFIX_SHOWN],
                     scopes=" ".join(sorted(scope.value for scope in scopes)),
                     expires_at=expires_at)
    db.session.add(token)
    db.session.flush()
    record("api_token.create", token, actor=user, briefing=briefing,
           changes={"scopes": sorted(scope.value for scope in scopes),
                    "expires_at": expires_at.isoformat() if expires_at else None})
    db.session.commit()
    return NewToken(token, secret)


def revoke_token(token: ApiToken, *, actor: User) -> bool:
    """Revoke a token; False if it already was."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    token.revoked_by_id = actor.id
    record("api_token.revoke", token, actor=actor, briefing=db.session.get(Briefing,
                                                                           token.briefing_id))
    db.session.commit()
    return True


def tokens_of(briefing_id: int) -> list[ApiToken]:
    """The briefing's tokens, newest first, with their creators."""
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.briefing_id == briefing_id)
        .options(joinedload(ApiToken.user), joinedload(ApiToken.revoked_by))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def token_of(briefing_id: int, token_id: int) -> ApiToken | None:
    """A token of this briefing, or None."""
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id,
                                                       ApiToken.briefing_id == briefing_id))


def authenticate(secret: str, now: datetime | None = None) -> ApiToken | None:
    """The active token whose secret is ``secret``, or None (unknown, revoked or expired)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret))
                              .options(joinedload(ApiToken.user)))
    if token is None or not token.is_active(now):
        return None
    return token


def creator_may_act(token: ApiToken) -> bool:
    """True while the token's creator is active and may still manage its briefing."""
    user = token.user
    return user.active and can(user, Perm.MANAGE_BRIEFING, db.session.get(Briefing,
                                                                          token.briefing_id))


def record_use(token: ApiToken, *, endpoint: str, method: str, allowed: bool,
               now: datetime | None = None) -> None:
    """Audit one use of ``token`` and commit; ``last_used_at`` moves at most once a minute."""
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
    record("api_token.use", token, actor=token.user,
           briefing=db.session.get(Briefing, token.briefing_id),
           changes={"endpoint": endpoint, "method": method, "allowed": allowed})
    db.session.commit()
