"""Upload, column mapping and staging rows of an import batch. Never commits (the request or the job does).

The upload request reads only the first rows (header, samples, a mapping to offer); the preview job reads the whole
sheet and stages every row with its verdict in one pass."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, timedelta

from flask import current_app
from sqlalchemy import delete, select

from app.core.dates import HELSINKI
from app.core.db import utcnow
from app.extensions import db
from app.spreadsheets import mapping as columns
from app.spreadsheets import readers, selectors
from app.spreadsheets.files import Limits
from app.spreadsheets.messages import FileProblem
from app.spreadsheets.models import ImportBatch, ImportFile, ImportMapping, ImportRow, dumps
from app.spreadsheets.services.bulk import many

log = logging.getLogger("ratko.imports")
SAMPLES = 3


def limits() -> Limits:
    """The caps from the configuration (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_UNPACKED_MB)."""
    config = current_app.config
    return Limits(max_rows=config.get("IMPORT_MAX_ROWS", 100_000), max_columns=config.get("IMPORT_MAX_COLUMNS", 100),
                  max_uncompressed=config.get("IMPORT_MAX_UNPACKED_MB", 100) * 1024 * 1024)


def _safe_name(file_name: str) -> str:
    name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in "\r\n\t")
    return name.strip()[:255] or "upload"


def batch_create(*, user, file_name: str, content: bytes, sheet: str | None = None) -> ImportBatch:
    """Check and read an upload, then record a batch and keep the bytes for staging; raises FileProblem."""
    max_bytes = current_app.config.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
    if len(content) > max_bytes:
        raise FileProblem("too_large", limit=max_bytes // (1024 * 1024))
    table = readers.read_table(content, file_name, limits(), sheet=sheet, sample=True)
    digest = hashlib.sha256(content).hexdigest()
    batch = ImportBatch(organisation_id=user.organisation_id, user_id=getattr(user, "id", None), options_json="{}",
                        file_name=_safe_name(file_name), file_size=len(content), sha256=digest,
                        file_kind=table.kind, status="mapping")
    batch.options_json = dumps(default_options(user))
    _describe(batch, table)
    earlier = selectors.earlier_import(organisation_id=user.organisation_id, sha256=digest)
    if earlier is not None:
        when = earlier.committed_at.replace(tzinfo=UTC).astimezone(HELSINKI)
        batch.notices_json = dumps([{"code": "already_imported", "params": {
            "when": f"{when.day}.{when.month}.{when.year} {when:%H:%M}", "batch": earlier.id}}] + batch.notices)
    files_purge()
    db.session.add(batch)
    db.session.flush()
    db.session.add(ImportFile(batch_id=batch.id, content=content))
    db.session.flush()
    log.info("import batch %s created by %s: %s (%s rows)", batch.id, batch.user_id, batch.file_name,
             batch.row_count)
    return batch


def default_options(user) -> dict:
    """Options of a new batch: overwrite with the file's values, the uploader owns new relationships."""
    return {"policy": "update", "default_owner_id": getattr(user, "id", None), "start_all": False,
            "skip_errors": False}


def _describe(batch: ImportBatch, table: readers.Table) -> None:
    """Take what the upload request read (a sample of the rows) into the batch; the job stages every row."""
    keep = [n for n in batch.notices if n["code"] == "already_imported"]
    batch.sheet_names_json = dumps(table.sheet_names)
    batch.sheet_name = table.sheet_name
    batch.header_row = table.header_row
    batch.headers_json = dumps(table.headers)
    batch.notices_json = dumps(keep + table.notices)
    expected = table.data_rows
    batch.row_count = expected
    batch.progress_done, batch.progress_total, batch.heartbeat_at = 0, expected, utcnow()
    batch.fingerprint = columns.fingerprint(table.headers)
    batch.samples_json = dumps([cells for _number, cells in table.rows[:SAMPLES]])
    remembered = selectors.remembered_mapping(organisation_id=batch.organisation_id, fingerprint=batch.fingerprint)
    batch.mapping_json = dumps(columns.detect_mapping(table.headers, remembered))
    batch.options_json = dumps({**batch.options, "remembered": remembered is not None})


def batch_file(batch: ImportBatch) -> bytes:
    """The uploaded bytes (FileProblem when they were already removed)."""
    stored = db.session.get(ImportFile, batch.id)
    if stored is None:
        raise FileProblem("file_gone")
    return stored.content


def batch_choose_source(*, batch: ImportBatch, sheet: str | None, header_row: int | None) -> ImportBatch:
    """Read another sheet or take another header row; the rows are staged again. Raises FileProblem."""
    table = readers.read_table(batch_file(batch), batch.file_name, limits(), sheet=sheet or None,
                               header_row=header_row, sample=True)
    _describe(batch, table)
    batch.status, batch.message_json, batch.counts_json = "mapping", None, "{}"
    rows_clear(batch_id=batch.id)
    db.session.flush()
    return batch


def batch_table(batch: ImportBatch) -> readers.Table:
    """Read the batch's file with its chosen sheet and header row (used by the staging job)."""
    return readers.read_table(batch_file(batch), batch.file_name, limits(), sheet=batch.sheet_name,
                              header_row=batch.header_row, scan=False)


def rows_clear(*, batch_id: int) -> None:
    """Remove a batch's staged rows (before staging again)."""
    db.session.execute(delete(ImportRow).where(ImportRow.batch_id == batch_id))


def rows_stage(*, batch_id: int, rows: list) -> None:
    """Insert one chunk of classified rows (raw cells, normalised values, verdict)."""
    if rows:
        many(ImportRow.__table__, [
            {"batch_id": batch_id, "row_number": r.number, "raw_json": r.raw, "values_json": dumps(r.values),
             "kind": r.kind, "plan_json": dumps(r.plan), "errors_json": dumps(r.errors) if r.errors else "[]",
             "warnings_json": dumps(r.warnings) if r.warnings else "[]", "applied": False} for r in rows])


def batch_set_mapping(*, batch: ImportBatch, mapping: list[str], options: dict, user=None) -> list[dict]:
    """Confirm a mapping and options, remember the mapping for this organisation and queue the preview.

    Returns the problems that stop it (nothing changes then)."""
    mapping = [(field if field in columns.FIELD_BY_KEY else "") for field in mapping][:len(batch.headers)]
    mapping += [""] * (len(batch.headers) - len(mapping))
    problems = columns.mapping_problems(mapping)
    if problems:
        return problems
    batch.mapping_json = dumps(mapping)
    batch.options_json = dumps({**batch.options, **options})
    _remember(batch, mapping, user)
    batch.status, batch.message_json = "previewing", None
    batch.progress_done, batch.progress_total, batch.heartbeat_at = 0, batch.row_count, utcnow()
    db.session.flush()
    return []


def _remember(batch: ImportBatch, mapping: list[str], user) -> None:
    stored = db.session.scalar(select(ImportMapping).where(ImportMapping.organisation_id == batch.organisation_id,
                                                           ImportMapping.fingerprint == batch.fingerprint))
    if stored is None:
        stored = ImportMapping(organisation_id=batch.organisation_id, fingerprint=batch.fingerprint)
        db.session.add(stored)
    stored.mapping_json = dumps(columns.remembered_form(batch.headers, mapping))
    stored.user_id = getattr(user, "id", None)


def batch_discard(*, batch: ImportBatch) -> ImportBatch:
    """Give up a batch before it is committed: its staged rows and file are removed."""
    rows_clear(batch_id=batch.id)
    db.session.execute(delete(ImportFile).where(ImportFile.batch_id == batch.id))
    batch.status, batch.counts_json = "discarded", "{}"
    db.session.flush()
    return batch


def files_purge(*, older_than: timedelta = timedelta(hours=24)) -> int:
    """Remove uploaded files older than a day (their staged rows stay for the history and undo)."""
    result = db.session.execute(delete(ImportFile).where(ImportFile.created_at < utcnow() - older_than))
    return result.rowcount or 0
