"""Writes for workshops, their participants and the task inventory."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _  # lazy: services also run outside requests (CLI, tests)
from sqlalchemy import func, select

from app.core.conflict import check_version
from app.core.db import assign
from app.extensions import db
from app.ratko.hours import HoursError, check_hours, parse_hours
from app.ratko.models import CATEGORIES, FREQUENCIES, Engagement, Participant, Task, Workshop
from app.ratko.services.common import RuleError

log = logging.getLogger("ratko.ratko")
WORKSHOP_FIELDS = ("held_on", "duration_minutes", "facilitator_id", "session_number", "notes")
TASK_FIELDS = ("role", "description", "category", "hours_value", "hours_period", "frequency", "left_undone",
               "burdens_staff", "needs_qualification", "collective_agreement", "flag_note")
FLAGS = ("left_undone", "burdens_staff", "needs_qualification", "collective_agreement")


def _check_workshop(data: dict) -> None:
    minutes = data.get("duration_minutes")
    if minutes is not None and not 10 <= minutes <= 8 * 60:
        raise RuleError(_("Give the duration in minutes (10–480)."), "duration_minutes")
    number = data.get("session_number")
    if number is not None and not 1 <= number <= 99:
        raise RuleError(_("The session number is between 1 and 99."), "session_number")


def workshop_create(*, engagement: Engagement, data: dict, actor=None) -> Workshop:
    """Plan or record a workshop of an engagement (next session number unless given)."""
    _check_workshop(data)
    last = db.session.scalar(select(func.max(Workshop.session_number))
                             .where(Workshop.engagement_id == engagement.id)) or 0
    workshop = Workshop(engagement_id=engagement.id, organisation_id=engagement.organisation_id,
                        session_number=last + 1, duration_minutes=90, facilitator_id=getattr(actor, "id", None))
    assign(workshop, {k: v for k, v in data.items() if v is not None or k in ("notes", "facilitator_id")},
           WORKSHOP_FIELDS)
    db.session.add(workshop)
    db.session.flush()
    log.info("workshop %s added to engagement %s", workshop.id, engagement.id)
    return workshop


def workshop_update(*, workshop: Workshop, data: dict, expected_version) -> Workshop:
    """Edit a workshop; refuses a stale version."""
    check_version(workshop, expected_version)
    _check_workshop(data)
    assign(workshop, {k: v for k, v in data.items() if v is not None or k in ("notes", "facilitator_id")},
           WORKSHOP_FIELDS)
    db.session.flush()
    return workshop


def workshop_delete(*, workshop: Workshop) -> None:
    """Delete a workshop and its participants; its tasks stay in the engagement's inventory."""
    for task in db.session.scalars(select(Task).where(Task.workshop_id == workshop.id)):
        task.workshop_id = None
        task.participant_id = None
    db.session.flush()
    db.session.delete(workshop)
    db.session.flush()


def participant_add(*, workshop: Workshop, name: str, role: str, contact=None, employer_id: int | None = None
                    ) -> Participant:
    """Add a member of the work community (chosen by the employer) to a workshop."""
    if contact is not None and employer_id is not None and contact.employer_id != employer_id:
        raise RuleError(_("Choose a contact person of this employer."), "contact_id")
    name = (name or "").strip() or (contact.name if contact is not None else "")
    role = (role or "").strip() or ((contact.title or "") if contact is not None else "")
    if not name:
        raise RuleError(_("Write the participant's name."), "name")
    if not role:
        raise RuleError(_("Write the participant's role, for example ward nurse."), "role")
    participant = Participant(workshop_id=workshop.id, organisation_id=workshop.organisation_id, name=name[:120],
                              role=" ".join(role.split())[:120], contact_id=getattr(contact, "id", None))
    db.session.add(participant)
    db.session.flush()
    return participant


def participant_remove(*, participant: Participant) -> None:
    """Remove a participant; their tasks keep the role and stay in the inventory."""
    for task in db.session.scalars(select(Task).where(Task.participant_id == participant.id)):
        task.participant_id = None
    db.session.flush()
    db.session.delete(participant)
    db.session.flush()


def _clean_task(data: dict, participant: Participant | None) -> dict:
    clean = {k: data[k] for k in TASK_FIELDS if k in data}
    if "hours_value" in clean:
        try:
            clean["hours_value"] = parse_hours(clean["hours_value"])
            check_hours(clean["hours_value"], clean.get("hours_period") or "week")
        except HoursError as error:
            raise RuleError(error.message, "hours_value") from None
    if clean.get("hours_period", "week") not in ("week", "month"):
        raise RuleError(_("Hours are per week or per month."), "hours_period")
    if "category" in clean and clean["category"] not in CATEGORIES:
        raise RuleError(_("Choose core, supplementary or extra."), "category")
    if clean.get("frequency") not in (None, "", *FREQUENCIES):
        raise RuleError(_("Choose a frequency from the list."), "frequency")
    role = " ".join((clean.get("role") or "").split()) or (participant.role if participant is not None else "")
    if "role" in clean or participant is not None:
        if not role:
            raise RuleError(_("Whose work is this? Write the role, for example ward nurse."), "role")
        clean["role"] = role[:120]
    if "description" in clean and not (clean["description"] or "").strip():
        raise RuleError(_("Describe the task."), "description")
    for flag in FLAGS:
        if flag in clean:
            clean[flag] = bool(clean[flag])
    return clean


def _participant_for(engagement_id: int, participant_id) -> Participant | None:
    if not participant_id:
        return None
    participant = db.session.get(Participant, participant_id)
    workshop = db.session.get(Workshop, participant.workshop_id) if participant else None
    if workshop is None or workshop.engagement_id != engagement_id:
        raise RuleError(_("Choose a participant of this engagement's workshops."), "participant_id")
    return participant


def task_add(*, engagement: Engagement, data: dict, workshop: Workshop | None = None) -> Task:
    """Add a task to the inventory (uncarved); hours are checked (not negative, at most 40 h/week)."""
    if workshop is not None and workshop.engagement_id != engagement.id:
        raise RuleError(_("This workshop belongs to another engagement."))
    participant = _participant_for(engagement.id, data.get("participant_id"))
    clean = _clean_task({"category": "extra", "hours_period": "week", "role": "", "description": "",
                         "hours_value": 0, **data}, participant)
    position = db.session.scalar(select(func.max(Task.position)).where(Task.engagement_id == engagement.id,
                                                                        Task.bundle_id.is_(None))) or 0
    task = Task(engagement_id=engagement.id, organisation_id=engagement.organisation_id,
                workshop_id=workshop.id if workshop is not None else None,
                participant_id=participant.id if participant is not None else None, position=position + 1,
                left_undone=False, burdens_staff=False, needs_qualification=False, collective_agreement=False)
    assign(task, clean, TASK_FIELDS)
    task.description = task.description[:500]
    db.session.add(task)
    db.session.flush()
    return task


def task_update(*, task: Task, data: dict, expected_version) -> Task:
    """Edit a task in place; refuses a stale version and implausible hours."""
    check_version(task, expected_version)
    if "hours_value" in data and "hours_period" not in data:
        data = {**data, "hours_period": task.hours_period}
    participant = _participant_for(task.engagement_id, data.get("participant_id")) \
        if "participant_id" in data else None
    clean = _clean_task(data, participant)
    if "participant_id" in data:
        task.participant_id = participant.id if participant is not None else None
    assign(task, clean, TASK_FIELDS)
    db.session.flush()
    return task


def task_delete(*, task: Task) -> None:
    """Remove a task from the inventory (and from its bundle)."""
    db.session.delete(task)
    db.session.flush()
