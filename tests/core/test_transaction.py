"""app/core/transaction.py itself: a view's writes are committed when it answers < 400, rolled back on a 4xx/5xx
answer or an exception, and kept on an error answer only after keep_changes()."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import text

from app.core import transaction
from app.extensions import db

TABLE = "transaction_probe"


@pytest.fixture()
def probe(database_url):
    """A bare app on the test database with views that write one row and answer with the status asked for."""
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI=database_url, TESTING=True)
    db.init_app(app)

    def write(status: int, keep: bool = False):
        db.session.execute(text("INSERT INTO transaction_probe (status) VALUES (:status)"), {"status": status})
        if keep:
            transaction.keep_changes()
        return "", status

    @app.post("/write/<int:status>")
    def answer(status: int):
        return write(status)

    @app.post("/keep/<int:status>")
    def keep(status: int):
        return write(status, keep=True)

    @app.post("/raise")
    def fail():
        write(500)
        raise RuntimeError("boom")

    transaction.install(app)
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text(f"CREATE TABLE {TABLE} (status INTEGER NOT NULL)"))
    yield app
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            connection.execute(text(f"DROP TABLE {TABLE}"))
        db.engine.dispose()


def _statuses(app) -> list[int]:
    with app.app_context():
        return sorted(db.session.scalars(text("SELECT status FROM transaction_probe")))


def test_success_commits_and_error_answers_roll_back(probe):
    client = probe.test_client()
    for status in (200, 201, 303, 400, 404, 409, 422, 500):
        assert client.post(f"/write/{status}").status_code == status
    assert _statuses(probe) == [200, 201, 303]


def test_keep_changes_commits_an_error_answer(probe):
    client = probe.test_client()
    assert client.post("/keep/422").status_code == 422
    assert client.post("/keep/429").status_code == 429
    assert _statuses(probe) == [422, 429]


def test_an_exception_rolls_back_and_propagates(probe):
    with pytest.raises(RuntimeError):
        probe.test_client().post("/raise")
    assert _statuses(probe) == []


def test_keep_changes_lasts_one_request(probe):
    client = probe.test_client()
    client.post("/keep/422")
    client.post("/write/422")
    assert _statuses(probe) == [422]
