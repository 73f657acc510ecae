"""Coverage of the directory: employers by municipality and TOL 2008 industry (worked with by the scope, by no
organisation at all), new relationships per month, and collisions (two organisations on one employer within 30
days)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, distinct, exists, func, literal, select, union_all

from app.employers.models import PAUSED_STATUSES, Employer, Relationship
from app.extensions import db
from app.reports.periods import Period
from app.reports.selectors.common import Scope, add_days, in_period, month_key
from app.touchpoints.models import Touchpoint
from app.touchpoints.worklist import COLLISION_DAYS


def _works_with(scope: Scope | None):
    """SQL condition: the employer has a relationship (not dormant or do-not-contact) with the scope, or with any
    organisation when `scope` is None; one index search per employer."""
    condition = exists().where(Relationship.employer_id == Employer.id, Relationship.status.not_in(PAUSED_STATUSES))
    return condition.where(scope.where(Relationship.organisation_id)) if scope else condition


def directory(scope: Scope) -> tuple[list[tuple], list[tuple]]:
    """Unarchived employers by municipality and by industry code: (value, employers, worked with by the scope, worked
    with by no organisation). One statement: each employer's two index searches are made once (a CTE used twice
    is materialised by SQLite and PostgreSQL) and grouped both ways."""
    flags = (select(Employer.municipality.label("municipality"), Employer.industry_code.label("industry"),
                    case((_works_with(scope), 1), else_=0).label("ours"),
                    case((_works_with(None), 0), else_=1).label("nobody"))
             .where(Employer.archived_at.is_(None)).cte("flags"))

    def grouped(kind: str, key):
        return (select(literal(kind).label("kind"), key.label("value"), func.count(), func.sum(flags.c.ours),
                       func.sum(flags.c.nobody)).group_by(key))

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


def collisions(scope: Scope, period: Period) -> tuple[tuple[int, int], tuple[int, int]]:
    """((employers, touchpoints) in the period, the same in the previous period): touchpoints of the scope made
    within 30 days after another organisation's touchpoint on the same employer."""
    previous, t1 = period.previous(), Touchpoint
    current = in_period(t1.occurred_on, period)
    stmt = (select(func.count(distinct(case((current, t1.employer_id)))), func.sum(case((current, 1), else_=0)),
                   func.count(distinct(case((~current, t1.employer_id)))), func.sum(case((current, 0), else_=1)))
            .where(scope.where(t1.organisation_id), t1.occurred_on.between(previous.start, period.end),
                   _collision_exists(t1)))
    a, b, c, d = db.session.execute(stmt).one()
    return (int(a), int(b or 0)), (int(c), int(d or 0))


def collision_employers(scope: Scope, period: Period, limit: int = 50) -> list[tuple]:
    """(employer name, municipality, organisations that touched it in the period, last touch) for employers with
    collisions in the period, most organisations first."""
    t1 = Touchpoint
    hit = (select(t1.employer_id).where(scope.where(t1.organisation_id), in_period(t1.occurred_on, period),
                                        _collision_exists(t1)).distinct().subquery())
    stmt = (select(Employer.name, Employer.municipality, func.count(distinct(Touchpoint.organisation_id)),
                   func.max(Touchpoint.occurred_on))
            .select_from(hit).join(Employer, Employer.id == hit.c.employer_id)
            .join(Touchpoint, and_(Touchpoint.employer_id == hit.c.employer_id,
                                   in_period(Touchpoint.occurred_on, period)))
            .group_by(Employer.id, Employer.name, Employer.municipality)
            .order_by(func.count(distinct(Touchpoint.organisation_id)).desc(), Employer.name).limit(limit))
    return [tuple(row) for row in db.session.execute(stmt)]
