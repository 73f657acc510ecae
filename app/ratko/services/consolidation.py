"""Writes for phase 4: the consolidation record (induction, inductor, coach-supervisor agreement) and follow-ups."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _  # lazy: services also run outside requests (CLI, tests)

from app.core.conflict import check_version
from app.core.dates import today
from app.core.db import assign
from app.extensions import db
from app.ratko.models import Consolidation, Engagement, FollowUp
from app.ratko.services.common import RuleError

CONSOLIDATION_FIELDS = ("induction_plan", "inductor_contact_id", "inductor_name", "contact_agreement",
                        "job_description_changes_by", "instructions_from")


def consolidation_save(*, engagement: Engagement, data: dict, consolidation: Consolidation | None = None,
                       expected_version=None, inductor=None) -> Consolidation:
    """Create or update the consolidation record; an update refuses a stale version."""
    if inductor is not None and inductor.employer_id != engagement.employer_id:
        raise RuleError(_("Choose a contact person of this employer."), "inductor_contact_id")
    data = {**data, "inductor_contact_id": inductor.id if inductor is not None else None}
    if inductor is not None and not (data.get("inductor_name") or "").strip():
        data["inductor_name"] = inductor.name
    if consolidation is None:
        consolidation = Consolidation(engagement_id=engagement.id, organisation_id=engagement.organisation_id)
        db.session.add(consolidation)
    else:
        check_version(consolidation, expected_version)
    assign(consolidation, data, CONSOLIDATION_FIELDS)
    db.session.flush()
    return consolidation


def follow_up_add(*, engagement: Engagement, due_on: date | None, note: str | None = None) -> FollowUp:
    """Schedule a follow-up of a consolidating engagement (it shows in the worklist until done)."""
    if due_on is None:
        raise RuleError(_("Give the date of the follow-up."), "due_on")
    follow_up = FollowUp(engagement_id=engagement.id, organisation_id=engagement.organisation_id, due_on=due_on,
                         note=(note or "").strip()[:300] or None)
    db.session.add(follow_up)
    db.session.flush()
    return follow_up


def follow_up_done(*, follow_up: FollowUp, done: bool = True, on: date | None = None) -> FollowUp:
    """Mark a follow-up done (or open it again)."""
    follow_up.done_on = (on or today()) if done else None
    db.session.flush()
    return follow_up


def follow_up_delete(*, follow_up: FollowUp) -> None:
    """Delete a follow-up."""
    db.session.delete(follow_up)
    db.session.flush()
