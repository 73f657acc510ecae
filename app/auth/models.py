"""Organisations, users and their roles, server-side login sessions, login attempts, second factors (TOTP,
recovery codes, passkeys) and network-wide settings."""

from __future__ import annotations

import json
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db import TimestampMixin, utcnow
from app.core.privacy import CODE, declare
from app.extensions import db

ROLES = ("admin", "manager", "coordinator", "consultant", "coach")
ORG_KINDS = ("municipal", "ngo", "college", "private", "other")
LANGUAGES = ("fi", "sv", "en")


class Organisation(TimestampMixin, db.Model):
    """A coaching provider of the regional network."""

    __tablename__ = "organisations"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True, nullable=False, info=declare("network"))
    name: Mapped[str] = mapped_column(String(200), nullable=False, info=declare("network"))
    kind: Mapped[str] = mapped_column(String(20), default="other", nullable=False, info=CODE)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    settings_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=CODE)

    users: Mapped[list[User]] = relationship(back_populates="organisation", lazy="raise_on_sql")

    @property
    def settings(self) -> dict:
        """Organisation settings as a dict."""
        try:
            return json.loads(self.settings_json or "{}")
        except ValueError:
            return {}

    @property
    def audit_label(self) -> str:
        return self.name


class UserRole(db.Model):
    """One role held by a user; a user may hold several."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True, info=CODE)


class User(UserMixin, TimestampMixin, db.Model):
    """A person who logs in; belongs to one organisation."""

    __tablename__ = "users"
    __audit__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False, info=declare("network", "personal"))
    name: Mapped[str] = mapped_column(String(120), nullable=False, info=declare("network", "personal"))
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False, info=CODE)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    language: Mapped[str | None] = mapped_column(String(5), info=CODE)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    organisation: Mapped[Organisation] = relationship(back_populates="users", lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(lazy="selectin", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def roles(self) -> list[str]:
        """The user's role names in the canonical order."""
        held = {row.role for row in self.role_rows}
        return [role for role in ROLES if role in held]

    def has_role(self, role: str) -> bool:
        """Whether the user holds `role`."""
        return any(row.role == role for row in self.role_rows)

    @property
    def is_admin(self) -> bool:
        """Network administrator."""
        return self.has_role("admin")

    @property
    def audit_label(self) -> str:
        return self.email


class AuthSession(db.Model):
    """A server-side login session; logout or deactivation revokes it (RELIABILITY.md B2-B4)."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False, info=CODE)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    ip: Mapped[str] = mapped_column(String(64), default="", nullable=False, info=declare("personal"))
    user_agent: Mapped[str] = mapped_column(String(255), default="", nullable=False, info=declare("personal"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    second_factor: Mapped[str | None] = mapped_column(String(20), info=CODE)  # totp, passkey, recovery or None
    enrolment_required: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)  # set up 2FA first


class LoginAttempt(db.Model):
    """A login attempt, kept for throttling per account and per address."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False, index=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True, info=declare("personal"))
    ip: Mapped[str] = mapped_column(String(64), nullable=False, index=True, info=declare("personal"))
    success: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime)  # a failure no longer counted (success, lifted)


class NetworkSetting(TimestampMixin, db.Model):
    """One setting of the whole network, chosen by the network administrator (e.g. who needs two-factor login)."""

    __tablename__ = "network_settings"
    __audit__ = True

    key: Mapped[str] = mapped_column(String(60), primary_key=True, info=CODE)
    value_json: Mapped[str] = mapped_column(Text, default="null", nullable=False, info=CODE)

    @property
    def value(self):
        """The stored value (JSON)."""
        try:
            return json.loads(self.value_json)
        except ValueError:
            return None

    @property
    def audit_label(self) -> str:
        return self.key


class TotpFactor(db.Model):
    """A user's authenticator app (RFC 6238 TOTP secret); `last_step` refuses a code used once already."""

    __tablename__ = "totp_factors"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64), nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_step: Mapped[int | None] = mapped_column(Integer)


class RecoveryCode(db.Model):
    """One of a user's ten one-time recovery codes, stored hashed."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash: Mapped[str] = mapped_column(String(64), nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Passkey(db.Model):
    """A WebAuthn credential (passkey or security key) registered by a user."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary, unique=True, nullable=False, info=CODE)
    public_key: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, info=CODE)
    sign_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    name: Mapped[str] = mapped_column(String(80), nullable=False, info=declare("personal"))
    transports: Mapped[str] = mapped_column(String(200), default="", nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
