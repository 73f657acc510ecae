"""Writes for second factors: the authenticator app (TOTP), one-time recovery codes and passkeys, and an
administrator's reset. Every change is audited. Never commits."""

from __future__ import annotations

import hmac
import secrets
import time

import pyotp
from sqlalchemy import delete, func, select, update

from app.auth.models import Passkey, RecoveryCode, TotpFactor, User
from app.auth.services import sessions_enrolled, sessions_revoke_all, token_digest
from app.core.audit import audit_record
from app.core.db import utcnow
from app.extensions import db

RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_LENGTH = 16  # 16 symbols of 31: 79 bits, so a plain SHA-256 digest is safe to store
TOTP_DRIFT_STEPS = 1  # a code of the previous or next 30-second step still counts (clock drift, typing time)


def _audit(user: User, action: str, **changes) -> None:
    audit_record(action=action, entity="users", entity_id=user.id, summary=user.email, changes=changes,
                 organisation_id=user.organisation_id)


def totp_secret() -> str:
    """A new random TOTP secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def totp_uri(*, secret: str, user: User, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def _matching_step(secret: str, code: str, after: int | None, now: float | None = None) -> int | None:
    """The time step whose code this is (within the allowed drift and later than `after`), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // totp.interval)
    for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
        if (after is None or step > after) and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def totp_enrol(*, user: User, secret: str, code: str, keep_session_id: int | None = None) -> bool:
    """Keep the app's secret once the user proves it works with a code from it; False when the code is wrong.
    Replacing an app ends the user's other sessions."""
    step = _matching_step(secret, code, None)
    if step is None:
        return False
    factor = db.session.get(TotpFactor, user.id)
    replaced = factor is not None
    if factor is None:
        factor = TotpFactor(user_id=user.id, secret=secret)
        db.session.add(factor)
    factor.secret, factor.last_step, factor.created_at = secret, step, utcnow()
    sessions_enrolled(user=user)
    if replaced:
        sessions_revoke_all(user=user, keep_id=keep_session_id)
    _audit(user, "totp_added", replaced=replaced)
    db.session.flush()
    return True


def totp_verify(*, user: User, code: str) -> bool:
    """Check a code from the user's app; a code is accepted once only (RELIABILITY.md A6)."""
    factor = db.session.get(TotpFactor, user.id, with_for_update=True, populate_existing=True)  # no stale last_step
    if factor is None:
        return False
    step = _matching_step(factor.secret, code, factor.last_step)
    if step is None:
        return False
    factor.last_step = step
    db.session.flush()
    return True


def totp_remove(*, user: User, keep_session_id: int | None) -> None:
    """Remove the authenticator app; the user's other sessions end."""
    db.session.execute(delete(TotpFactor).where(TotpFactor.user_id == user.id))
    sessions_revoke_all(user=user, keep_id=keep_session_id)
    _forget_codes_without_factor(user)
    _audit(user, "totp_removed")


def _forget_codes_without_factor(user: User) -> None:
    """Recovery codes stand in for a factor; with none left they go too."""
    db.session.flush()
    has_factor = (db.session.get(TotpFactor, user.id) is not None
                  or db.session.scalar(select(Passkey.id).where(Passkey.user_id == user.id).limit(1)) is not None)
    if not has_factor:
        db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def _normalise_code(code: str) -> str:
    return "".join(char for char in code.lower() if char.isalnum())


def recovery_codes_create(*, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones; return them (shown once, stored hashed)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH)) for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=token_digest(code)) for code in codes)
    _audit(user, "recovery_codes_created", count=len(codes))
    db.session.flush()
    return ["-".join(code[i:i + 4] for i in range(0, RECOVERY_LENGTH, 4)) for code in codes]


def recovery_code_use(*, user: User, code: str) -> bool:
    """Spend one unused recovery code; False when it is wrong or used already."""
    normalised = _normalise_code(code)
    if len(normalised) != RECOVERY_LENGTH:
        return False
    used = db.session.execute(update(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == token_digest(normalised),
        RecoveryCode.used_at.is_(None)).values(used_at=utcnow())).rowcount
    if used:
        left = db.session.scalar(select(func.count()).select_from(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)))
        _audit(user, "recovery_code_used", left=left)
    return bool(used)


def passkey_add(*, user: User, credential_id: bytes, public_key: bytes, sign_count: int, name: str,
                transports: list[str]) -> Passkey:
    """Keep a verified new passkey of the user."""
    passkey = Passkey(user_id=user.id, credential_id=credential_id, public_key=public_key, sign_count=sign_count,
                      name=name, transports=",".join(transports)[:200])
    db.session.add(passkey)
    sessions_enrolled(user=user)
    _audit(user, "passkey_added", name=name)
    db.session.flush()
    return passkey


def passkey_used(*, passkey: Passkey, sign_count: int) -> None:
    """Remember a passkey's latest signature counter and when it was used."""
    passkey.sign_count, passkey.last_used_at = sign_count, utcnow()
    db.session.flush()


def passkey_remove(*, user: User, passkey_id: int, keep_session_id: int | None) -> bool:
    """Remove one of the user's passkeys; the user's other sessions end. False when it is not theirs."""
    passkey = db.session.scalar(select(Passkey).where(Passkey.id == passkey_id, Passkey.user_id == user.id))
    if passkey is None:
        return False
    _audit(user, "passkey_removed", name=passkey.name)
    db.session.delete(passkey)
    sessions_revoke_all(user=user, keep_id=keep_session_id)
    _forget_codes_without_factor(user)
    return True


def two_factor_reset(*, user: User) -> None:
    """An administrator removes every second factor of a user (lost phone) and ends all their sessions; the user
    sets a factor up again at the next login when their role requires one."""
    db.session.execute(delete(TotpFactor).where(TotpFactor.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(delete(Passkey).where(Passkey.user_id == user.id))
    sessions_revoke_all(user=user)
    _audit(user, "two_factor_reset")
    db.session.flush()
