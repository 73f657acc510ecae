"""One lead: create (also from a bundle in one action), the lead page, edit (my organisation only: 404 for others),
its own demand profile, and the owner's actions: open a held lead now, close, reopen, mark filled."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import selectors as auth_selectors
from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render
from app.core.refusals import Refusal, refuse
from app.employers import selectors as employer_selectors
from app.leads import bp, choices, matching, selectors, services
from app.leads.forms import CloseForm, FillForm, LeadForm, ReopenForm, default_expiry, demand_form, demand_of
from app.leads.models import Lead
from app.leads.routes import EDITORS
from app.leads.routes.proposals import proposals_context
from app.profiles import selectors as profile_selectors

MODAL = {"modal-body": "modal_body"}


def _form_context(form: LeadForm, lead: Lead | None) -> dict:
    employer = choices.employer_or_none(form.employer_id.data or (lead.employer_id if lead else None))
    form.owner_id.choices = [(u.id, u.name) for u in choices.organisation_users(user=current_user)]
    return {"matches": choices.employer_search(request.form.get("employer_q", "")) if not employer else [],
            "form": form, "lead": lead, "employer": employer,
            "hold_days": selectors.hold_days_of(current_user.organisation),
            "selected": {"site_id": form.site_id.data, "contact_id": form.contact_id.data,
                         "touchpoint_id": form.touchpoint_id.data},
            **choices.employer_parts(user=current_user, employer_id=employer.id if employer else None)}


@bp.route("/leads/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def create():
    """Record a lead of my organisation at an employer (from the employer page, a touchpoint, or the board)."""
    form = LeadForm(creating=True, data=None if request.method == "POST" else {
        "employer_id": request.args.get("employer", type=int),
        "touchpoint_id": request.args.get("touchpoint", type=int),
        "kind": request.args.get("kind") or "open_vacancy", "expires_on": default_expiry(),
        "hold_days": selectors.hold_days_of(current_user.organisation), "owner_id": current_user.id})
    if form.validate_on_submit():
        employer = employer_selectors.employer_get_or_404(form.employer_id.data)
        try:
            lead = services.lead_create(user=current_user, employer=employer, data=form.cleaned(),
                                        diagnosis_reason=form.diagnosis_override)
        except Refusal as refusal:
            refuse(form, refusal, fallback="title")
        else:
            flash(_("Lead %(title)s recorded.", title=lead.title), "success")
            return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    return render("leads/form.html", **_form_context(form, None), status=422 if form.errors else 200)


@bp.post("/leads/from-bundle/<int:bundle_id>")
@role_required(*EDITORS)
def from_bundle(bundle_id: int):
    """Make a RATKO bundle of my organisation a lead in one action (kept in my organisation until shared)."""
    bundle = profile_selectors.bundle_get_or_404(bundle_id, current_user)
    lead = services.lead_from_bundle(bundle=bundle, user=current_user)
    flash(_("The bundle is now a lead. Check it and share it with the network."), "success")
    return redirect(url_for("leads.edit", lead_id=lead.id), 303)


@bp.get("/leads/<int:lead_id>")
def detail(lead_id: int):
    """A lead: shared facts for everyone who may see it; the private note, touchpoint and bundle only for mine."""
    lead = selectors.lead_get_visible_or_404(lead_id, current_user)
    view = selectors.lead_view(lead, current_user)
    demand = matching.lead_demand(lead)
    return render("leads/detail.html", view=view, lead=lead, demand=demand, demand_rows=matching.demand_table(demand),
                  **proposals_context(lead, view))


@bp.route("/leads/<int:lead_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(lead_id: int):
    """Edit a lead of my organisation; other organisations get 404 (network leads are read-only to them)."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    form = LeadForm(obj=lead, data=None if request.method == "POST" else {
        "version": lead.version, "hold_days": selectors.hold_days_of(current_user.organisation)})
    if lead.bundle_id:
        form.kind.choices = [("ratko_bundle", _("RATKO bundle"))]
    if form.validate_on_submit():
        try:
            services.lead_update(lead=lead, user=current_user, data=form.cleaned(),
                                 expected_version=form.version.data, diagnosis_reason=form.diagnosis_override)
        except ConflictError:
            return render("leads/form.html", conflict=True, **_form_context(form, lead), status=409)
        except Refusal as refusal:
            refuse(form, refusal, fallback="title")
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    return render("leads/form.html", **_form_context(form, lead), status=422 if form.errors else 200)


@bp.route("/leads/<int:lead_id>/demand", methods=["GET", "POST"])
@role_required(*EDITORS)
def demand(lead_id: int):
    """The lead's own demand profile on the catalogue (a lead made from a bundle uses the bundle's)."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    if lead.bundle_id:
        return redirect(url_for("profiles.bundle", bundle_id=lead.bundle_id), 303)
    items = profile_selectors.catalogue()
    rows = {row.characteristic_id: row for row in matching.lead_demand_rows(lead)}
    initial = {**{f"level_{i}": r.level for i, r in rows.items()}, **{f"key_{i}": r.key for i, r in rows.items()}}
    form = demand_form(items, data=None if request.method == "POST" else initial)
    if form.validate_on_submit():
        levels, key = demand_of(form)
        services.lead_demand_save(lead=lead, ratings=levels, key=key)
        flash(_("Demand profile saved."), "success")
        return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    return render("leads/demand.html", lead=lead, form=form, groups=profile_selectors.grouped(items),
                  status=422 if form.errors else 200)


@bp.post("/leads/<int:lead_id>/release")
@role_required(*EDITORS)
def release(lead_id: int):
    """Open a held hidden job to the network now."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    services.lead_release(lead=lead)
    flash(_("The lead is now open to the network."), "success")
    return redirect(url_for("leads.detail", lead_id=lead.id), 303)


@bp.route("/leads/<int:lead_id>/close", methods=["GET", "POST"])
@role_required(*EDITORS)
def close(lead_id: int):
    """Close a lead of my organisation, with a reason; undecided proposals lapse."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    form = CloseForm()
    if form.validate_on_submit():
        try:
            services.lead_close(lead=lead, reason=form.reason.data)
        except Refusal as refusal:
            refuse(form, refusal, fallback="reason")
        else:
            flash(_("Lead closed."), "success")
            return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    return render("leads/close.html", blocks=MODAL, lead=lead, form=form, status=422 if form.errors else 200)


@bp.post("/leads/<int:lead_id>/reopen")
@role_required(*EDITORS)
def reopen(lead_id: int):
    """Open a closed lead of my organisation again (an expiry date in the past moves 30 days ahead)."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    form = ReopenForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    try:
        services.lead_reopen(lead=lead, expires_on=form.expires_on.data)
    except Refusal as refusal:
        flash(refusal.text, "error")
    return redirect(url_for("leads.detail", lead_id=lead.id), 303)


@bp.route("/leads/<int:lead_id>/fill", methods=["GET", "POST"])
@role_required(*EDITORS)
def fill(lead_id: int):
    """Mark a lead of my organisation filled without a placement of ours (by another organisation or by nobody in
    the network); a lead made from a bundle completes the RATKO engagement's outcome."""
    lead = selectors.lead_get_own_or_404(lead_id, current_user)
    form = FillForm()
    form.by_organisation_id.choices = [("", _("Someone outside the network"))] + [
        (o.id, o.name) for o in auth_selectors.organisation_list(active_only=True)]
    if form.validate_on_submit():
        try:
            services.lead_fill(lead=lead, by_organisation_id=form.by_organisation_id.data, actor=current_user)
        except Refusal as refusal:
            refuse(form, refusal, fallback="by_organisation_id")
        else:
            flash(_("Lead marked filled."), "success")
            return redirect(url_for("leads.detail", lead_id=lead.id), 303)
    return render("leads/fill.html", blocks=MODAL, lead=lead, form=form, status=422 if form.errors else 200)
