"""Small form helpers shared by every package."""

from __future__ import annotations


def optional_int(value):
    """Coerce a select's value to an id: '' (or anything not a number) -> None, '12' -> 12."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
