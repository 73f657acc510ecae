"""Import test fixtures: jobs run inline (right after the request commits), an importing coordinator, and helpers
that drive a file through upload, mapping, preview and commit with the real services and jobs."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from app.extensions import db
from app.spreadsheets import jobs, selectors
from app.spreadsheets.models import ImportBatch
from app.spreadsheets.services import lifecycle, staging

BATCH_URL = re.compile(r"/imports/(\d+)")


@pytest.fixture(autouse=True)
def _inline_jobs(app):
    """Background jobs run synchronously after the request (threads are exercised by the browser test)."""
    previous = app.config.get("IMPORT_JOB_MODE")
    app.config["IMPORT_JOB_MODE"] = "inline"
    yield
    app.config["IMPORT_JOB_MODE"] = previous


@pytest.fixture
def org(factory):
    """The importing organisation."""
    return factory.org("joensuu", "Joensuun työllisyyspalvelut")


@pytest.fixture
def coordinator(factory, org):
    """A coordinator of the importing organisation."""
    return factory.user(org, email="koordinaattori@example.test", roles=("coordinator",), name="Kaija Koordinaattori")


@pytest.fixture
def importer(make_client, coordinator):
    """A logged-in client of the coordinator."""
    return make_client(login=coordinator.email)


def multipart(fields: dict[str, str], files: dict[str, tuple[bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body built in memory (the test client would spool big bodies to unclosed temp files)."""
    boundary = "ratko-test-boundary-7d3f"
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, (content, name) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def upload(client, content: bytes, name: str = "lista.xlsx"):
    """POST a file to /imports/new."""
    body, content_type = multipart({}, {"file": (content, name)})
    return client.post("/imports/new", data=body, content_type=content_type)


def batch_id_of(response) -> int:
    """The batch id from the redirect after an upload."""
    return int(BATCH_URL.search(response.headers["Location"]).group(1))


class Runner:
    """Drive files through the import with services and jobs (as the routes and the CLI do)."""

    def __init__(self, app, user):
        self.app, self.user = app, user

    def _user(self):
        from app.auth.models import User

        return db.session.get(User, self.user.id)

    def upload(self, content: bytes, name: str = "lista.xlsx", sheet: str | None = None) -> int:
        with self.app.app_context():
            batch = staging.batch_create(user=self._user(), file_name=name, content=content, sheet=sheet)
            db.session.commit()
            return batch.id

    def preview(self, batch_id: int, mapping: dict[int, str] | None = None, **options) -> SimpleNamespace:
        with self.app.app_context():
            batch = db.session.get(ImportBatch, batch_id)
            fields = list(batch.mapping)
            for position, field in (mapping or {}).items():
                fields[position] = field
            problems = lifecycle.batch_map(batch=batch, mapping=fields, options=options, user=self._user())
            assert not problems, problems
            db.session.commit()
        jobs.run(self.app, batch_id, "preview")
        return self.batch(batch_id)

    def commit(self, batch_id: int, skip_errors: bool = False) -> SimpleNamespace:
        with self.app.app_context():
            batch = db.session.get(ImportBatch, batch_id)
            assert lifecycle.batch_queue_commit(batch=batch, user=self._user(), skip_errors=skip_errors), \
                (batch.status, batch.counts)
            db.session.commit()
        jobs.run(self.app, batch_id, "commit")
        return self.batch(batch_id)

    def undo(self, batch_id: int) -> SimpleNamespace:
        with self.app.app_context():
            batch = db.session.get(ImportBatch, batch_id)
            assert lifecycle.batch_action(batch=batch, action="undo", user=self._user()) == "undo"
            db.session.commit()
        jobs.run(self.app, batch_id, "undo")
        return self.batch(batch_id)

    def run(self, content: bytes, name: str = "lista.xlsx", skip_errors: bool = False, **options) -> SimpleNamespace:
        batch_id = self.upload(content, name)
        self.preview(batch_id, **options)
        return self.commit(batch_id, skip_errors=skip_errors)

    def batch(self, batch_id: int) -> SimpleNamespace:
        with self.app.app_context():
            batch = db.session.get(ImportBatch, batch_id)
            return SimpleNamespace(id=batch.id, status=batch.status, counts=batch.counts, message=batch.message,
                                   mapping=batch.mapping, headers=batch.headers, notices=batch.notices,
                                   undo_report=batch.undo_report, options=batch.options)

    def rows(self, batch_id: int) -> dict[int, SimpleNamespace]:
        with self.app.app_context():
            return {r.row_number: SimpleNamespace(kind=r.kind, values=r.values, plan=r.plan, errors=r.errors,
                                                  warnings=r.warnings, raw=r.raw, applied=r.applied)
                    for r in selectors.batch_rows_all(batch_id)}


@pytest.fixture
def runner(app, coordinator):
    """A Runner acting as the coordinator."""
    return Runner(app, coordinator)
