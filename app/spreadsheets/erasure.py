"""Erasing a contact person reaches the imports too (issue 11 item 4): no foreign key leads from a staged row or an
uploaded file to the person, so this step finds them by the import changes that created or updated the contact and
by the person's name, e-mail or phone in staged rows and samples. Their values are masked (the row keeps its number
and its error codes), the values before an update are masked, and the uploaded files of those batches are deleted
(a spreadsheet cannot be masked in place; a batch not yet committed must be uploaded again)."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select

from app.core.audit import MASK
from app.core.erasure import ErasurePlan, ErasureStep
from app.core.search import like_pattern
from app.employers.models import ContactPerson
from app.extensions import db
from app.spreadsheets.models import ImportBatch, ImportChange, ImportFile, ImportRow, dumps


def _needles(contact_id: int) -> list[str]:
    contact = db.session.get(ContactPerson, contact_id)
    values = [contact.name, contact.email, contact.phone] if contact is not None else []
    return [v for v in values if v and len(v.strip()) >= 4]


def _found(plan: ErasurePlan) -> tuple[list[ImportRow], list[ImportChange], list[ImportBatch]]:
    """Staged rows, recorded changes and batches that hold the contact's values."""
    changes = list(db.session.scalars(select(ImportChange).where(
        ImportChange.entity == ContactPerson.__tablename__, ImportChange.entity_id == plan.row_id)))
    needles = _needles(plan.row_id)
    by_value = [ImportRow.raw_json.like(like_pattern(n), escape="\\") for n in needles]
    by_change = [(ImportRow.batch_id == c.batch_id) & (ImportRow.row_number == c.row_number)
                 for c in changes if c.row_number is not None]
    rows = list(db.session.scalars(select(ImportRow).where(or_(*by_value, *by_change)))) \
        if by_value or by_change else []
    samples = [ImportBatch.samples_json.like(like_pattern(n), escape="\\") for n in needles]
    batch_ids = {r.batch_id for r in rows} | {c.batch_id for c in changes}
    batches = list(db.session.scalars(select(ImportBatch).where(or_(ImportBatch.id.in_(batch_ids), *samples)))) \
        if batch_ids or samples else []
    return rows, changes, batches


def describe(plan: ErasurePlan) -> dict:
    """What the erase page lists for the imports."""
    rows, _changes, batches = _found(plan)
    files = db.session.scalar(select(db.func.count()).select_from(ImportFile).where(
        ImportFile.batch_id.in_([b.id for b in batches]))) if batches else 0
    return {str(_l("Imported rows with the person's details (masked)")): len(rows),
            str(_l("Uploaded files that contain the person (deleted)")): files or 0} if rows or files else {}


def _masked_issues(text: str) -> str:
    try:
        issues = json.loads(text or "[]")
    except ValueError:
        return "[]"
    return dumps([{**i, "params": {}} if isinstance(i, dict) else MASK for i in issues])


def run(plan: ErasurePlan) -> None:
    """Mask the staged rows, the samples and the values before, delete the uploaded files."""
    rows, changes, batches = _found(plan)
    needles = [n.casefold() for n in _needles(plan.row_id)]
    for row in rows:
        row.raw_json = dumps([MASK for _cell in row.raw])
        row.values_json = dumps({key: MASK for key in row.values})
        row.plan_json = dumps({})
        row.errors_json, row.warnings_json = _masked_issues(row.errors_json), _masked_issues(row.warnings_json)
    for change in changes:
        change.before_json = dumps({key: MASK for key in change.before})
    for batch in batches:
        batch.samples_json = dumps([[MASK for _c in sample] if any(n in json.dumps(sample, ensure_ascii=False)
                                                                    .casefold() for n in needles) else sample
                                    for sample in batch.samples])
        if any(n in (batch.undo_report_json or "").casefold() for n in needles):
            batch.undo_report_json = dumps([{k: MASK for k in item} if isinstance(item, dict) else MASK
                                            for item in batch.undo_report])
    if batches:
        db.session.execute(delete(ImportFile).where(ImportFile.batch_id.in_([b.id for b in batches])))
    db.session.flush()


STEP = ErasureStep(table=ContactPerson.__tablename__, describe=describe, run=run)
