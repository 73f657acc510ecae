"""Cadence health: how many active relationships were in cadence, due or overdue at a date, by owner (or by
organisation in the network view), month by month; and employers reached through one contact person only.

A relationship is read at date D with the rules of `touchpoints.cadence`: *in cadence* when it started less than
365/target days before D or has a counted touchpoint in the 365/target days up to D; *overdue* when it started at
least 365/minimum days before D and has no counted touchpoint in the 365/minimum days up to D; *due* otherwise.
Whether a relationship is active (not dormant or do-not-contact, employer not archived) is today's state.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, case, distinct, exists, func, or_, select

from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.reports.periods import month_ends
from app.reports.selectors.common import Scope, counted_clause, date_table
from app.touchpoints.cadence import interval_days
from app.touchpoints.models import RelationshipCadence, Touchpoint


def _pairs(scope: Scope) -> list[tuple[int, int]]:
    cad, rel = RelationshipCadence, Relationship
    stmt = (select(rel.cadence_target, rel.cadence_minimum).distinct().join(cad, cad.relationship_id == rel.id)
            .where(cad.active.is_(True), scope.where(cad.organisation_id)))
    return [tuple(row) for row in db.session.execute(stmt)]


def states_at(scope: Scope, dates: list[date]) -> dict[tuple[int, date], tuple[int, int, int]]:
    """(group, date) -> (active, in cadence, overdue); group = owner id (None: no owner), or organisation id in the
    network view. Two queries, whatever the number of relationships and dates."""
    pairs = _pairs(scope)
    if not pairs or not dates:
        return {}
    rows = [(d, target, minimum, d - timedelta(days=interval_days(target)), d - timedelta(days=interval_days(minimum)))
            for d in sorted(set(dates)) for target, minimum in pairs]
    bounds = date_table("bounds", rows, ("d", "target", "minimum", "d_target", "d_minimum"))
    cad, rel, tp = RelationshipCadence, Relationship, Touchpoint
    counted = counted_clause(scope)

    def touched_after(lower):
        return exists().where(tp.organisation_id == cad.organisation_id, tp.employer_id == cad.employer_id,
                              tp.occurred_on > lower, tp.occurred_on <= bounds.c.d, counted)

    state = case((or_(rel.started_on > bounds.c.d_target, touched_after(bounds.c.d_target)), 0),
                 (or_(rel.started_on > bounds.c.d_minimum, touched_after(bounds.c.d_minimum)), 1), else_=2)
    group = cad.organisation_id if scope.network else cad.owner_id
    inner = (select(group.label("grp"), bounds.c.d.label("day"), state.label("state"))
             .select_from(cad).join(rel, rel.id == cad.relationship_id)
             .join(bounds, and_(bounds.c.target == rel.cadence_target, bounds.c.minimum == rel.cadence_minimum))
             .where(cad.active.is_(True), scope.where(cad.organisation_id), rel.started_on <= bounds.c.d)).subquery()
    stmt = (select(inner.c.grp, inner.c.day, func.count(),
                   func.sum(case((inner.c.state == 0, 1), else_=0)), func.sum(case((inner.c.state == 2, 1), else_=0)))
            .group_by(inner.c.grp, inner.c.day))
    return {(grp, _as_date(day)): (int(n), int(ok or 0), int(late or 0))
            for grp, day, n, ok, late in db.session.execute(stmt)}


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def totals(states: dict, day: date) -> tuple[int, int, int]:
    """(active, in cadence, overdue) over every group at `day`."""
    rows = [v for (_grp, d), v in states.items() if d == day]
    return tuple(sum(r[i] for r in rows) for i in range(3))


def by_group(states: dict, day: date) -> dict:
    """group -> (active, in cadence, overdue) at `day`."""
    return {grp: v for (grp, d), v in states.items() if d == day}


def trend_dates(as_of: date) -> list[date]:
    """The twelve month ends the overdue trend is read at (the last one is `as_of`)."""
    return month_ends(as_of, 12)


def contact_coverage(scope: Scope) -> dict[int, tuple[int, int]]:
    """group -> (employers with no contact person, employers with one) among the scope's active relationships;
    one group per organisation."""
    counts = (select(ContactPerson.employer_id, func.count().label("n")).where(ContactPerson.archived_at.is_(None))
              .group_by(ContactPerson.employer_id).subquery())
    cad = RelationshipCadence
    n = func.coalesce(counts.c.n, 0)
    stmt = (select(cad.organisation_id, func.count(distinct(case((n == 0, cad.employer_id)))),
                   func.count(distinct(case((n == 1, cad.employer_id)))))
            .select_from(cad).outerjoin(counts, counts.c.employer_id == cad.employer_id)
            .where(cad.active.is_(True), scope.where(cad.organisation_id)).group_by(cad.organisation_id))
    return {int(grp): (int(none), int(one)) for grp, none, one in db.session.execute(stmt)}


def single_contact_employers(scope: Scope, limit: int = 50) -> list:
    """Employers of my organisation's active relationships with exactly one contact person: (id, name,
    municipality), by name."""
    counts = (select(ContactPerson.employer_id).where(ContactPerson.archived_at.is_(None))
              .group_by(ContactPerson.employer_id).having(func.count() == 1).subquery())
    cad = RelationshipCadence
    stmt = (select(Employer.id, Employer.name, Employer.municipality).join(cad, cad.employer_id == Employer.id)
            .join(counts, counts.c.employer_id == Employer.id)
            .where(cad.active.is_(True), scope.where(cad.organisation_id)).order_by(Employer.name).limit(limit))
    return list(db.session.execute(stmt))
