"""The leads board and the reciprocity ledger as .xlsx files (app/core/xlsx.py: typed cells, nothing a user typed
becomes a formula). Other organisations' leads carry only their shared fields; the private note only my own."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.xlsx import Column, workbook_bytes
from app.leads.labels import KIND_LABELS, STATUS_LABELS, VISIBILITY_LABELS
from app.leads.reciprocity import Reciprocity


def _label(table: dict, code) -> str:
    return str(table.get(code, code or ""))


def leads_xlsx(rows) -> bytes:
    """Board rows (LeadRow) as one sheet."""
    columns = [Column(_("Title"), 30), Column(_("Kind"), 16), Column(_("Employer"), 30), Column(_("Municipality"), 16),
               Column(_("Shared by"), 28), Column(_("Coach in charge"), 20), Column(_("Status"), 16),
               Column(_("Hours per week"), 10, "number"), Column(_("Starts"), 12, "date"),
               Column(_("Expires"), 12, "date"), Column(_("Who sees the lead"), 18), Column(_("Description"), 50),
               Column(_("Tasks"), 50), Column(_("Private note (only my organisation)"), 40)]
    data = ([r.lead.title, _label(KIND_LABELS, r.lead.kind), r.employer_name, r.municipality, r.organisation_name,
             r.owner_name, _label(STATUS_LABELS, "held" if r.held else r.status), r.lead.hours_per_week,
             r.lead.starts_on, r.lead.expires_on, _label(VISIBILITY_LABELS, r.lead.visibility), r.lead.description,
             r.lead.tasks, r.lead.private_note if r.mine else None] for r in rows)
    return workbook_bytes([(_("Leads"), columns, data)])


def reciprocity_xlsx(summary: Reciprocity, ledger) -> bytes:
    """Totals, partners and the leads behind them, three sheets."""
    totals = [(_("Leads we shared to the network"), summary.shared),
              (_("Leads other organisations shared"), summary.received),
              (_("Leads of ours filled by other organisations"), summary.ours_filled_by_others),
              (_("Leads of others we filled"), summary.theirs_we_filled),
              (_("Leads of ours we filled ourselves"), summary.ours_filled_by_us)]
    partner_columns = [Column(_("Organisation"), 34), Column(_("Leads they shared"), 14, "number"),
                       Column(_("Their leads we filled"), 14, "number"),
                       Column(_("Our leads they filled"), 14, "number"),
                       Column(_("Candidates we proposed"), 14, "number"),
                       Column(_("Candidates they proposed"), 14, "number")]
    partners = ([p.name, p.they_shared, p.we_filled_theirs, p.they_filled_ours, p.we_proposed, p.they_proposed]
                for p in summary.partners)
    lead_columns = [Column(_("Title"), 30), Column(_("Kind"), 16), Column(_("Employer"), 30),
                    Column(_("Shared by"), 28), Column(_("Status"), 14), Column(_("Filled by"), 28),
                    Column(_("Filled on"), 12, "date")]
    leads = ([lead.title, _label(KIND_LABELS, lead.kind), employer, owner, _label(STATUS_LABELS, lead.status), filler,
              lead.filled_on] for lead, employer, owner, filler in ledger)
    return workbook_bytes([(_("Reciprocity"), [Column(_("What"), 44), Column(_("How many"), 12, "number")], totals),
                           (_("Partners"), partner_columns, partners), (_("Leads"), lead_columns, leads)])
