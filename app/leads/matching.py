"""Reads that put leads and seekers side by side: a lead's demand profile (its bundle's, or its own ratings), the
owner's pseudonymous view of the candidates proposed (organisation, coach and a comparison; never the seeker), the
proposing organisation's own view, and the leads ranked for one of my seekers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from app.auth.models import Organisation, User
from app.core.audit import audit_now
from app.core.db import utcnow
from app.extensions import db
from app.leads import selectors
from app.leads.models import LIVE_PROPOSALS, Lead, LeadDemand, LeadProposal
from app.profiles import selectors as profile_selectors
from app.profiles.chart import chart_groups
from app.profiles.comparison import Comparison, Summary, compare
from app.ratko.models import Bundle
from app.seekers import selectors as seeker_selectors
from app.seekers.consent import ConsentRequired, consent_check, consent_checks
from app.seekers.models import MATCHING_SCOPE, RANKED_STATUSES, JobSeeker


@dataclass
class Demand:
    """What a lead demands on the catalogue's items, and where that profile comes from ("bundle", "lead" or None)."""

    levels: dict[int, int] = field(default_factory=dict)
    key: set[int] = field(default_factory=set)
    source: str | None = None

    @property
    def assessed(self) -> bool:
        """Whether anything is demanded at all."""
        return any(level > 0 for level in self.levels.values())


def lead_demands(leads: list[Lead]) -> dict[int, Demand]:
    """Demand profiles of several leads in a fixed number of queries."""
    result = {lead.id: Demand() for lead in leads}
    bundle_ids = {lead.bundle_id for lead in leads if lead.bundle_id}
    bundles = list(db.session.scalars(select(Bundle).where(Bundle.id.in_(bundle_ids)))) if bundle_ids else []
    by_bundle = profile_selectors.bundle_demands(bundles) if bundles else {}
    own = [lead.id for lead in leads if not lead.bundle_id]
    rows = db.session.scalars(select(LeadDemand).where(LeadDemand.lead_id.in_(own))) if own else []
    for row in rows:
        demand = result[row.lead_id]
        demand.levels[row.characteristic_id], demand.source = row.level, "lead"
        if row.key:
            demand.key.add(row.characteristic_id)
    for lead in leads:
        if lead.bundle_id in by_bundle:
            bundle_demand = by_bundle[lead.bundle_id]
            result[lead.id] = Demand(levels=bundle_demand.effective, key=set(bundle_demand.key), source="bundle")
    return result


def lead_demand(lead: Lead) -> Demand:
    """One lead's demand profile."""
    return lead_demands([lead])[lead.id]


def lead_demand_rows(lead: Lead) -> list[LeadDemand]:
    """A lead's own demand ratings (for its form)."""
    return list(db.session.scalars(select(LeadDemand).where(LeadDemand.lead_id == lead.id)))


def demand_table(demand: Demand) -> list:
    """(catalogue item, level, key) of what a lead demands, in catalogue order (levels only: no reasons, no tasks)."""
    items = profile_selectors.catalogue_with(set(demand.levels))
    return [(item, demand.levels[item.id], item.id in demand.key) for item in items if demand.levels.get(item.id)]


@dataclass
class OwnerProposal:
    """A proposal as the lead's owner sees it: who proposes (organisation and coach) and how the candidate compares.
    Deliberately nothing that identifies the seeker."""

    proposal: LeadProposal
    status: str
    organisation_name: str
    coach_name: str | None
    coach_email: str | None
    decided_by_name: str | None
    comparison: Comparison | None = None
    charts: list = field(default_factory=list)
    assessed_on: date | None = None


def _codes() -> dict[str, int]:
    return {item.code: item.id for item in profile_selectors.catalogue(include_inactive=True)}


def _compare(demand: Demand, ratings: dict[int, int]) -> tuple[Comparison, list]:
    items = profile_selectors.catalogue_with(set(demand.levels) | set(ratings))
    result = compare(demand.levels, ratings, key=demand.key, order=[i.id for i in items])
    return result, chart_groups(profile_selectors.grouped(items), result)


def owner_proposals(*, lead: Lead) -> list[OwnerProposal]:
    """Every proposal for my organisation's lead, newest first, with a pseudonymous comparison for live ones whose
    seeker still has a valid consent for matching (otherwise the proposal counts as withdrawn)."""
    proposer, decider = User.__table__.alias("proposer"), User.__table__.alias("decider")
    rows = db.session.execute(
        select(LeadProposal, Organisation.name, proposer.c.name, proposer.c.email, decider.c.name)
        .join(Organisation, Organisation.id == LeadProposal.organisation_id)
        .outerjoin(proposer, proposer.c.id == LeadProposal.proposed_by_id)
        .outerjoin(decider, decider.c.id == LeadProposal.decided_by_id)
        .where(LeadProposal.lead_id == lead.id).order_by(LeadProposal.created_at.desc(), LeadProposal.id.desc())).all()
    demand, codes, result = lead_demand(lead), None, []
    for proposal, organisation_name, coach_name, coach_email, decided_by in rows:
        view = OwnerProposal(proposal=proposal, status=proposal.status, organisation_name=organisation_name,
                             coach_name=coach_name, coach_email=coach_email, decided_by_name=decided_by)
        if proposal.status in LIVE_PROPOSALS:
            seeker = db.session.get(JobSeeker, proposal.seeker_id) if proposal.seeker_id else None
            try:
                capability = seeker_selectors.pseudonymous_capability(seeker) if seeker else None
                if seeker is None:
                    raise LookupError
            except (ConsentRequired, LookupError):
                view.status = "withdrawn" if proposal.status == "pending" else proposal.status
                capability = None
            if capability is not None:
                codes = codes or _codes()
                ratings = {codes[code]: level for code, level in capability.ratings.items() if code in codes}
                view.comparison, view.charts = _compare(demand, ratings)
                view.assessed_on = capability.assessed_on
        result.append(view)
    return result


def comparison_read_log(*, proposal_ids: list[int], lead_id: int) -> None:
    """Log that the lead's owner viewed pseudonymous comparisons (RELIABILITY.md G2), in a short transaction of its
    own so the GET's read transaction stays a read."""
    if not proposal_ids:
        return
    audit_now(action="read", entity=LeadProposal.__tablename__,
              entity_id=proposal_ids[0] if len(proposal_ids) == 1 else None,
              summary=f"pseudonymous comparison for lead {lead_id}", changes={"proposal_ids": proposal_ids[:500]})


@dataclass
class MyProposal:
    """A proposal of my organisation: my own seeker's code is shown to me (never to the lead's owner)."""

    proposal: LeadProposal
    status: str
    seeker_code: str | None
    seeker_alias: str | None
    decided_by_name: str | None
    lead_title: str | None = None
    employer_name: str | None = None
    lead_organisation_name: str | None = None


def my_proposals(*, user, lead: Lead | None = None, limit: int = 50) -> list[MyProposal]:
    """My organisation's proposals (for one lead, or the latest ones), with lead titles only where I may still see
    the lead."""
    from app.employers.models import Employer

    stmt = (select(LeadProposal, JobSeeker.code, JobSeeker.alias, User.name, Lead, Employer.name, Organisation.name)
            .join(Lead, Lead.id == LeadProposal.lead_id).join(Employer, Employer.id == Lead.employer_id)
            .join(Organisation, Organisation.id == Lead.organisation_id)
            .outerjoin(JobSeeker, JobSeeker.id == LeadProposal.seeker_id)
            .outerjoin(User, User.id == LeadProposal.decided_by_id)
            .where(LeadProposal.organisation_id == user.organisation_id)
            .order_by(LeadProposal.updated_at.desc(), LeadProposal.id.desc()).limit(limit))
    if lead is not None:
        stmt = stmt.where(LeadProposal.lead_id == lead.id)
    now, result = utcnow(), []
    for proposal, code, alias, decided_by, found, employer_name, organisation_name in db.session.execute(stmt):
        visible = found.organisation_id == user.organisation_id or (
            found.visibility == "network" and found.opens_at is not None and found.opens_at <= now)
        result.append(MyProposal(proposal=proposal, status=proposal.status, seeker_code=code, seeker_alias=alias,
                                 decided_by_name=decided_by, lead_title=found.title if visible else None,
                                 employer_name=employer_name if visible else None,
                                 lead_organisation_name=organisation_name))
    return result


def proposable_seekers(*, user) -> list[tuple[JobSeeker, object]]:
    """My organisation's seekers who are looking for work, each with their matching-consent check."""
    seekers = seeker_selectors.seekers_of(user=user, statuses=RANKED_STATUSES)
    checks = consent_checks(seekers, MATCHING_SCOPE, written=True)  # a proposal leaves the organisation
    return [(seeker, checks[seeker.id]) for seeker in seekers]


@dataclass
class RankedLead:
    """A lead's place in a seeker's ranking."""

    row: selectors.LeadRow
    summary: Summary
    proposed: bool = False


@dataclass
class SeekerLeads:
    """Leads I can see, ranked for one of my seekers (only under a valid consent for matching)."""

    consent_ok: bool
    consent_message: str = ""
    profile_id: int | None = None
    ranked: list[RankedLead] = field(default_factory=list)
    unassessed: list = field(default_factory=list)


def leads_for_seeker(*, seeker: JobSeeker, user, limit: int = 200) -> SeekerLeads:
    """Active leads visible to me ranked for a seeker by the comparison: fewest gaps first, then key gaps."""
    check = consent_check(seeker, MATCHING_SCOPE)
    if not check.ok:
        return SeekerLeads(consent_ok=False, consent_message=check.message)
    profile, ratings = seeker_selectors.current_capability(seeker)
    result = SeekerLeads(consent_ok=True, profile_id=profile.id if profile else None)
    if profile is None:
        return result
    page = selectors.lead_board(user=user, filters=selectors.LeadFilters(), page=1, since=None, per_page=limit)
    demands = lead_demands([row.lead for row in page.items])
    proposed = set(db.session.scalars(select(LeadProposal.lead_id).where(
        LeadProposal.seeker_id == seeker.id, LeadProposal.status.in_(LIVE_PROPOSALS))))
    for row in page.items:
        demand = demands[row.lead.id]
        if not demand.assessed:
            result.unassessed.append(row)
            continue
        summary = compare(demand.levels, ratings, key=demand.key, order=list(demand.levels)).summary
        result.ranked.append(RankedLead(row=row, summary=summary, proposed=row.lead.id in proposed))
    result.ranked.sort(key=lambda r: (*r.summary.rank_key(), r.row.lead.title))
    return result


def proposal_counts(*, user) -> dict[str, int]:
    """Candidates proposed for my organisation's leads that wait for our decision."""
    waiting = db.session.scalar(
        select(func.count()).select_from(LeadProposal).join(Lead, Lead.id == LeadProposal.lead_id)
        .where(Lead.organisation_id == user.organisation_id, LeadProposal.status == "pending")) or 0
    return {"waiting": waiting}


def recent_decisions(*, user, days: int = 14, limit: int = 5) -> list[MyProposal]:
    """My organisation's proposals accepted or declined in the last `days` days, newest first."""
    since = utcnow() - timedelta(days=days)
    return [p for p in my_proposals(user=user, limit=50) if p.status in ("accepted", "declined")
            and p.proposal.decided_at is not None and p.proposal.decided_at >= since][:limit]
