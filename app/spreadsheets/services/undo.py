"""Undo a committed batch (or roll back a failed commit): remove what it created and restore what it updated.

A record whose version moved since the import was changed by someone else: it is left alone and listed with the
reason. So is a created record that others have since linked records to (a contact, a touchpoint, another
organisation's relationship). Never commits: the job commits after each chunk.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select

from app.auth.models import User
from app.core.audit import AuditEvent, audit_record
from app.core.db import utcnow
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.extensions import db
from app.spreadsheets.models import ImportBatch, ImportChange, dumps

ENTITIES = {"employers": Employer, "contact_persons": ContactPerson, "relationships": Relationship}
IGNORED_LINKS = {"employer_tags", "import_changes", "audit_events"}


def _referencing(table_name: str) -> list[tuple]:
    """(table, column) pairs of every foreign key pointing at `table_name`, from the metadata of all packages."""
    found = []
    for table in db.metadata.sorted_tables:
        if table.name in IGNORED_LINKS:
            continue
        for foreign_key in table.foreign_keys:
            one_to_one = list(table.primary_key.columns) == [foreign_key.parent]  # derived data, e.g. cadence
            if foreign_key.column.table.name == table_name and not one_to_one:
                found.append((table, foreign_key.parent))
    return found


def _linked(entity: str, ids: list[int]) -> dict[int, int]:
    """How many records still point at each of `ids` (the batch's own were undone before, newest first)."""
    counts: dict[int, int] = {}
    for _table, column in _referencing(entity):
        stmt = select(column, func.count()).where(column.in_(ids)).group_by(column)
        for target, count in db.session.execute(stmt):
            counts[target] = counts.get(target, 0) + count
    return counts


def _who_changed(entity: str, entity_id: int) -> dict:
    row = db.session.execute(
        select(User.name, AuditEvent.created_at).outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id, AuditEvent.action == "update")
        .order_by(AuditEvent.id.desc()).limit(1)).first()
    if row is None:
        return {"code": "changed_unknown", "params": {}}
    return {"code": "changed", "params": {"who": row.name or "?", "when": row.created_at.isoformat(
        timespec="minutes")}}


def _label(model, obj) -> str:
    if model is Relationship:
        return ""
    return getattr(obj, "name", "") or ""


def changes_undo(*, batch: ImportBatch, changes: list[ImportChange]) -> list[dict]:
    """Undo one chunk of a batch's changes (newest first); return the refused ones with reasons."""
    refused: list[dict] = []
    by_entity: dict[str, list[ImportChange]] = {}
    for change in changes:
        by_entity.setdefault(change.entity, []).append(change)
    touched: set[int] = set()
    for entity in ("relationships", "contact_persons", "employers"):
        items = by_entity.get(entity, [])
        if items:
            refused += _undo_entity(batch, entity, items, touched)
    if touched:
        contacts_touched(touched)
    return refused


def _undo_entity(batch: ImportBatch, entity: str, items: list[ImportChange], touched: set[int]) -> list[dict]:
    model = ENTITIES[entity]
    objects = {obj.id: obj for obj in db.session.scalars(select(model).where(
        model.id.in_([c.entity_id for c in items])))}
    created = [c for c in items if c.action == "create"]
    links = _linked(entity, [c.entity_id for c in created]) if created else {}
    refused, deletions = [], []
    for change in items:
        obj = objects.get(change.entity_id)
        if obj is None:
            change.undone = True
            continue
        reason = _who_changed(entity, obj.id) if obj.version != change.version_after else None
        if reason is None and change.action == "create" and links.get(obj.id):
            reason = {"code": "linked", "params": {"count": links[obj.id]}}
        if reason is not None:
            refused.append({"entity": entity, "id": obj.id, "label": _label(model, obj), "row": change.row_number,
                            **reason})
            continue
        if model is ContactPerson:
            touched.add(obj.employer_id)
        if change.action == "create":
            deletions.append((obj.id, _label(model, obj)))
        else:
            _restore(obj, change.before)
        change.undone = True
    if deletions:
        _delete(batch, model, deletions)
    db.session.flush()
    return refused


def _restore(obj, before: dict) -> None:
    for key, value in before.items():
        if key == "tags_added":
            obj.tag_rows = [row for row in obj.tag_rows if row.tag not in set(value)]
            continue
        setattr(obj, key, date.fromisoformat(value) if key == "started_on" and value else value)


def _delete(batch: ImportBatch, model, deletions: list[tuple[int, str]]) -> None:
    ids = [obj_id for obj_id, _label in deletions]
    db.session.flush()
    if model is Employer:
        db.session.execute(delete(EmployerTag).where(EmployerTag.employer_id.in_(ids)))
    for obj_id, label in deletions:
        audit_record(action="delete", entity=model.__tablename__, entity_id=obj_id,
                     summary=f"{label} (undo of import #{batch.id})"[:300], organisation_id=batch.organisation_id)
    db.session.execute(delete(model).where(model.id.in_(ids)).execution_options(synchronize_session=False))
    for obj_id, _label in deletions:
        obj = db.session.get(model, obj_id)
        if obj is not None:
            db.session.expunge(obj)


def contacts_touched(employer_ids: set[int]) -> None:
    """Recompute search texts of employers whose contacts the undo removed or restored."""
    from app.spreadsheets.services.commit import _refresh_search

    existing = set(db.session.scalars(select(Employer.id).where(Employer.id.in_(sorted(employer_ids)))))
    _refresh_search(existing)


def batch_undone(*, batch: ImportBatch, refused: list[dict], rollback: bool = False,
                 reason: dict | None = None) -> ImportBatch:
    """Record the outcome of an undo (or of the automatic rollback of a failed commit) and audit it."""
    batch.undo_report_json = dumps(refused)
    if rollback:
        batch.status, batch.message_json = "failed", dumps(reason)
    else:
        batch.status, batch.undone_at = "undone", utcnow()
        audit_record(action="undo", entity="import_batches", entity_id=batch.id, summary=batch.file_name,
                     organisation_id=batch.organisation_id, changes={"refused": len(refused)})
    batch.progress_done = batch.progress_total
    db.session.flush()
    return batch
