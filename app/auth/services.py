"""Writes for users, organisations, sessions, login attempts and network settings. Never commits."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets

from sqlalchemy import select, update

from app.auth.models import ROLES, AuthSession, LoginAttempt, NetworkSetting, Organisation, User, UserRole
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.core.audit import audit_record
from app.core.db import utcnow
from app.extensions import db

log = logging.getLogger("ratko.auth")


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


def session_start(*, user: User, ip: str, user_agent: str, second_factor: str | None = None,
                  enrolment_required: bool = False) -> str:
    """Open a server-side session for `user` and return its secret token."""
    token = secrets.token_urlsafe(32)
    db.session.add(AuthSession(token_hash=token_digest(token), user_id=user.id, ip=ip[:64],
                               user_agent=user_agent[:255], second_factor=second_factor,
                               enrolment_required=enrolment_required))
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


def sessions_revoke_all(*, user: User, keep_id: int | None = None) -> None:
    """Revoke every open session of a user (but `keep_id`, the one in use, when given)."""
    statement = update(AuthSession).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
    if keep_id is not None:
        statement = statement.where(AuthSession.id != keep_id)
    db.session.execute(statement.values(revoked_at=utcnow()))


def session_revoke(*, user: User, session_id: int) -> bool:
    """End one of the user's own sessions; False when there is no such open session of theirs."""
    result = db.session.execute(update(AuthSession).where(
        AuthSession.id == session_id, AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow()))
    return bool(result.rowcount)


def sessions_enrolled(*, user: User) -> None:
    """The user has set up a second factor: none of their sessions needs to send them to the set-up page."""
    db.session.execute(update(AuthSession).where(AuthSession.user_id == user.id,
                                                 AuthSession.enrolment_required.is_(True))
                       .values(enrolment_required=False))


def login_attempt(*, email: str, password: str, ip: str, demo_mode: bool) -> User | None:
    """Check the password; record a failure (a success is recorded once the login completes) and return the user."""
    email = email.strip().lower()[:254]
    user = db.session.scalar(select(User).where(User.email == email))
    ok = verify_password(user.password_hash if user else None, password)
    if ok and password == "demo-password" and not demo_mode:
        ok = False  # the published demo password only works on a demo installation
    ok = ok and user is not None and user.active and user.organisation.active
    if not ok:
        attempt_record(email=email, ip=ip, success=False)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.flush()
    return user


def attempt_record(*, email: str, ip: str, success: bool) -> None:
    """Record a login attempt; a success clears the pair's earlier failures (they no longer slow it down)."""
    email, ip = email.strip().lower()[:254], ip[:64]
    if success:
        db.session.execute(update(LoginAttempt).where(
            LoginAttempt.email == email, LoginAttempt.ip == ip, LoginAttempt.success.is_(False),
            LoginAttempt.cleared_at.is_(None)).values(cleared_at=utcnow()))
    db.session.add(LoginAttempt(email=email, ip=ip, success=success))
    db.session.flush()


def login_lock_lift(*, email: str | None, ip: str | None) -> int:
    """An administrator lifts a lock: the failures of the pair (or of the whole address or account) stop counting."""
    statement = update(LoginAttempt).where(LoginAttempt.success.is_(False), LoginAttempt.cleared_at.is_(None))
    if email:
        statement = statement.where(LoginAttempt.email == email.strip().lower()[:254])
    if ip:
        statement = statement.where(LoginAttempt.ip == ip[:64])
    if not (email or ip):
        return 0
    lifted = db.session.execute(statement.values(cleared_at=utcnow())).rowcount
    audit_record(action="login_lock_lifted", entity="login_attempts", entity_id=None,
                 summary=" / ".join(part for part in (email, ip) if part), changes={"failures": lifted})
    return lifted


def network_setting_set(*, key: str, value) -> NetworkSetting:
    """Store a network-wide setting (audited like any change)."""
    setting = db.session.get(NetworkSetting, key) or NetworkSetting(key=key)
    setting.value_json = json.dumps(value, ensure_ascii=False, sort_keys=True)
    db.session.add(setting)
    db.session.flush()
    return setting
