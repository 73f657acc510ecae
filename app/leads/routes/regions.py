"""Regions this package adds to other packages' pages: the dashboard, the employer page, the seeker page (leads
ranked for the seeker, and the seeker's placements) and the bundle pages."""

from __future__ import annotations

from flask_login import current_user

from app.core.auth import role_required
from app.core.htmx import render_fragment
from app.employers import selectors as employer_selectors
from app.leads import bp, matching, selectors
from app.leads.forms import ProposalForm
from app.leads.placements import selectors as placement_selectors
from app.leads.routes import MATCHERS
from app.profiles import selectors as profile_selectors
from app.seekers import selectors as seeker_selectors
from app.seekers import services as seeker_services


@bp.get("/leads/dashboard")
def dashboard_region():
    """Dashboard card: other organisations' leads opened to the network since my last visit to the board, and
    candidates waiting for my organisation's decision."""
    seen, _since = selectors.last_visit(current_user)
    total, rows = selectors.new_network_leads(user=current_user, since=seen)
    return render_fragment("leads/_dashboard.html", total=total, rows=rows,
                           counts=matching.proposal_counts(user=current_user),
                           decisions=matching.recent_decisions(user=current_user))


@bp.get("/employers/<int:employer_id>/leads")
def employer_region(employer_id: int):
    """Employer-page card: this employer's leads that I may see (mine and the network's)."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    return render_fragment("leads/_employer_region.html", employer=employer,
                           rows=selectors.employer_leads(user=current_user, employer_id=employer.id))


@bp.get("/seekers/<int:seeker_id>/leads")
@role_required(*MATCHERS)
def seeker_region(seeker_id: int):
    """Seeker-page card: leads I can see ranked for this seeker by the comparison (fewest gaps first), only under
    a valid consent for network matching."""
    seeker = seeker_selectors.seeker_get_or_404(seeker_id, current_user)
    ranking = matching.leads_for_seeker(seeker=seeker, user=current_user)
    if ranking.profile_id is not None:
        seeker_services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[ranking.profile_id],
                                            context="lead ranking for a seeker")
    return render_fragment("leads/_seeker_region.html", seeker=seeker, ranking=ranking, form=ProposalForm())


@bp.get("/seekers/<int:seeker_id>/placements")
@role_required(*MATCHERS)
def seeker_placements(seeker_id: int):
    """Seeker-page card: the seeker's placements."""
    seeker = seeker_selectors.seeker_get_or_404(seeker_id, current_user)
    return render_fragment("leads/placements/_seeker_region.html", seeker=seeker,
                           rows=placement_selectors.seeker_placements(seeker=seeker))


@bp.get("/leads/bundle/<int:bundle_id>")
def bundle_region(bundle_id: int):
    """Bundle-page card: the lead made from this bundle, or a button to make one in one action."""
    bundle = profile_selectors.bundle_get_or_404(bundle_id, current_user)
    return render_fragment("leads/_bundle_region.html", bundle=bundle,
                           lead=selectors.lead_of_bundle(bundle.id, current_user))
