"""Search helpers shared by selectors: LIKE patterns and the accent- and case-folding of search keys."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark (Nordic, Sámi and a few others).
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ŋ": "n", "ŧ": "t", "ł": "l",
                               "þ": "th", "ı": "i"})


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with %, _ and \\ escaped (use with escape="\\\\")."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_fold(text: str | None) -> str:
    """Text as stored and searched in search keys: case and accents removed (Kärnä, KARNA -> karna; Åland -> aland),
    spaces collapsed. Search columns hold this form and queries are folded the same way, on every database."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_UNDECOMPOSED).split())


def search_words(query: str | None, *, limit: int = 5) -> list[str]:
    """The folded words of a search query (at most `limit`), each to be matched anywhere in a folded column."""
    return search_fold(query).split()[:limit]


def matches_words(column, query: str | None, *, limit: int = 5) -> list:
    """WHERE clauses: the folded `column` contains every folded word of `query` (empty for an empty query)."""
    return [column.like(like_pattern(word), escape="\\") for word in search_words(query, limit=limit)]
