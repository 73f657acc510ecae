"""What the leads and placements services share: the refusal exception and texts stored in a fixed language."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from app.core.refusals import Refusal


class LeadRefused(Refusal):
    """A rule refused a lead, proposal or placement change; `message` is shown to the user next to `field`."""

    def __init__(self, field: str, message):
        super().__init__(message, field)  # the message may be a lazy string: formatted only where it is shown


def stored_text(message: str, *, language: str | None, **params) -> str:
    """A translated text that is stored (not shown): in the author's language, or Finnish, also outside requests."""
    with force_locale(language or "fi"):
        return gettext(message, **params)
