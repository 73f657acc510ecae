"""Placements (organisation-private): the list with retention, recording one (from a lead, a bundle, an employer or
from scratch), the placement page with its three-T check, support plan and follow-ups, editing and ending it."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render
from app.core.pagination import page_number
from app.core.refusals import Refusal, refuse
from app.employers import selectors as employer_selectors
from app.leads import bp, choices
from app.leads import selectors as lead_selectors
from app.leads.placements import selectors, services
from app.leads.placements.forms import EndForm, FollowUpForm, PlacementForm, plan_data, plan_form
from app.leads.placements.selectors import PlacementFilters
from app.leads.routes import MATCHERS
from app.profiles import selectors as profile_selectors
from app.seekers import selectors as seeker_selectors

MODAL = {"modal-body": "modal_body"}


@bp.get("/placements")
@role_required(*MATCHERS)
def placements():
    """My organisation's placements, with follow-ups due and retention at 1, 3, 6 and 12 months."""
    filters = PlacementFilters.from_args(request.args)
    page = selectors.placement_list(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    return render("leads/placements/index.html", blocks={"placement-results": "placement_results"}, page=page,
                  filters=filters, retention=selectors.retention(user=current_user))


def _form_context(form: PlacementForm, placement=None) -> dict:
    employer = choices.employer_or_none(form.employer_id.data)
    form.seeker_id.choices = [("", "—")] + [(s.id, f"{s.code} · {s.alias}") for s in
                                            selectors.seeker_choices(user=current_user)]
    form.coach_id.choices = [(u.id, u.name) for u in choices.organisation_users(user=current_user)]
    employer_id = employer.id if employer else None
    return {"matches": choices.employer_search(request.form.get("employer_q", "")) if not employer else [],
            "form": form, "placement": placement, "employer": employer,
            "leads": selectors.lead_choices(user=current_user, employer_id=employer_id),
            "bundles": selectors.bundle_choices(user=current_user, employer_id=employer_id)}


def _initial() -> dict:
    """Prefill from ?lead=, ?bundle=, ?employer= and ?seeker= (each checked: visible lead, my bundle, my seeker)."""
    data = {"coach_id": current_user.id, "type": "ordinary", "ordinary_workplace": True}
    if request.args.get("lead", type=int):
        lead = lead_selectors.lead_get_visible_or_404(request.args.get("lead", type=int), current_user)
        data.update(lead_id=lead.id, employer_id=lead.employer_id, job_title=lead.title,
                    hours_per_week=lead.hours_per_week, starts_on=lead.starts_on,
                    type={"work_trial": "work_trial", "apprenticeship": "apprenticeship"}.get(lead.kind, "ordinary"))
    if request.args.get("bundle", type=int):
        bundle = profile_selectors.bundle_get_or_404(request.args.get("bundle", type=int), current_user)
        _engagement, employer = profile_selectors.bundle_context(bundle)
        data.update(bundle_id=bundle.id, employer_id=employer.id, job_title=bundle.title)
    if request.args.get("employer", type=int):
        employer = employer_selectors.employer_get_or_404(request.args.get("employer", type=int))
        data.setdefault("employer_id", employer.id)
    if request.args.get("seeker", type=int):
        data["seeker_id"] = seeker_selectors.seeker_get_or_404(request.args.get("seeker", type=int), current_user).id
    return data


def _chosen(form: PlacementForm) -> dict:
    """The seeker, lead and bundle a submitted form names, each checked (my seeker, a visible lead, my bundle)."""
    lead_id, bundle_id = form.lead_id.data, form.bundle_id.data
    return {"seeker": seeker_selectors.seeker_get_or_404(form.seeker_id.data, current_user),
            "lead": lead_selectors.lead_get_visible_or_404(lead_id, current_user) if lead_id else None,
            "bundle": profile_selectors.bundle_get_or_404(bundle_id, current_user) if bundle_id else None}


@bp.route("/placements/new", methods=["GET", "POST"])
@role_required(*MATCHERS)
def placement_create():
    """Record a placement; a work trial needs an employment goal and a planned length, a pay-subsidy job its end."""
    form = PlacementForm(data=None if request.method == "POST" else _initial())
    context = _form_context(form)
    if form.validate_on_submit():
        try:
            placement = services.placement_create(user=current_user, employer=context["employer"], data=form.cleaned(),
                                                  diagnosis_reason=form.diagnosis_override, **_chosen(form))
        except Refusal as refusal:
            refuse(form, refusal, fallback="job_title")
        else:
            flash(_("Placement recorded. Follow-ups at 1, 3, 6 and 12 months are on the worklist."), "success")
            return redirect(url_for("leads.placement_detail", placement_id=placement.id), 303)
    return render("leads/placements/form.html", **context, status=422 if form.errors else 200)


@bp.get("/placements/<int:placement_id>")
@role_required(*MATCHERS)
def placement_detail(placement_id: int):
    """A placement: facts, the three-T check, the pay-subsidy alert, the support plan and the follow-ups."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    return render("leads/placements/detail.html", view=selectors.placement_view(placement, current_user))


@bp.route("/placements/<int:placement_id>/edit", methods=["GET", "POST"])
@role_required(*MATCHERS)
def placement_edit(placement_id: int):
    """Edit a placement; a new start date moves the follow-ups not yet done."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    initial = {"version": placement.version, "equal_pay": {True: "yes", False: "no"}.get(placement.equal_pay)}
    form = PlacementForm(obj=placement, data=None if request.method == "POST" else initial)
    form.seeker_id.data, form.employer_id.data = placement.seeker_id, placement.employer_id
    context = _form_context(form, placement)
    if form.validate_on_submit():
        try:
            services.placement_update(placement=placement, data=form.cleaned(), user=current_user,
                                      expected_version=form.version.data, diagnosis_reason=form.diagnosis_override)
        except ConflictError:
            return render("leads/placements/form.html", conflict=True, **context, status=409)
        except Refusal as refusal:
            refuse(form, refusal, fallback="job_title")
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("leads.placement_detail", placement_id=placement.id), 303)
    return render("leads/placements/form.html", **context, status=422 if form.errors else 200)


@bp.route("/placements/<int:placement_id>/plan", methods=["GET", "POST"])
@role_required(*MATCHERS)
def placement_plan(placement_id: int):
    """Edit the support plan: orientation, learning the job, stabilising, fading, follow-up, and who is responsible."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    view = selectors.placement_view(placement, current_user)
    initial = {f"{p.phase}_{name}": getattr(p, name) for p in view.phases
               for name in ("starts_on", "ends_on", "coach_id", "workplace_person", "note")}
    form = plan_form(view.phases, choices.organisation_users(user=current_user),
                     data=None if request.method == "POST" else initial)
    if form.validate_on_submit():
        try:
            services.plan_save(placement=placement, phases=plan_data(form))
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Support plan saved."), "success")
            return redirect(url_for("leads.placement_detail", placement_id=placement.id, _anchor="plan"), 303)
    return render("leads/placements/plan.html", view=view, form=form, status=422 if form.errors else 200)


@bp.route("/placement-follow-ups/<int:placement_follow_up_id>", methods=["GET", "POST"])
@role_required(*MATCHERS)
def follow_up(placement_follow_up_id: int):
    """Record a follow-up: done on which day, and is the person still employed?"""
    item = selectors.follow_up_get_or_404(placement_follow_up_id, current_user)
    placement = selectors.placement_get_or_404(item.placement_id, current_user)
    form = FollowUpForm()
    if form.validate_on_submit():
        try:
            services.follow_up_record(follow_up=item, done_on=form.done_on.data, still_employed=form.employed,
                                      note=form.note.data, user=current_user)
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Follow-up recorded."), "success")
            return redirect(url_for("leads.placement_detail", placement_id=placement.id, _anchor="follow-ups"), 303)
    return render("leads/placements/follow_up.html", blocks=MODAL, item=item, placement=placement, form=form,
                  status=422 if form.errors else 200)


@bp.post("/placement-follow-ups/<int:placement_follow_up_id>/reopen")
@role_required(*MATCHERS)
def follow_up_reopen(placement_follow_up_id: int):
    """Undo a recorded follow-up."""
    item = selectors.follow_up_get_or_404(placement_follow_up_id, current_user)
    services.follow_up_reopen(follow_up=item)
    return redirect(url_for("leads.placement_detail", placement_id=item.placement_id, _anchor="follow-ups"), 303)


@bp.route("/placements/<int:placement_id>/end", methods=["GET", "POST"])
@role_required(*MATCHERS)
def placement_end(placement_id: int):
    """End a placement with the date and the reason."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    form = EndForm()
    if form.validate_on_submit():
        try:
            services.placement_end(placement=placement, ended_on=form.ended_on.data, reason=form.reason.data)
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Placement ended."), "success")
            return redirect(url_for("leads.placement_detail", placement_id=placement.id), 303)
    return render("leads/placements/end.html", blocks=MODAL, placement=placement, form=form,
                  status=422 if form.errors else 200)


@bp.post("/placements/<int:placement_id>/reopen")
@role_required(*MATCHERS)
def placement_reopen(placement_id: int):
    """Undo ending a placement."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    services.placement_reopen(placement=placement)
    return redirect(url_for("leads.placement_detail", placement_id=placement.id), 303)


@bp.post("/placements/<int:placement_id>/subsidy-handled")
@role_required(*MATCHERS)
def subsidy_handled(placement_id: int):
    """Mark the pay-subsidy alert handled (what happens after the subsidy is planned)."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    services.subsidy_handled(placement=placement)
    flash(_("Noted: the end of the pay subsidy is planned for."), "success")
    return redirect(url_for("leads.placement_detail", placement_id=placement.id), 303)


@bp.post("/placements/<int:placement_id>/delete")
@role_required("manager", "coach", "consultant")
def placement_delete(placement_id: int):
    """Delete a placement recorded by mistake (the lead stays filled; the employer's timeline keeps its entry)."""
    placement = selectors.placement_get_or_404(placement_id, current_user)
    services.placement_delete(placement=placement)
    flash(_("Placement deleted."), "success")
    return redirect(url_for("leads.placements"), 303)
