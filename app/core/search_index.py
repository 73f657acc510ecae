"""The search index behind the header search box (issue 16): one row per record a person may look up.

One table serves both databases through the same code: ``search_index`` holds, per record, its kind, its id, the
organisation it is private to (NULL for the network's shared directory), when an organisation's record opens to the
whole network (a shared lead) and its folded search text (``app.search.text``: ``search_fold`` words, phone numbers
as digits, the Y-tunnus with and without the hyphen). An entry's id is its kind's code * 2^40 + the record id, so
the entries of a kind are one range of ids. The engines index the text their own way: SQLite mirrors it into an FTS5
table with the trigram tokenizer (external content, kept in step by triggers on ``search_index``; a kind is a range
of its rowids), PostgreSQL has a pg_trgm GIN index per kind (partial indexes); both have a (kind, text) B-tree for
labels that start with the query. The index only finds candidates: what a person sees comes from the packages'
selectors, with the pages' own privacy rules (``app.search``).

Kept current in the writer's transaction: an ``after_flush`` hook declared once here refreshes the rows of every
indexed record that an ORM flush created, changed or deleted (and of the records that show a changed parent's words,
e.g. the contacts of a renamed employer); writers that go around the ORM (the spreadsheet import's bulk inserts and
undo, the GDPR erasure) call ``index_refresh`` / ``index_forget`` themselves. Which tables are indexed, and how, is
registered by the top-layer ``app.search`` package (``register_search_source``), so ``core`` imports no package.
``index_rebuild`` rebuilds everything (``flask search reindex``, the benchmark's bulk-made data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask, current_app, has_app_context
from sqlalchemy import (
    DDL,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    delete,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.privacy import CODE, declare
from app.extensions import db

FTS_TABLE = "search_index_fts"  # SQLite only; a virtual table and its shadow tables, outside the metadata
BATCH = 2_000
# Every kind has a fixed code: an entry's id is code * ID_SPAN + record id, so the entries of one kind are one range
# of ids (SQLite's FTS5 answers one kind from its rowid range, without reading other kinds) and an entry's id is
# known without a lookup. New kinds take new codes (and a migration that fills them).
KIND_CODES = {"employer": 1, "contact": 2, "site": 3, "lead": 4, "engagement": 5, "bundle": 6, "seeker": 7}
ID_SPAN = 2 ** 40


def entry_id(kind: str, record_id: int) -> int:
    """The index entry id of a record."""
    return KIND_CODES[kind] * ID_SPAN + record_id


def kind_range(kind: str) -> tuple[int, int]:
    """The first and last entry id a kind may use."""
    return KIND_CODES[kind] * ID_SPAN, (KIND_CODES[kind] + 1) * ID_SPAN - 1


class SearchEntry(db.Model):
    """The folded search text of one record, and who may find it."""

    __tablename__ = "search_index"
    __table_args__ = (
        # a label that starts with the query: a range of this index, in order (byte order on both databases)
        Index("ix_search_index_kind_text", "kind", "text", postgresql_ops={"text": "text_pattern_ops"}),
        # PostgreSQL: a trigram index per kind, so a common word of one kind never reads the rows of the others
        *(Index(f"ix_search_index_trgm_{kind}", "text", postgresql_using="gin", postgresql_ops={"text": "gin_trgm_ops"},
                postgresql_where=sql_text(f"kind = '{kind}'")).ddl_if(dialect="postgresql") for kind in KIND_CODES),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=False)  # entry_id(kind, record_id)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, info=CODE)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    network_from: Mapped[datetime | None] = mapped_column(DateTime)  # an organisation's record open to all from then
    text: Mapped[str] = mapped_column(Text, nullable=False, info=declare("organisation", "personal"))


FTS_DDL = (  # literal SQL: fixed names only
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index_fts USING fts5(text, content='search_index', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS search_index_ai AFTER INSERT ON search_index BEGIN "
    "INSERT INTO search_index_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS search_index_ad AFTER DELETE ON search_index BEGIN "
    "INSERT INTO search_index_fts(search_index_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS search_index_au AFTER UPDATE ON search_index BEGIN "
    "INSERT INTO search_index_fts(search_index_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO search_index_fts(rowid, text) VALUES (new.id, new.text); END",
)
FTS_DROP = "DROP TABLE IF EXISTS search_index_fts"

# db.create_all() (tests, fresh installs without migrations) makes the SQLite mirror and its triggers too.
for _statement in FTS_DDL:
    event.listen(SearchEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
event.listen(SearchEntry.__table__, "before_drop", DDL(FTS_DROP).execute_if(dialect="sqlite"))


@dataclass(frozen=True)
class SearchSource:
    """How one kind of record is indexed.

    `documents(connection, ids)` returns the index rows of those records that may be found ({"record_id",
    "organisation_id", "network_from", "text"}); a record it leaves out (archived, gone) is dropped from the index.
    A `network` source's records belong to no organisation (the writer refuses an organisation on them), so the
    search needs no privacy filter for them. `follows` maps another table to (the columns whose change matters,
    fn(connection, ids) -> ids of this kind to refresh), e.g. the contacts of an employer whose name changed."""

    kind: str
    table: str
    documents: Callable[[Connection, list[int]], list[dict]]
    network: bool = False  # records of the shared directory: no organisation, anyone may find them
    follows: dict[str, tuple[tuple[str, ...], Callable[[Connection, list[int]], list[int]]]] = field(
        default_factory=dict)


def register_search_source(app: Flask, source: SearchSource) -> None:
    """Index a kind of record (called by the search package's setup)."""
    app.extensions.setdefault("ratko_search_sources", []).append(source)


def search_sources() -> list[SearchSource]:
    """The registered sources (none outside an application context)."""
    return current_app.extensions.get("ratko_search_sources", []) if has_app_context() else []


def _connection(connection: Connection | None) -> Connection:
    return connection if connection is not None else db.session.connection()


def _entries(source: SearchSource, rows: list[dict]) -> list[dict]:
    if source.network and any(row["organisation_id"] is not None for row in rows):
        raise ValueError(f"{source.kind}: a network record cannot belong to an organisation")
    return [{"id": entry_id(source.kind, row["record_id"]), "kind": source.kind, **row} for row in rows]


def _write(connection: Connection, source: SearchSource, ids: list[int]) -> None:
    table = SearchEntry.__table__
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        part = ids[start:start + BATCH]
        rows = source.documents(connection, part)
        connection.execute(delete(table).where(table.c.id.in_([entry_id(source.kind, i) for i in part])))
        if rows:
            connection.execute(insert(table), _entries(source, rows))


def index_refresh(table: str, ids, *, connection: Connection | None = None) -> None:
    """Rewrite the index rows of these records of `table` (created, changed, archived or restored) in the caller's
    transaction; a table nobody indexes is ignored."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return
    for source in search_sources():
        if source.table == table:
            _write(_connection(connection), source, ids)


def index_forget(table: str, ids, *, connection: Connection | None = None) -> None:
    """Drop the index rows of deleted records of `table` (bulk deletes, erasure)."""
    ids = sorted({i for i in ids if i is not None})
    entries = SearchEntry.__table__
    for source in search_sources():
        if source.table == table and ids:
            for start in range(0, len(ids), BATCH):
                _connection(connection).execute(delete(entries).where(
                    entries.c.id.in_([entry_id(source.kind, i) for i in ids[start:start + BATCH]])))


def index_rebuild(*, kinds: tuple[str, ...] | None = None) -> dict[str, int]:
    """Rebuild the index of every (or the named) kind from the records; return the rows written per kind."""
    connection, written = db.session.connection(), {}
    entries = SearchEntry.__table__
    for source in search_sources():
        if kinds and source.kind not in kinds:
            continue
        low, high = kind_range(source.kind)
        connection.execute(delete(entries).where(entries.c.id.between(low, high)))
        key = db.metadata.tables[source.table].c.id
        last = 0
        while True:
            ids = list(connection.scalars(select(key).where(key > last).order_by(key).limit(BATCH)))
            if not ids:
                break
            rows = source.documents(connection, ids)
            if rows:
                connection.execute(insert(entries), _entries(source, rows))
            written[source.kind] = written.get(source.kind, 0) + len(rows)
            last = ids[-1]
    return written


def _changed(obj, columns: tuple[str, ...]) -> bool:
    attrs = inspect(obj).attrs
    return any(name in attrs and attrs[name].history.has_changes() for name in columns)


@event.listens_for(Session, "after_flush")
def _index_after_flush(session: Session, _flush_context) -> None:
    """Refresh the index rows of indexed records this flush created, changed or deleted, and of their followers."""
    sources = search_sources()
    if not sources or not (session.new or session.dirty or session.deleted):
        return
    tables = {source.table for source in sources}
    followed = {table for source in sources for table in source.follows}
    fresh: dict[str, set[int]] = {}
    gone: dict[str, set[int]] = {}
    parents: dict[str, list] = {}
    for obj in (*session.new, *session.dirty):
        table = getattr(obj, "__tablename__", None)
        if table not in tables and table not in followed:
            continue
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        if table in tables:
            fresh.setdefault(table, set()).add(obj.id)
        if table in followed and obj not in session.new:
            parents.setdefault(table, []).append(obj)
    for obj in session.deleted:
        if getattr(obj, "__tablename__", None) in tables:
            gone.setdefault(obj.__tablename__, set()).add(obj.id)
    if not (fresh or gone or parents):
        return
    connection = session.connection()
    for source in sources:
        for table, (columns, children) in source.follows.items():
            ids = [obj.id for obj in parents.get(table, ()) if _changed(obj, columns)]
            if ids:
                fresh.setdefault(source.table, set()).update(children(connection, ids))
    for table, ids in gone.items():
        index_forget(table, ids, connection=connection)
    for table, ids in fresh.items():
        index_refresh(table, ids - gone.get(table, set()), connection=connection)
