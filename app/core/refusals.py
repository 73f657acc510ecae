"""Refusals: a service says no with a `Refusal` (the field it is about, if any, and a message for the user).

Every service refusal derives from `Refusal` (RuleError, LeadRefused, TouchpointInvalid, ConflictError, ...); a
subclass adds what its callers need besides (ConflictError the newer record, FileProblem a code). A route attaches
one to its form with `refuse(form, refusal)` and renders the form again with status 422; the API answers a 422
problem; the CLI prints `refusal.text`.
"""

from __future__ import annotations

from typing import Any


class Refusal(Exception):
    """A rule refused the change: `message` (may be a lazy string) is shown to the user, next to `field` if given."""

    field: str | None = None
    message: Any = None

    def __init__(self, message: Any = None, field: str | None = None):
        super().__init__(*[part for part in (field, message) if part is not None])  # the message stays lazy
        if message is not None:
            self.message = message
        self.field = field

    @property
    def text(self) -> str:
        """The message in the current language."""
        return str(self.message) if self.message is not None else ""

    def __str__(self) -> str:
        return f"{self.field}: {self.text}" if self.field else self.text


def refuse(form, refusal: Refusal, fallback: str | None = None) -> None:
    """Show a refusal on a WTForms form: on the field it names (or `fallback`) when the form has it, else above the
    form (`form.form_errors`, which `error_summary(form)` and `form.errors` include)."""
    names = [refusal.field, (refusal.field or "").replace("-", "_"), fallback]
    name = next((n for n in names if n and n in form), None)
    if name is None:
        form.form_errors.append(refusal.text)
    else:
        form[name].errors = [*form[name].errors, refusal.text]
