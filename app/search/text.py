"""Search text and queries, folded the same way (pure): case and accents gone (``search_fold``), words split at
punctuation, phone numbers as digits in both the national and the international form, the Y-tunnus with and without
its hyphen.

A document is its words joined by single spaces with a space before the first and after the last, so "a word that
starts with xy" is the substring " xy" on both engines: three characters, which the SQLite trigram index and
pg_trgm can both answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.search import search_fold

_SEPARATORS = re.compile(r"[^\w@.&+]+")
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")
MIN_QUERY = 2  # characters of the longest word before anything is searched
MAX_WORDS = 6
MAX_QUERY = 100


def index_words(text: str | None) -> list[str]:
    """The folded words of a text: "Kärnä-Mäki Oy (Joensuu)" -> ["karna", "maki", "oy", "joensuu"]."""
    return [word.strip(".") for word in _SEPARATORS.split(search_fold(text)) if word.strip(".")]


def phone_forms(phone: str | None) -> list[str]:
    """A phone number as the digit strings a person may type: +358 40 123 4567 -> 358401234567 and 0401234567."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return []
    if digits.startswith("358"):
        return [digits, "0" + digits[3:]]
    if digits.startswith("0") and not digits.startswith("00"):
        return [digits, "358" + digits[1:]]
    return [digits]


def business_id_forms(business_id: str | None) -> list[str]:
    """The Y-tunnus as written (1234567-8) and without the hyphen (12345678)."""
    if not business_id:
        return []
    return [business_id, business_id.replace("-", "")]


def document(*parts: str | None) -> str:
    """The search text of a record from its parts, the label first (its words rank a result above the others)."""
    words = [word for part in parts for word in index_words(part)]
    return f" {' '.join(words)} " if words else ""


@dataclass(frozen=True)
class Query:
    """A parsed search: the folded words (a phone number or Y-tunnus typed in any format is one word of digits)."""

    raw: str
    words: tuple[str, ...]

    @property
    def searchable(self) -> bool:
        """Long enough to search: a word of two characters or more (a single character would match everything)."""
        return any(len(word) >= MIN_QUERY for word in self.words)

    @property
    def first(self) -> str:
        """The first word (ranks labels that start with it first)."""
        return self.words[0] if self.words else ""


def parse_query(raw: str | None) -> Query:
    """Fold a query the way documents are folded; "040-123 4567", "+358 40 1234567" and "1234567-8" become digits."""
    text = (raw or "").strip()[:MAX_QUERY]
    compact = re.sub(r"\D", "", text)
    if len(compact) >= 5 and _PHONE_LIKE.fullmatch(text):
        return Query(raw=text, words=(compact,))
    words = list(dict.fromkeys(index_words(text)))[:MAX_WORDS]
    return Query(raw=text, words=tuple(words))
