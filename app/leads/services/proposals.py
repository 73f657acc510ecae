"""Writes for "we have a candidate": a coach of another organisation proposes one of their own seekers (only with a
valid consent for network matching, only to a lead that is still open); the lead's owner accepts or declines.
Withdrawing the consent withdraws the seeker's undecided proposals at once (see `app.leads.hooks`)."""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app.auth.models import User
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.extensions import db
from app.leads import rules
from app.leads.labels import REFUSALS
from app.leads.models import LIVE_PROPOSALS, OPEN_STATUSES, Lead, LeadProposal
from app.leads.services.common import LeadRefused
from app.seekers.consent import consent_check
from app.seekers.models import MATCHING_SCOPE, JobSeeker

log = logging.getLogger("ratko.leads")


def _lead_status(lead: Lead) -> str:
    return rules.effective_status(status=lead.status, expires_on=lead.expires_on, today=local_today())


def proposal_create(*, lead: Lead, seeker: JobSeeker, user: User) -> LeadProposal:
    """Propose one of my organisation's seekers for another organisation's open lead; refused with the reason when
    the seeker's consent does not cover network matching or the lead cannot receive candidates."""
    if lead.organisation_id == user.organisation_id:
        raise LeadRefused("seeker_id", REFUSALS["own_lead"])
    refusal = rules.proposal_refusal(status=_lead_status(lead))
    if refusal:
        raise LeadRefused("seeker_id", REFUSALS[refusal])
    if seeker.organisation_id != user.organisation_id:
        raise LookupError("seeker of another organisation")  # the route's selector already answers 404
    check = consent_check(seeker, MATCHING_SCOPE, written=True)  # it leaves the organisation: in writing
    if not check.ok:
        raise LeadRefused("seeker_id", _("Not proposed: the seeker has no valid consent for matching in the "
                                         "network. %(reason)s", reason=check.message))
    duplicate = db.session.scalar(select(LeadProposal.id).where(
        LeadProposal.lead_id == lead.id, LeadProposal.seeker_id == seeker.id,
        LeadProposal.status.in_(LIVE_PROPOSALS)))
    if duplicate is not None:
        raise LeadRefused("seeker_id", REFUSALS["duplicate"])
    proposal = LeadProposal(lead_id=lead.id, organisation_id=user.organisation_id, proposed_by_id=user.id,
                            seeker_id=seeker.id, status="pending")
    db.session.add(proposal)
    db.session.flush()
    log.info("proposal %s for lead %s by organisation %s", proposal.id, lead.id, user.organisation_id)
    return proposal


def _decide(proposal: LeadProposal, status: str, user: User, note: str | None) -> None:
    proposal.status, proposal.decided_at, proposal.decided_by_id = status, utcnow(), user.id
    proposal.decision_note = (note or "").strip()[:300] or None


def proposal_accept(*, proposal: LeadProposal, lead: Lead, user: User, note: str | None = None) -> LeadProposal:
    """Accept a candidate for my organisation's lead: the lead shows "candidates proposed" and the coaches are
    introduced. Refused when the lead is no longer open or the seeker's consent has lapsed meanwhile."""
    if proposal.status != "pending":
        raise LeadRefused("proposal", REFUSALS["not_pending"])
    if _lead_status(lead) not in OPEN_STATUSES:
        raise LeadRefused("proposal", REFUSALS["lead_not_open"])
    seeker = db.session.get(JobSeeker, proposal.seeker_id) if proposal.seeker_id else None
    if seeker is None or not consent_check(seeker, MATCHING_SCOPE, written=True).ok:
        proposal.status, proposal.status_reason = "withdrawn", "consent"
        db.session.flush()
        raise LeadRefused("proposal", _("The seeker's consent for matching is no longer valid: the proposal was "
                                        "withdrawn."))
    _decide(proposal, "accepted", user, note)
    if lead.status == "open":
        lead.status = "candidates_proposed"
    db.session.flush()
    return proposal


def proposal_decline(*, proposal: LeadProposal, user: User, note: str | None = None) -> LeadProposal:
    """Decline a candidate for my organisation's lead (the proposing coach sees the decision and the note)."""
    if proposal.status != "pending":
        raise LeadRefused("proposal", REFUSALS["not_pending"])
    _decide(proposal, "declined", user, note)
    db.session.flush()
    return proposal


def proposal_withdraw(*, proposal: LeadProposal) -> LeadProposal:
    """The proposing coach takes back an undecided or accepted proposal."""
    if proposal.status in LIVE_PROPOSALS:
        proposal.status, proposal.status_reason = "withdrawn", "proposer"
        db.session.flush()
    return proposal


def proposals_lapse(*, lead: Lead, only_other_organisations: bool = False) -> int:
    """Undecided proposals for a lead that was closed, filled or taken back from the network lapse; return how many."""
    stmt = select(LeadProposal).where(LeadProposal.lead_id == lead.id, LeadProposal.status == "pending")
    if only_other_organisations:
        stmt = stmt.where(LeadProposal.organisation_id != lead.organisation_id)
    count = 0
    for proposal in db.session.scalars(stmt):
        proposal.status, proposal.status_reason = "lapsed", "lead_closed"
        count += 1
    return count


def proposals_withdraw_for_seeker(*, seeker_id: int, session=None) -> int:
    """Withdraw a seeker's undecided proposals (their consent for matching ended); return how many."""
    session = session or db.session
    count = 0
    for proposal in session.scalars(select(LeadProposal).where(LeadProposal.seeker_id == seeker_id,
                                                               LeadProposal.status == "pending")):
        proposal.status, proposal.status_reason = "withdrawn", "consent"
        count += 1
    return count
