"""Normalisation of names, phone numbers and e-mail addresses for storage, search and matching. Pure."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

DEFAULT_REGION = "FI"
_COMPANY_FORMS = re.compile(r"\b(oy|oyj|ab|ky|tmi|ry|rf|ltd|inc|ay|osk|abp|kommandiittiyhtiö|avoin yhtiö)\b\.?")
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def fold(text: str | None) -> str:
    """Lower-case and collapse spaces (keeps å, ä, ö; used for search text)."""
    return _SPACE.sub(" ", (text or "").strip().lower())


def company_key(name: str | None) -> str:
    """A matching key for company names: case, punctuation and company-form words removed."""
    text = unicodedata.normalize("NFKC", fold(name))
    text = _NON_WORD.sub(" ", text)
    text = _COMPANY_FORMS.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def phone_e164(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """Phone number in E.164 (+358401234567), Finnish numbers by default; None when it is not a valid number."""
    text = (raw or "").strip()
    if not text:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    compact = re.sub(r"[\s()-]", "", text).removesuffix(".0")
    if re.fullmatch(r"358\d{8,10}", compact):
        # The international form typed (or kept by Excel) without its +: 358401234000 -> +358 40 1234000.
        found = phone_e164("+" + compact, region)
        if found:
            return found
    if re.fullmatch(r"\d+(\.0)?", text) and not text.startswith("0"):
        # A number stored as a number in Excel lost its leading zero: 401234567 -> 0401234567.
        text = "0" + text.removesuffix(".0")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str | None) -> str:
    """A stored E.164 number in the national format for Finnish numbers, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 358 else \
        phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, fmt)


def email_normalise(raw: str | None) -> str | None:
    """Lower-cased, trimmed e-mail, or None when it does not look like an address."""
    text = (raw or "").strip().lower()
    if not text:
        return None
    return text if EMAIL_RE.match(text) and len(text) <= 254 else None


def person_key(name: str | None) -> str:
    """A matching key for a person's name at one employer."""
    return _SPACE.sub(" ", _NON_WORD.sub(" ", fold(name))).strip()
