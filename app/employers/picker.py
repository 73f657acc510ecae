"""The one employer picker: a search box (macro `employer_picker` in employers/_picker.html) that lists the network's
employers matching the typed words from one endpoint. Each page that uses it registers a purpose: the template that
shows one employer as a choice (a link, a radio button or buttons) and the roles that may use it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, abort, current_app, request
from flask_login import current_user

from app.core.htmx import render_fragment
from app.employers import bp
from app.employers.selectors import employer_search

MIN_CHARS = 2  # fewer typed letters list nothing (and say so)


@dataclass(frozen=True)
class PickerPurpose:
    """What choosing an employer does on one page: `template` renders one `employer` as a choice."""

    name: str
    template: str
    roles: tuple[str, ...] = ()  # empty: anyone signed in
    radio: bool = False  # the choices are radio buttons of a form: the list is a fieldset with a legend


def register_picker(app: Flask, purpose: PickerPurpose) -> None:
    """Let a page use the employer picker for `purpose.name` (called from a package's setup)."""
    app.extensions.setdefault("employer_pickers", {})[purpose.name] = purpose


def picker_purpose(name: str | None) -> PickerPurpose | None:
    """The registered purpose called `name`, or None."""
    return current_app.extensions.get("employer_pickers", {}).get(name or "")


def may_use(purpose: PickerPurpose) -> bool:
    """True when the acting user has one of the purpose's roles (or it needs none)."""
    return not purpose.roles or any(current_user.has_role(r) for r in ("admin", *purpose.roles))


@bp.get("/employers/picker")
def picker():
    """Employers matching the typed words (`q`, or `employer_q` inside a larger form), as choices for `for`."""
    purpose = picker_purpose(request.args.get("for"))
    if purpose is None or not may_use(purpose):
        abort(404 if purpose is None else 403)
    q = (request.args.get("q") or request.args.get("employer_q") or "").strip()[:100]
    return render_fragment("employers/_picker_choices.html", purpose=purpose, q=q, min_chars=MIN_CHARS,
                           employers=employer_search(q) if len(q) >= MIN_CHARS else [])
