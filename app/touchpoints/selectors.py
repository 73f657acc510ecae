"""Reads for touchpoints, the timeline, network coordination, cadence, hand-over and the calendar feed.

Touchpoints belong to the organisation that logged them: date, channel, organisation and summary are network-visible,
every other field is read only through selectors that check the acting user's organisation.

Worklist reads (the second half): my organisation's relationships due for contact and open promises and next steps,
filtered, counted and ordered by urgency in SQL, so a page costs the same whether the organisation has 100 or 10,000
items. Relationships are found through relationship_cadence alone (covering indexes by organisation and by owner).
The touchpoint services keep a row for every relationship; code that bulk-inserts relationships must call
services.cadence_rebuild().
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, or_, select

from app.auth.models import Organisation, User
from app.auth.services import token_digest
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.touchpoints.models import (
    CalendarToken,
    RelationshipCadence,
    Touchpoint,
    TouchpointParticipant,
)
from app.touchpoints.models import (
    TouchpointFollowUp as FollowUp,
)

TIMELINE_PER_PAGE = 20


@dataclass
class TimelineEntry:
    """One touchpoint as the acting user may see it: private fields only for their own organisation's."""

    id: int
    occurred_on: date
    channel: str
    summary: str
    organisation_name: str
    own: bool
    touchpoint: Touchpoint | None = None
    author_name: str = ""
    contact_name: str = ""
    participants: list[str] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


def touchpoint_get_or_404(touchpoint_id: int, user) -> Touchpoint:
    """A touchpoint of my organisation, or 404 (another organisation's holds private fields)."""
    return get_scoped_or_404(Touchpoint, touchpoint_id, user)


def follow_up_get_or_404(follow_up_id: int, user) -> FollowUp:
    """A promise or next step of my organisation, or 404."""
    return get_scoped_or_404(FollowUp, follow_up_id, user)


def relationship_get_or_404(relationship_id: int, user) -> Relationship:
    """A relationship of my organisation, or 404."""
    return get_scoped_or_404(Relationship, relationship_id, user)


def touchpoint_follow_ups(touchpoint: Touchpoint) -> list[FollowUp]:
    """Promises and next step of one touchpoint (the caller has checked the organisation)."""
    return list(db.session.scalars(select(FollowUp).where(FollowUp.touchpoint_id == touchpoint.id)
                                   .order_by(FollowUp.kind, FollowUp.due_on, FollowUp.id)))


def touchpoint_details(touchpoint: Touchpoint) -> dict:
    """Names around one touchpoint of my organisation: author, contact person, participants."""
    names = dict(db.session.execute(select(User.id, User.name).where(
        User.id.in_([*touchpoint.participant_ids, touchpoint.created_by_id or 0]))).all())
    contact = db.session.get(ContactPerson, touchpoint.contact_id) if touchpoint.contact_id else None
    return {"author_name": names.get(touchpoint.created_by_id, ""), "contact": contact,
            "participants": [names[i] for i in touchpoint.participant_ids if i in names],
            "follow_ups": touchpoint_follow_ups(touchpoint)}


def employer_timeline(*, user, employer_id: int, page: int = 1, per_page: int = TIMELINE_PER_PAGE) -> Page:
    """Touchpoints of every organisation with an employer, newest first; private parts only of my organisation's."""
    stmt = (select(Touchpoint.id, Touchpoint.occurred_on, Touchpoint.channel, Touchpoint.summary,
                   Touchpoint.organisation_id, Organisation.name)
            .join(Organisation, Organisation.id == Touchpoint.organisation_id)
            .where(Touchpoint.employer_id == employer_id)
            .order_by(Touchpoint.occurred_on.desc(), Touchpoint.id.desc()))
    result = paginate(stmt, page=page, per_page=per_page, scalars=False)
    entries = [TimelineEntry(id=r.id, occurred_on=r.occurred_on, channel=r.channel, summary=r.summary,
                             organisation_name=r.name, own=r.organisation_id == user.organisation_id)
               for r in result.items]
    _add_private_parts(user, [e for e in entries if e.own])
    result.items = entries
    return result


def _add_private_parts(user, entries: list[TimelineEntry]) -> None:
    if not entries:
        return
    ids = [e.id for e in entries]
    mine = (Touchpoint.organisation_id == user.organisation_id, Touchpoint.id.in_(ids))
    rows = {tp.id: (tp, author, contact) for tp, author, contact in db.session.execute(
        select(Touchpoint, User.name, ContactPerson.name).outerjoin(User, User.id == Touchpoint.created_by_id)
        .outerjoin(ContactPerson, ContactPerson.id == Touchpoint.contact_id).where(*mine))}
    people: dict[int, list[str]] = {}
    for touchpoint_id, name in db.session.execute(
            select(TouchpointParticipant.touchpoint_id, User.name).join(User, User.id == TouchpointParticipant.user_id)
            .join(Touchpoint, Touchpoint.id == TouchpointParticipant.touchpoint_id).where(*mine).order_by(User.name)):
        people.setdefault(touchpoint_id, []).append(name)
    follow_ups: dict[int, list[FollowUp]] = {}
    for follow_up in db.session.scalars(select(FollowUp).where(FollowUp.organisation_id == user.organisation_id,
                                                               FollowUp.touchpoint_id.in_(ids))
                                        .order_by(FollowUp.kind, FollowUp.due_on)):
        follow_ups.setdefault(follow_up.touchpoint_id, []).append(follow_up)
    for entry in entries:
        if entry.id in rows:
            entry.touchpoint, entry.author_name, entry.contact_name = rows[entry.id][0], rows[entry.id][1] or "", \
                rows[entry.id][2] or ""
            entry.participants = people.get(entry.id, [])
            entry.follow_ups = follow_ups.get(entry.id, [])


def network_last_touches(employer_id: int) -> list:
    """When each organisation last touched an employer, and how often (network view), latest first."""
    return list(db.session.execute(
        select(Organisation.id, Organisation.name, func.max(Touchpoint.occurred_on).label("last_on"),
               func.count(Touchpoint.id).label("count"))
        .join(Touchpoint, Touchpoint.organisation_id == Organisation.id)
        .where(Touchpoint.employer_id == employer_id).group_by(Organisation.id, Organisation.name)
        .order_by(func.max(Touchpoint.occurred_on).desc())))


def recent_other_touches(*, user, employer_ids: list[int], since: date) -> dict[int, list]:
    """Other organisations' touchpoints since a date, per employer: (organisation name, date, channel)."""
    if not employer_ids:
        return {}
    result: dict[int, list] = {}
    for employer_id, name, occurred_on, channel in db.session.execute(
            select(Touchpoint.employer_id, Organisation.name, Touchpoint.occurred_on, Touchpoint.channel)
            .join(Organisation, Organisation.id == Touchpoint.organisation_id)
            .where(Touchpoint.employer_id.in_(employer_ids), Touchpoint.occurred_on >= since,
                   Touchpoint.organisation_id != user.organisation_id)
            .order_by(Touchpoint.occurred_on.desc())):
        result.setdefault(employer_id, []).append((name, occurred_on, channel))
    return result


def my_cadence(*, user, employer_id: int) -> tuple[Relationship | None, RelationshipCadence | None]:
    """My organisation's relationship with an employer and its cadence row."""
    row = db.session.execute(
        select(Relationship, RelationshipCadence)
        .outerjoin(RelationshipCadence, RelationshipCadence.relationship_id == Relationship.id)
        .where(Relationship.organisation_id == user.organisation_id, Relationship.employer_id == employer_id)).first()
    return (row[0], row[1]) if row else (None, None)


def organisation_people(*, user) -> list:
    """Active users of my organisation: (id, name)."""
    return list(db.session.execute(select(User.id, User.name).where(
        User.organisation_id == user.organisation_id, User.active.is_(True)).order_by(User.name)))


def handover_items(user: User) -> tuple[list, list]:
    """A user's relationships (with employer names) and open promises and next steps, for the hand-over screen."""
    relationships = list(db.session.execute(
        select(Relationship, Employer.name).join(Employer, Employer.id == Relationship.employer_id)
        .where(Relationship.owner_id == user.id).order_by(Employer.name_key)))
    follow_ups = list(db.session.execute(
        select(FollowUp, Employer.name).join(Employer, Employer.id == FollowUp.employer_id)
        .where(FollowUp.owner_id == user.id, FollowUp.done_on.is_(None)).order_by(FollowUp.due_on)))
    return relationships, follow_ups


def calendar_user(token: str) -> User | None:
    """The active user whose calendar token this is, or None (unknown, revoked, deactivated)."""
    if not token or len(token) > 200:
        return None
    user = db.session.scalar(select(User).join(CalendarToken, CalendarToken.user_id == User.id)
                             .where(CalendarToken.token_hash == token_digest(token)))
    if user is None or not user.active or not user.organisation.active:
        return None
    return user


def calendar_token_of(user) -> CalendarToken | None:
    """My calendar token row (its hash only), if I have one."""
    return db.session.scalar(select(CalendarToken).where(CalendarToken.user_id == user.id))


# Worklist reads

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
