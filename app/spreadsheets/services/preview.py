"""The dry run: normalise every staged row, classify it against the directory and store the verdict. Never commits."""

from __future__ import annotations

import json

from sqlalchemy import update

from app.core.db import utcnow
from app.extensions import db
from app.spreadsheets import selectors
from app.spreadsheets.classify import Options, Row, classify, tally
from app.spreadsheets.models import ImportBatch, ImportRow, dumps
from app.spreadsheets.values import Context, normalise_row


def batch_options(batch: ImportBatch) -> Options:
    """The classification options of a batch."""
    options = batch.options
    policy = options.get("policy") if options.get("policy") in ("update", "fill", "skip") else "update"
    return Options(policy=policy, default_owner_id=options.get("default_owner_id"),
                   start_all=bool(options.get("start_all")))


def classify_batch(batch: ImportBatch) -> list[Row]:
    """Normalise and classify every staged row of the batch (reads only)."""
    staged = selectors.batch_rows_all(batch.id, columns=(ImportRow.id, ImportRow.row_number, ImportRow.raw_json))
    context = Context.build(selectors.organisation_people(batch.organisation_id))
    headers, mapping = batch.headers, batch.mapping
    rows = []
    for row_id, number, raw_json in staged:
        values, errors = normalise_row(json.loads(raw_json), headers, mapping, context)
        rows.append(Row(id=row_id, number=number, values=values, errors=errors))
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


def batch_previewed(*, batch: ImportBatch, rows: list[Row], message: dict | None = None) -> ImportBatch:
    """Record the preview's counts; the batch waits for the user's commit."""
    batch.counts_json = dumps(tally(rows))
    batch.status, batch.previewed_at = "previewed", utcnow()
    batch.message_json = dumps(message) if message else None
    batch.progress_done = batch.progress_total
    db.session.flush()
    return batch
