"""Worklist source: placement follow-ups due, pay subsidies ending within 30 days, and candidates proposed for my
organisation's leads that wait for a decision."""

from __future__ import annotations

from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.auth.models import Organisation, User
from app.core.dates import today as local_today
from app.core.registry import WorkItem
from app.employers.models import Employer
from app.extensions import db
from app.leads.models import Lead, LeadProposal
from app.leads.placements import rules
from app.leads.placements.models import SUBSIDY_ALERT_DAYS, Placement, PlacementFollowUp


def _person(scope: str, user, owner_id: int | None) -> int | None:
    if scope == "organisation":
        return None
    return owner_id if scope == "owner" and owner_id else user.id


def _state(due: date, today: date) -> str:
    return "overdue" if due < today else "due" if due == today else "upcoming"


def work_items(*, user, scope: str = "mine", owner_id: int | None = None, horizon: date | None = None,
               today: date | None = None) -> list[WorkItem]:
    """This package's items due up to `horizon` for the user, an owner or the whole organisation."""
    today = today or local_today()
    horizon = horizon or today
    person = _person(scope, user, owner_id)
    return [*_follow_ups(user, person, horizon, today), *_subsidies(user, person, horizon, today),
            *_proposals(user, person, today)]


def _placements(user, person):
    stmt = (select(Placement, Employer.name, User.name).join(Employer, Employer.id == Placement.employer_id)
            .outerjoin(User, User.id == Placement.coach_id)
            .where(Placement.organisation_id == user.organisation_id, Placement.status == "active"))
    return stmt.where(Placement.coach_id == person) if person else stmt


def _follow_ups(user, person, horizon: date, today: date) -> list[WorkItem]:
    stmt = (_placements(user, person).add_columns(PlacementFollowUp)
            .join(PlacementFollowUp, PlacementFollowUp.placement_id == Placement.id)
            .where(PlacementFollowUp.done_on.is_(None), PlacementFollowUp.due_on <= horizon)
            .order_by(PlacementFollowUp.due_on))
    return [WorkItem(
        kind="placement_follow_up", due=f.due_on, state=_state(f.due_on, today),
        title=_("%(months)d-month follow-up: %(title)s", months=f.months, title=placement.job_title),
        feed_title=_("%(months)d-month follow-up", months=f.months),  # the job title is personal: not in the feed
        url=url_for("leads.placement_detail", placement_id=placement.id, _anchor="follow-ups"),
        owner_id=placement.coach_id, employer_id=placement.employer_id, employer_name=employer_name,
        detail=_("Still employed?"), uid=f"placement-follow-up-{f.id}@ratko", extra={"owner_name": coach_name or ""})
        for placement, employer_name, coach_name, f in db.session.execute(stmt)]


def _subsidies(user, person, horizon: date, today: date) -> list[WorkItem]:
    stmt = _placements(user, person).where(
        Placement.type == "pay_subsidy", Placement.subsidy_handled_on.is_(None), Placement.subsidy_ends_on.is_not(None),
        Placement.subsidy_ends_on <= horizon + timedelta(days=SUBSIDY_ALERT_DAYS)).order_by(Placement.subsidy_ends_on)
    items = []
    for placement, employer_name, coach_name in db.session.execute(stmt):
        alert_on = rules.subsidy_alert_on(placement.subsidy_ends_on)
        state = rules.subsidy_alert_state(subsidy_ends_on=placement.subsidy_ends_on, handled_on=None, today=today)
        items.append(WorkItem(
            kind="pay_subsidy_end", due=alert_on, state=state or "upcoming",
            title=_("Pay subsidy ends %(date)s: %(title)s", date=_day(placement.subsidy_ends_on),
                    title=placement.job_title),
            feed_title=_("Pay subsidy ends %(date)s", date=_day(placement.subsidy_ends_on)),
            url=url_for("leads.placement_detail", placement_id=placement.id), owner_id=placement.coach_id,
            employer_id=placement.employer_id, employer_name=employer_name,
            detail=_("Plan what happens when the subsidy ends."), uid=f"pay-subsidy-{placement.id}@ratko",
            extra={"owner_name": coach_name or ""}))
    return items


def _proposals(user, person, today: date) -> list[WorkItem]:
    stmt = (select(LeadProposal.id, LeadProposal.created_at, Lead.id, Lead.title, Lead.owner_id, Employer.name,
                   Organisation.name, User.name)
            .join(Lead, Lead.id == LeadProposal.lead_id).join(Employer, Employer.id == Lead.employer_id)
            .join(Organisation, Organisation.id == LeadProposal.organisation_id)
            .outerjoin(User, User.id == Lead.owner_id)
            .where(Lead.organisation_id == user.organisation_id, LeadProposal.status == "pending")
            .order_by(LeadProposal.created_at))
    if person:
        stmt = stmt.where(Lead.owner_id == person)
    return [WorkItem(
        kind="lead_proposal", due=created.date(), state="due",
        title=_("%(organisation)s has a candidate for %(title)s", organisation=organisation, title=title),
        url=url_for("leads.detail", lead_id=lead_id, _anchor="proposals"), owner_id=owner, employer_id=None,
        employer_name=employer_name, uid=f"lead-proposal-{proposal_id}@ratko", extra={"owner_name": owner_name or ""})
        for proposal_id, created, lead_id, title, owner, employer_name, organisation, owner_name
        in db.session.execute(stmt)]


def _day(value: date) -> str:
    from app.core.i18n import fmt_date

    return fmt_date(value)
