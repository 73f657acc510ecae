"""The leads board (list and board by status, filters, new since my last visit, reciprocity), its exports, the
holding-period setting and the choices that depend on the employer picked in the lead and placement forms."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.dates import today
from app.core.htmx import hx_target, render, render_fragment
from app.core.pagination import page_number
from app.core.xlsx import xlsx_response
from app.leads import bp, choices, exports, matching, reciprocity, selectors, services
from app.leads.forms import HoldSettingsForm
from app.leads.placements import selectors as placement_selectors
from app.leads.routes import EDITORS
from app.leads.selectors import LeadFilters

RESULT_BLOCKS = {"lead-results": "lead_results"}


def _results(filters: LeadFilters, since) -> dict:
    if filters.view == "board":
        return {"columns": selectors.board_columns(user=current_user, filters=filters, since=since), "page": None}
    return {"columns": None, "page": selectors.lead_board(user=current_user, filters=filters, since=since,
                                                          page=page_number(request.args.get("page")))}


@bp.get("/leads")
def index():
    """Leads I may see: my organisation's and the network's, filtered, as a list or a board by status."""
    filters = LeadFilters.from_args(request.args)
    _seen, since = selectors.last_visit(current_user)
    response = render("leads/index.html", blocks=RESULT_BLOCKS, filters=filters, since=since,
                      options=selectors.filter_options(user=current_user),
                      ledger=None if hx_target() else reciprocity.reciprocity(user=current_user),
                      counts=matching.proposal_counts(user=current_user),
                      mine=None if hx_target() else matching.my_proposals(user=current_user, limit=10),
                      **_results(filters, since))
    if not hx_target():
        services.board_visit_record(user=current_user)
    return response


@bp.get("/leads/export.xlsx")
def export():
    """The leads as filtered, as an .xlsx file (shared fields only for other organisations' leads)."""
    filters = LeadFilters.from_args(request.args)
    _seen, since = selectors.last_visit(current_user)
    page = selectors.lead_board(user=current_user, filters=filters, since=since, page=1, per_page=10_000)
    return xlsx_response(exports.leads_xlsx(page.items), f"leads-{today().isoformat()}.xlsx")


@bp.get("/leads/reciprocity.xlsx")
def reciprocity_export():
    """My organisation's reciprocity ledger as an .xlsx file."""
    summary = reciprocity.reciprocity(user=current_user)
    body = exports.reciprocity_xlsx(summary, reciprocity.ledger_leads(user=current_user))
    return xlsx_response(body, f"reciprocity-{today().isoformat()}.xlsx")


@bp.route("/leads/settings", methods=["GET", "POST"])
@role_required("manager")
def settings():
    """My organisation's holding period for hidden jobs (default 14 days)."""
    organisation = current_user.organisation
    form = HoldSettingsForm(data=None if request.method == "POST" else {"days": selectors.hold_days_of(organisation)})
    if form.validate_on_submit():
        services.hold_days_update(organisation=organisation, days=form.days.data)
        flash(_("Hidden jobs are now held for %(n)d days.", n=form.days.data), "success")
        return redirect(url_for("leads.index"), 303)
    return render("leads/settings.html", form=form, status=422 if form.errors else 200)


@bp.get("/leads/employer-fields")
@role_required(*EDITORS)
def employer_fields():
    """The choices that depend on the chosen employer: sites, contacts, touchpoints (lead form) or leads and bundles
    (placement form)."""
    employer_id = request.args.get("employer_id", type=int)
    if request.args.get("for") == "placement":
        return render_fragment("leads/placements/_employer_fields.html",
                               leads=placement_selectors.lead_choices(user=current_user, employer_id=employer_id),
                               bundles=placement_selectors.bundle_choices(user=current_user, employer_id=employer_id),
                               selected_lead=None, selected_bundle=None)
    return render_fragment("leads/_employer_fields.html", selected={},
                           **choices.employer_parts(user=current_user, employer_id=employer_id))
