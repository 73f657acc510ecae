"""Worklist source: revisit dates of seeded engagements and open consolidation follow-ups."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.core.dates import today
from app.core.registry import WorkItem
from app.employers.models import Employer
from app.extensions import db
from app.ratko.models import Engagement, FollowUp


def _people_filter(scope: str, user, owner_id: int | None):
    if scope == "organisation":
        return None
    person = owner_id if scope == "owner" and owner_id else user.id
    return or_(Engagement.consultant_id == person, Engagement.coach_id == person)


def _state(due: date, now: date) -> str:
    return "overdue" if due < now else "due"


def work_items(*, user, scope: str = "mine", owner_id: int | None = None, horizon: date | None = None
               ) -> list[WorkItem]:
    """RATKO items due up to `horizon` for the user, an owner or the whole organisation."""
    now = today()
    horizon = horizon or now
    people = _people_filter(scope, user, owner_id)
    base = (select(Engagement, Employer.name).join(Employer, Employer.id == Engagement.employer_id)
            .where(Engagement.organisation_id == user.organisation_id))
    if people is not None:
        base = base.where(people)
    items = []
    seeded = base.where(Engagement.status == "seeded", Engagement.revisit_on.is_not(None),
                        Engagement.revisit_on <= horizon).order_by(Engagement.revisit_on)
    for engagement, employer_name in db.session.execute(seeded):
        items.append(WorkItem(
            kind="ratko_revisit", due=engagement.revisit_on, state=_state(engagement.revisit_on, now),
            title=_("Revisit RATKO with %(employer)s", employer=employer_name),
            url=url_for("ratko.detail", engagement_id=engagement.id), owner_id=engagement.consultant_id,
            employer_id=engagement.employer_id, employer_name=employer_name, detail=engagement.title,
            uid=f"ratko-revisit-{engagement.id}"))
    follow_ups = (base.add_columns(FollowUp).join(FollowUp, FollowUp.engagement_id == Engagement.id)
                  .where(FollowUp.done_on.is_(None), FollowUp.due_on <= horizon).order_by(FollowUp.due_on))
    for engagement, employer_name, follow_up in db.session.execute(follow_ups):
        items.append(WorkItem(
            kind="ratko_follow_up", due=follow_up.due_on, state=_state(follow_up.due_on, now),
            title=_("RATKO follow-up at %(employer)s", employer=employer_name),
            url=url_for("ratko.detail", engagement_id=engagement.id, _anchor="consolidation"),
            owner_id=engagement.coach_id or engagement.consultant_id, employer_id=engagement.employer_id,
            employer_name=employer_name, detail=follow_up.note or engagement.title,
            uid=f"ratko-follow-up-{follow_up.id}"))
    return sorted(items, key=lambda item: item.due)
