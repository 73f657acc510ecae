"""Writes for the carving board: bundles (new jobs) and moving tasks between the uncarved column and bundles.

A move carries the task's version: a stale move (someone moved or edited the task meanwhile) raises ConflictError
and changes nothing. Positions of the other tasks in the target column follow the order the client saw, written
with one UPDATE that does not bump their versions, so re-ordering never makes a colleague's next move stale.
"""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _  # lazy: services also run outside requests (CLI, tests)
from sqlalchemy import case, func, select, update

from app.core.conflict import check_version
from app.core.db import assign
from app.extensions import db
from app.ratko.hours import HoursError, parse_hours
from app.ratko.models import BUNDLE_STATUSES, Bundle, Engagement, Task
from app.ratko.services.common import RuleError

log = logging.getLogger("ratko.ratko")
BUNDLE_FIELDS = ("title", "purpose", "hours_per_week", "schedule", "place", "working_conditions", "requirements",
                 "guided_by", "status")


def _clean_bundle(data: dict) -> dict:
    clean = {k: data[k] for k in BUNDLE_FIELDS if k in data}
    if "title" in clean and not (clean["title"] or "").strip():
        raise RuleError(_("Give the bundle a title, for example ward assistant."), "title")
    if "title" in clean:
        clean["title"] = clean["title"].strip()[:200]
    if "status" in clean and clean["status"] not in BUNDLE_STATUSES:
        raise RuleError(_("Unknown bundle status."), "status")
    if clean.get("hours_per_week") not in (None, ""):
        try:
            clean["hours_per_week"] = parse_hours(clean["hours_per_week"])
            if clean["hours_per_week"] < 0 or clean["hours_per_week"] > 60:
                raise HoursError(_("Agreed hours are between 0 and 60 a week."))
        except HoursError as error:
            raise RuleError(error.message, "hours_per_week") from None
    elif "hours_per_week" in clean:
        clean["hours_per_week"] = None
    return clean


def bundle_create(*, engagement: Engagement, data: dict) -> Bundle:
    """Open a new task bundle (a new job) on an engagement's board, as its last column."""
    clean = _clean_bundle({"title": "", **data})
    position = db.session.scalar(select(func.max(Bundle.position)).where(Bundle.engagement_id == engagement.id)) or 0
    bundle = Bundle(engagement_id=engagement.id, organisation_id=engagement.organisation_id, status="draft",
                    position=position + 1)
    assign(bundle, clean, BUNDLE_FIELDS)
    db.session.add(bundle)
    db.session.flush()
    log.info("bundle %s opened on engagement %s", bundle.id, engagement.id)
    return bundle


def bundle_update(*, bundle: Bundle, data: dict, expected_version) -> Bundle:
    """Edit a bundle's job description; refuses a stale version."""
    check_version(bundle, expected_version)
    assign(bundle, _clean_bundle(data), BUNDLE_FIELDS)
    db.session.flush()
    return bundle


def bundle_delete(*, bundle: Bundle) -> int:
    """Delete a bundle; its tasks go back to the end of the uncarved column. Returns how many went back."""
    tasks = list(db.session.scalars(select(Task).where(Task.bundle_id == bundle.id).order_by(Task.position, Task.id)))
    last = db.session.scalar(select(func.max(Task.position)).where(Task.engagement_id == bundle.engagement_id,
                                                                   Task.bundle_id.is_(None))) or 0
    for offset, task in enumerate(tasks, start=1):
        task.bundle_id = None
        task.position = last + offset
    db.session.flush()
    db.session.delete(bundle)
    db.session.flush()
    log.info("bundle %s deleted, %d tasks back to uncarved", bundle.id, len(tasks))
    return len(tasks)


def task_move(*, task: Task, bundle: Bundle | None, expected_version, order: list[int] | None = None) -> Task:
    """Move a task into a bundle (or back to uncarved, bundle=None) at the place given by `order`, the ids of the
    target column as the mover saw them. Refuses a stale version and a bundle of another engagement."""
    check_version(task, expected_version)
    if bundle is not None and (bundle.engagement_id != task.engagement_id
                               or bundle.organisation_id != task.organisation_id):
        raise RuleError(_("This task cannot go into a bundle of another engagement."))
    target_id = bundle.id if bundle is not None else None
    in_column = select(Task.id).where(Task.engagement_id == task.engagement_id, Task.id != task.id,
                                      Task.bundle_id.is_(None) if target_id is None else Task.bundle_id == target_id)
    others = list(db.session.scalars(in_column.order_by(Task.position, Task.id)))
    known = set(others)
    wanted = [i for i in dict.fromkeys(order or []) if i in known or i == task.id]
    if task.id in wanted:
        final = wanted + [i for i in others if i not in wanted]
    else:  # no place given (keyboard move): the end of the column
        final = others + [task.id]
    positions = {task_id: index for index, task_id in enumerate(final, start=1)}
    task.bundle_id = target_id
    task.position = positions[task.id]
    db.session.flush()  # version-checked UPDATE of the moved task
    rest = {i: p for i, p in positions.items() if i != task.id}
    if rest:
        db.session.execute(update(Task).where(Task.id.in_(list(rest)))
                           .values(position=case(rest, value=Task.id)).execution_options(synchronize_session=False))
        for other in list(db.session.identity_map.values()):
            if isinstance(other, Task) and other.id in rest:
                db.session.expire(other, ["position"])
    return task


def task_quick_add(*, engagement: Engagement, role: str, description: str, hours, period: str = "week",
                   category: str = "extra") -> Task:
    """Add an uncarved task straight from the board (role, description, hours)."""
    from app.ratko.services.workshops import task_add

    return task_add(engagement=engagement, data={"role": role, "description": description, "hours_value": hours,
                                                 "hours_period": period, "category": category})
