"""Core bulk inserts with the audit rows the flush hook would have written (one per record, same shape).

The ORM's per-object flush, audit hook and relationship listeners cost several statements per record; an import
chunk creates hundreds of records, so creations go through here instead (RELIABILITY.md G1 still holds: every
created record gets its create event, attributed to the importing user, with its values).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, insert, select, text

from app.core.audit import ALWAYS_SKIPPED, MASK, AuditEvent, current_actor
from app.core.db import utcnow
from app.extensions import db


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _label(model, row: dict) -> str:
    if model.__tablename__ == "employers":
        return row.get("name", "")
    if model.__tablename__ == "relationships":
        return f"{row.get('organisation_id')}/{row.get('employer_id')}"
    return f"#{row['id']}"


def many(table, rows: list[dict]) -> None:
    """Insert many rows (all with the same keys) into `table` in this session's transaction, as fast as the
    database allows: COPY on PostgreSQL (one statement per row otherwise), an executemany on SQLite (in-process)."""
    if not rows:
        return
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    from psycopg import sql

    columns = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(name) for name in columns))
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])


def _new_ids(table, count: int) -> list[int]:
    """Ids for `count` new rows, taken before inserting so no RETURNING order has to be trusted.

    PostgreSQL: from the table's sequence. SQLite: after the highest id, which is safe because a write transaction
    there holds the database's only write lock (an import chunk begins IMMEDIATE)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return list(db.session.scalars(
            text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
            {"table": table.name, "count": count}))
    start = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(start, start + count))


def insert_audited(model, rows: list[dict]) -> list[int]:
    """Insert rows of an audited model in one statement; write their create audit events; return the new ids."""
    if not rows:
        return []
    table = model.__table__
    now = utcnow()
    stamped = [{"created_at": now, "updated_at": now, "version": 1, **row} for row in rows] \
        if "version" in table.c else [{"created_at": now, "updated_at": now, **row} for row in rows]
    ids = _new_ids(table, len(rows))
    many(table, [{**row, "id": new_id} for row, new_id in zip(stamped, ids, strict=True)])
    skipped = ALWAYS_SKIPPED | set(getattr(model, "__audit_exclude__", ()))
    masked = set(getattr(model, "__audit_masked__", ()))
    actor_id, actor_org = current_actor()
    events = []
    for row, new_id in zip(rows, ids, strict=True):
        values = {"id": new_id, **row}
        changes = {key: (MASK if key in masked else _plain(value)) for key, value in values.items()
                   if key not in skipped and value is not None and value != ""}
        organisation = values.get("organisation_id")
        events.append({"created_at": now, "actor_id": actor_id,
                       "organisation_id": organisation if organisation is not None else actor_org,
                       "action": "create", "entity": table.name, "entity_id": new_id,
                       "summary": str(_label(model, values))[:300],
                       "changes": json.dumps(changes, ensure_ascii=False)})
    many(AuditEvent.__table__, events)
    return ids
