"""Stored figures of closed months (issue 12, performance): which months of a period can be read from the
`report_*` tables, storing the missing ones first, and the rest of the period that is read live.

A report reads through `reading()`: a connection of its own whose one transaction sees the stored months and the
live rows together. Missing months are stored first in a short transaction on that connection (SQLite: BEGIN
IMMEDIATE, so never inside a GET's deferred transaction; PostgreSQL: the marks table locked against writers and
other fillers, so no write can slip between reading the touchpoints and storing their figures). If storing fails
(a lock not granted in time) the report simply reads those months live. Triggers forget a month when a write
reaches back into it (`app/reports/triggers.py`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import and_, delete, insert, select, text, true
from sqlalchemy.exc import SQLAlchemyError

from app.auth.models import Organisation
from app.core.db import write_intent
from app.extensions import db
from app.reports.models import (
    CADENCE,
    COLLISIONS,
    WORK,
    ReportCadence,
    ReportChannel,
    ReportCollision,
    ReportMonth,
    ReportPeople,
)
from app.reports.periods import Period, month_end, months_between

log = logging.getLogger(__name__)
TABLES = {CADENCE: (ReportCadence,), WORK: (ReportChannel, ReportPeople), COLLISIONS: (ReportCollision,)}
Fill = Callable[[object, list[int], list[date]], None]


def closed_months(period: Period, today: date) -> list[date]:
    """First days of the period's whole months that ended before the month of `today` began."""
    running = today.replace(day=1)
    return [m for m in months_between(period.start, period.end)
            if m >= period.start and month_end(m) <= period.end and month_end(m) < running]


def live_ranges(period: Period, months) -> list[tuple[date, date]]:
    """The parts of the period that `months` (first days of whole months inside it) do not cover."""
    ranges, cursor = [], period.start
    for month in sorted(months):
        if month > cursor:
            ranges.append((cursor, month - timedelta(days=1)))
        cursor = max(cursor, month_end(month) + timedelta(days=1))
    if cursor <= period.end:
        ranges.append((cursor, period.end))
    return ranges


def _marks(connection, kind: int, organisation_id: int | None, months: list[date]) -> tuple[list[int], set]:
    """(the organisations read, their (organisation, month) pairs stored)."""
    mark = ReportMonth
    stmt = (select(Organisation.id, mark.month).outerjoin(mark, and_(
        mark.organisation_id == Organisation.id, mark.kind == kind, mark.month.in_(months)))
        .where(true() if organisation_id is None else Organisation.id == organisation_id))
    orgs, stored = set(), set()
    for org_id, month in connection.execute(stmt):
        orgs.add(org_id)
        if month is not None:
            stored.add((org_id, month))
    return sorted(orgs), stored


def _missing(orgs, stored, months) -> tuple[list[int], list[date]]:
    pairs = {(o, m) for o in orgs for m in months} - stored
    return sorted({o for o, _m in pairs}), sorted({m for _o, m in pairs})


def _store(connection, kind: int, organisation_id: int | None, months: list[date], fill: Fill) -> None:
    """Store the missing months in a transaction of their own (checked again once the lock is held)."""
    with write_intent(True), connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL lock_timeout = '3s'"))
            connection.execute(text("LOCK TABLE report_months IN SHARE ROW EXCLUSIVE MODE"))
        orgs, stored = _marks(connection, kind, organisation_id, months)
        orgs, months = _missing(orgs, stored, months)
        if not months:
            return
        for table in TABLES[kind]:
            connection.execute(delete(table).where(table.organisation_id.in_(orgs), table.month.in_(months)))
        connection.execute(delete(ReportMonth).where(ReportMonth.kind == kind, ReportMonth.organisation_id.in_(orgs),
                                                     ReportMonth.month.in_(months)))
        fill(connection, orgs, months)
        connection.execute(insert(ReportMonth), [{"kind": kind, "organisation_id": o, "month": m}
                                                 for o in orgs for m in months])


@contextmanager
def reading(kind: int, organisation_id: int | None, months: list[date], fill: Fill) -> Iterator[tuple]:
    """(connection in a read transaction, the months of `months` stored for every organisation read: one or,
    with None, all); missing months are stored first with `fill(connection, organisation ids, months)`."""
    months = sorted(set(months))
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        for attempt in (1, 2):
            with write_intent(False):
                connection.begin()
            orgs, stored = _marks(connection, kind, organisation_id, months) if months else ([], set())
            missing = _missing(orgs, stored, months)[1]
            if not missing or attempt == 2:
                break
            connection.rollback()
            try:
                _store(connection, kind, organisation_id, months, fill)
            except SQLAlchemyError as error:  # a lock not granted in time: read those months live this once
                log.warning("report months not stored: %s", error)
        try:
            yield connection, [m for m in months if m not in missing]
        finally:
            connection.rollback()


@contextmanager
def periods_reading(kind: int, organisation_id: int | None, today: date, periods: dict[str, Period],
                    fill: Fill) -> Iterator[tuple]:
    """(connection, {key: (stored months, live ranges)}) for each period, read as `reading()` does."""
    wanted = {key: closed_months(period, today) for key, period in periods.items()}
    every = [m for months in wanted.values() for m in months]
    with reading(kind, organisation_id, every, fill) as (connection, stored):
        parts = {}
        for key, period in periods.items():
            months = [m for m in wanted[key] if m in stored]
            parts[key] = (months, live_ranges(period, months))
        yield connection, parts
