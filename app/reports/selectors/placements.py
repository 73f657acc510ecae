"""Placements and retention: placements started by type, still employed at the 1/3/6/12-month follow-ups due in
the period, pay-subsidy ends, placements active at the period's end and ended in it. Every count comes with the
number of distinct persons behind it, for the small-count protection of the network view."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, distinct, func, or_, select

from app.extensions import db
from app.leads.placements.models import Placement, PlacementFollowUp
from app.reports.periods import Period
from app.reports.selectors.common import Scope, in_period


def _both(when_now, when_before, person):
    return (func.sum(case((when_now, 1), else_=0)), func.sum(case((when_before, 1), else_=0)),
            func.count(distinct(case((when_now, person)))), func.count(distinct(case((when_before, person)))))


def started_by_type(scope: Scope, period: Period) -> dict[str, tuple[int, int, int, int]]:
    """type -> (placements started in the period, in the previous period, persons now, persons before)."""
    prev, p = period.previous(), Placement
    stmt = (select(p.type, *_both(in_period(p.starts_on, period), in_period(p.starts_on, prev), p.seeker_id))
            .where(scope.where(p.organisation_id), p.starts_on.between(prev.start, period.end)).group_by(p.type))
    return {kind: tuple(int(v or 0) for v in rest) for kind, *rest in db.session.execute(stmt)}


def retention(scope: Scope, period: Period) -> dict[int, tuple[int, int, int, int]]:
    """months -> (follow-ups due in the period, recorded, still employed, persons recorded)."""
    f, p = PlacementFollowUp, Placement
    recorded = f.done_on.is_not(None)
    stmt = (select(f.months, func.count(), func.sum(case((recorded, 1), else_=0)),
                   func.sum(case((and_(recorded, f.still_employed.is_(True)), 1), else_=0)),
                   func.count(distinct(case((recorded, p.seeker_id)))))
            .join(p, p.id == f.placement_id)
            .where(scope.where(f.organisation_id), in_period(f.due_on, period)).group_by(f.months))
    return {months: tuple(int(v or 0) for v in rest) for months, *rest in db.session.execute(stmt)}


def subsidy_ends(scope: Scope, period: Period) -> tuple[int, int, int, int]:
    """Pay subsidies ending in the period: (ending, handled, still in the job today, persons)."""
    p = Placement
    stmt = (select(func.count(), func.sum(case((p.subsidy_handled_on.is_not(None), 1), else_=0)),
                   func.sum(case((p.status == "active", 1), else_=0)), func.count(distinct(p.seeker_id)))
            .where(scope.where(p.organisation_id), in_period(p.subsidy_ends_on, period)))
    return tuple(int(v or 0) for v in db.session.execute(stmt).one())


def active_at(scope: Scope, days: list[date]) -> dict[date, tuple[int, int]]:
    """day -> (placements running on that day, persons)."""
    p = Placement
    result = {}
    columns = []
    for day in days:
        running = and_(p.starts_on <= day, or_(p.ended_on.is_(None), p.ended_on > day))
        columns += [func.sum(case((running, 1), else_=0)), func.count(distinct(case((running, p.seeker_id))))]
    row = db.session.execute(select(*columns).where(scope.where(p.organisation_id))).one()
    for index, day in enumerate(days):
        result[day] = (int(row[2 * index] or 0), int(row[2 * index + 1] or 0))
    return result


def ended_by_reason(scope: Scope, period: Period) -> dict[str | None, tuple[int, int]]:
    """end reason -> (placements ended in the period, persons)."""
    p = Placement
    stmt = (select(p.end_reason, func.count(), func.count(distinct(p.seeker_id)))
            .where(scope.where(p.organisation_id), in_period(p.ended_on, period)).group_by(p.end_reason))
    return {reason: (int(n), int(persons)) for reason, n, persons in db.session.execute(stmt)}
