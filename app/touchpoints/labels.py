"""Translated labels for the touchpoint package's stored codes and worklist states."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHANNEL_LABELS = {
    "call": _l("Call"), "visit": _l("Visit"), "walk_in": _l("Walk-in"), "fair": _l("Fair or event"),
    "email": _l("E-mail"), "meeting": _l("Meeting"), "workshop": _l("Workshop"), "other": _l("Other"),
}
PURPOSE_LABELS = {
    "first_contact": _l("First contact"), "keep_in_touch": _l("Keeping in touch"),
    "needs_mapping": _l("Needs mapping"), "placement_follow_up": _l("Placement follow-up"), "ratko": _l("RATKO"),
    "other": _l("Other"),
}
OUTCOME_LABELS = {
    "meeting_booked": _l("Meeting booked"), "lead_found": _l("Lead found"), "hire": _l("Hire"),
    "work_trial": _l("Work trial agreed"), "empty_visit": _l("Empty visit"), "no_answer": _l("No answer"),
}
KIND_LABELS = {"relationship": _l("Contact due"), "promise": _l("Promise"), "next_step": _l("Next step")}
STATE_LABELS = {"overdue": _l("Overdue"), "due": _l("Due"), "upcoming": _l("Due soon"), "ok": _l("Up to date"),
                "paused": _l("Paused"), "snoozed": _l("Snoozed"), "done": _l("Done")}
SCOPE_LABELS = {"mine": _l("Mine"), "organisation": _l("My organisation"), "owner": _l("One owner")}


def _label(table: dict, code: str | None) -> str:
    return str(table.get(code, code or ""))


def template_labels() -> dict:
    """Label helpers for templates."""
    return {
        "touch_channel_label": lambda code: _label(CHANNEL_LABELS, code),
        "purpose_label": lambda code: _label(PURPOSE_LABELS, code),
        "outcome_label": lambda code: _label(OUTCOME_LABELS, code),
        "work_state_label": lambda code: _label(STATE_LABELS, code),
    }
