"""Shared helpers of the RATKO services: the rule error and field assignment."""

from __future__ import annotations

from app.core.refusals import Refusal


class RuleError(Refusal, ValueError):
    """A RATKO rule refused the change; `message` is shown to the user, `field` names the form field if any."""


def assign(obj, data: dict, fields: tuple[str, ...]) -> None:
    """Copy the given fields from `data` (strings trimmed, empty strings stored as None)."""
    for name in fields:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip() or None
            setattr(obj, name, value)
