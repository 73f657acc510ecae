"""Reads for sessions, users and organisations."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.auth.models import AuthSession, Organisation, User, UserRole
from app.auth.services import token_digest
from app.core.db import utcnow
from app.extensions import db


def session_user(*, token: str, idle: timedelta, absolute: timedelta) -> tuple[User, AuthSession] | None:
    """The user behind a live session token, or None when revoked, idle or too old."""
    row = db.session.execute(
        select(User, AuthSession).join(AuthSession, AuthSession.user_id == User.id)
        .where(AuthSession.token_hash == token_digest(token), AuthSession.revoked_at.is_(None))).first()
    if row is None:
        return None
    user, auth_session = row
    now = utcnow()
    if now - auth_session.last_seen_at > idle or now - auth_session.created_at > absolute or not user.active:
        return None
    return user, auth_session


def organisation_list(*, active_only: bool = False) -> list[Organisation]:
    """All organisations of the network, by name."""
    stmt = select(Organisation).order_by(Organisation.name)
    if active_only:
        stmt = stmt.where(Organisation.active.is_(True))
    return list(db.session.scalars(stmt))


def organisation_by_slug(slug: str) -> Organisation | None:
    """An organisation by its slug."""
    return db.session.scalar(select(Organisation).where(Organisation.slug == slug))


def user_by_email(email: str) -> User | None:
    """A user by e-mail (case-insensitive)."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def users_of_organisation(organisation_id: int, *, active_only: bool = True, role: str | None = None) -> list[User]:
    """Users of one organisation, by name, optionally with a role."""
    stmt = select(User).where(User.organisation_id == organisation_id).order_by(User.name)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    if role:
        stmt = stmt.where(User.id.in_(select(UserRole.user_id).where(UserRole.role == role)))
    return list(db.session.scalars(stmt))


def user_list(*, organisation_id: int | None = None) -> list[User]:
    """Users for the admin page: all, or one organisation's."""
    stmt = select(User).order_by(User.name)
    if organisation_id is not None:
        stmt = stmt.where(User.organisation_id == organisation_id)
    return list(db.session.scalars(stmt))
