"""Page contexts shared by the RATKO routes (assembled from selectors; no writes)."""

from __future__ import annotations

from flask_login import current_user

from app.employers import selectors as employer_selectors
from app.ratko import checklists, selectors
from app.ratko.forms import (
    DecisionForm,
    EngagementForm,
    FollowUpForm,
    KeyPersonForm,
    NoteForm,
    PhaseForm,
    StatusForm,
    TimeForm,
)
from app.ratko.hours import bundle_summary, freed_time, freed_total
from app.ratko.labels import ACTIVITY_LABELS


def user_choices() -> list[tuple]:
    """(id, name) choices of my organisation's active users, with a blank first."""
    return [("", "—")] + [(u.id, u.name) for u in selectors.organisation_users(user=current_user)]


def engagement_form(employer, engagement=None, *, fresh: bool = False) -> EngagementForm:
    """The engagement form with site and people choices filled in."""
    kwargs = {"formdata": None} if fresh else {}
    if engagement is not None and fresh:
        kwargs["obj"] = engagement
    form = EngagementForm(**kwargs)
    form.site_id.choices = [("", "—")] + [(s.id, s.name) for s in employer_selectors.employer_sites(employer)]
    form.consultant_id.choices = user_choices()
    form.coach_id.choices = user_choices()
    if engagement is not None and fresh:
        form.version.data = engagement.version
    return form


def contact_choices(employer) -> list[tuple]:
    """(id, "name, title") choices of an employer's current contacts, with a blank first."""
    return [("", "—")] + [(c.id, f"{c.name}, {c.title}" if c.title else c.name)
                          for c in employer_selectors.employer_contacts(employer)]


def state_forms(engagement, **overrides) -> dict:
    """The phase, status and decision forms, pre-filled from the engagement unless a submitted one is given."""
    forms = {
        "phase_form": PhaseForm(formdata=None, phase=engagement.phase, version=engagement.version),
        "status_form": StatusForm(formdata=None, status=engagement.status, revisit_on=engagement.revisit_on,
                                  outcome=engagement.outcome or "", version=engagement.version),
        "decision_form": DecisionForm(formdata=None, decision=engagement.decision, decided_on=engagement.decided_on,
                                      decided_by=engagement.decided_by, version=engagement.version),
    }
    forms.update(overrides)
    return forms


def engagement_page(engagement, **overrides) -> dict:
    """Everything the engagement page shows."""
    employer = selectors.employer_of(engagement)
    tasks = selectors.engagement_tasks(engagement)
    bundles = selectors.engagement_bundles(engagement)
    workshops = selectors.engagement_workshops(engagement)
    time_entries = selectors.engagement_time(engagement)
    time_totals = {code: 0 for code in ACTIVITY_LABELS}
    for entry in time_entries:
        time_totals[entry.activity] = time_totals.get(entry.activity, 0) + entry.minutes
    freed = freed_time(tasks)
    events = selectors.engagement_events(engagement)
    key_form = KeyPersonForm(formdata=None)
    key_form.contact_id.choices = contact_choices(employer)
    context = {
        "engagement": engagement, "employer": employer, "phases": checklists.phases(),
        "names": selectors.user_names(user=current_user), "workshops": workshops,
        "flagged": [w for w, _n in workshops if selectors.workshop_flagged(engagement, w)],
        "bundles": [(b, bundle_summary([t for t in tasks if t.bundle_id == b.id])) for b in bundles],
        "freed": freed, "freed_total": freed_total(freed), "task_count": len(tasks),
        "notes": selectors.engagement_notes(engagement), "note_form": NoteForm(formdata=None),
        "key_persons": selectors.engagement_key_persons(engagement), "key_form": key_form,
        "time_entries": time_entries, "time_totals": time_totals, "time_form": TimeForm(formdata=None),
        "events": events, "overrides": [e for e in events if e.kind == "override"],
        "elsewhere": selectors.ratko_elsewhere(user=current_user, employer_id=engagement.employer_id),
        "consolidation": selectors.engagement_consolidation(engagement),
        "follow_ups": selectors.engagement_follow_ups(engagement), "follow_up_form": FollowUpForm(formdata=None),
    }
    context.update(state_forms(engagement))
    context.update(overrides)
    return context
