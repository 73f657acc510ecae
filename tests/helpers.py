"""Test helpers: counting SQL queries per request."""

from __future__ import annotations

import contextlib

from sqlalchemy import event

from app.extensions import db


@contextlib.contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block: `with count_queries(app) as n: ...; n[0]`."""
    counter = [0]

    def before(*_args, **_kwargs):
        counter[0] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)
