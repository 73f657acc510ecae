"""Reads for placements: always scoped to the acting user's organisation (the seeker's organisation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select

from app.auth.models import Organisation, User
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.core.filters import FilterSet, choice
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404
from app.employers.models import Employer
from app.extensions import db
from app.leads import rules as lead_rules
from app.leads.models import OPEN_STATUSES, Lead, LeadProposal
from app.leads.placements import rules
from app.leads.placements.models import FOLLOW_UP_MONTHS, TYPES, Placement, PlacementFollowUp, PlacementPhase
from app.ratko.models import Bundle, Engagement
from app.seekers.models import JobSeeker


@dataclass
class PlacementFilters(FilterSet):
    """The placement list's query string, checked against allow-lists."""

    status: str = choice(("active", "ended", "all"), "active")
    type: str = choice(TYPES)
    coach: str = choice(("mine",))  # "" | "mine"


def placement_get_or_404(placement_id, user) -> Placement:
    """A placement of my organisation, or 404."""
    return get_scoped_or_404(Placement, placement_id, user)


def follow_up_get_or_404(follow_up_id, user) -> PlacementFollowUp:
    """A placement follow-up of my organisation, or 404."""
    return get_scoped_or_404(PlacementFollowUp, follow_up_id, user)


def placement_list(*, user, filters: PlacementFilters, page: int, per_page: int = 25) -> Page:
    """One page of my organisation's placements: (placement, seeker code, employer name, coach name, next open
    follow-up date)."""
    next_due = (select(func.min(PlacementFollowUp.due_on)).where(PlacementFollowUp.placement_id == Placement.id,
                                                                 PlacementFollowUp.done_on.is_(None))
                .correlate(Placement).scalar_subquery())
    stmt = (select(Placement, JobSeeker.code, Employer.name, User.name, next_due.label("next_due"))
            .join(JobSeeker, JobSeeker.id == Placement.seeker_id).join(Employer, Employer.id == Placement.employer_id)
            .outerjoin(User, User.id == Placement.coach_id)
            .where(Placement.organisation_id == user.organisation_id))
    if filters.status != "all":
        stmt = stmt.where(Placement.status == filters.status)
    if filters.type:
        stmt = stmt.where(Placement.type == filters.type)
    if filters.coach == "mine":
        stmt = stmt.where(Placement.coach_id == user.id)
    return paginate(stmt.order_by(Placement.starts_on.desc(), Placement.id.desc()), page=page, per_page=per_page,
                    scalars=False)


@dataclass
class PlacementView:
    """A placement with the names, plan, follow-ups, three-T check and subsidy alert its page shows."""

    placement: Placement
    seeker: JobSeeker
    employer: Employer
    coach_name: str | None
    lead: Lead | None
    lead_visible: bool
    bundle: Bundle | None
    phases: list[PlacementPhase]
    follow_ups: list[PlacementFollowUp]
    names: dict
    three_t: list
    subsidy_alert: str | None


def placement_view(placement: Placement, user) -> PlacementView:
    """Everything the placement page shows (the caller has checked the organisation)."""
    names = dict(db.session.execute(select(User.id, User.name).where(
        User.organisation_id == placement.organisation_id)).all())
    phases = list(db.session.scalars(select(PlacementPhase).where(PlacementPhase.placement_id == placement.id)))
    order = {p: i for i, p in enumerate(("orientation", "learning", "stabilising", "fading", "follow_up"))}
    phases.sort(key=lambda p: order.get(p.phase, 99))
    lead = db.session.get(Lead, placement.lead_id) if placement.lead_id else None
    visible = lead is not None and lead_rules.visible_to(
        lead_organisation_id=lead.organisation_id, organisation_id=user.organisation_id,
        visibility=lead.visibility, opens_at=lead.opens_at, now=utcnow())
    bundle = db.session.get(Bundle, placement.bundle_id) if placement.bundle_id else None
    return PlacementView(
        placement=placement, seeker=db.session.get(JobSeeker, placement.seeker_id),
        employer=db.session.get(Employer, placement.employer_id), coach_name=names.get(placement.coach_id),
        lead=lead if visible else None, lead_visible=visible,
        bundle=bundle if bundle is not None and bundle.organisation_id == user.organisation_id else None,
        phases=phases, names=names,
        follow_ups=list(db.session.scalars(select(PlacementFollowUp).where(
            PlacementFollowUp.placement_id == placement.id).order_by(PlacementFollowUp.months))),
        three_t=rules.three_t(type=placement.type, ordinary_workplace=placement.ordinary_workplace,
                              equal_pay=placement.equal_pay,
                              phases=[(p.phase, p.coach_id, p.workplace_person) for p in phases]),
        subsidy_alert=rules.subsidy_alert_state(subsidy_ends_on=placement.subsidy_ends_on,
                                                handled_on=placement.subsidy_handled_on, today=local_today())
        if placement.status == "active" and placement.type == "pay_subsidy" else None)


def seeker_placements(*, seeker: JobSeeker) -> list:
    """A seeker's placements, newest first: (placement, employer name)."""
    return list(db.session.execute(select(Placement, Employer.name).join(Employer, Employer.id == Placement.employer_id)
                                   .where(Placement.seeker_id == seeker.id, Placement.organisation_id
                                          == seeker.organisation_id).order_by(Placement.starts_on.desc())))


def retention(*, user) -> list[tuple[int, int, int]]:
    """Per follow-up month: (months, follow-ups recorded, still employed) for my organisation's placements."""
    rows = dict((months, (recorded, employed)) for months, recorded, employed in db.session.execute(
        select(PlacementFollowUp.months, func.count(),
               func.sum(case((PlacementFollowUp.still_employed.is_(True), 1), else_=0)))
        .where(PlacementFollowUp.organisation_id == user.organisation_id, PlacementFollowUp.done_on.is_not(None))
        .group_by(PlacementFollowUp.months)))
    return [(m, *(int(v or 0) for v in rows.get(m, (0, 0)))) for m in FOLLOW_UP_MONTHS]


def lead_choices(*, user, employer_id: int | None, now: datetime | None = None) -> list:
    """Leads a placement at this employer may fill: my organisation's open ones, and other organisations' leads where
    my organisation's candidate was accepted. (lead, organisation name)."""
    if not employer_id:
        return []
    accepted = select(LeadProposal.lead_id).where(LeadProposal.organisation_id == user.organisation_id,
                                                  LeadProposal.status == "accepted")
    now = now or utcnow()
    stmt = (select(Lead, Organisation.name).join(Organisation, Organisation.id == Lead.organisation_id)
            .where(Lead.employer_id == employer_id, Lead.status.in_(OPEN_STATUSES),
                   or_(Lead.organisation_id == user.organisation_id,
                       and_(Lead.id.in_(accepted), Lead.visibility == "network", Lead.opens_at <= now)))
            .order_by(Lead.title))
    return list(db.session.execute(stmt))


def bundle_choices(*, user, employer_id: int | None) -> list[Bundle]:
    """My organisation's bundles at this employer that are not filled yet."""
    if not employer_id:
        return []
    return list(db.session.scalars(select(Bundle).join(Engagement, Engagement.id == Bundle.engagement_id).where(
        Bundle.organisation_id == user.organisation_id, Engagement.employer_id == employer_id,
        Bundle.status != "filled").order_by(Bundle.title)))


def seeker_choices(*, user) -> list[JobSeeker]:
    """My organisation's seekers who have not ended their coaching, by code."""
    return list(db.session.scalars(select(JobSeeker).where(JobSeeker.organisation_id == user.organisation_id,
                                                           JobSeeker.status != "ended").order_by(JobSeeker.code)))
