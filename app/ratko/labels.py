"""Translated labels for the RATKO package's stored codes, and the template helpers that use them."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.i18n import fmt_date, fmt_hours
from app.ratko.gates import override_text

PHASE_LABELS = {
    "commitment": _l("Commitment"), "coaching": _l("Coaching the work community"),
    "matching": _l("Matching task and worker"), "consolidation": _l("Consolidation"),
}
PHASE_SHORT = {"commitment": _l("Commit"), "coaching": _l("Coach"), "matching": _l("Match"),
               "consolidation": _l("Consolidate")}
STATUS_LABELS = {"active": _l("Active"), "seeded": _l("Seeded, revisit later"), "declined": _l("Declined"),
                 "completed": _l("Completed")}
OUTCOME_LABELS = {"filled": _l("Bundle created and filled"),
                  "created_not_filled": _l("Bundle created, not yet filled"),
                  "no_bundle": _l("No bundle carved")}
MOTIVATION_LABELS = {"diversity_goal": _l("Own diversity goal"), "external_obligation": _l("External obligation"),
                     "other": _l("Other")}
DECISION_LABELS = {"pending": _l("Not decided yet"), "go": _l("Go"), "no_go": _l("No go")}
KEY_ROLE_LABELS = {"management": _l("Management"), "supervisor": _l("Supervisor"), "inductor": _l("Inductor"),
                   "key_person": _l("Key person")}
ACTIVITY_LABELS = {"preparation": _l("Preparation"), "workshops": _l("Workshops"),
                   "task_descriptions": _l("Writing task descriptions"), "assessment": _l("Assessment"),
                   "communication": _l("Communication")}
CATEGORY_LABELS = {"core": _l("Core"), "supplementary": _l("Supplementary"), "extra": _l("Extra")}
FREQUENCY_LABELS = {"daily": _l("Daily"), "weekly": _l("Weekly"), "monthly": _l("Monthly"),
                    "occasionally": _l("Occasionally")}
PERIOD_LABELS = {"week": _l("h/week"), "month": _l("h/month")}
BUNDLE_STATUS_LABELS = {"draft": _l("Draft"), "agreed": _l("Agreed with the employer"),
                        "published": _l("Published as a lead"), "filled": _l("Filled")}
LANGUAGE_LABELS = {"fi": "suomi", "sv": "svenska", "en": "English"}


def label(table: dict, code: str | None) -> str:
    """The translated label of a stored code (the code itself when unknown)."""
    return str(table.get(code, code or ""))


def choices(table: dict, blank: bool = False) -> list[tuple]:
    """(code, label) pairs for a select. The labels stay lazy: form classes build their choices once, at import, and
    each request renders them in its own language."""
    return ([("", "—")] if blank else []) + list(table.items())


def frees_text(by_role) -> str:
    """"Frees 3.5 h/week from ward nurse, 2 h from secretary" for a bundle's role breakdown."""
    parts = []
    for index, group in enumerate(g for g in by_role if g.hours > 0):
        hours = fmt_hours(group.hours)
        parts.append(_("%(hours)s h/week from %(role)s", hours=hours, role=group.role) if index == 0
                     else _("%(hours)s h from %(role)s", hours=hours, role=group.role))
    return _("Frees %(parts)s", parts=", ".join(parts)) if parts else ""


def iso_date(value: str | None) -> str:
    """A stored ISO date (checklist ticks) in the user's format."""
    try:
        return fmt_date(date.fromisoformat(value)) if value else ""
    except ValueError:
        return ""


def _event_value(kind: str, value: str | None) -> str:
    if value is None:
        return "—"
    code, _sep, detail = value.partition(":")
    table = {"phase": PHASE_LABELS, "status": STATUS_LABELS, "decision": DECISION_LABELS}.get(kind, {})
    text = label(table, code)
    if detail and code == "seeded":
        return _("%(status)s (revisit %(date)s)", status=text, date=iso_date(detail))
    if detail and code == "completed":
        return _("%(status)s: %(outcome)s", status=text, outcome=label(OUTCOME_LABELS, detail))
    return text


def event_text(event) -> str:
    """One line of an engagement's history: "Phase: Commitment → Coaching"."""
    if event.kind == "override":
        return _("Gate overridden: moved to %(phase)s %(gates)s", phase=label(PHASE_LABELS, event.new_value),
                 gates=override_text(event.old_value))
    kinds = {"phase": _("Phase"), "status": _("Status"), "decision": _("Management's decision")}
    old = _event_value(event.kind, event.old_value) if event.old_value else None
    new = _event_value(event.kind, event.new_value)
    head = kinds.get(event.kind, event.kind)
    return _("%(what)s: %(old)s → %(new)s", what=head, old=old, new=new) if old else \
        _("%(what)s: %(new)s", what=head, new=new)


def elsewhere_text(elsewhere) -> str:
    """"Pohjolan Työvalmennus (Maija Mäkinen) already runs RATKO with this employer." for a list of RatkoElsewhere."""
    names = ", ".join(_("%(organisation)s (%(contact)s)", organisation=o.organisation, contact=o.contact)
                      if o.contact else o.organisation for o in elsewhere)
    return _("Already running RATKO with this employer: %(names)s. Agree with them who works with which work "
             "community, so the employer is not approached twice.", names=names)


def minutes_text(minutes: int | None) -> str:
    """Minutes as "1 h 30 min"."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(h)d h %(m)d min", h=hours, m=rest)
    return _("%(h)d h", h=hours) if hours else _("%(m)d min", m=rest)


def template_labels() -> dict:
    """Label helpers for RATKO templates."""
    return {
        "ratko_phase": lambda code: label(PHASE_LABELS, code),
        "ratko_phase_short": lambda code: label(PHASE_SHORT, code),
        "ratko_status": lambda code: label(STATUS_LABELS, code),
        "ratko_outcome": lambda code: label(OUTCOME_LABELS, code),
        "ratko_motivation": lambda code: label(MOTIVATION_LABELS, code),
        "ratko_decision": lambda code: label(DECISION_LABELS, code),
        "ratko_key_role": lambda code: label(KEY_ROLE_LABELS, code),
        "ratko_activity": lambda code: label(ACTIVITY_LABELS, code),
        "ratko_category": lambda code: label(CATEGORY_LABELS, code),
        "ratko_frequency": lambda code: label(FREQUENCY_LABELS, code),
        "ratko_period": lambda code: label(PERIOD_LABELS, code),
        "ratko_bundle_status": lambda code: label(BUNDLE_STATUS_LABELS, code),
        "ratko_language": lambda code: LANGUAGE_LABELS.get(code, code),
        "ratko_frees": frees_text,
        "ratko_iso_date": iso_date,
        "ratko_event": event_text,
        "ratko_minutes": minutes_text,
        "ratko_gates": override_text,
        "ratko_elsewhere": elsewhere_text,
    }
