"""Writes for leads and proposals (never commit; audited by the flush hook). One module per area, re-exported."""

from app.leads.services.common import LeadRefused
from app.leads.services.leads import (
    board_visit_record,
    bundle_fill,
    hold_days_update,
    lead_close,
    lead_create,
    lead_demand_save,
    lead_fill,
    lead_from_bundle,
    lead_release,
    lead_reopen,
    lead_update,
)
from app.leads.services.proposals import (
    proposal_accept,
    proposal_create,
    proposal_decline,
    proposal_withdraw,
    proposals_lapse,
    proposals_withdraw_for_seeker,
)

__all__ = [
    "LeadRefused", "board_visit_record", "bundle_fill", "hold_days_update", "lead_close", "lead_create",
    "lead_demand_save", "lead_fill", "lead_from_bundle", "lead_release", "lead_reopen", "lead_update",
    "proposal_accept", "proposal_create", "proposal_decline", "proposal_withdraw", "proposals_lapse",
    "proposals_withdraw_for_seeker",
]
