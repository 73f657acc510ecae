"""Translated labels for the profiles package's stored codes, and template helpers."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.profiles.catalogue import level_names

FAMILY_LABELS = {"psychosocial": _l("Psychosocial and cognitive (MELBA-like)"),
                 "physical": _l("Physical, environment and work organisation (IMBA-like)")}
STATUS_LABELS = {"gap": _l("Gap"), "fit": _l("Fit"), "under_challenge": _l("Possible under-challenge"),
                 "not_assessed": _l("Not assessed"), "not_required": _l("Not required")}
ADAPTATIONS = {"tailor_task": _l("Tailor the task"), "adapt_conditions": _l("Adapt working conditions"),
               "aid": _l("An aid or assistive device"), "training": _l("Training or support at work"),
               "other": _l("Other")}

CATEGORY_LABELS = {"core": _l("Core task"), "supplementary": _l("Supplementary task"), "extra": _l("Extra work")}
BUNDLE_STATUS_LABELS = {"draft": _l("Draft"), "agreed": _l("Agreed"), "published": _l("Published"),
                        "filled": _l("Filled")}


def rating_label(level: int | None, side: str | None = None) -> str:
    """'3 · Moderate', or a dash for no rating; `side` gives level 0 its demand or capability wording."""
    if level is None:
        return "—"
    return f"{level} · {level_names(side=side).get(level, '')}"


def template_labels() -> dict:
    """Label helpers for templates."""
    return {
        "family_label": lambda code: str(FAMILY_LABELS.get(code, code)),
        "match_status_label": lambda code: str(STATUS_LABELS.get(code, code)),
        "adaptation_label": lambda code: str(ADAPTATIONS.get(code, code)),
        "rating_label": rating_label,
        "demand_label": lambda level: rating_label(level, "demand"),
        "ability_label": lambda level: rating_label(level, "capability"),
        "task_category_label": lambda code: str(CATEGORY_LABELS.get(code, code)),
        "bundle_status_label": lambda code: str(BUNDLE_STATUS_LABELS.get(code, code)),
    }
