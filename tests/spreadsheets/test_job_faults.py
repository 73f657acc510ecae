"""Import faults say what happened (issue 14 item 7): a database connection lost during a commit is reported as lost
(not "busy"), the job stops resumable instead of undoing everything, and Resume is offered at once when the job's
worker is known dead (instead of after two minutes without a heartbeat)."""

from __future__ import annotations

import os
import socket

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.employers.models import Employer
from app.extensions import db
from app.spreadsheets import jobs
from app.spreadsheets.models import ImportBatch, dumps
from app.spreadsheets.services import commit as commit_service
from tests.fixtures import make_fixtures as fx

ROWS = [["Yritys", "Kunta"], ["Katko Oy", "Joensuu"], ["Yhteys Ky", "Lieksa"], ["Verkko Ab", "Vaasa"],
        ["Palvelin Oy", "Outokumpu"], ["Kaapeli Tmi", "Kitee"]]


def _lost() -> OperationalError:
    return OperationalError("INSERT INTO employers ...", {}, Exception("server closed the connection unexpectedly"),
                            connection_invalidated=True)


def test_lost_connection_during_commit_is_reported_and_resumable_at_once(app, runner, importer, monkeypatch):
    monkeypatch.setattr(jobs, "APPLY_CHUNK", 2)
    batch_id = runner.upload(fx.xlsx(ROWS))
    runner.preview(batch_id)
    calls, original = [], commit_service.rows_apply

    def drop_on_second_chunk(*, rows, state):
        calls.append(len(rows))
        if len(calls) == 2:
            raise _lost()
        original(rows=rows, state=state)

    monkeypatch.setattr(commit_service, "rows_apply", drop_on_second_chunk)
    batch = runner.commit(batch_id)
    assert batch.status == "committing" and batch.message["code"] == "connection_lost"  # not rolled back, not failed
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    assert "The connection to the database was lost" in page and "busy" not in page
    assert "Start again" in page and "load delay" not in page  # offered at once: no two-minute wait
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Employer)) == 2  # the first chunk stays
    monkeypatch.setattr(commit_service, "rows_apply", original)
    resumed = importer.post(f"/imports/{batch_id}/resume", data={})
    assert resumed.status_code in (200, 303)
    batch = runner.batch(batch_id)
    assert batch.status == "committed" and batch.message is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Employer)) == 5  # no duplicates


def test_resume_is_offered_at_once_when_the_worker_is_known_dead(app, runner):
    batch_id = runner.upload(fx.xlsx(ROWS))
    runner.preview(batch_id)
    from app.core.db import utcnow

    with app.app_context():
        batch = db.session.get(ImportBatch, batch_id)
        batch.status, batch.heartbeat_at = "committing", utcnow()  # a fresh heartbeat: not stale by time
        db.session.commit()
        assert not jobs.is_stale(batch)
        here = {"host": socket.gethostname(), "pid": os.getpid()}
        for worker, dead in (({**here, "thread": "import-commit-gone"}, True),  # its thread is gone
                             ({**here, "thread": "MainThread"}, False),  # still running here
                             ({"host": here["host"], "pid": 2 ** 22 + 7, "thread": "x"}, True),  # process gone
                             ({"host": "another-host", "pid": 1, "thread": "x"}, False)):  # judged by heartbeat
            batch.options_json = dumps({**batch.options, "worker": worker})
            assert jobs.is_stale(batch) is dead, worker


def test_a_finished_job_forgets_its_worker(app, runner):
    batch_id = runner.upload(fx.xlsx(ROWS))
    runner.preview(batch_id)
    batch = runner.commit(batch_id)
    assert batch.status == "committed" and "worker" not in batch.options
