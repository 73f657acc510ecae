"""The dry run: normalise every staged row, classify it against the directory and store the verdict. Never commits."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update

from app.core.audit import AuditEvent
from app.core.db import utcnow
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.spreadsheets import selectors
from app.spreadsheets.classify import Options, Row, classify, name_key, tally
from app.spreadsheets.models import ImportBatch, ImportRow, dumps
from app.spreadsheets.values import Context, normalise_row

WATCHED = ("employers", "contact_persons", "relationships")
CLOCK_SLACK = timedelta(seconds=5)  # workers' clocks may differ a little
MAX_EVENTS_CHECKED = 5000
CLASSIFY_NOTES = ("duplicate_row", "duplicate_contact", "employer_differs")  # given again by each classification


def batch_options(batch: ImportBatch) -> Options:
    """The classification options of a batch."""
    options = batch.options
    policy = options.get("policy") if options.get("policy") in ("update", "fill", "skip") else "update"
    return Options(policy=policy, default_owner_id=options.get("default_owner_id"),
                   start_all=bool(options.get("start_all")))


def classify_table(batch: ImportBatch, table) -> list[Row]:
    """Normalise and classify every row of the batch's sheet (reads only); rows are keyed by their row number."""
    context = Context.build(selectors.organisation_people(batch.organisation_id))
    headers, mapping = batch.headers, batch.mapping
    rows = []
    for number, cells in table.rows:
        values, errors, warnings = normalise_row(cells, headers, mapping, context)
        rows.append(Row(id=number, number=number, values=values, errors=errors, warnings=warnings,
                        raw=dumps(cells)))
    table.rows.clear()  # the cells live on as JSON text only (memory of big files)
    lookups = selectors.lookups_for([r.values for r in rows if not r.errors], organisation_id=batch.organisation_id)
    return classify(rows, lookups, batch_options(batch))


def reclassify_batch(batch: ImportBatch) -> list[Row]:
    """Classify the stored normalised values again against the directory as it is now (the commit's check)."""
    staged = selectors.batch_rows_all(batch.id, columns=(ImportRow.id, ImportRow.row_number, ImportRow.values_json,
                                                         ImportRow.errors_json, ImportRow.warnings_json))
    rows = [Row(id=row_id, number=number, values=json.loads(values),
                errors=[e for e in json.loads(errors) if e.get("stage") != "match"],
                warnings=[w for w in json.loads(warnings) if w.get("code") not in CLASSIFY_NOTES])
            for row_id, number, values, errors, warnings in staged]
    lookups = selectors.lookups_for([r.values for r in rows if not r.errors], organisation_id=batch.organisation_id)
    return classify(rows, lookups, batch_options(batch))


def rows_store(*, rows: list[Row]) -> None:
    """Write one chunk of verdicts to the staging rows."""
    if rows:
        db.session.execute(update(ImportRow), [
            {"id": r.id, "values_json": dumps(r.values), "kind": r.kind, "plan_json": dumps(r.plan),
             "errors_json": dumps(r.errors), "warnings_json": dumps(r.warnings)} for r in rows])


def verdicts_differ(batch: ImportBatch, rows: list[Row]) -> int:
    """How many rows classify differently now than in the stored preview."""
    stored = {row_id: (kind, plan) for row_id, kind, plan in selectors.batch_rows_all(
        batch.id, columns=(ImportRow.id, ImportRow.kind, ImportRow.plan_json))}
    return sum(1 for r in rows if stored.get(r.id) != (r.kind, dumps(r.plan)))


def directory_changed(batch: ImportBatch) -> bool:
    """Whether anything the batch's rows match against changed since its preview was classified.

    Read from the audit log (every change of an employer, contact or relationship leaves an event): events on the
    employers the rows matched, or on employers with one of the rows' Y-tunnus or name keys, mean the preview must
    be classified again. A changed record that no longer exists counts as a change."""
    since = (batch.previewed_at or utcnow()) - CLOCK_SLACK
    events = db.session.execute(select(AuditEvent.entity, AuditEvent.entity_id).where(
        AuditEvent.created_at >= since, AuditEvent.entity.in_(WATCHED))).all()
    if not events:
        return False
    if len(events) > MAX_EVENTS_CHECKED:
        return True
    touched = {entity_id for entity, entity_id in events if entity == "employers"}
    for model in (ContactPerson, Relationship):
        ids = {entity_id for entity, entity_id in events if entity == model.__tablename__}
        found = dict(db.session.execute(select(model.id, model.employer_id).where(model.id.in_(ids))).all()) \
            if ids else {}
        if len(found) < len(ids):
            return True
        touched |= set(found.values())
    matched, business_ids, keys = set(), set(), set()
    for values_json, plan_json in selectors.batch_rows_all(batch.id, columns=(ImportRow.values_json,
                                                                              ImportRow.plan_json)):
        values, plan = json.loads(values_json), json.loads(plan_json)
        matched.add(plan.get("employer", {}).get("id"))
        business_ids.add(values.get("business_id"))
        keys.add(name_key(values))
    if touched & matched:
        return True
    rows = db.session.execute(select(Employer.business_id, Employer.name_key).where(Employer.id.in_(touched))).all()
    return len(rows) < len(touched) or any(bid in business_ids or key in keys for bid, key in rows)


def batch_previewed(*, batch: ImportBatch, rows: list[Row], classified_at, message: dict | None = None
                    ) -> ImportBatch:
    """Record the preview's counts and when its classification read the directory; the batch awaits a commit."""
    batch.counts_json = dumps(tally(rows))
    batch.status, batch.previewed_at, batch.row_count = "previewed", classified_at, len(rows)
    batch.message_json = dumps(message) if message else None
    batch.progress_done = batch.progress_total
    db.session.flush()
    return batch
