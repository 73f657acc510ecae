"""Employer work: touchpoints by channel, face-to-face contacts per person and week (the IPS figure), per user in
my organisation or per organisation in the network view. A touchpoint counts once in the channel totals and once
for each person who took part in the per-person figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, distinct, func, insert, literal, select, union_all

from app.auth.models import User, UserRole
from app.extensions import db
from app.reports import snapshot
from app.reports.models import WORK, ReportChannel, ReportPeople
from app.reports.periods import Period, month_end
from app.reports.selectors.common import FACE_TO_FACE, Scope, month_start, week_start, within
from app.touchpoints.models import CHANNELS, Touchpoint, TouchpointParticipant

WORKING_ROLES = ("coach", "consultant", "coordinator")
CHANNEL_CODE = case({channel: index for index, channel in enumerate(CHANNELS)}, value=Touchpoint.channel, else_=-1)


def fill_months(connection, organisation_ids: list[int], months: list[date]) -> None:
    """Store touchpoints by channel, and participations by person and week, of each month."""
    tp, part = Touchpoint, TouchpointParticipant
    month, week = month_start(tp.occurred_on), week_start(tp.occurred_on)
    where = (tp.organisation_id.in_(organisation_ids), tp.occurred_on.between(months[0], month_end(months[-1])),
             month.in_(months))
    f2f = func.sum(case((tp.channel.in_(FACE_TO_FACE), 1), else_=0))
    connection.execute(insert(ReportChannel).from_select(
        ["organisation_id", "month", "channel", "touchpoints"],
        select(tp.organisation_id, month, CHANNEL_CODE, func.count()).where(*where)
        .group_by(tp.organisation_id, month, CHANNEL_CODE)))
    connection.execute(insert(ReportPeople).from_select(
        ["organisation_id", "month", "week", "user_id", "contacts", "face_to_face"],
        select(tp.organisation_id, month, week, part.user_id, func.count(), f2f).select_from(part)
        .join(tp, tp.id == part.touchpoint_id).where(*where).group_by(tp.organisation_id, month, week, part.user_id)))


def _reading(scope: Scope, period: Period):
    """(connection, {"now"|"before": (stored months, live ranges)}) for the period and the one before."""
    return snapshot.periods_reading(WORK, scope.organisation_id, scope.today,
                                    {"now": period, "before": period.previous()}, fill_months)


def _is_now(parts, stored_month, live_day):
    """SQL flags: a stored row (by month) or a live row (by day) of this period rather than the one before."""
    months, ranges = parts["now"]
    return stored_month.in_(months), within(live_day, ranges)


def by_channel(scope: Scope, period: Period) -> dict[str, tuple[int, int]]:
    """channel -> (touchpoints in the period, in the previous period)."""
    stored, tp = ReportChannel, Touchpoint
    with _reading(scope, period) as (connection, parts):
        stored_now, live_now = _is_now(parts, stored.month, tp.occurred_on)
        rows = union_all(
            select(stored.channel.label("channel"), case((stored_now, stored.touchpoints), else_=0).label("now"),
                   case((stored_now, 0), else_=stored.touchpoints).label("before"))
            .where(scope.where(stored.organisation_id), stored.month.in_(parts["now"][0] + parts["before"][0])),
            select(CHANNEL_CODE, case((live_now, 1), else_=0), case((live_now, 0), else_=1))
            .where(scope.where(tp.organisation_id), within(tp.occurred_on, parts["now"][1] + parts["before"][1])),
        ).subquery()
        stmt = select(rows.c.channel, func.sum(rows.c.now), func.sum(rows.c.before)).group_by(rows.c.channel)
        return {(CHANNELS[code] if code >= 0 else "unknown"): (int(now or 0), int(before or 0))
                for code, now, before in connection.execute(stmt)}


def _participations(scope: Scope, parts, until: date | None = None):
    """Subquery (organisation_id, user_id, week, now, contacts, face_to_face): stored rows of the stored months and
    live rows of the rest, both periods (live days up to `until` when given)."""
    stored, tp, part = ReportPeople, Touchpoint, TouchpointParticipant
    stored_now, live_now = _is_now(parts, stored.month, tp.occurred_on)
    f2f = case((tp.channel.in_(FACE_TO_FACE), 1), else_=0)
    live_where = [scope.where(tp.organisation_id), within(tp.occurred_on, parts["now"][1] + parts["before"][1])]
    if until is not None:
        live_where.append(tp.occurred_on <= until)
    return union_all(
        select(stored.organisation_id.label("organisation_id"), stored.user_id.label("user_id"),
               stored.week.label("week"), case((stored_now, 1), else_=0).label("now"),
               stored.contacts.label("contacts"), stored.face_to_face.label("face_to_face"))
        .where(scope.where(stored.organisation_id), stored.month.in_(parts["now"][0] + parts["before"][0])),
        select(tp.organisation_id, part.user_id, week_start(tp.occurred_on), case((live_now, 1), else_=0),
               literal(1), f2f).select_from(part).join(tp, tp.id == part.touchpoint_id).where(*live_where),
    ).subquery()


def by_person(scope: Scope, period: Period) -> dict[int, tuple[int, int, int, int]]:
    """group -> (contacts, face-to-face, previous contacts, previous face-to-face) per participant (org view: user
    id) or per organisation (network view: participations summed)."""
    with _reading(scope, period) as (connection, parts):
        rows = _participations(scope, parts)
        now = rows.c.now == 1
        group = rows.c.organisation_id if scope.network else rows.c.user_id
        stmt = (select(group, func.sum(case((now, rows.c.contacts), else_=0)),
                       func.sum(case((now, rows.c.face_to_face), else_=0)),
                       func.sum(case((now, 0), else_=rows.c.contacts)),
                       func.sum(case((now, 0), else_=rows.c.face_to_face))).group_by(group))
        return {grp: tuple(int(v or 0) for v in rest) for grp, *rest in connection.execute(stmt)}


def people(scope: Scope, period: Period) -> dict[int | None, tuple[int, int]]:
    """group -> (people who logged an employer contact in the period, in the previous period); group is the
    organisation in the network view, else None."""
    with _reading(scope, period) as (connection, parts):
        rows = _participations(scope, parts)
        now = rows.c.now == 1
        counts = (func.count(distinct(case((now, rows.c.user_id)))),
                  func.count(distinct(case((~now, rows.c.user_id)))))
        if scope.network:
            stmt = select(rows.c.organisation_id, *counts).group_by(rows.c.organisation_id)
            return {grp: (int(a), int(b)) for grp, a, b in connection.execute(stmt)}
        now_, before = connection.execute(select(*counts)).one()
        return {None: (int(now_), int(before))}


def weekly(scope: Scope, period: Period, monday: date) -> dict[int, tuple[int, int]]:
    """week number from `monday` -> (face-to-face participations, people who logged any contact that week)."""
    with _reading(scope, period) as (connection, parts):
        rows = _participations(scope, parts, until=scope.today)
        stmt = (select(rows.c.week, func.sum(rows.c.face_to_face), func.count(distinct(rows.c.user_id)))
                .where(rows.c.now == 1).group_by(rows.c.week))
        return {(_as_date(week) - monday).days // 7: (int(n or 0), int(p)) for week, n, p in connection.execute(stmt)}


def _as_date(value) -> date:
    """A week read back from a union (SQLite gives the text of a date)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def working_users(scope: Scope) -> dict[int, str]:
    """Active users of my organisation who hold a coaching role (listed even with no contacts)."""
    if scope.network:
        return {}
    stmt = (select(User.id, User.name).join(UserRole, UserRole.user_id == User.id)
            .where(User.organisation_id == scope.organisation_id, User.active.is_(True),
                   UserRole.role.in_(WORKING_ROLES)).distinct())
    return dict(db.session.execute(stmt).all())
