"""Typed declarative base, mixins and the SQLite transaction recipe (RELIABILITY.md findings 7-8)."""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import sqlite3
from datetime import UTC, datetime

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import DateTime, Integer, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
log = logging.getLogger("ratko.db")


class DeferredWriteError(RuntimeError):
    """A read-only (deferred) SQLite transaction tried to write: it fails whenever another connection committed
    since its first read ("database is locked"). Mark the GET view with @writes, or write in a side transaction."""
_write_intent: contextvars.ContextVar[bool | None] = contextvars.ContextVar("write_intent", default=None)


def utcnow() -> datetime:
    """Return the current UTC time as a naive datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def assign(obj, data: dict, fields: tuple[str, ...], *, blank: str | None = None) -> None:
    """Copy the `fields` present in `data` onto a record: strings trimmed, an empty string stored as `blank` (None;
    the employer directory keeps "")."""
    for name in fields:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip() or blank
            setattr(obj, name, value)


class Base(DeclarativeBase):
    """Declarative base with the constraint naming convention Alembic batch mode needs."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """created_at / updated_at columns in naive UTC."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)


class VersionMixin:
    """Optimistic locking: SQLAlchemy bumps `version` on every flush and refuses stale UPDATEs."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.version}


@contextlib.contextmanager
def write_intent(value: bool = True):
    """Make SQLite transactions opened inside this block BEGIN IMMEDIATE (or deferred with False)."""
    token = _write_intent.set(value)
    try:
        yield
    finally:
        _write_intent.reset(token)


def writes(view):
    """Mark a GET view that writes through the request's session (an audit row, a counter): it begins IMMEDIATE."""
    view.writes = True
    return view


def wants_immediate() -> bool:
    """Writes take the SQLite lock up front; reads inside GET requests stay deferred unless the view @writes."""
    explicit = _write_intent.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        if request.method not in SAFE_METHODS:
            return True
        view = current_app.view_functions.get(request.endpoint or "")
        return bool(getattr(view, "writes", False))
    return True


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, _record):
    """WAL, FULL sync, foreign keys, a busy timeout and a 64 MB page cache (report queries read hundreds of
    thousands of index rows; the 2 MB default re-reads them from the OS); take over BEGIN from pysqlite."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


@event.listens_for(Engine, "connect")
def _postgresql_on_connect(dbapi_connection, _record):
    """No JIT compilation on PostgreSQL: the report queries' correlated searches are costed as if every one ran,
    so the planner compiled them for about 1.2 s to save milliseconds (issue 12); committed so it outlives resets."""
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(connection):
    """Emit BEGIN ourselves so SAVEPOINTs nest and writers wait for the lock instead of failing."""
    if connection.dialect.name == "sqlite":
        immediate = wants_immediate()
        connection.info["immediate"] = immediate
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_deferred_writes(connection, _cursor, statement, _parameters, _context, _executemany):
    """Catch a write inside a deferred SQLite transaction before it can fail at random (issue 10: idle lock)."""
    if connection.dialect.name != "sqlite" or connection.info.get("immediate", True):
        return
    if not WRITE_STATEMENT.match(statement) or not connection.in_transaction():
        return
    where = f"{request.method} {request.path}" if has_request_context() else "outside a request"
    message = f"a write inside a read-only transaction ({where}): {statement[:80]}"
    if has_app_context() and current_app.testing:
        raise DeferredWriteError(message)
    log.warning(message)


# Tables a migration makes outside the metadata (SQLite's FTS5 mirror of the search index and its shadow tables).
UNMANAGED_TABLES = ("search_index_fts",)


def migration_filter(dialect_name: str):
    """An Alembic include_object hook that ignores schema items meant for another database (`.ddl_if(dialect=)`)
    and the tables in UNMANAGED_TABLES."""

    def include_object(obj, name, type_, reflected, _compare_to) -> bool:
        if type_ == "table" and reflected and str(name).startswith(UNMANAGED_TABLES):
            return False
        condition = getattr(obj, "_ddl_if", None)
        wanted = getattr(condition, "dialect", None)
        return wanted is None or wanted == dialect_name

    return include_object
