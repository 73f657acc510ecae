"""Background jobs of an import: stage, preview, commit, undo. Each works in short transactions and writes its
progress into the batch row, so any worker can show it and the web stays responsive (STYLE.md practice 12).

A job runs in a thread started after the request committed (or inline in tests and the CLI), in an application
context of its own. On SQLite every write transaction begins IMMEDIATE and every read transaction deferred.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from flask import Flask, after_this_request, current_app, has_request_context
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from app.core.audit import acting_as
from app.core.db import utcnow, write_intent
from app.extensions import db
from app.spreadsheets import selectors
from app.spreadsheets.messages import FileProblem
from app.spreadsheets.models import ImportBatch, ImportRow, dumps
from app.spreadsheets.services import commit, preview, staging, undo

log = logging.getLogger("ratko.imports")
STALE_AFTER = timedelta(minutes=2)
STAGE_CHUNK = 1000
STORE_CHUNK = 1000
APPLY_CHUNK = 500


def start(batch_id: int, kind: str) -> None:
    """Run job `kind` for a batch once the current request has committed (at once outside a request)."""
    app = current_app._get_current_object()
    if not has_request_context():
        run(app, batch_id, kind)
        return

    @after_this_request
    def _launch(response):
        if response.status_code < 400:
            if app.config.get("IMPORT_JOB_MODE", "thread") == "inline":
                run(app, batch_id, kind)
            else:
                threading.Thread(target=run, args=(app, batch_id, kind), daemon=True,
                                 name=f"import-{kind}-{batch_id}").start()
        return response


def is_stale(batch: ImportBatch) -> bool:
    """A running job whose worker is known dead, or that has not reported for a while: it may be started again."""
    return batch.running and (batch.heartbeat_at is None or utcnow() - batch.heartbeat_at > STALE_AFTER
                              or worker_dead(batch.options.get("worker")))


def _worker() -> dict:
    return {"host": socket.gethostname(), "pid": os.getpid(), "thread": threading.current_thread().name}


def worker_dead(worker) -> bool:
    """Whether the worker that ran a job is known to have stopped: its thread is gone from this process, or its
    process is gone from this host (another host's worker is only judged by its heartbeat)."""
    if not isinstance(worker, dict) or worker.get("host") != socket.gethostname():
        return False
    if worker.get("pid") == os.getpid():
        return not any(thread.name == worker.get("thread") for thread in threading.enumerate())
    try:
        os.kill(int(worker.get("pid")), 0)
    except ProcessLookupError:
        return True
    except (OSError, TypeError, ValueError):
        return False
    return False


def connection_lost(error: BaseException) -> bool:
    """The database connection dropped (the server went away or restarted), as opposed to a busy database."""
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def run(app: Flask, batch_id: int, kind: str) -> None:
    """Run one job to its end in an application context of its own; failures end up in the batch row."""
    with app.app_context():
        lost = False
        try:
            with _reading():
                batch = selectors.batch_get(batch_id)
                actor, organisation_id = batch.options.get("actor_id", batch.user_id), batch.organisation_id
            _claim(batch_id)
            with acting_as(actor, organisation_id):
                JOBS[kind](batch_id)
        except FileProblem as problem:
            db.session.rollback()
            _fail(batch_id, {"code": problem.code, "params": problem.params})
        except Exception as error:  # noqa: BLE001 - the user must see that the job stopped, whatever the cause
            db.session.rollback()
            lost = connection_lost(error)
            if lost:
                _stopped(batch_id)
            else:
                log.exception("import job %s of batch %s failed", kind, batch_id)
                _fail(batch_id, {"code": "job_crashed", "params": {"reason": type(error).__name__}})
        finally:
            if not lost:
                _release(batch_id)
            db.session.remove()


def _claim(batch_id: int) -> None:
    """Note which worker runs the job, so a page can tell at once when that worker is gone."""
    with _writing():
        batch = _batch(batch_id)
        batch.options_json = dumps({**batch.options, "worker": _worker()})


def _release(batch_id: int) -> None:
    """The job ended (done or failed): forget its worker, so the next job of the batch is not taken for dead."""
    try:
        with _writing():
            batch = _batch(batch_id)
            if batch is not None and "worker" in batch.options:
                batch.options_json = dumps({k: v for k, v in batch.options.items() if k != "worker"})
    except Exception:  # noqa: BLE001 - the job's own outcome is recorded already; this is housekeeping
        log.warning("import batch %s: could not release the worker", batch_id)


def _stopped(batch_id: int) -> None:
    """The connection was lost: leave the job resumable and say so (if the database answers again already; if not,
    the page sees this worker's thread is gone and offers Resume all the same)."""
    log.warning("import batch %s: the database connection was lost; the job stops and can be resumed", batch_id)
    try:
        with _writing():
            db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(
                heartbeat_at=None, message_json=dumps({"code": "connection_lost", "params": {}})))
    except Exception:  # noqa: BLE001 - still unreachable: nothing more to record
        log.warning("import batch %s: could not record the lost connection", batch_id)


@contextlib.contextmanager
def _reading():
    with write_intent(False):
        try:
            yield
        finally:
            db.session.rollback()


@contextlib.contextmanager
def _writing(step: bool = False):
    """A short write transaction. A `step` of a job (a chunk) need not wait for its own flush to disk on
    PostgreSQL: the job's final status change is an ordinary commit, which makes every earlier step durable with
    it, and a crash before that leaves a job that resumes (commit) or starts again (preview, undo)."""
    with write_intent(True):
        try:
            if step and db.session.get_bind().dialect.name == "postgresql":
                db.session.execute(text("SET LOCAL synchronous_commit = off"))
            yield
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise


def _batch(batch_id: int) -> ImportBatch:
    return db.session.get(ImportBatch, batch_id, populate_existing=True)


def _progress(batch_id: int, done: int) -> None:
    db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id)
                       .values(progress_done=done, heartbeat_at=utcnow()))


def _fail(batch_id: int, message: dict) -> None:
    with _writing():
        db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id)
                           .values(status="failed", message_json=dumps(message), heartbeat_at=utcnow()))


def _store(batch_id: int, rows: list, classified_at, message: dict | None = None) -> None:
    """Write verdicts of rows already staged (the commit's check found the preview out of date)."""
    for start_at in range(0, len(rows), STORE_CHUNK):
        with _writing():
            preview.rows_store(rows=rows[start_at:start_at + STORE_CHUNK])
            _progress(batch_id, min(start_at + STORE_CHUNK, len(rows)))
    with _writing():
        preview.batch_previewed(batch=_batch(batch_id), rows=rows, classified_at=classified_at, message=message)


def preview_job(batch_id: int) -> None:
    """Read the whole sheet, classify every row and stage rows with verdicts: the dry run, nothing written outside
    the staging rows."""
    classified_at = utcnow()
    with _reading():
        batch = _batch(batch_id)
        rows = preview.classify_table(batch, staging.batch_table(batch))
    with _writing():
        staging.rows_clear(batch_id=batch_id)
        db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(progress_total=len(rows)))
    for start_at in range(0, len(rows), STAGE_CHUNK):
        with _writing(step=True):
            staging.rows_stage(batch_id=batch_id, rows=rows[start_at:start_at + STAGE_CHUNK])
            _progress(batch_id, min(start_at + STAGE_CHUNK, len(rows)))
    with _writing():
        preview.batch_previewed(batch=_batch(batch_id), rows=rows, classified_at=classified_at)


def commit_job(batch_id: int) -> None:
    """Check the preview still holds, then apply the rows chunk by chunk; on any failure undo what was applied."""
    classified_at = utcnow()
    with _reading():
        batch = _batch(batch_id)
        resumed = db.session.scalar(select(ImportRow.id).where(ImportRow.batch_id == batch_id,
                                                               ImportRow.applied.is_(True)).limit(1))
        rows = preview.reclassify_batch(batch) if not resumed and preview.directory_changed(batch) else None
        differ = preview.verdicts_differ(batch, rows) if rows is not None else 0
        errors = batch.counts.get("error", 0) if rows is None else sum(1 for r in rows if r.kind == "error")
        skip_errors = bool(batch.options.get("skip_errors"))
        state = commit.apply_state(batch)
        todo = list(db.session.scalars(select(ImportRow.id).where(
            ImportRow.batch_id == batch_id, ImportRow.kind.in_(("new", "update")), ImportRow.applied.is_(False))
            .order_by(ImportRow.row_number)))
    if differ:
        _store(batch_id, rows, classified_at, {"code": "stale_preview", "params": {"count": differ}})
        return
    if errors and not skip_errors and not resumed:
        with _writing():
            db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(
                status="previewed", message_json=dumps({"code": "has_errors", "params": {"count": errors}})))
        return
    done = 0
    for start_at in range(0, len(todo), APPLY_CHUNK):
        ids = todo[start_at:start_at + APPLY_CHUNK]
        try:
            with _writing(step=True):
                commit.rows_apply(rows=commit.staged_rows(ids), state=state)
                done += len(ids)
                _progress(batch_id, done)
        except Exception as error:  # noqa: BLE001 - any failure of a chunk rolls the whole batch back
            if connection_lost(error):
                raise  # nothing to roll back with: the job stops resumable (run() records it)
            log.warning("import batch %s: chunk failed, rolling back: %r", batch_id, error)
            numbers = _row_numbers(ids)
            _rollback(batch_id, first=numbers[0], last=numbers[-1], reason=_reason(error))
            return
    with _writing():
        commit.batch_committed(batch=_batch(batch_id))


def _row_numbers(ids: list[int]) -> list[int]:
    with _reading():
        return sorted(db.session.scalars(select(ImportRow.row_number).where(ImportRow.id.in_(ids))))


def _reason(error: Exception) -> dict:
    """Why a chunk failed, as a message code translated when shown."""
    if isinstance(error, IntegrityError):
        return {"code": "reason_conflict", "params": {}}
    if isinstance(error, OperationalError):
        return {"code": "reason_busy", "params": {}}
    return {"code": "reason_error", "params": {"name": type(error).__name__}}


def _undo_all(batch_id: int) -> list[dict]:
    """Restore what the batch updated, then delete what it created (relationships, contacts, employers)."""
    refused: list[dict] = []
    cursor = None
    while True:
        with _writing(step=True):
            changes = selectors.batch_changes(batch_id, before_id=cursor)
            if not changes:
                break
            refused += undo.updates_undo(batch=_batch(batch_id), changes=changes)
            cursor = changes[-1].id
            _progress(batch_id, len(refused))
    for entity, model in undo.ENTITIES.items():
        cursor = None
        while True:
            with _writing(step=True):
                ids = selectors.created_ids(model, batch_id, before_id=cursor)
                if not ids:
                    break
                refused += undo.created_undo(batch=_batch(batch_id), entity=entity, ids=ids)
                cursor = ids[-1]
                _progress(batch_id, len(refused))
    with _writing():
        db.session.execute(update(ImportRow).where(ImportRow.batch_id == batch_id).values(applied=False))
    return refused


def _rollback(batch_id: int, *, first: int, last: int, reason: dict) -> None:
    refused = _undo_all(batch_id)
    code = "job_failed_partly" if refused else "job_failed"
    with _writing():
        undo.batch_undone(batch=_batch(batch_id), refused=refused, rollback=True, reason={
            "code": code, "params": {"first": first, "last": last, "reason": reason, "count": len(refused)}})


def undo_job(batch_id: int) -> None:
    """Undo a committed batch: what was created goes, what was updated gets its old values back."""
    refused = _undo_all(batch_id)
    with _writing():
        undo.batch_undone(batch=_batch(batch_id), refused=refused)


JOBS = {"preview": preview_job, "commit": commit_job, "undo": undo_job}
