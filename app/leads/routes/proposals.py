""""We have a candidate": propose one of my seekers for another organisation's lead; the owner accepts or declines;
the proposing coach may withdraw. Plain forms with Post/Redirect/Get back to the lead page."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.htmx import render
from app.core.refusals import Refusal, refuse
from app.leads import bp, matching, selectors, services
from app.leads.forms import DecisionForm, ProposalForm
from app.leads.routes import EDITORS, MATCHERS
from app.seekers import selectors as seeker_selectors


def proposals_context(lead, view, *, form: ProposalForm | None = None) -> dict:
    """What the lead page's candidates section shows: the owner's pseudonymous view, or my organisation's own
    proposals and the form to propose one of my seekers."""
    if view.mine:
        proposals = matching.owner_proposals(lead=lead)
        matching.comparison_read_log(proposal_ids=[p.proposal.id for p in proposals if p.comparison is not None],
                                     lead_id=lead.id)
        return {"owner_proposals": proposals, "decision_form": DecisionForm()}
    can_propose = current_user.is_admin or any(current_user.has_role(r) for r in MATCHERS)
    seekers = matching.proposable_seekers(user=current_user) if can_propose else []
    form = form or ProposalForm()
    form.seeker_id.choices = [("", "—")] + [(s.id, s.code) for s, _check in seekers]
    return {"my_proposals": matching.my_proposals(user=current_user, lead=lead), "proposal_form": form,
            "seekers": seekers, "can_propose": can_propose}


def _back(lead_id: int):
    return redirect(url_for("leads.detail", lead_id=lead_id, _anchor="proposals"), 303)


@bp.post("/leads/<int:lead_id>/proposals")
@role_required(*MATCHERS)
def propose(lead_id: int):
    """Propose one of my organisation's consented seekers for another organisation's lead (refused with the reason
    without a valid consent for network matching, or when the lead is expired, closed or filled)."""
    lead = selectors.lead_get_visible_or_404(lead_id, current_user)
    form = ProposalForm()
    if form.validate_on_submit():
        seeker = seeker_selectors.seeker_get_or_404(form.seeker_id.data, current_user)
        try:
            services.proposal_create(lead=lead, seeker=seeker, user=current_user)
        except Refusal as refusal:
            refuse(form, refusal, fallback="seeker_id")
        else:
            flash(_("Candidate proposed. The lead's coach sees your organisation, your name and a comparison, "
                    "never who the candidate is."), "success")
            return _back(lead.id)
    view = selectors.lead_view(lead, current_user)
    demand = matching.lead_demand(lead)
    return render("leads/detail.html", view=view, lead=lead, demand=demand, demand_rows=matching.demand_table(demand),
                  status=422, **proposals_context(lead, view, form=form))


@bp.post("/proposals/<int:proposal_id>/accept")
@role_required(*EDITORS)
def accept(proposal_id: int):
    """Accept a candidate for my organisation's lead: the lead shows "candidates proposed" and both coaches see it."""
    return _decide(proposal_id, services.proposal_accept,
                   _("Candidate accepted. Contact the proposing coach to arrange the introduction."))


@bp.post("/proposals/<int:proposal_id>/decline")
@role_required(*EDITORS)
def decline(proposal_id: int):
    """Decline a candidate for my organisation's lead (the proposing coach sees the decision and the message)."""
    return _decide(proposal_id, lambda lead, **kwargs: services.proposal_decline(**kwargs), _("Candidate declined."))


def _decide(proposal_id: int, service, done_message: str):
    """Accept or decline; a message naming a diagnosis is refused and shown again on the lead page (status 422)."""
    proposal, lead = selectors.proposal_for_owner_or_404(proposal_id, current_user)
    form = DecisionForm()
    if not form.validate_on_submit():
        view = selectors.lead_view(lead, current_user)
        demand = matching.lead_demand(lead)
        context = {**proposals_context(lead, view), "decision_form": form, "decision_for": proposal.id}
        return render("leads/detail.html", view=view, lead=lead, demand=demand,
                      demand_rows=matching.demand_table(demand), status=422, **context)
    try:
        service(proposal=proposal, lead=lead, user=current_user, note=form.note.data)
    except Refusal as refusal:
        flash(refusal.text, "error")
    else:
        flash(done_message, "success")
    return _back(lead.id)


@bp.post("/proposals/<int:proposal_id>/withdraw")
@role_required(*MATCHERS)
def withdraw(proposal_id: int):
    """Take back one of my organisation's proposals."""
    proposal = selectors.proposal_of_mine_or_404(proposal_id, current_user)
    services.proposal_withdraw(proposal=proposal)
    flash(_("Proposal withdrawn."), "success")
    return redirect(url_for("leads.detail", lead_id=proposal.lead_id, _anchor="proposals"), 303)
