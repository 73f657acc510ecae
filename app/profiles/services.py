"""Writes for the catalogue, demand profiles and bundle adaptations. Never commits."""

from __future__ import annotations

import json
import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.audit import audit_record
from app.core.conflict import check_version
from app.core.db import assign, utcnow
from app.core.refusals import Refusal
from app.extensions import db
from app.profiles.comparison import valid_rating
from app.profiles.models import LANGS, Characteristic, DemandProfile, DemandRating
from app.ratko.models import Bundle, EngagementNote, Task

log = logging.getLogger("ratko.profiles")
ITEM_FIELDS = ("group_id", "code", "position", *(f"name_{lang}" for lang in LANGS),
               *(f"description_{lang}" for lang in LANGS))
HEADER_FIELDS = ("assessed_on", "assessed_by_id", "assessor_name", "licensed", "note")


class InUseError(Refusal):
    """A catalogue item that is rated somewhere cannot be deleted (deactivate it instead)."""

    def __init__(self, code: str, name: str):
        super().__init__(_l("%(name)s is used in profiles and cannot be deleted. Deactivate it instead.", name=name))
        self.code = code


def characteristic_create(*, data: dict) -> Characteristic:
    """Add an item to the catalogue."""
    item = Characteristic(active=True, levels_json=json.dumps(data.get("levels") or {}, ensure_ascii=False))
    assign(item, data, ITEM_FIELDS)
    db.session.add(item)
    db.session.flush()
    return item


def characteristic_update(*, item: Characteristic, data: dict, expected_version) -> Characteristic:
    """Edit an item's wording, group or order; refuses a stale version."""
    check_version(item, expected_version)
    assign(item, data, ITEM_FIELDS)
    if "levels" in data:
        item.levels_json = json.dumps(data["levels"] or {}, ensure_ascii=False, sort_keys=True)
    db.session.flush()
    return item


def characteristic_set_active(*, item: Characteristic, active: bool) -> Characteristic:
    """Deactivate an item (hidden from new ratings, kept in existing profiles) or bring it back."""
    item.active = active
    db.session.flush()
    return item


def characteristic_delete(*, item: Characteristic) -> None:
    """Delete an item nobody has rated; raises InUseError when a profile uses it (the database refuses too)."""
    name = item.name()
    used = db.session.scalar(select(DemandRating.profile_id).where(DemandRating.characteristic_id == item.id)
                             .limit(1))
    if used is not None:
        raise InUseError(item.code, name)
    try:
        with db.session.begin_nested():
            db.session.delete(item)
            db.session.flush()
    except IntegrityError:  # rated in a capability profile (a table this package does not know)
        raise InUseError(item.code, name) from None


def _profile_for(*, organisation_id: int, task: Task | None = None, bundle: Bundle | None = None) -> DemandProfile:
    column, owner = (DemandProfile.task_id, task) if task is not None else (DemandProfile.bundle_id, bundle)
    profile = db.session.scalar(select(DemandProfile).where(column == owner.id))
    if profile is None:
        profile = DemandProfile(organisation_id=organisation_id, task_id=getattr(task, "id", None),
                                bundle_id=getattr(bundle, "id", None), licensed=False)
        db.session.add(profile)
        db.session.flush()
    return profile


def _check(level) -> None:
    if level is not None and not valid_rating(level):
        raise ValueError(f"rating out of range: {level!r}")


def task_demand_save(*, task: Task, header: dict, ratings: dict[int, int | None],
                     expected_version=None) -> DemandProfile:
    """Save a task's demand profile: header and one level per item (None = not rated)."""
    profile = _profile_for(organisation_id=task.organisation_id, task=task)
    if expected_version not in (None, ""):
        check_version(profile, expected_version)
    assign(profile, header, HEADER_FIELDS)
    existing = {r.characteristic_id: r for r in db.session.scalars(
        select(DemandRating).where(DemandRating.profile_id == profile.id))}
    changes = {}
    for item_id, level in ratings.items():
        _check(level)
        row = existing.get(item_id)
        old = row.level if row else None
        if old != level:
            changes[str(item_id)] = [old, level]
        if level is None and row is not None:
            db.session.delete(row)
        elif level is not None:
            if row is None:
                db.session.add(DemandRating(profile_id=profile.id, characteristic_id=item_id, level=level))
            else:
                row.level = level
    if changes:
        profile.updated_at = utcnow()  # bumps the version: a concurrent edit of the ratings is refused
    db.session.flush()
    if changes:
        audit_record(action="ratings", entity=DemandProfile.__tablename__, entity_id=profile.id,
                     summary=f"task {task.id}", changes=changes, organisation_id=task.organisation_id)
    return profile


def bundle_profile_save(*, bundle: Bundle, header: dict, overrides: dict[int, tuple[int | None, str | None]],
                        key: set[int], expected_version=None) -> DemandProfile:
    """Save a bundle profile's header, per-item overrides (level and reason) and key items."""
    profile = _profile_for(organisation_id=bundle.organisation_id, bundle=bundle)
    if expected_version not in (None, ""):
        check_version(profile, expected_version)
    assign(profile, header, HEADER_FIELDS)
    existing = {r.characteristic_id: r for r in db.session.scalars(
        select(DemandRating).where(DemandRating.profile_id == profile.id))}
    changes = {}
    for item_id in set(overrides) | set(existing) | key:
        level, reason = overrides.get(item_id, (None, None))
        _check(level)
        is_key = item_id in key
        row = existing.get(item_id)
        before = (row.level, row.reason, row.key) if row else (None, None, False)
        after = (level, (reason or "").strip() or None if level is not None else None, is_key)
        if before == after:
            continue
        changes[str(item_id)] = [list(before), list(after)]
        if after == (None, None, False):
            db.session.delete(row)
        elif row is None:
            db.session.add(DemandRating(profile_id=profile.id, characteristic_id=item_id, level=after[0],
                                        reason=after[1], key=is_key))
        else:
            row.level, row.reason, row.key = after
    if changes:
        profile.updated_at = utcnow()
    db.session.flush()
    if changes:
        audit_record(action="overrides", entity=DemandProfile.__tablename__, entity_id=profile.id,
                     summary=f"bundle {bundle.id}", changes=changes, organisation_id=bundle.organisation_id)
    return profile


def task_unbundle(*, task: Task, organisation_id: int, expected_version, reason: str = "") -> Bundle | None:
    """Move a task out of its bundle (back to the inventory); checks organisation and the task's version."""
    if task.organisation_id != organisation_id:
        raise PermissionError("task of another organisation")
    check_version(task, expected_version)
    bundle_id = task.bundle_id
    if bundle_id is None:
        return None
    task.bundle_id = None
    db.session.flush()
    audit_record(action="unbundle", entity=Task.__tablename__, entity_id=task.id,
                 summary=(reason or "moved out of the bundle in a comparison")[:300],
                 changes={"bundle_id": bundle_id}, organisation_id=organisation_id)
    log.info("task %s moved out of bundle %s", task.id, bundle_id)
    return db.session.get(Bundle, bundle_id)


def adaptation_note_add(*, bundle: Bundle, author_id: int | None, body: str) -> EngagementNote:
    """Save an adaptation choice for a gap as a matching-phase note of the bundle's engagement."""
    note = EngagementNote(engagement_id=bundle.engagement_id, organisation_id=bundle.organisation_id,
                          phase="matching", author_id=author_id, body=body.strip())
    db.session.add(note)
    db.session.flush()
    return note
