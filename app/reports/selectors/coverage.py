"""Coverage of the directory: employers by municipality and TOL 2008 industry (worked with by the scope, by no
organisation at all), new relationships per month, and collisions (two organisations on one employer within 30
days)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, distinct, exists, func, insert, literal, select, union_all

from app.employers.models import PAUSED_STATUSES, Employer, Relationship
from app.extensions import db
from app.reports import snapshot
from app.reports.models import COLLISIONS, ReportCollision
from app.reports.periods import Period, month_end
from app.reports.selectors.common import Scope, add_days, in_period, month_key, month_start, within
from app.touchpoints.models import Touchpoint
from app.touchpoints.worklist import COLLISION_DAYS


def _works_with(scope: Scope | None):
    """SQL condition: the employer has a relationship (not dormant or do-not-contact) with the scope, or with any
    organisation when `scope` is None; one index search per employer."""
    condition = exists().where(Relationship.employer_id == Employer.id, Relationship.status.not_in(PAUSED_STATUSES))
    return condition.where(scope.where(Relationship.organisation_id)) if scope else condition


def directory(scope: Scope) -> tuple[list[tuple], list[tuple]]:
    """Unarchived employers by municipality and by industry code: (value, employers, worked with by the scope, worked
    with by no organisation). One statement: each employer's index searches (two, one in the network view) are made
    once (a CTE used twice is materialised by SQLite and PostgreSQL) and grouped both ways."""
    columns = [Employer.municipality.label("municipality"), Employer.industry_code.label("industry"),
               case((_works_with(None), 1), else_=0).label("anyone")]
    if not scope.network:  # the network's "worked with by the scope" is "by anyone": searched once
        columns.append(case((_works_with(scope), 1), else_=0).label("ours"))
    flags = select(*columns).where(Employer.archived_at.is_(None)).cte("flags")
    ours = flags.c.anyone if scope.network else flags.c.ours

    def grouped(kind: str, key):
        return (select(literal(kind).label("kind"), key.label("value"), func.count(), func.sum(ours),
                       func.count() - func.sum(flags.c.anyone)).group_by(key))

    stmt = union_all(grouped("m", flags.c.municipality), grouped("i", flags.c.industry))
    result: dict[str, list[tuple]] = {"m": [], "i": []}
    for kind, value, n, ours, nobody in db.session.execute(stmt):
        result[kind].append((value, int(n), int(ours or 0), int(nobody or 0)))
    return result["m"], result["i"]


def new_relationships(scope: Scope, start: date, end: date) -> dict[str, int]:
    """'YYYY-MM' -> relationships started in that month, between `start` and `end`."""
    month = month_key(Relationship.started_on)
    stmt = (select(month, func.count()).where(scope.where(Relationship.organisation_id),
                                              Relationship.started_on.between(start, end)).group_by(month))
    return {key: int(n) for key, n in db.session.execute(stmt)}


def new_counts(scope: Scope, period: Period) -> tuple[int, int]:
    """Relationships started in the period and in the previous period."""
    previous, started = period.previous(), Relationship.started_on
    current = in_period(started, period)
    stmt = (select(func.sum(case((current, 1), else_=0)), func.sum(case((current, 0), else_=1)))
            .where(scope.where(Relationship.organisation_id), started.between(previous.start, period.end)))
    now, before = db.session.execute(stmt).one()
    return int(now or 0), int(before or 0)


def _collision_exists(t1):
    t2 = Touchpoint.__table__.alias("other")
    return exists().where(t2.c.employer_id == t1.employer_id, t2.c.organisation_id != t1.organisation_id,
                          t2.c.occurred_on <= t1.occurred_on,
                          t2.c.occurred_on >= add_days(t1.occurred_on, -COLLISION_DAYS))


def fill_months(connection, organisation_ids: list[int], months: list[date]) -> None:
    """Store each organisation's colliding touchpoints of each month, by employer."""
    t1 = Touchpoint
    month = month_start(t1.occurred_on)
    connection.execute(insert(ReportCollision).from_select(
        ["organisation_id", "month", "employer_id", "touchpoints"],
        select(t1.organisation_id, month, t1.employer_id, func.count())
        .where(t1.organisation_id.in_(organisation_ids), t1.occurred_on.between(months[0], month_end(months[-1])),
               month.in_(months), _collision_exists(t1))
        .group_by(t1.organisation_id, month, t1.employer_id)))


def _hits(scope: Scope, parts: dict):
    """Subquery (employer_id, now, touchpoints): the scope's colliding touchpoints, stored by month and employer for
    the stored months, read live for the rest; `now` tells the period from the one before."""
    stored, t1 = ReportCollision, Touchpoint
    now_months, now_ranges = parts["now"]
    months = [m for key in parts for m in parts[key][0]]
    ranges = [r for key in parts for r in parts[key][1]]
    return union_all(
        select(stored.employer_id.label("employer_id"), case((stored.month.in_(now_months), 1), else_=0).label("now"),
               stored.touchpoints.label("touchpoints"))
        .where(scope.where(stored.organisation_id), stored.month.in_(months)),
        select(t1.employer_id, case((within(t1.occurred_on, now_ranges), 1), else_=0), literal(1))
        .where(scope.where(t1.organisation_id), within(t1.occurred_on, ranges), _collision_exists(t1)),
    ).subquery()


def collisions(scope: Scope, period: Period) -> tuple[tuple[int, int], tuple[int, int]]:
    """((employers, touchpoints) in the period, the same in the previous period): touchpoints of the scope made
    within 30 days after another organisation's touchpoint on the same employer."""
    periods = {"now": period, "before": period.previous()}
    with snapshot.periods_reading(COLLISIONS, scope.organisation_id, scope.today, periods, fill_months) as (connection,
                                                                                                     parts):
        hits = _hits(scope, parts)
        now = hits.c.now == 1
        stmt = select(func.count(distinct(case((now, hits.c.employer_id)))),
                      func.sum(case((now, hits.c.touchpoints), else_=0)),
                      func.count(distinct(case((~now, hits.c.employer_id)))),
                      func.sum(case((now, 0), else_=hits.c.touchpoints)))
        a, b, c, d = connection.execute(stmt).one()
    return (int(a), int(b or 0)), (int(c), int(d or 0))


def collision_employers(scope: Scope, period: Period, limit: int = 50) -> list[tuple]:
    """(employer name, municipality, organisations that touched it in the period, last touch) for employers with
    collisions in the period, most organisations first."""
    with snapshot.periods_reading(COLLISIONS, scope.organisation_id, scope.today, {"now": period},
                                  fill_months) as (connection, parts):
        hits = _hits(scope, parts)
        tp = Touchpoint
        touched = (select(tp.employer_id, func.count(distinct(tp.organisation_id)).label("organisations"),
                          func.max(tp.occurred_on).label("last"))
                   .where(in_period(tp.occurred_on, period), tp.employer_id.in_(select(hits.c.employer_id)))
                   .group_by(tp.employer_id).subquery())  # counted before the names are joined: narrower rows
        stmt = (select(Employer.name, Employer.municipality, touched.c.organisations, touched.c.last)
                .join(touched, touched.c.employer_id == Employer.id)
                .order_by(touched.c.organisations.desc(), Employer.name).limit(limit))
        return [tuple(row) for row in connection.execute(stmt)]
