"""Shared helpers of the RATKO services: the rule error."""

from __future__ import annotations

from app.core.refusals import Refusal


class RuleError(Refusal, ValueError):
    """A RATKO rule refused the change; `message` is shown to the user, `field` names the form field if any."""
