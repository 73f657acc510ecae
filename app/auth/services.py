"""Writes for users, organisations, sessions and login attempts. Never commits."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import timedelta

from sqlalchemy import func, select, update

from app.auth.models import ROLES, AuthSession, LoginAttempt, Organisation, User, UserRole
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.core.audit import audit_record
from app.core.db import utcnow
from app.extensions import db

log = logging.getLogger("ratko.auth")
ACCOUNT_FAILURES = 5
ADDRESS_FAILURES = 20
THROTTLE_WINDOW = timedelta(minutes=15)


def token_digest(token: str) -> str:
    """SHA-256 of a secret token, as stored in the database."""
    return hashlib.sha256(token.encode()).hexdigest()


def organisation_create(*, slug: str, name: str, kind: str = "other") -> Organisation:
    """Create an organisation of the network."""
    organisation = Organisation(slug=slug.strip().lower(), name=name.strip(), kind=kind)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def organisation_update(*, organisation: Organisation, name: str, kind: str, active: bool) -> Organisation:
    """Rename, re-classify or (de)activate an organisation."""
    organisation.name, organisation.kind, organisation.active = name.strip(), kind, active
    db.session.flush()
    return organisation


def organisation_settings_update(*, organisation: Organisation, **values) -> Organisation:
    """Merge `values` into the organisation's settings."""
    settings = organisation.settings
    settings.update(values)
    organisation.settings_json = json.dumps(settings, ensure_ascii=False, sort_keys=True)
    db.session.flush()
    return organisation


def user_create(*, organisation: Organisation, email: str, name: str, password: str, roles: list[str],
                language: str | None = None, must_change_password: bool = False) -> User:
    """Create a user with a hashed password and roles."""
    user = User(organisation=organisation, email=email.strip().lower(), name=name.strip(),
                password_hash=hash_password(password), language=language or None,
                must_change_password=must_change_password)
    user.role_rows = [UserRole(role=role) for role in ROLES if role in roles]
    db.session.add(user)
    db.session.flush()
    return user


def user_invite(*, organisation: Organisation, email: str, name: str, roles: list[str],
                language: str | None = None) -> tuple[User, str]:
    """Create a user with a random one-time password they must change at first login; return both."""
    temporary = secrets.token_urlsafe(12)
    user = user_create(organisation=organisation, email=email, name=name, password=temporary, roles=roles,
                       language=language, must_change_password=True)
    return user, temporary


def user_update(*, user: User, name: str, roles: list[str], language: str | None) -> User:
    """Change a user's name, roles and language."""
    user.name = name.strip()
    user.language = language or None
    wanted = [role for role in ROLES if role in roles]
    if wanted != user.roles:
        user.role_rows = [UserRole(role=role) for role in wanted]
        audit_record(action="roles", entity="users", entity_id=user.id, summary=user.email,
                     changes={"roles": ",".join(wanted)}, organisation_id=user.organisation_id)
    db.session.flush()
    return user


def user_set_language(*, user: User, language: str | None) -> User:
    """Store the user's preferred UI language."""
    user.language = language or None
    db.session.flush()
    return user


def user_set_password(*, user: User, password: str, must_change: bool = False) -> User:
    """Set a new password and end every other session of the user."""
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    audit_record(action="password", entity="users", entity_id=user.id, summary=user.email,
                 organisation_id=user.organisation_id)
    db.session.flush()
    return user


def user_reset_password(*, user: User) -> str:
    """Give the user a random one-time password they must change at next login; return it."""
    temporary = secrets.token_urlsafe(12)
    user_set_password(user=user, password=temporary, must_change=True)
    sessions_revoke_all(user=user)
    return temporary


def user_deactivate(*, user: User) -> User:
    """Deactivate a user and end all their sessions at once."""
    user.active = False
    sessions_revoke_all(user=user)
    db.session.flush()
    return user


def user_reactivate(*, user: User) -> User:
    """Let a deactivated user log in again."""
    user.active = True
    db.session.flush()
    return user


def session_start(*, user: User, ip: str, user_agent: str) -> str:
    """Open a server-side session for `user` and return its secret token."""
    token = secrets.token_urlsafe(32)
    db.session.add(AuthSession(token_hash=token_digest(token), user_id=user.id, ip=ip[:64],
                               user_agent=user_agent[:255]))
    user.last_login_at = utcnow()
    if needs_rehash(user.password_hash):
        log.info("password hash parameters upgraded for user %s", user.id)
    db.session.flush()
    return token


def session_end(*, token: str | None) -> None:
    """Revoke the session with this token (logout)."""
    if token:
        db.session.execute(update(AuthSession).where(AuthSession.token_hash == token_digest(token),
                                                     AuthSession.revoked_at.is_(None)).values(revoked_at=utcnow()))


def sessions_revoke_all(*, user: User) -> None:
    """Revoke every open session of a user."""
    db.session.execute(update(AuthSession).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))


def login_throttled(*, email: str, ip: str) -> bool:
    """Whether too many recent failures for this account or this address block another try."""
    since = utcnow() - THROTTLE_WINDOW
    failures = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.at >= since,
                                                                   LoginAttempt.success.is_(False))
    by_account = db.session.scalar(failures.where(LoginAttempt.email == email.strip().lower()[:254]))
    by_address = db.session.scalar(failures.where(LoginAttempt.ip == ip[:64]))
    return by_account >= ACCOUNT_FAILURES or by_address >= ADDRESS_FAILURES


def login_attempt(*, email: str, password: str, ip: str, demo_mode: bool) -> User | None:
    """Check credentials, record the attempt and return the user on success."""
    email = email.strip().lower()[:254]
    user = db.session.scalar(select(User).where(User.email == email))
    ok = verify_password(user.password_hash if user else None, password)
    if ok and password == "demo-password" and not demo_mode:
        ok = False  # the published demo password only works on a demo installation
    ok = ok and user is not None and user.active and user.organisation.active
    db.session.add(LoginAttempt(email=email, ip=ip[:64], success=ok))
    if ok and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.flush()
    return user if ok else None
