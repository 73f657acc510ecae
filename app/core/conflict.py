"""Optimistic locking for forms (RELIABILITY.md finding 9): compare the version the form was loaded with."""

from __future__ import annotations

from typing import Any


class ConflictError(Exception):
    """The record changed since the form was loaded; `current` is the record as it is now."""

    def __init__(self, current: Any):
        super().__init__("stale version")
        self.current = current


def check_version(obj: Any, expected: Any) -> None:
    """Raise ConflictError when the form's version is not the record's current version."""
    try:
        expected_version = int(expected)
    except (TypeError, ValueError):
        raise ConflictError(obj) from None
    if expected_version != obj.version:
        raise ConflictError(obj)
