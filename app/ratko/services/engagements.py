"""Writes for engagements: create, edit, phase, status and decision changes (each writes an EngagementEvent),
checklist ticks, notes per phase, key persons and the consultant's time."""

from __future__ import annotations

import json
import logging
from datetime import date

from flask_babel import LazyString
from flask_babel import lazy_gettext as _  # lazy: services also run outside requests (CLI, tests)
from sqlalchemy import func, select

from app.core.audit import audit_record
from app.core.conflict import check_version
from app.core.dates import today
from app.core.db import assign
from app.employers import services as employer_services
from app.extensions import db
from app.ratko import checklists, gates
from app.ratko.models import (
    ACTIVITIES,
    DECISIONS,
    KEY_ROLES,
    MOTIVATIONS,
    OUTCOMES,
    PHASES,
    STATUSES,
    Bundle,
    Engagement,
    EngagementEvent,
    EngagementNote,
    KeyPerson,
    TimeEntry,
)
from app.ratko.services.common import RuleError

log = logging.getLogger("ratko.ratko")
ENGAGEMENT_FIELDS = ("title", "site_id", "consultant_id", "coach_id", "motivation", "motivation_note", "language")
LANGUAGES = ("fi", "sv", "en")


def _event(engagement: Engagement, kind: str, old: str | None, new: str | None, actor=None,
           note: str | None = None) -> EngagementEvent:
    event = EngagementEvent(engagement_id=engagement.id, kind=kind, old_value=old, new_value=new,
                            user_id=getattr(actor, "id", None), note=(note or "").strip() or None)
    db.session.add(event)
    return event


def _check_choices(data: dict) -> None:
    if data.get("motivation") not in (None, "", *MOTIVATIONS):
        raise RuleError(_("Choose a motivation from the list."), "motivation")
    if data.get("language") not in (None, *LANGUAGES):
        raise RuleError(_("Choose Finnish, Swedish or English."), "language")


def engagement_create(*, organisation_id: int, employer, data: dict, actor=None) -> Engagement:
    """Start a RATKO engagement with an employer (phase commitment, status active, decision pending); my
    organisation's relationship with the employer is started or marked active, so the network sees who works there."""
    _check_choices(data)
    engagement = Engagement(organisation_id=organisation_id, employer_id=employer.id, phase="commitment",
                            status="active", decision="pending", language="fi", checklist_json="{}")
    assign(engagement, data, ENGAGEMENT_FIELDS)
    if not engagement.title:
        engagement.title = employer.name
    if engagement.consultant_id is None and actor is not None:
        engagement.consultant_id = actor.id
    engagement.language = engagement.language or "fi"
    db.session.add(engagement)
    db.session.flush()
    _event(engagement, "phase", None, "commitment", actor)
    employer_services.relationship_mark_working(organisation_id=organisation_id, employer=employer,
                                                owner_id=engagement.consultant_id)
    db.session.flush()
    log.info("engagement %s started with employer %s", engagement.id, employer.id)
    return engagement


def engagement_update(*, engagement: Engagement, data: dict, expected_version) -> Engagement:
    """Edit an engagement's facts (title, people, motivation, language); refuses a stale version."""
    check_version(engagement, expected_version)
    _check_choices(data)
    assign(engagement, data, ENGAGEMENT_FIELDS)
    engagement.language = engagement.language or "fi"
    db.session.flush()
    return engagement


def _is_manager(actor) -> bool:
    return actor is not None and (getattr(actor, "is_admin", False) or actor.has_role("manager"))


def engagement_set_phase(*, engagement: Engagement, phase: str, expected_version, actor=None,
                         note: str | None = None, override_reason: str | None = None) -> Engagement:
    """Move an engagement to another phase and record it in the history. A forward move needs its gates (go before
    the workshops, a bundle before matching); a manager may pass an unmet gate with a reason (audited, shown)."""
    check_version(engagement, expected_version)
    if phase not in PHASES:
        raise RuleError(_("Unknown phase."), "phase")
    if phase == engagement.phase:
        return engagement
    bundles = db.session.scalar(select(func.count(Bundle.id)).where(Bundle.engagement_id == engagement.id)) or 0
    gate = gates.check(current=engagement.phase, target=phase, decision=engagement.decision, bundle_count=bundles)
    reason = (override_reason or "").strip()[:500]
    if not gate.ok and not reason:
        hint = _("A manager can override this with a reason.")
        raise RuleError(LazyString(lambda: " ".join([*gate.messages(), str(hint)])), "phase")
    if not gate.ok and not _is_manager(actor):
        raise RuleError(_("Only a manager can override a phase gate."), "phase")
    if not gate.ok:
        _event(engagement, "override", ",".join(gate.unmet), phase, actor, reason)
        audit_record(action="phase_override", entity=Engagement.__tablename__, entity_id=engagement.id,
                     summary=reason, organisation_id=engagement.organisation_id,
                     changes={"phase": [engagement.phase, phase], "unmet": list(gate.unmet)})
    _event(engagement, "phase", engagement.phase, phase, actor, note)
    engagement.phase = phase
    db.session.flush()
    log.info("engagement %s moved to %s%s", engagement.id, phase, " past a gate by override" if not gate.ok else "")
    return engagement


def engagement_set_status(*, engagement: Engagement, status: str, expected_version, actor=None,
                          revisit_on: date | None = None, outcome: str | None = None,
                          note: str | None = None) -> Engagement:
    """Change the status: "seeded" needs a revisit date, "completed" needs an honest outcome."""
    check_version(engagement, expected_version)
    if status not in STATUSES:
        raise RuleError(_("Unknown status."), "status")
    if status == "seeded" and revisit_on is None:
        raise RuleError(_("A seeded engagement needs a date to revisit the employer."), "revisit_on")
    if status == "seeded" and revisit_on < today():
        raise RuleError(_("The revisit date must not be in the past."), "revisit_on")
    if status == "completed" and outcome not in OUTCOMES:
        raise RuleError(_("Completing needs an outcome: was a bundle carved, and was it filled?"), "outcome")
    old = engagement.status
    detail = {"seeded": revisit_on.isoformat() if revisit_on else None, "completed": outcome}.get(status)
    engagement.status = status
    engagement.revisit_on = revisit_on if status == "seeded" else None
    engagement.outcome = outcome if status == "completed" else None
    engagement.completed_on = (engagement.completed_on or today()) if status == "completed" else None
    if old != status or detail:
        _event(engagement, "status", old, status if not detail else f"{status}:{detail}"[:40], actor, note)
    db.session.flush()
    return engagement


def engagement_decide(*, engagement: Engagement, decision: str, expected_version, actor=None,
                      decided_on: date | None = None, decided_by: str | None = None,
                      note: str | None = None) -> Engagement:
    """Record management's go or no-go (with date and who decided), or set it back to pending."""
    check_version(engagement, expected_version)
    if decision not in DECISIONS:
        raise RuleError(_("Unknown decision."), "decision")
    if decision != "pending" and not (decided_by or "").strip():
        raise RuleError(_("Say who decided, for example the head of the unit."), "decided_by")
    old = engagement.decision
    engagement.decision = decision
    decided = decision != "pending"
    engagement.decided_on = (decided_on or today()) if decided else None
    engagement.decided_by = ((decided_by or "").strip()[:200] or None) if decided else None
    _event(engagement, "decision", old, decision, actor, note or engagement.decided_by)
    db.session.flush()
    return engagement


def engagement_tick(*, engagement: Engagement, item: str, done: bool, on: date | None = None) -> Engagement:
    """Tick (or untick) one checklist item ("phase:item"); the tick stores its date."""
    if item not in checklists.item_codes():
        raise RuleError(_("Unknown checklist item."))
    ticks = engagement.checklist
    if done:
        ticks.setdefault(item, (on or today()).isoformat())
    else:
        ticks.pop(item, None)
    new_json = json.dumps(ticks, sort_keys=True)
    if new_json != engagement.checklist_json:
        engagement.checklist_json = new_json
        db.session.flush()
    return engagement


def note_add(*, engagement: Engagement, phase: str, body: str, actor=None) -> EngagementNote:
    """Add a note to one phase of an engagement."""
    if phase not in PHASES:
        raise RuleError(_("Unknown phase."), "phase")
    if not (body or "").strip():
        raise RuleError(_("Write the note first."), "body")
    note = EngagementNote(engagement_id=engagement.id, organisation_id=engagement.organisation_id, phase=phase,
                          author_id=getattr(actor, "id", None), body=body.strip())
    db.session.add(note)
    db.session.flush()
    return note


def note_delete(*, note: EngagementNote) -> None:
    """Delete a phase note."""
    db.session.delete(note)
    db.session.flush()


def key_person_add(*, engagement: Engagement, role: str, name: str | None = None, contact=None) -> KeyPerson:
    """Name a person of the employer (a contact, or just a name) with a role in the engagement."""
    if role not in KEY_ROLES:
        raise RuleError(_("Choose a role from the list."), "role")
    if contact is not None and contact.employer_id != engagement.employer_id:
        raise RuleError(_("Choose a contact person of this employer."), "contact_id")
    person_name = (name or "").strip() or (contact.name if contact is not None else "")
    if not person_name:
        raise RuleError(_("Choose a contact person or write a name."), "name")
    person = KeyPerson(engagement_id=engagement.id, organisation_id=engagement.organisation_id, role=role,
                       contact_id=contact.id if contact is not None else None, name=person_name[:120])
    db.session.add(person)
    db.session.flush()
    return person


def key_person_remove(*, person: KeyPerson) -> None:
    """Remove a key person from an engagement."""
    db.session.delete(person)
    db.session.flush()


def time_add(*, engagement: Engagement, activity: str, spent_on: date, minutes: int, actor=None,
             note: str | None = None) -> TimeEntry:
    """Log the consultant's time on one activity of an engagement."""
    if activity not in ACTIVITIES:
        raise RuleError(_("Choose an activity from the list."), "activity")
    if not minutes or minutes <= 0 or minutes > 24 * 60:
        raise RuleError(_("Give the time in minutes, between 1 and 1440."), "minutes")
    entry = TimeEntry(engagement_id=engagement.id, organisation_id=engagement.organisation_id, activity=activity,
                      spent_on=spent_on or today(), minutes=int(minutes), user_id=getattr(actor, "id", None),
                      note=(note or "").strip()[:300] or None)
    db.session.add(entry)
    db.session.flush()
    return entry


def time_remove(*, entry: TimeEntry) -> None:
    """Delete a time entry."""
    db.session.delete(entry)
    db.session.flush()
