"""Worklist reads: my organisation's relationships due for contact and open promises and next steps, filtered,
counted and ordered by urgency in SQL, so a page costs the same whether the organisation has 100 or 10,000 items.

Relationships are found through relationship_cadence alone (covering indexes by organisation and by owner). The
touchpoint services keep a row for every relationship; code that bulk-inserts relationships must call
services.cadence_rebuild().
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, or_, select

from app.auth.models import User
from app.employers.models import Employer, Relationship
from app.extensions import db
from app.touchpoints.models import RelationshipCadence, Touchpoint
from app.touchpoints.models import TouchpointFollowUp as FollowUp


def _recently_touched_by_others(user, since: date):
    return select(Touchpoint.employer_id).where(Touchpoint.occurred_on >= since,
                                                Touchpoint.organisation_id != user.organisation_id)


def _cadence_filters(stmt, *, user, scope: str, owner_id: int | None, horizon: date, today: date,
                     collisions_since: date | None):
    """Filters on relationship_cadence alone (its covering indexes answer them without touching other tables)."""
    cad = RelationshipCadence
    if scope == "mine":
        stmt = stmt.where(cad.owner_id == user.id)
    elif scope == "owner":
        stmt = stmt.where(cad.owner_id == owner_id)
    stmt = stmt.where(cad.organisation_id == user.organisation_id, cad.active.is_(True), cad.due_on <= horizon,
                      or_(cad.snoozed_until.is_(None), cad.snoozed_until <= today))
    if collisions_since is not None:
        stmt = stmt.where(cad.employer_id.in_(_recently_touched_by_others(user, collisions_since)))
    return stmt


def _rank(today: date):
    """0 overdue, 1 due, 2 upcoming (as cadence.STATE_RANK)."""
    return case((RelationshipCadence.overdue_on <= today, 0), (RelationshipCadence.due_on <= today, 1), else_=2)


def _columns():
    return (Relationship.id.label("relationship_id"), Relationship.employer_id, Relationship.owner_id,
            Relationship.status, Relationship.started_on, Relationship.cadence_target, Relationship.cadence_minimum,
            RelationshipCadence.due_on, RelationshipCadence.overdue_on, RelationshipCadence.last_counted_on,
            RelationshipCadence.last_touch_on, RelationshipCadence.people_count, RelationshipCadence.snoozed_until,
            RelationshipCadence.snooze_reason, Employer.name.label("employer_name"), User.name.label("owner_name"))


def relationship_work_rows(*, user, scope: str, owner_id: int | None, horizon: date, today: date,
                           relationship_id: int | None = None, limit: int | None = None,
                           collisions_since: date | None = None) -> list:
    """Relationships of my organisation due by the horizon, not snoozed or paused, most urgent first (or one
    relationship, whatever its state), as plain rows of the columns the worklist shows."""
    stmt = (select(*_columns()).select_from(Relationship).join(Employer, Employer.id == Relationship.employer_id)
            .outerjoin(RelationshipCadence, RelationshipCadence.relationship_id == Relationship.id)
            .outerjoin(User, User.id == Relationship.owner_id))
    if relationship_id is not None:
        return list(db.session.execute(stmt.where(Relationship.organisation_id == user.organisation_id,
                                                  Relationship.id == relationship_id)))
    # Choose the page's relationships from the cadence index first, then join what the rows show.
    rank = _rank(today)
    chosen = _cadence_filters(select(RelationshipCadence.relationship_id, rank.label("rank"),
                                     RelationshipCadence.due_on), user=user, scope=scope, owner_id=owner_id,
                              horizon=horizon, today=today, collisions_since=collisions_since)
    chosen = chosen.order_by(rank, RelationshipCadence.due_on, RelationshipCadence.relationship_id)
    chosen = (chosen.limit(limit) if limit else chosen).subquery()
    stmt = stmt.join(chosen, chosen.c.relationship_id == Relationship.id).order_by(
        chosen.c.rank, chosen.c.due_on, chosen.c.relationship_id)
    return list(db.session.execute(stmt))


def relationship_work_counts(*, user, scope: str, owner_id: int | None, horizon: date, today: date,
                             collisions_since: date | None = None) -> dict:
    """How many of those relationships are overdue, due and upcoming."""
    rank = _rank(today)
    stmt = select(func.sum(case((rank == 0, 1), else_=0)), func.sum(case((rank == 1, 1), else_=0)),
                  func.sum(case((rank == 2, 1), else_=0))).select_from(RelationshipCadence)
    stmt = _cadence_filters(stmt, user=user, scope=scope, owner_id=owner_id, horizon=horizon, today=today,
                            collisions_since=collisions_since)
    overdue, due, upcoming = db.session.execute(stmt).one()
    return {"overdue": overdue or 0, "due": due or 0, "upcoming": upcoming or 0}


def _follow_up_filters(stmt, *, user, scope: str, owner_id: int | None, horizon: date,
                       collisions_since: date | None):
    stmt = stmt.where(FollowUp.organisation_id == user.organisation_id, FollowUp.done_on.is_(None),
                      FollowUp.due_on <= horizon)
    if scope == "mine":
        stmt = stmt.where(FollowUp.owner_id == user.id)
    elif scope == "owner":
        stmt = stmt.where(FollowUp.owner_id == owner_id)
    if collisions_since is not None:
        stmt = stmt.where(FollowUp.employer_id.in_(_recently_touched_by_others(user, collisions_since)))
    return stmt


def follow_up_work_rows(*, user, scope: str, owner_id: int | None, horizon: date, follow_up_id: int | None = None,
                        limit: int | None = None, collisions_since: date | None = None) -> list:
    """Open promises and next steps of my organisation due by the horizon, earliest first, as plain rows."""
    stmt = (select(FollowUp.id, FollowUp.touchpoint_id, FollowUp.employer_id, FollowUp.owner_id, FollowUp.kind,
                   FollowUp.text, FollowUp.due_on, FollowUp.done_on, Employer.name.label("employer_name"),
                   User.name.label("owner_name"))
            .join(Employer, Employer.id == FollowUp.employer_id).outerjoin(User, User.id == FollowUp.owner_id))
    if follow_up_id is not None:
        return list(db.session.execute(stmt.where(FollowUp.organisation_id == user.organisation_id,
                                                  FollowUp.id == follow_up_id)))
    stmt = _follow_up_filters(stmt, user=user, scope=scope, owner_id=owner_id, horizon=horizon,
                              collisions_since=collisions_since).order_by(FollowUp.due_on, FollowUp.id)
    return list(db.session.execute(stmt.limit(limit) if limit else stmt))


def follow_up_work_counts(*, user, scope: str, owner_id: int | None, horizon: date, today: date,
                          collisions_since: date | None = None) -> dict:
    """How many open promises and next steps are due by the horizon, by kind and by state (overdue before today,
    due today, upcoming after: as cadence.follow_up_state)."""
    state = case((FollowUp.due_on < today, "overdue"), (FollowUp.due_on == today, "due"), else_="upcoming")
    stmt = _follow_up_filters(select(FollowUp.kind, state, func.count()).select_from(FollowUp), user=user,
                              scope=scope, owner_id=owner_id, horizon=horizon, collisions_since=collisions_since)
    counts = {"promise": 0, "next_step": 0, "overdue": 0, "due": 0, "upcoming": 0}
    for kind, item_state, n in db.session.execute(stmt.group_by(FollowUp.kind, state)):
        counts[kind] = counts.get(kind, 0) + n
        counts[item_state] += n
    return counts
