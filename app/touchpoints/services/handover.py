"""Hand-over when a user leaves: reassign their relationships, promises and next steps, then deactivate."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.auth import services as auth_services
from app.auth.models import User
from app.core.audit import audit_record
from app.core.refusals import Refusal
from app.employers import services as employer_services
from app.employers.models import Relationship
from app.extensions import db
from app.touchpoints.models import TouchpointFollowUp as FollowUp

log = logging.getLogger("ratko.touchpoints")


class HandoverIncomplete(Refusal):
    """Deactivation refused: the user still owns relationships or open follow-ups."""

    def __init__(self, relationships: int, follow_ups: int, name: str = ""):
        super().__init__(_l("%(name)s still owns %(r)d relationships and %(f)d open promises or next steps. Hand them "
                            "over first, or nothing would follow them up.", name=name, r=relationships, f=follow_ups))
        self.relationships, self.follow_ups = relationships, follow_ups


def orphan_counts(user: User) -> tuple[int, int]:
    """(relationships owned, open promises and next steps owned) by a user."""
    relationships = db.session.scalar(select(func.count()).select_from(Relationship)
                                      .where(Relationship.owner_id == user.id)) or 0
    follow_ups = db.session.scalar(select(func.count()).select_from(FollowUp)
                                   .where(FollowUp.owner_id == user.id, FollowUp.done_on.is_(None))) or 0
    return relationships, follow_ups


def handover_reassign(*, user: User, new_owner: User, relationship_ids: list[int] | None = None,
                      follow_up_ids: list[int] | None = None) -> tuple[int, int]:
    """Give the user's relationships and open follow-ups (all, or the chosen ones) to a colleague; return counts."""
    if new_owner.organisation_id != user.organisation_id or not new_owner.active or new_owner.id == user.id:
        raise ValueError("the new owner must be another active user of the same organisation")
    rel_stmt = select(Relationship).where(Relationship.owner_id == user.id)
    if relationship_ids is not None:
        rel_stmt = rel_stmt.where(Relationship.id.in_(relationship_ids or [0]))
    moved = employer_services.relationships_reassign(relationships=list(db.session.scalars(rel_stmt)),
                                                     owner_id=new_owner.id)
    fu_stmt = select(FollowUp).where(FollowUp.owner_id == user.id, FollowUp.done_on.is_(None))
    if follow_up_ids is not None:
        fu_stmt = fu_stmt.where(FollowUp.id.in_(follow_up_ids or [0]))
    follow_ups = list(db.session.scalars(fu_stmt))
    for follow_up in follow_ups:
        follow_up.owner_id = new_owner.id
    audit_record(action="handover", entity="users", entity_id=user.id, summary=f"{user.email} -> {new_owner.email}",
                 changes={"relationships": moved, "follow_ups": len(follow_ups), "new_owner_id": new_owner.id},
                 organisation_id=user.organisation_id)
    db.session.flush()
    log.info("hand-over of user %s to %s: %s relationships, %s follow-ups", user.id, new_owner.id, moved,
             len(follow_ups))
    return moved, len(follow_ups)


def handover_deactivate(*, user: User) -> User:
    """Deactivate a user, refused while anything they own would be orphaned."""
    relationships, follow_ups = orphan_counts(user)
    if relationships or follow_ups:
        raise HandoverIncomplete(relationships, follow_ups, user.name)
    return auth_services.user_deactivate(user=user)
