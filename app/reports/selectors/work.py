"""Employer work: touchpoints by channel, face-to-face contacts per person and week (the IPS figure), per user in
my organisation or per organisation in the network view. A touchpoint counts once in the channel totals and once
for each person who took part in the per-person figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, case, cast, distinct, func, select

from app.auth.models import User, UserRole
from app.extensions import db
from app.reports.periods import Period
from app.reports.selectors.common import FACE_TO_FACE, Scope, days_between, in_period
from app.touchpoints.models import Touchpoint, TouchpointParticipant

WORKING_ROLES = ("coach", "consultant", "coordinator")


def _both(period: Period):
    current, previous = period, period.previous()
    is_current = in_period(Touchpoint.occurred_on, current)
    return previous.start, current.end, is_current


def by_channel(scope: Scope, period: Period) -> dict[str, tuple[int, int]]:
    """channel -> (touchpoints in the period, in the previous period)."""
    start, end, is_current = _both(period)
    stmt = (select(Touchpoint.channel, func.sum(case((is_current, 1), else_=0)),
                   func.sum(case((is_current, 0), else_=1)))
            .where(scope.where(Touchpoint.organisation_id), Touchpoint.occurred_on.between(start, end))
            .group_by(Touchpoint.channel))
    return {channel: (int(now or 0), int(before or 0)) for channel, now, before in db.session.execute(stmt)}


def by_person(scope: Scope, period: Period) -> dict[int, tuple[int, int, int, int]]:
    """group -> (contacts, face-to-face, previous contacts, previous face-to-face) per participant (org view: user
    id) or per organisation (network view: participations summed)."""
    start, end, is_current = _both(period)
    f2f = Touchpoint.channel.in_(FACE_TO_FACE)
    group = Touchpoint.organisation_id if scope.network else TouchpointParticipant.user_id
    stmt = (select(group, func.sum(case((is_current, 1), else_=0)), func.sum(case((is_current & f2f, 1), else_=0)),
                   func.sum(case((is_current, 0), else_=1)), func.sum(case((~is_current & f2f, 1), else_=0)))
            .select_from(TouchpointParticipant).join(Touchpoint, Touchpoint.id == TouchpointParticipant.touchpoint_id)
            .where(scope.where(Touchpoint.organisation_id), Touchpoint.occurred_on.between(start, end))
            .group_by(group))
    return {grp: tuple(int(v or 0) for v in rest) for grp, *rest in db.session.execute(stmt)}


def people(scope: Scope, period: Period) -> dict[int | None, tuple[int, int]]:
    """group -> (people who logged an employer contact in the period, in the previous period); group is the
    organisation in the network view, else None."""
    start, end, is_current = _both(period)
    group = Touchpoint.organisation_id if scope.network else None
    person = TouchpointParticipant.user_id
    stmt = (select(*([group] if group is not None else []), func.count(distinct(case((is_current, person)))),
                   func.count(distinct(case((~is_current, person)))))
            .select_from(TouchpointParticipant).join(Touchpoint, Touchpoint.id == TouchpointParticipant.touchpoint_id)
            .where(scope.where(Touchpoint.organisation_id), Touchpoint.occurred_on.between(start, end)))
    if group is not None:
        return {grp: (int(a), int(b)) for grp, a, b in db.session.execute(stmt.group_by(group))}
    now, before = db.session.execute(stmt).one()
    return {None: (int(now), int(before))}


def weekly(scope: Scope, period: Period, monday: date) -> dict[int, tuple[int, int]]:
    """week number from `monday` -> (face-to-face participations, people who logged any contact that week)."""
    week = cast(days_between(Touchpoint.occurred_on, monday) / 7, Integer)
    f2f = Touchpoint.channel.in_(FACE_TO_FACE)
    stmt = (select(week, func.sum(case((f2f, 1), else_=0)), func.count(distinct(TouchpointParticipant.user_id)))
            .select_from(TouchpointParticipant).join(Touchpoint, Touchpoint.id == TouchpointParticipant.touchpoint_id)
            .where(scope.where(Touchpoint.organisation_id), in_period(Touchpoint.occurred_on, period),
                   Touchpoint.occurred_on <= scope.today)
            .group_by(week))
    return {int(w): (int(n or 0), int(p)) for w, n, p in db.session.execute(stmt)}


def working_users(scope: Scope) -> dict[int, str]:
    """Active users of my organisation who hold a coaching role (listed even with no contacts)."""
    if scope.network:
        return {}
    stmt = (select(User.id, User.name).join(UserRole, UserRole.user_id == User.id)
            .where(User.organisation_id == scope.organisation_id, User.active.is_(True),
                   UserRole.role.in_(WORKING_ROLES)).distinct())
    return dict(db.session.execute(stmt).all())
