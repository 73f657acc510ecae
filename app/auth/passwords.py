"""Password hashing (argon2id, RELIABILITY.md 2.3) and the password policy: length, zxcvbn's strength estimate and no
context words (RELIABILITY.md A1: "ratko", the organisation, the user's name and e-mail)."""

from __future__ import annotations

import re
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON = frozenset({
    "password1234", "salasana1234", "qwertyuiopas", "123456789012", "demo-password", "password123!",
    "welcome12345", "tervetuloa12", "ratko-ratko1", "jobcoach1234", "letmein12345", "iloveyou1234",
})
DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")
SERVICE_WORDS = ("ratko", "jobcoach", "työvalmennus")
MIN_SCORE = 4  # zxcvbn: 4 = at least 10^10 guesses, "strong protection from an offline slow-hash attack"
ZXCVBN_MAX = 72  # zxcvbn refuses longer input; a longer password is judged by its first 72 characters
_zxcvbn_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dictionary while it runs


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


def context_words(*, email: str = "", name: str = "", organisation_name: str = "",
                  organisation_slug: str = "") -> tuple[str, ...]:
    """Words a password must not contain: the service's, the organisation's, and the user's name and e-mail parts."""
    local, _at, domain = email.lower().partition("@")
    parts = [local, *re.split(r"[._+-]+", local), *domain.split(".")[:-1], *name.lower().split(),
             *re.split(r"[\s-]+", organisation_name.lower()), organisation_slug.lower(), *SERVICE_WORDS]
    return tuple(dict.fromkeys(word for word in parts if len(word) >= 4))


def _context_word_in(password: str, context: tuple[str, ...]) -> str | None:
    lowered = password.lower()
    for word in (*SERVICE_WORDS, *context):
        if len(word) >= 4 and word.lower() in lowered:
            return word.lower()
    return None


def _estimate(password: str, context: tuple[str, ...]) -> dict:
    with _zxcvbn_lock:
        return zxcvbn(password[:ZXCVBN_MAX], user_inputs=[*SERVICE_WORDS, *context])


def _matches(sequence: list[dict]):
    for match in sequence:
        yield match
        yield from _matches(match.get("base_matches") or [])


def password_problem(password: str, *, context: tuple[str, ...] = ()) -> str | None:
    """Return why a new password is not acceptable (in the user's language), or None."""
    if len(password) < MIN_LENGTH:
        return str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in COMMON or len(set(lowered)) < 4:
        return str(_l("This password is too common or too simple."))
    word = _context_word_in(password, context)
    estimate = _estimate(password, context)
    if word is None:  # zxcvbn also finds context words written backwards or with digits for letters (r4tk0)
        word = next((m["matched_word"] for m in _matches(estimate["sequence"])
                     if m.get("dictionary_name") == "user_inputs"), None)
    if word:
        return str(_l('Do not use "%(word)s" in your password: anyone who knows you or this service could guess it.',
                      word=word))
    if estimate["score"] < MIN_SCORE:
        return str(_l("This password is too easy to guess. Add a few more words or make it longer."))
    return None
