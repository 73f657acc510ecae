"""Cadence health: how many active relationships were in cadence, due or overdue at a date, by owner (or by
organisation in the network view), month by month; and employers reached through one contact person only.

A relationship is read at date D with the rules of `touchpoints.cadence`: *in cadence* when it started less than
365/target days before D or has a counted touchpoint in the 365/target days up to D; *overdue* when it started at
least 365/minimum days before D and has no counted touchpoint in the 365/minimum days up to D; *due* otherwise.
Whether a relationship is active (not dormant or do-not-contact, employer not archived) is today's state.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Date, case, exists, func, insert, literal, select

from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.reports import snapshot
from app.reports.models import CADENCE, ReportCadence
from app.reports.periods import month_end, month_ends
from app.reports.selectors.common import Scope, counted_clause
from app.touchpoints.cadence import interval_days
from app.touchpoints.models import RelationshipCadence, Touchpoint

OVERDUE = 1_000_000  # a second count summed in millions beside the first in ones: one CASE per row


def _organisations(scope: Scope, organisation_ids=None):
    """The cadence rows read: of `organisation_ids` when given (storing months), else of the scope."""
    column_ = RelationshipCadence.organisation_id
    return column_.in_(organisation_ids) if organisation_ids is not None else scope.where(column_)


def _pairs(connection, scope: Scope, organisation_ids=None) -> list[tuple[int, int]]:
    cad, rel = RelationshipCadence, Relationship
    stmt = (select(rel.cadence_target, rel.cadence_minimum).distinct().join(cad, cad.relationship_id == rel.id)
            .where(cad.active.is_(True), _organisations(scope, organisation_ids)))
    return [tuple(row) for row in connection.execute(stmt)]


def _bound(column_, values: set[int], day: date):
    """`day` less the interval of each relationship's target (or minimum): a constant when all share one."""
    pairs = sorted(values)
    if len(pairs) == 1:
        return literal(day - timedelta(days=interval_days(pairs[0])), Date)
    return case(*((column_ == v, literal(day - timedelta(days=interval_days(v)), Date)) for v in pairs[1:]),
                else_=literal(day - timedelta(days=interval_days(pairs[0])), Date))


def _live(connection, scope: Scope, dates: list[date], groups, organisation_ids=None):
    """Rows (*groups, active and code at each date): each relationship row is visited once, and touchpoints are
    searched only for relationships touched after a date read."""
    pairs = _pairs(connection, scope, organisation_ids)
    if not pairs or not dates:
        return []
    cad, rel, tp = RelationshipCadence, Relationship, Touchpoint
    counted, last = counted_clause(scope, connection, organisation_ids), cad.last_counted_on
    targets, minimums = {p[0] for p in pairs}, {p[1] for p in pairs}

    def touched(lower, day):
        """A counted touch in (lower, day] (no lower bound when None)."""
        window = [tp.occurred_on <= day] if lower is None else [tp.occurred_on > lower, tp.occurred_on <= day]
        return exists().where(tp.organisation_id == cad.organisation_id, tp.employer_id == cad.employer_id,
                              *window, counted)

    columns = []
    for day in dates:
        target, minimum = _bound(rel.cadence_target, targets, day), _bound(rel.cadence_minimum, minimums, day)
        # As touchpoints.cadence: the base is the latest counted touch on or before the day, else the start. The
        # latest counted touch overall (kept on the cadence row) decides without a search whenever it is not after
        # the day; otherwise the touchpoints are searched. One CASE per day: 1 = in cadence, OVERDUE = overdue,
        # 0 = due or not started yet.
        code = case((rel.started_on > day, 0),
                    (last.is_(None), case((rel.started_on > target, 1), (rel.started_on > minimum, 0),
                                          else_=OVERDUE)),
                    (last <= day, case((last > target, 1), (last > minimum, 0), else_=OVERDUE)),
                    (touched(target, day), 1), (touched(minimum, day), 0), (touched(None, minimum), OVERDUE),
                    (rel.started_on > target, 1), (rel.started_on > minimum, 0), else_=OVERDUE)
        columns += [func.sum(case((rel.started_on <= day, 1), else_=0)), func.sum(code)]
    stmt = (select(*groups, *columns).select_from(cad).join(rel, rel.id == cad.relationship_id)
            .where(cad.active.is_(True), _organisations(scope, organisation_ids)).group_by(*groups))
    return list(connection.execute(stmt))


def fill_months(connection, organisation_ids: list[int], months: list[date]) -> None:
    """Store the states at the end of each month, per organisation and owner."""
    ends = [month_end(m) for m in months]
    cad = RelationshipCadence
    rows = _live(connection, Scope(None, ends[-1]), ends, (cad.organisation_id, cad.owner_id), organisation_ids)
    values = []
    for org, owner, *figures in rows:
        for index, month in enumerate(months):
            active, code = int(figures[2 * index] or 0), int(figures[2 * index + 1] or 0)
            values.append({"organisation_id": org, "month": month, "owner_key": owner or 0, "active": active,
                           "in_cadence": code % OVERDUE, "overdue": code // OVERDUE})
    if values:
        connection.execute(insert(ReportCadence), values)


def states_at(scope: Scope, dates: list[date]) -> dict[tuple[int, date], tuple[int, int, int]]:
    """(group, date) -> (active, in cadence, overdue); group = owner id (None: no owner), or organisation id in the
    network view. The ends of closed months come from the stored states (stored first when missing), other dates
    are read live; a few queries whatever the number of relationships and dates."""
    dates = sorted(set(dates))
    first_open = scope.today.replace(day=1)
    months = [d.replace(day=1) for d in dates if d == month_end(d) and d < first_open]
    cad, stored = RelationshipCadence, ReportCadence
    group = cad.organisation_id if scope.network else cad.owner_id
    with snapshot.reading(CADENCE, scope.organisation_id, months, fill_months) as (connection, months):
        done = {month_end(m) for m in months}
        live = [d for d in dates if d not in done]
        result, groups = {}, set()
        for grp, *values in _live(connection, scope, live, (group,)):
            groups.add(grp)
            for index, day in enumerate(live):
                active, code = int(values[2 * index] or 0), int(values[2 * index + 1] or 0)
                result[(grp, day)] = (active, code % OVERDUE, code // OVERDUE)
        if not months:
            return result
        if not live:
            groups = set(connection.scalars(select(group).distinct().where(cad.active.is_(True),
                                                                           _organisations(scope))))
        # Every group of today's active relationships at every date, as when read live: a group's stored month
        # that a change of owner or state could alter is forgotten by the triggers, so others hold zeros.
        stored_group = stored.organisation_id if scope.network else stored.owner_key
        stmt = (select(stored_group, stored.month, func.sum(stored.active), func.sum(stored.in_cadence),
                       func.sum(stored.overdue))
                .where(scope.where(stored.organisation_id), stored.month.in_(months))
                .group_by(stored_group, stored.month))
        found = {((grp if scope.network else grp or None), month_end(month)): (int(a), int(b), int(c))
                 for grp, month, a, b, c in connection.execute(stmt)}
        for grp in groups:
            for day in done:
                result[(grp, day)] = found.get((grp, day), (0, 0, 0))
    return result


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


def _contacts_of(employer_id):
    """Scalar subquery: the employer's unarchived contact persons (one index search)."""
    return (select(func.count()).select_from(ContactPerson)
            .where(ContactPerson.employer_id == employer_id, ContactPerson.archived_at.is_(None)).scalar_subquery())


def contact_coverage(scope: Scope) -> dict[int, tuple[int, int]]:
    """organisation -> (employers with no contact person, employers with one) among the scope's active
    relationships."""
    cad = RelationshipCadence
    if scope.network:  # every employer's contacts counted once in one pass, not searched per relationship
        counts = (select(ContactPerson.employer_id, func.count().label("n")).where(ContactPerson.archived_at.is_(None))
                  .group_by(ContactPerson.employer_id).subquery())
        n = func.coalesce(counts.c.n, 0)
        source = cad.__table__.outerjoin(counts, counts.c.employer_id == cad.employer_id)
    else:
        n, source = _contacts_of(cad.employer_id), cad.__table__
    stmt = (select(cad.organisation_id, func.sum(case((n == 0, 1), (n == 1, OVERDUE), else_=0))).select_from(source)
            .where(cad.active.is_(True), scope.where(cad.organisation_id)).group_by(cad.organisation_id))
    return {int(grp): (int(code or 0) % OVERDUE, int(code or 0) // OVERDUE) for grp, code in db.session.execute(stmt)}


def single_contact_employers(scope: Scope, limit: int = 50) -> list:
    """Employers of my organisation's active relationships with exactly one contact person: (id, name,
    municipality), by name."""
    cad = RelationshipCadence
    stmt = (select(Employer.id, Employer.name, Employer.municipality).join(cad, cad.employer_id == Employer.id)
            .where(cad.active.is_(True), scope.where(cad.organisation_id), _contacts_of(Employer.id) == 1)
            .order_by(Employer.name).limit(limit))
    return list(db.session.execute(stmt))
