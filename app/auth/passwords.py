"""Password hashing (argon2id, RELIABILITY.md 2.3) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON = frozenset({
    "password1234", "salasana1234", "qwertyuiopas", "123456789012", "demo-password", "password123!",
    "welcome12345", "tervetuloa12", "ratko-ratko1", "jobcoach1234", "letmein12345", "iloveyou1234",
})
DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; spends the same time when there is no user to compare against."""
    try:
        return _hasher.verify(password_hash or DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash uses weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, context: tuple[str, ...] = ()) -> str | None:
    """Return why a new password is not acceptable, or None."""
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in COMMON or len(set(lowered)) < 4:
        return str(_l("This password is too common or too simple."))
    if any(word and len(word) >= 4 and word.lower() in lowered for word in context):
        return str(_l("Do not use your name, e-mail or organisation in the password."))
    return None
