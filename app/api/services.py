"""Writes for personal access tokens: create (the secret is returned once and only its SHA-256 is kept), revoke,
and count one use of a token (last use and the throttling minute) in a short transaction of its own. Never
commits the request's transaction; creating and revoking are audited by the flush hook."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, update

from app.api.models import SCOPES, ApiToken
from app.core.db import utcnow, write_intent
from app.core.refusals import Refusal
from app.extensions import db

log = logging.getLogger("ratko.api")
SECRET_PREFIX = "rtk_"
DEFAULT_DAYS = 90
MAX_DAYS = 365


class TokenRefused(Refusal, ValueError):
    """A token cannot be made as asked; `field` names the input and `message` says why."""

    def __init__(self, field: str, message):
        super().__init__(message, field)


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret, which exists only here: show it once."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class TokenUse:
    """What a request's token allows, and how many requests it made in the current minute (this one included)."""

    token_id: int
    user_id: int
    scope: str
    count: int
    window_start: datetime


def token_hash(secret: str) -> str:
    """The stored form of a token's secret (the secret has 256 random bits: a fast hash suffices)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def token_create(*, user, name: str, scope: str, days: int = DEFAULT_DAYS, now: datetime | None = None) -> IssuedToken:
    """Make a personal access token for `user`, valid for `days` days."""
    if scope not in SCOPES:
        raise TokenRefused("scope", _l("Choose read or write."))
    if not 1 <= int(days) <= MAX_DAYS:
        raise TokenRefused("days", _l("A token is valid for 1 to %(max)d days.", max=MAX_DAYS))
    name = (name or "").strip()[:80]
    if not name:
        raise TokenRefused("name", _l("Give the token a name, for example the script that uses it."))
    now = now or utcnow()
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:12], token_hash=token_hash(secret), scope=scope,
                     created_at=now, expires_at=now + timedelta(days=int(days)), window_count=0)
    db.session.add(token)
    db.session.flush()
    log.info("api token %s (%s) created for user %s", token.id, scope, user.id)
    return IssuedToken(token=token, secret=secret)


def token_revoke(*, token: ApiToken, by, now: datetime | None = None) -> ApiToken:
    """Revoke a token at once (its owner on the account page, or an administrator)."""
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by_id = now or utcnow(), getattr(by, "id", None)
        db.session.flush()
        log.info("api token %s revoked by %s", token.id, getattr(by, "id", None))
    return token


def token_use(secret: str, *, now: datetime | None = None) -> TokenUse | None:
    """The live token with this secret, its last use set and this request counted in its current minute (one UPDATE
    ... RETURNING); None when no live token has it. Runs in a short transaction of its own before the request's own
    one begins, so a GET stays a read, every worker sees the same count and a refused request is counted too."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    now = now or utcnow()
    table = ApiToken.__table__
    window = now.replace(second=0, microsecond=0)
    with write_intent(), db.engine.connect() as connection, connection.begin():
        row = connection.execute(update(table).where(
            table.c.token_hash == token_hash(secret), table.c.revoked_at.is_(None), table.c.expires_at > now)
            .values(window_count=case((table.c.window_start == window, table.c.window_count + 1), else_=1),
                    window_start=window, last_used_at=now)
            .returning(table.c.id, table.c.user_id, table.c.scope, table.c.window_count)).first()
    if row is None:
        return None
    return TokenUse(token_id=row.id, user_id=row.user_id, scope=row.scope, count=row.window_count,
                    window_start=window)
