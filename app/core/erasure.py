"""Erasure that reaches everything (issue 11 item 4), worked out from the schema and the privacy declarations.

Erasing a person (a job seeker, an employer contact person) starts from their row and follows every foreign key that
points at it, as the schema says: rows that reference it with ``ON DELETE CASCADE`` go with it (and so on down:
consents and their history, placements with their plan and follow-ups); rows that reference it with ``SET NULL``
stay but lose the link, and every ``personal`` column they hold is masked (a RATKO key person copied from a contact,
a candidate proposal). Every audit row of every record that goes keeps the fact of the event and loses its values;
audit rows of a record that stays lose the link and its personal values (``audit_scrub_many``). Packages holding
copies no foreign key can find (staged import rows, stored uploads) register a step with ``register_erasure_step``.
``erasure_plan`` answers what the erase page lists; ``erase`` does it in the caller's transaction and records one
audit event with the counts, never the values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy import Table, delete, select, update

from app.core.audit import MASK, audit_record, audit_scrub_many
from app.core.privacy import PERSONAL, classes_of, needs_declaration
from app.extensions import db


@dataclass
class ErasurePlan:
    """What erasing one row takes with it: rows deleted and rows unlinked (table -> ids), and the registered steps'
    own descriptions (label -> count)."""

    table: str
    row_id: int
    deleted: dict[str, list] = field(default_factory=dict)
    unlinked: dict[str, list] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows per table that go (the person's own row included)."""
        return {table: len(ids) for table, ids in self.deleted.items() if ids}

    def unlinked_counts(self) -> dict[str, int]:
        """Rows per table that stay without the link (their personal values masked)."""
        return {table: len(ids) for table, ids in self.unlinked.items() if ids}


@dataclass(frozen=True)
class ErasureStep:
    """A package's part of an erasure: `describe(plan) -> {label: count}` for the page, `run(plan)` to do it."""

    table: str
    describe: Callable[[ErasurePlan], dict]
    run: Callable[[ErasurePlan], None]


def register_erasure_step(app: Flask, step: ErasureStep) -> None:
    """Add a package's own erasure step for people of `step.table` (e.g. staged import rows of a contact)."""
    app.extensions.setdefault("ratko_erasure", []).append(step)


def _steps(table: str) -> list[ErasureStep]:
    return [s for s in current_app.extensions.get("ratko_erasure", []) if s.table == table]


def _key(table: Table):
    """The single-column primary key of a table (None for composite keys: those rows are counted by their parent)."""
    columns = list(table.primary_key.columns)
    return columns[0] if len(columns) == 1 else None


def _references(parent: Table):
    """(child table, column, ondelete) for every foreign key pointing at `parent`'s primary key."""
    for child in db.metadata.sorted_tables:
        for constraint in child.foreign_key_constraints:
            if constraint.referred_table is parent and len(constraint.columns) == 1:
                yield child, list(constraint.columns)[0], (constraint.ondelete or "").upper()


def erasure_plan(table_name: str, row_id: int) -> ErasurePlan:
    """Every row that goes with one row, and every row that only loses its link to it (one query per reference)."""
    plan = ErasurePlan(table=table_name, row_id=row_id, deleted={table_name: [row_id]})
    pending = [(db.metadata.tables[table_name], [row_id])]
    while pending:
        parent, ids = pending.pop()
        for child, column, ondelete in _references(parent):
            key = _key(child)
            found = list(db.session.scalars(select(key if key is not None else column).where(column.in_(ids))))
            if not found:
                continue
            if ondelete == "CASCADE":
                plan.deleted.setdefault(child.name, []).extend(found)
                if key is not None:
                    pending.append((child, found))
            elif key is not None:
                plan.unlinked.setdefault(child.name, []).extend(found)
    for step in _steps(table_name):
        plan.extra.update(step.describe(plan))
    return plan


def _personal_keys(table: Table, subject: str) -> set[str]:
    """The audit keys of a staying row that concern the erased person: its personal columns and its link."""
    links = {column.name for constraint in table.foreign_key_constraints for column in constraint.columns
             if constraint.referred_table.name == subject}
    return links | {column.name for column in table.columns if PERSONAL in classes_of(column)}


def _mask_personal(table: Table, ids: list) -> None:
    """Mask every declared personal text column of rows that stay (nullable ones become NULL)."""
    values = {column.name: (None if column.nullable else MASK) for column in table.columns
              if PERSONAL in classes_of(column) and needs_declaration(column)}
    key = _key(table)
    if values and key is not None:
        db.session.execute(update(table).where(key.in_(ids)).values(**values))


def erase(table_name: str, row_id: int, *, reason: str, organisation_id: int | None = None) -> ErasurePlan:
    """Erase one person's row and everything that goes with it; mask what stays; scrub the audit log."""
    plan = erasure_plan(table_name, row_id)
    for step in _steps(table_name):
        step.run(plan)
    for name, ids in plan.deleted.items():
        if _key(db.metadata.tables[name]) is not None:
            audit_scrub_many(entity=name, entity_ids=ids)
    for name, ids in plan.unlinked.items():
        table = db.metadata.tables[name]
        _mask_personal(table, ids)
        audit_scrub_many(entity=name, entity_ids=ids, keys=_personal_keys(table, table_name))
    _forget(plan)
    table = db.metadata.tables[table_name]
    db.session.execute(delete(table).where(_key(table) == row_id))  # the database cascades the rest
    counts = {**{f"deleted {t}": n for t, n in plan.counts().items()},
              **{f"unlinked {t}": n for t, n in plan.unlinked_counts().items()}, **plan.extra}
    audit_record(action="erase", entity=table_name, entity_id=row_id, summary=f"GDPR erasure: {reason}"[:300],
                 organisation_id=organisation_id, changes=counts)
    db.session.flush()
    return plan


def _forget(plan: ErasurePlan) -> None:
    """Flush pending changes, then drop the session's copies of rows the database is about to delete or change."""
    db.session.flush()
    gone = {name: set(ids) for name, ids in [*plan.deleted.items(), *plan.unlinked.items()]}
    for obj in list(db.session.identity_map.values()):
        table = getattr(obj, "__table__", None)
        key = _key(table) if table is not None else None
        if key is not None and getattr(obj, key.key, None) in gone.get(table.name, ()):
            db.session.expunge(obj)
