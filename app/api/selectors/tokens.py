"""Reads of personal access tokens: mine on the account page, everyone's for the administrator."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from app.api.models import ApiToken
from app.auth.models import Organisation, User
from app.core.db import utcnow
from app.core.pagination import Page, paginate
from app.extensions import db


def tokens_of(user) -> list[ApiToken]:
    """My tokens that still work, newest first (revoked and expired ones drop off)."""
    now = utcnow()
    return list(db.session.scalars(select(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        .order_by(ApiToken.id.desc())))


def my_token_or_404(token_id: int, user) -> ApiToken:
    """A token of mine, or 404."""
    token = db.session.get(ApiToken, token_id) if 0 < token_id < 2**31 else None
    if token is None or token.user_id != user.id:
        abort(404)
    return token


def token_or_404(token_id: int) -> ApiToken:
    """Any token (the administrator's list), or 404."""
    token = db.session.get(ApiToken, token_id) if 0 < token_id < 2**31 else None
    if token is None:
        abort(404)
    return token


def all_tokens(*, page: int, live_only: bool = True) -> Page:
    """Every user's tokens for the administrator: (token, user name, e-mail, organisation name), newest first."""
    stmt = (select(ApiToken, User.name, User.email, Organisation.name)
            .join(User, User.id == ApiToken.user_id).join(Organisation, Organisation.id == User.organisation_id))
    if live_only:
        stmt = stmt.where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > utcnow())
    return paginate(stmt.order_by(ApiToken.id.desc()), page=page, per_page=50, scalars=False)
