"""Keeps relationship_cadence in step with touchpoints, relationships and the organisation's counted channels."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, distinct, event, func, insert, inspect, select, update

from app.auth.models import Organisation
from app.auth.services import organisation_settings_update
from app.core.audit import audit_record
from app.employers.models import Employer, Relationship
from app.extensions import db
from app.touchpoints import cadence
from app.touchpoints.models import RelationshipCadence, Touchpoint, TouchpointParticipant

CHUNK = 5_000
MAX_SNOOZE_DAYS = 366


def _active(status: str, archived_at) -> bool:
    """Whether a relationship belongs on the worklist at all: not paused, employer not archived."""
    return status not in cadence.PAUSED_STATUSES and archived_at is None


def _counted(organisation_id: int) -> tuple[str, ...]:
    organisation = db.session.get(Organisation, organisation_id)
    return cadence.counted_channels(organisation.settings if organisation else None)


def cadence_refresh(*, relationship: Relationship, clear_snooze: bool = False) -> RelationshipCadence:
    """Recompute one relationship's last contacts, due dates and people in touch from its touchpoints."""
    mine = (Touchpoint.organisation_id == relationship.organisation_id,
            Touchpoint.employer_id == relationship.employer_id)
    counted = _counted(relationship.organisation_id)
    last_counted, last_touch = db.session.execute(select(
        func.max(case((Touchpoint.channel.in_(counted), Touchpoint.occurred_on))),
        func.max(Touchpoint.occurred_on)).where(*mine)).one()
    people = db.session.scalar(select(func.count(distinct(TouchpointParticipant.user_id)))
                               .join(Touchpoint, Touchpoint.id == TouchpointParticipant.touchpoint_id).where(*mine))
    row = db.session.get(RelationshipCadence, relationship.id)
    if row is None:
        row = RelationshipCadence(relationship_id=relationship.id, organisation_id=relationship.organisation_id,
                                  employer_id=relationship.employer_id)
        db.session.add(row)
    row.last_counted_on, row.last_touch_on, row.people_count = last_counted, last_touch, people or 0
    row.owner_id = relationship.owner_id
    row.active = _active(relationship.status, db.session.scalar(select(Employer.archived_at).where(
        Employer.id == relationship.employer_id)))
    row.due_on, row.overdue_on = cadence.due_dates(
        last_counted_on=last_counted, started_on=relationship.started_on, target=relationship.cadence_target,
        minimum=relationship.cadence_minimum)
    if clear_snooze:
        row.snoozed_until, row.snooze_reason = None, None
    db.session.flush()
    return row


def cadence_rebuild(*, organisation_id: int | None = None) -> int:
    """Recompute the cadence rows of one organisation (or all) in bulk; return how many relationships."""
    org_ids = [organisation_id] if organisation_id else list(db.session.scalars(select(Organisation.id)))
    total = 0
    for org_id in org_ids:
        total += _rebuild_one(org_id)
    return total


def _rebuild_one(organisation_id: int) -> int:
    counted = _counted(organisation_id)
    touches = {employer_id: (last_counted, last_touch) for employer_id, last_counted, last_touch in db.session.execute(
        select(Touchpoint.employer_id, func.max(case((Touchpoint.channel.in_(counted), Touchpoint.occurred_on))),
               func.max(Touchpoint.occurred_on)).where(Touchpoint.organisation_id == organisation_id)
        .group_by(Touchpoint.employer_id))}
    people = dict(db.session.execute(
        select(Touchpoint.employer_id, func.count(distinct(TouchpointParticipant.user_id)))
        .join(TouchpointParticipant, TouchpointParticipant.touchpoint_id == Touchpoint.id)
        .where(Touchpoint.organisation_id == organisation_id).group_by(Touchpoint.employer_id)).all())
    existing = set(db.session.scalars(select(RelationshipCadence.relationship_id)
                                      .where(RelationshipCadence.organisation_id == organisation_id)))
    new_rows, changed_rows = [], []
    for rel_id, employer_id, started_on, target, minimum, owner_id, status, archived_at in db.session.execute(
            select(Relationship.id, Relationship.employer_id, Relationship.started_on, Relationship.cadence_target,
                   Relationship.cadence_minimum, Relationship.owner_id, Relationship.status, Employer.archived_at)
            .join(Employer, Employer.id == Relationship.employer_id)
            .where(Relationship.organisation_id == organisation_id)):
        last_counted, last_touch = touches.get(employer_id, (None, None))
        due_on, overdue_on = cadence.due_dates(last_counted_on=last_counted, started_on=started_on, target=target,
                                               minimum=minimum)
        row = {"relationship_id": rel_id, "last_counted_on": last_counted, "last_touch_on": last_touch,
               "due_on": due_on, "overdue_on": overdue_on, "people_count": people.get(employer_id, 0),
               "owner_id": owner_id, "active": _active(status, archived_at)}
        if rel_id in existing:
            changed_rows.append(row)
        else:
            new_rows.append({**row, "organisation_id": organisation_id, "employer_id": employer_id})
    for start in range(0, len(new_rows), CHUNK):
        db.session.execute(insert(RelationshipCadence), new_rows[start:start + CHUNK])
    for start in range(0, len(changed_rows), CHUNK):
        db.session.execute(update(RelationshipCadence), changed_rows[start:start + CHUNK])
    db.session.flush()
    return len(new_rows) + len(changed_rows)


def counted_channels_update(*, organisation: Organisation, channels: list[str]) -> Organisation:
    """Choose which channels count towards cadence, then recompute every relationship of the organisation."""
    chosen = [c for c in cadence.ALL_CHANNELS if c in channels]
    organisation_settings_update(organisation=organisation, counted_channels=chosen)
    cadence_rebuild(organisation_id=organisation.id)
    return organisation


def relationship_snooze(*, relationship: Relationship, until: date, reason: str, today: date) -> RelationshipCadence:
    """Hide a relationship from the worklist until a date, with a reason (audit-logged)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("a snooze needs a reason")
    if not today < until <= today + timedelta(days=MAX_SNOOZE_DAYS):
        raise ValueError("snooze date out of range")
    row = db.session.get(RelationshipCadence, relationship.id) or cadence_refresh(relationship=relationship)
    row.snoozed_until, row.snooze_reason = until, reason[:300]
    audit_record(action="snooze", entity="relationships", entity_id=relationship.id, summary=reason,
                 changes={"snoozed_until": until}, organisation_id=relationship.organisation_id)
    db.session.flush()
    return row


def relationship_unsnooze(*, relationship: Relationship) -> RelationshipCadence | None:
    """Bring a snoozed relationship back to the worklist now (audit-logged)."""
    row = db.session.get(RelationshipCadence, relationship.id)
    if row is not None and row.snoozed_until is not None:
        row.snoozed_until, row.snooze_reason = None, None
        audit_record(action="unsnooze", entity="relationships", entity_id=relationship.id,
                     organisation_id=relationship.organisation_id)
        db.session.flush()
    return row


def _archived_at(connection, employer_id: int):
    table = Employer.__table__
    return connection.execute(select(table.c.archived_at).where(table.c.id == employer_id)).scalar()


@event.listens_for(Relationship, "after_insert")
def _relationship_inserted(_mapper, connection, target: Relationship) -> None:
    """Every relationship gets its cadence row as it is created (counting from its start date)."""
    due_on, overdue_on = cadence.due_dates(last_counted_on=None, started_on=target.started_on,
                                           target=target.cadence_target, minimum=target.cadence_minimum)
    connection.execute(insert(RelationshipCadence.__table__).values(
        relationship_id=target.id, organisation_id=target.organisation_id, employer_id=target.employer_id,
        owner_id=target.owner_id, active=_active(target.status, _archived_at(connection, target.employer_id)),
        due_on=due_on, overdue_on=overdue_on, people_count=0))


@event.listens_for(Relationship, "after_update")
def _relationship_updated(_mapper, connection, target: Relationship) -> None:
    """A new owner, status, start date or cadence target is copied to the cadence row (due dates recomputed)."""
    state = inspect(target)
    keys = ("owner_id", "status", "started_on", "cadence_target", "cadence_minimum")
    if not any(state.attrs[key].history.has_changes() for key in keys):
        return
    table = RelationshipCadence.__table__
    last_counted = connection.execute(select(table.c.last_counted_on)
                                      .where(table.c.relationship_id == target.id)).scalar()
    due_on, overdue_on = cadence.due_dates(last_counted_on=last_counted, started_on=target.started_on,
                                           target=target.cadence_target, minimum=target.cadence_minimum)
    connection.execute(update(table).where(table.c.relationship_id == target.id).values(
        due_on=due_on, overdue_on=overdue_on, owner_id=target.owner_id,
        active=_active(target.status, _archived_at(connection, target.employer_id))))


@event.listens_for(Employer, "after_update")
def _employer_updated(_mapper, connection, target: Employer) -> None:
    """Archiving an employer takes its relationships off the worklist; restoring brings them back."""
    if not inspect(target).attrs.archived_at.history.has_changes():
        return
    relationships, table = Relationship.__table__, RelationshipCadence.__table__
    for rel_id, status in connection.execute(select(relationships.c.id, relationships.c.status)
                                             .where(relationships.c.employer_id == target.id)):
        connection.execute(update(table).where(table.c.relationship_id == rel_id)
                           .values(active=_active(status, target.archived_at)))
