"""Log, edit and delete touchpoints with their promises and next step; mark follow-ups done. Audited by the flush
hook (touchpoints and follow-ups are `__audit__` models)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.core import dates
from app.core.conflict import check_version
from app.core.db import assign
from app.core.diagnosis import diagnosis_audit
from app.core.refusals import Refusal
from app.employers import services as employer_services
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.touchpoints import cadence
from app.touchpoints.models import (
    CHANNELS,
    OUTCOMES,
    PRIVATE_FIELDS,
    PURPOSES,
    Touchpoint,
    TouchpointParticipant,
)
from app.touchpoints.models import (
    TouchpointFollowUp as FollowUp,
)
from app.touchpoints.services.cadence import cadence_refresh

log = logging.getLogger("ratko.touchpoints")
FIELDS = ("occurred_on", "channel", "purpose", "outcome", "contact_id", "client_present", "summary") + PRIVATE_FIELDS


class TouchpointInvalid(Refusal, ValueError):
    """A touchpoint that breaks a rule the form should have caught (imports and other callers get this)."""

    def __init__(self, field: str, message: str):
        super().__init__(message, field)


def _check(data: dict, today: date) -> None:
    if data.get("channel") not in CHANNELS:
        raise TouchpointInvalid("channel", "unknown channel")
    if data.get("purpose") and data["purpose"] not in PURPOSES:
        raise TouchpointInvalid("purpose", "unknown purpose")
    if data.get("outcome") and data["outcome"] not in OUTCOMES:
        raise TouchpointInvalid("outcome", "unknown outcome")
    if not isinstance(data.get("occurred_on"), date) or data["occurred_on"] > today:
        raise TouchpointInvalid("occurred_on", "a contact cannot have happened in the future")
    if not (data.get("summary") or "").strip():
        raise TouchpointInvalid("summary", "a summary is required")
    for promise in data.get("promises") or []:
        if (promise.get("text") or "").strip() and not promise.get("due_on"):
            raise TouchpointInvalid("promises", "a promise needs a due date")
    step = data.get("next_step") or {}
    if (step.get("text") or "").strip() and not step.get("due_on"):
        raise TouchpointInvalid("next_step", "a next step needs a due date")


def _apply(touchpoint: Touchpoint, data: dict) -> None:
    assign(touchpoint, data, FIELDS)
    touchpoint.purpose = touchpoint.purpose or "keep_in_touch"
    touchpoint.client_present = bool(touchpoint.client_present)
    if touchpoint.contact_id:
        contact = db.session.get(ContactPerson, touchpoint.contact_id)
        if contact is None or contact.employer_id != touchpoint.employer_id:
            touchpoint.contact_id = None


def _participants(touchpoint: Touchpoint, wanted: list[int] | None, author: User) -> None:
    ids = set(wanted or []) or {author.id}
    allowed = set(db.session.scalars(select(User.id).where(User.id.in_(ids),
                                                           User.organisation_id == touchpoint.organisation_id)))
    allowed = allowed or {author.id}
    current = {row.user_id: row for row in touchpoint.participant_rows}
    touchpoint.participant_rows = [current.get(i) or TouchpointParticipant(user_id=i) for i in sorted(allowed)]


def _relationship(*, organisation_id: int, employer: Employer, author: User, started_on: date) -> Relationship:
    """My organisation's relationship with the employer; the first logged contact starts one (owner: the author)."""
    relationship = db.session.scalar(select(Relationship).where(Relationship.organisation_id == organisation_id,
                                                                Relationship.employer_id == employer.id))
    if relationship is None:
        return employer_services.relationship_start(organisation_id=organisation_id, employer=employer, data={
            "owner_id": author.id, "status": "contacted", "started_on": started_on})
    if relationship.status == "prospect":
        relationship.status = "contacted"
    return relationship


def _sync_follow_ups(touchpoint: Touchpoint, data: dict, author: User) -> None:
    existing = list(db.session.scalars(select(FollowUp).where(FollowUp.touchpoint_id == touchpoint.id)))
    promises = {f.id: f for f in existing if f.kind == "promise"}
    keep: set[int] = set()
    for item in data.get("promises") or []:
        text = (item.get("text") or "").strip()
        if not text:
            continue
        follow_up = promises.get(item.get("id") or 0)
        if follow_up is None:
            follow_up = _new_follow_up(touchpoint, "promise", author.id)
        follow_up.text, follow_up.due_on = text[:500], item["due_on"]
        keep.add(id(follow_up))
    for follow_up in promises.values():
        if id(follow_up) not in keep:
            db.session.delete(follow_up)
    if "next_step" in data:
        _sync_next_step(touchpoint, data.get("next_step") or {}, [f for f in existing if f.kind == "next_step"],
                        author)


def _sync_next_step(touchpoint: Touchpoint, step: dict, current: list[FollowUp], author: User) -> None:
    text = (step.get("text") or "").strip()
    if not text:
        for follow_up in current:
            db.session.delete(follow_up)
        return
    follow_up = current[0] if current else _new_follow_up(touchpoint, "next_step", author.id)
    follow_up.text, follow_up.due_on = text[:500], step["due_on"]
    owner_id = step.get("owner_id")
    if owner_id and db.session.scalar(select(User.id).where(
            User.id == owner_id, User.organisation_id == touchpoint.organisation_id, User.active.is_(True))):
        follow_up.owner_id = owner_id


def _new_follow_up(touchpoint: Touchpoint, kind: str, owner_id: int) -> FollowUp:
    follow_up = FollowUp(touchpoint_id=touchpoint.id, organisation_id=touchpoint.organisation_id,
                         employer_id=touchpoint.employer_id, owner_id=owner_id, kind=kind)
    db.session.add(follow_up)
    return follow_up


def _close_earlier_next_steps(touchpoint: Touchpoint) -> None:
    """A new contact supersedes the open next steps of earlier contacts with the same employer."""
    earlier = select(Touchpoint.id).where(Touchpoint.organisation_id == touchpoint.organisation_id,
                                          Touchpoint.employer_id == touchpoint.employer_id,
                                          Touchpoint.id != touchpoint.id,
                                          Touchpoint.occurred_on <= touchpoint.occurred_on)
    for follow_up in db.session.scalars(select(FollowUp).where(
            FollowUp.kind == "next_step", FollowUp.done_on.is_(None), FollowUp.touchpoint_id.in_(earlier))):
        follow_up.done_on = touchpoint.occurred_on


def touchpoint_log(*, author: User, employer: Employer, data: dict, today: date | None = None,
                   diagnosis_reason: str | None = None) -> Touchpoint:
    """Log a contact of my organisation with an employer (starting our relationship if there is none yet); diagnosis
    words kept in a private note are audit-logged with `diagnosis_reason`."""
    today = today or dates.today()
    _check(data, today)
    relationship = _relationship(organisation_id=author.organisation_id, employer=employer, author=author,
                                 started_on=data["occurred_on"])
    touchpoint = Touchpoint(organisation_id=author.organisation_id, employer_id=employer.id,
                            created_by_id=author.id)
    _apply(touchpoint, data)
    _participants(touchpoint, data.get("participant_ids"), author)
    db.session.add(touchpoint)
    db.session.flush()
    diagnosis_audit(touchpoint, data, diagnosis_reason)
    _sync_follow_ups(touchpoint, data, author)
    _close_earlier_next_steps(touchpoint)
    done = data.get("done_follow_up")
    if done is not None and done.organisation_id == touchpoint.organisation_id and done.done_on is None:
        done.done_on = touchpoint.occurred_on
    db.session.flush()
    counted = touchpoint.channel in cadence.counted_channels(author.organisation.settings)
    cadence_refresh(relationship=relationship, clear_snooze=counted)
    log.info("touchpoint %s logged by %s for employer %s", touchpoint.id, author.id, employer.id)
    return touchpoint


def touchpoint_update(*, touchpoint: Touchpoint, data: dict, author: User, expected_version,
                      today: date | None = None, diagnosis_reason: str | None = None) -> Touchpoint:
    """Edit a touchpoint of my organisation; refuses a stale version. Audits diagnosis words kept in a private note."""
    check_version(touchpoint, expected_version)
    _check({**data, "channel": data.get("channel", touchpoint.channel)}, today or dates.today())
    _apply(touchpoint, data)
    if "participant_ids" in data:
        _participants(touchpoint, data["participant_ids"], author)
    db.session.flush()
    diagnosis_audit(touchpoint, data, diagnosis_reason)
    _sync_follow_ups(touchpoint, data, author)
    db.session.flush()
    _refresh_for(touchpoint)
    return touchpoint


def touchpoint_delete(*, touchpoint: Touchpoint) -> None:
    """Delete a touchpoint of my organisation with its promises and next step."""
    organisation_id, employer_id = touchpoint.organisation_id, touchpoint.employer_id
    for follow_up in db.session.scalars(select(FollowUp).where(FollowUp.touchpoint_id == touchpoint.id)):
        db.session.delete(follow_up)
    db.session.delete(touchpoint)
    db.session.flush()
    relationship = db.session.scalar(select(Relationship).where(Relationship.organisation_id == organisation_id,
                                                                Relationship.employer_id == employer_id))
    if relationship is not None:
        cadence_refresh(relationship=relationship)


def _refresh_for(touchpoint: Touchpoint) -> None:
    relationship = db.session.scalar(select(Relationship).where(
        Relationship.organisation_id == touchpoint.organisation_id, Relationship.employer_id == touchpoint.employer_id))
    if relationship is not None:
        cadence_refresh(relationship=relationship)


def follow_up_done(*, follow_up: FollowUp, on: date | None = None) -> FollowUp:
    """Mark a promise kept or a next step done."""
    if follow_up.done_on is None:
        follow_up.done_on = on or dates.today()
        db.session.flush()
    return follow_up


def follow_up_reopen(*, follow_up: FollowUp) -> FollowUp:
    """Undo 'kept' or 'done'."""
    follow_up.done_on = None
    db.session.flush()
    return follow_up
