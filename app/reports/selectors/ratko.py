"""The RATKO funnel: engagements presented, go / no-go decisions, workshops held, tasks inventoried and carved,
bundles created, made into leads, filled and ending in placements; hours per week freed into bundles; engagements
by phase and status. Counts are of events in the period (and the previous period), each from its own date."""

from __future__ import annotations

from sqlalchemy import case, distinct, func, select

from app.extensions import db
from app.leads.models import Lead
from app.leads.placements.models import Placement
from app.ratko.models import WEEKS_PER_MONTH, Bundle, Engagement, Task, Workshop
from app.reports.periods import Period
from app.reports.selectors.common import Scope, at_in_period, in_period


def _pair(stmt) -> list[int]:
    return [int(v or 0) for v in db.session.execute(stmt).one()]


def _counts(current, previous, *extra):
    """SUM(CASE) columns: current then previous, for each extra condition (None = every row)."""
    columns = []
    for condition in extra:
        for when in (current, previous):
            test = when if condition is None else (when & condition)
            columns.append(func.sum(case((test, 1), else_=0)))
    return columns


def funnel_counts(scope: Scope, period: Period) -> dict[str, tuple[int, int]]:
    """stage -> (this period, previous period)."""
    prev = period.previous()
    e, w, t, b, lead, p = Engagement, Workshop, Task, Bundle, Lead, Placement
    result = {}
    started = _pair(select(*_counts(at_in_period(e.created_at, period), at_in_period(e.created_at, prev), None))
                    .where(scope.where(e.organisation_id)))
    decided = _pair(select(*_counts(in_period(e.decided_on, period), in_period(e.decided_on, prev),
                                    e.decision == "go", e.decision == "no_go")).where(scope.where(e.organisation_id)))
    held = _pair(select(*_counts(in_period(w.held_on, period), in_period(w.held_on, prev), w.held_on <= scope.today))
                 .where(scope.where(w.organisation_id)))
    tasks = _pair(select(*_counts(at_in_period(t.created_at, period), at_in_period(t.created_at, prev), None,
                                  t.bundle_id.is_not(None))).where(scope.where(t.organisation_id)))
    bundles = _pair(select(*_counts(at_in_period(b.created_at, period), at_in_period(b.created_at, prev), None))
                    .where(scope.where(b.organisation_id)))
    leads = _pair(select(*_counts(at_in_period(lead.created_at, period), at_in_period(lead.created_at, prev), None),
                         *_counts(in_period(lead.filled_on, period), in_period(lead.filled_on, prev),
                                  lead.status == "filled"))
                  .where(scope.where(lead.organisation_id), lead.bundle_id.is_not(None)))
    current, before = in_period(p.starts_on, period), in_period(p.starts_on, prev)
    placed = _pair(select(func.sum(case((current, 1), else_=0)), func.sum(case((before, 1), else_=0)),
                          func.count(distinct(case((current, p.seeker_id)))),
                          func.count(distinct(case((before, p.seeker_id)))))
                   .where(scope.where(p.organisation_id), p.bundle_id.is_not(None)))
    for key, values in (("presented", started), ("go", decided[:2]), ("no_go", decided[2:]), ("workshops", held),
                        ("tasks", tasks[:2]), ("carved", tasks[2:]), ("bundles", bundles), ("leads", leads[:2]),
                        ("filled", leads[2:]), ("placements", placed[:2]), ("placed_persons", placed[2:])):
        result[key] = (values[0], values[1])
    return result


def freed_hours(scope: Scope, period: Period) -> tuple[float, float]:
    """Hours per week of the tasks carved into bundles created in the period (and the previous period)."""
    prev = period.previous()
    hours = case((Task.hours_period == "month", Task.hours_value / WEEKS_PER_MONTH), else_=Task.hours_value)
    now, before = at_in_period(Bundle.created_at, period), at_in_period(Bundle.created_at, prev)
    stmt = (select(func.sum(case((now, hours), else_=0)), func.sum(case((before, hours), else_=0)))
            .select_from(Task).join(Bundle, Bundle.id == Task.bundle_id).where(scope.where(Bundle.organisation_id)))
    a, b = db.session.execute(stmt).one()
    return float(a or 0), float(b or 0)


def phases(scope: Scope) -> dict[tuple[str, str], int]:
    """(phase, status) -> engagements today."""
    stmt = (select(Engagement.phase, Engagement.status, func.count()).where(scope.where(Engagement.organisation_id))
            .group_by(Engagement.phase, Engagement.status))
    return {(phase, status): int(n) for phase, status, n in db.session.execute(stmt)}
