"""Engagement list, start, page, edit, and the phase, status, decision and checklist changes."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.errors import error_response
from app.core.htmx import render, render_fragment
from app.core.pagination import page_number
from app.core.refusals import Refusal, refuse
from app.employers import selectors as employer_selectors
from app.ratko import EDITORS, bp, checklists, selectors, services
from app.ratko.forms import DecisionForm, PhaseForm, StatusForm
from app.ratko.labels import elsewhere_text
from app.ratko.routes.context import engagement_form, engagement_page

LIST_BLOCKS = {"engagement-results": "engagement_results"}


def _manager() -> bool:
    return current_user.has_role("manager") or current_user.is_admin


@bp.get("/ratko/engagements")
def index():
    """My organisation's RATKO engagements (managers see all by default, others their own)."""
    filters = selectors.EngagementFilters.from_args(request.args, mine=not _manager())
    page = selectors.engagement_list(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    return render("ratko/engagements.html", blocks=LIST_BLOCKS, page=page, filters=filters)


@bp.route("/ratko/engagements/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def create():
    """Start an engagement with an employer (chosen by search when no employer_id is given)."""
    employer_id = request.args.get("employer_id", type=int)
    if not employer_id:
        return render("ratko/engagement_new.html", employer=None, form=None)
    employer = employer_selectors.employer_get_or_404(employer_id)
    form = engagement_form(employer, fresh=request.method == "GET")
    if request.method == "GET":
        form.consultant_id.data, form.title.data = current_user.id, employer.name
    elsewhere = selectors.ratko_elsewhere(user=current_user, employer_id=employer.id)
    if form.validate_on_submit():
        engagement = services.engagement_create(organisation_id=current_user.organisation_id, employer=employer,
                                                data=form.cleaned(), actor=current_user)
        flash(_("RATKO engagement started. Begin by presenting the model to management."), "success")
        if elsewhere:
            flash(elsewhere_text(elsewhere), "info")
        return redirect(url_for("ratko.detail", engagement_id=engagement.id), 303)
    return render("ratko/engagement_new.html", employer=employer, form=form, elsewhere=elsewhere,
                  status=422 if form.errors else 200)


@bp.get("/ratko/engagements/<int:engagement_id>")
def detail(engagement_id: int):
    """An engagement: the phase stepper with checklists, state, people, workshops, bundles, time and history."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    return render("ratko/engagement.html", **engagement_page(engagement))


@bp.route("/ratko/engagements/<int:engagement_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(engagement_id: int):
    """Edit an engagement's facts; a stale save shows the newer values and keeps the input."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    employer = selectors.employer_of(engagement)
    form = engagement_form(employer, engagement, fresh=request.method == "GET")
    if form.validate_on_submit():
        try:
            services.engagement_update(engagement=engagement, data=form.cleaned(), expected_version=form.version.data)
        except ConflictError:
            return render("ratko/engagement_edit.html", engagement=engagement, employer=employer, form=form,
                          conflict=True, status=409)
        flash(_("Changes saved."), "success")
        return redirect(url_for("ratko.detail", engagement_id=engagement.id), 303)
    return render("ratko/engagement_edit.html", engagement=engagement, employer=employer, form=form,
                  status=422 if form.errors else 200)


def _state_change(engagement, form, form_key: str, change):
    """Run a phase/status/decision change: redirect on success, 409 on a stale form, 422 with the message."""
    if form.validate_on_submit():
        try:
            change()
        except ConflictError:
            flash(_("Someone else changed this engagement in the meantime. Check the current state and try again."),
                  "error")
            return render("ratko/engagement.html", status=409, **engagement_page(engagement))
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("ratko.detail", engagement_id=engagement.id, _anchor="state"), 303)
    return render("ratko/engagement.html", status=422, **engagement_page(engagement, **{form_key: form}))


@bp.post("/ratko/engagements/<int:engagement_id>/phase")
@role_required(*EDITORS)
def phase(engagement_id: int):
    """Move the engagement to another phase (recorded in the history; gates checked, a manager may override)."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = PhaseForm()
    return _state_change(engagement, form, "phase_form", lambda: services.engagement_set_phase(
        engagement=engagement, phase=form.phase.data, expected_version=form.version.data, actor=current_user,
        note=form.note.data, override_reason=form.override_reason.data))


@bp.post("/ratko/engagements/<int:engagement_id>/status")
@role_required(*EDITORS)
def status(engagement_id: int):
    """Change the status: seeded needs a revisit date, completed needs an outcome."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = StatusForm()
    return _state_change(engagement, form, "status_form", lambda: services.engagement_set_status(
        engagement=engagement, status=form.status.data, expected_version=form.version.data, actor=current_user,
        revisit_on=form.revisit_on.data, outcome=form.outcome.data or None, note=form.note.data))


@bp.post("/ratko/engagements/<int:engagement_id>/decision")
@role_required(*EDITORS)
def decision(engagement_id: int):
    """Record management's go or no-go with the date and who decided."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = DecisionForm()
    return _state_change(engagement, form, "decision_form", lambda: services.engagement_decide(
        engagement=engagement, decision=form.decision.data, expected_version=form.version.data, actor=current_user,
        decided_on=form.decided_on.data, decided_by=form.decided_by.data, note=form.note.data))


@bp.post("/ratko/engagements/<int:engagement_id>/checklist")
@role_required(*EDITORS)
def tick(engagement_id: int):
    """Tick or untick one checklist item; re-render that phase's checklist."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    item = request.form.get("item", "")[:80]
    try:
        services.engagement_tick(engagement=engagement, item=item, done=request.form.get("done") == "1")
    except Refusal as refusal:
        return error_response(422, refusal.text)
    return render_fragment("ratko/_checklist.html", engagement=engagement,
                           phase=checklists.phase(item.split(":", 1)[0]), oob=True)
