"""Finnish business ID (Y-tunnus): normalisation and check digit. Pure, no I/O."""

from __future__ import annotations

import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_SEPARATORS = re.compile(r"[\s\u00a0._]+")


def check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no valid ID can end them (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise(raw: str | None) -> str | None:
    """Return the canonical form 1234567-8 of a business ID typed in any common way, or None if it is not one.

    Accepts spaces, a missing dash, the VAT form FI12345678 and the old six-digit form 123456-7.
    """
    if raw is None:
        return None
    text = _SEPARATORS.sub("", str(raw)).upper()
    if text.startswith("FI"):
        text = text[2:]
    if "-" in text:
        body, _, check = text.rpartition("-")
        if len(check) != 1 or "-" in body:
            return None
        text = body + check
    if not text.isdigit() or len(text) not in (7, 8):
        return None
    text = text.zfill(8)
    body, check = text[:7], int(text[7])
    if check_digit(body) != check:
        return None
    return f"{body}-{check}"


def is_valid(raw: str | None) -> bool:
    """Whether `raw` is a business ID with a correct check digit."""
    return normalise(raw) is not None


def with_check_digit(digits: str) -> str | None:
    """Complete seven digits into a valid business ID (used by the demo and scale generators)."""
    check = check_digit(digits)
    return None if check is None else f"{digits}-{check}"
