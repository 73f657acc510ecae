"""Leads: created by kind (hidden jobs against advertised vacancies), shared to the network, held before sharing,
filled and the time it took, expired; and the reciprocity between organisations (who shares, who fills whose)."""

from __future__ import annotations

from sqlalchemy import and_, case, func, select

from app.extensions import db
from app.leads.models import OPEN_STATUSES, Lead
from app.reports.periods import Period
from app.reports.selectors.common import Scope, at_in_period, days_between, in_period, local_day


def by_kind(scope: Scope, period: Period) -> dict[str, tuple]:
    """kind -> (created, created before, shared, shared before, held, filled, filled before, expired,
    days to fill summed, leads filled with a known start)."""
    prev, lead = period.previous(), Lead
    shared = and_(lead.visibility == "network", lead.opens_at.is_not(None))
    held = and_(shared, lead.kind == "hidden_job", lead.opens_at > lead.created_at)
    filled = lead.status == "filled"
    filled_now = and_(filled, in_period(lead.filled_on, period))
    expired = and_(lead.status.in_(OPEN_STATUSES), in_period(lead.expires_on, period), lead.expires_on < scope.today)

    def count(condition):
        return func.sum(case((condition, 1), else_=0))

    stmt = (select(lead.kind, count(at_in_period(lead.created_at, period)), count(at_in_period(lead.created_at, prev)),
                   count(and_(shared, at_in_period(lead.opens_at, period))),
                   count(and_(shared, at_in_period(lead.opens_at, prev))),
                   count(and_(held, at_in_period(lead.created_at, period))), count(filled_now),
                   count(and_(filled, in_period(lead.filled_on, prev))), count(expired),
                   func.sum(case((filled_now, days_between(lead.filled_on, local_day(lead.created_at))), else_=0)),
                   count(filled_now))
            .where(scope.where(lead.organisation_id)).group_by(lead.kind))
    return {kind: tuple(int(v or 0) for v in rest) for kind, *rest in db.session.execute(stmt)}


def shared_by_organisation(period: Period) -> dict[int, int]:
    """organisation -> leads it opened to the network in the period (network-wide: others' sharing is public)."""
    stmt = (select(Lead.organisation_id, func.count())
            .where(Lead.visibility == "network", at_in_period(Lead.opens_at, period)).group_by(Lead.organisation_id))
    return {org: int(n) for org, n in db.session.execute(stmt)}


def fills(scope: Scope, period: Period) -> dict[tuple[int, int], int]:
    """(owner organisation, filling organisation) -> leads filled in the period; in my organisation's view only
    the pairs that involve it."""
    stmt = (select(Lead.organisation_id, Lead.filled_by_organisation_id, func.count())
            .where(Lead.status == "filled", Lead.filled_by_organisation_id.is_not(None),
                   in_period(Lead.filled_on, period))
            .group_by(Lead.organisation_id, Lead.filled_by_organisation_id))
    if not scope.network:
        mine = scope.organisation_id
        stmt = stmt.where((Lead.organisation_id == mine) | (Lead.filled_by_organisation_id == mine))
    return {(owner, filler): int(n) for owner, filler, n in db.session.execute(stmt)}
