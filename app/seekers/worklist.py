"""Worklist source: consents of active job seekers that run out soon (or have run out) and were not renewed."""

from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased

from app.core.dates import today
from app.core.registry import WorkItem
from app.extensions import db
from app.seekers.labels import SCOPE_SHORT
from app.seekers.models import Consent, JobSeeker

ACTIVE = ("engaged", "job_finding", "in_work", "follow_up")
LOOK_BACK_DAYS = 60  # an expired consent stays on the list this long, then the seeker page says it
SEES_SEEKERS = ("coach", "consultant", "manager", "admin")


def work_items(*, user, scope: str = "mine", owner_id: int | None = None, horizon: date | None = None
               ) -> list[WorkItem]:
    """Consents ending by `horizon` for my seekers, an owner's, or the organisation's (coaches and managers)."""
    if not any(user.has_role(role) for role in SEES_SEEKERS):
        return []
    now = today()
    horizon = horizon or now
    newer = aliased(Consent)
    renewed = exists().where(and_(newer.seeker_id == Consent.seeker_id, newer.scope == Consent.scope,
                                  newer.id != Consent.id, newer.signed_on >= Consent.signed_on,
                                  newer.withdrawn_on.is_(None)))
    stmt = (select(Consent, JobSeeker.code, JobSeeker.coach_id).join(JobSeeker, JobSeeker.id == Consent.seeker_id)
            .where(Consent.organisation_id == user.organisation_id, JobSeeker.status.in_(ACTIVE),
                   Consent.withdrawn_on.is_(None), Consent.valid_until.is_not(None),
                   Consent.valid_until <= horizon, Consent.valid_until >= now - timedelta(days=LOOK_BACK_DAYS),
                   ~renewed)
            .order_by(Consent.valid_until))
    if scope != "organisation":
        stmt = stmt.where(JobSeeker.coach_id == (owner_id if scope == "owner" and owner_id else user.id))
    return [WorkItem(
        kind="consent_ends", due=consent.valid_until, state="overdue" if consent.valid_until < now else "due",
        title=_("%(code)s: consent for %(scope)s ends %(day)s", code=code,
                scope=str(SCOPE_SHORT.get(consent.scope, consent.scope)).lower(),
                day=f"{consent.valid_until.day}.{consent.valid_until.month}.{consent.valid_until.year}"),
        url=url_for("seekers.detail", seeker_id=consent.seeker_id, _anchor="consents"), owner_id=coach_id,
        uid=f"consent-ends-{consent.id}", in_feed=False) for consent, code, coach_id in db.session.execute(stmt)]
