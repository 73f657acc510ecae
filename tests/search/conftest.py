"""Search test helpers: ask the search as the header box does, and compare the index with a fresh rebuild."""

from __future__ import annotations

from sqlalchemy import select, text

from app.core.search_index import SearchEntry, index_rebuild
from app.extensions import db

HTMX = {"HX-Request": "true", "HX-Target": "search-suggestions"}


def search_html(client, q: str, *, htmx: bool = True, **args) -> str:
    """The answer to a query: the header box's fragment (htmx) or the full results page."""
    response = client.http.get("/search", query_string={"q": q, **args}, headers=HTMX if htmx else {})
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def index_rows(app) -> list[tuple]:
    """The index as stored: (kind, record id, organisation, network_from, text), sorted."""
    with app.app_context():
        entry = SearchEntry.__table__.c
        rows = db.session.execute(select(entry.kind, entry.record_id, entry.organisation_id, entry.network_from,
                                         entry.text)).all()
        return sorted(tuple(row) for row in rows)


def assert_index_current(app) -> list[tuple]:
    """The stored index equals what a rebuild from the records writes (nothing missing, stale or extra), and on
    SQLite the FTS5 mirror agrees with it; returns the rows."""
    stored = index_rows(app)
    with app.app_context():
        index_rebuild()
        db.session.flush()
        entry = SearchEntry.__table__.c
        rebuilt = sorted(tuple(row) for row in db.session.execute(select(
            entry.kind, entry.record_id, entry.organisation_id, entry.network_from, entry.text)).all())
        db.session.rollback()
        if db.engine.dialect.name == "sqlite":
            db.session.execute(text("INSERT INTO search_index_fts(search_index_fts) VALUES ('integrity-check')"))
            db.session.rollback()
    assert stored == rebuilt
    return stored


def kinds_of(rows: list[tuple], record_text: str) -> set[tuple[str, int]]:
    """(kind, record id) of the index rows whose text holds `record_text` (folded words)."""
    return {(row[0], row[1]) for row in rows if record_text in row[4]}
