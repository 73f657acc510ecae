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
from app.core.search_index import index_forget
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.extensions import db
from app.spreadsheets.models import ImportBatch, ImportChange, dumps

# In the order an undo deletes: what points at an employer goes before the employer.
ENTITIES = {"relationships": Relationship, "contact_persons": ContactPerson, "employers": Employer}
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


def _who_changed(entity: str, entity_id: int, since) -> dict:
    row = db.session.execute(
        select(User.name, AuditEvent.created_at).outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id, AuditEvent.action == "update",
               AuditEvent.created_at >= since)
        .order_by(AuditEvent.id.desc()).limit(1)).first()
    if row is None:
        return {"code": "changed_unknown", "params": {}}
    return {"code": "changed", "params": {"who": row.name or "?", "when": row.created_at.isoformat(
        timespec="minutes")}}


def _since(batch: ImportBatch):
    """Changes by others come after the commit (or, for a failed commit being rolled back, after its preview)."""
    return batch.committed_at or batch.previewed_at or batch.created_at


def _label(model, obj) -> str:
    if model is Relationship:
        return ""
    return getattr(obj, "name", "") or ""


def updates_undo(*, batch: ImportBatch, changes: list[ImportChange]) -> list[dict]:
    """Restore the values before the import of one chunk of updated records; return the refused ones."""
    refused: list[dict] = []
    touched: set[int] = set()
    for entity in ("relationships", "contact_persons", "employers"):
        items = [c for c in changes if c.entity == entity]
        if not items:
            continue
        model = ENTITIES[entity]
        objects = {obj.id: obj for obj in db.session.scalars(select(model).where(
            model.id.in_([c.entity_id for c in items])))}
        for change in items:
            obj = objects.get(change.entity_id)
            if obj is not None and obj.version != change.version_after:
                refused.append({"entity": entity, "id": obj.id, "label": _label(model, obj),
                                "row": change.row_number, **_who_changed(entity, obj.id, _since(batch))})
                continue
            if obj is not None:
                _restore(obj, change.before)
                if model is ContactPerson:
                    touched.add(obj.employer_id)
            change.undone = True
    db.session.flush()
    if touched:
        contacts_touched(touched)
    return refused


def created_undo(*, batch: ImportBatch, entity: str, ids: list[int]) -> list[dict]:
    """Delete one chunk of records the batch created (found by their import_batch_id stamp); return the refused.

    A created record is never updated by its own batch, so any version but 1 means someone changed it since."""
    model = ENTITIES[entity]
    rows = db.session.execute(select(model.id, model.version, *_label_columns(model)).where(model.id.in_(ids))).all()
    links = _linked(entity, ids)
    refused, deletions = [], []
    for row in rows:
        label = _row_label(model, row)
        reason = _who_changed(entity, row.id, _since(batch)) if row.version != 1 else None
        if reason is None and links.get(row.id):
            reason = {"code": "linked", "params": {"count": links[row.id]}}
        if reason is not None:
            refused.append({"entity": entity, "id": row.id, "label": label, "row": None, **reason})
        else:
            deletions.append((row.id, label))
    touched = set()
    if model is ContactPerson and deletions:
        touched = set(db.session.scalars(select(ContactPerson.employer_id).where(
            ContactPerson.id.in_([d[0] for d in deletions]))))
    if deletions:
        _delete(batch, model, deletions)
    if touched:
        contacts_touched(touched)
    return refused


def _label_columns(model) -> list:
    return [] if model is Relationship else [model.name]


def _row_label(model, row) -> str:
    return "" if model is Relationship else row.name or ""


def _restore(obj, before: dict) -> None:
    """Put the values before the import back (tags: remove only the ones the import added)."""
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
    index_forget(model.__tablename__, ids)  # a bulk delete goes around the search index's flush hook


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
