"""Workshops: plan, page, edit, delete, participants, and the task inventory entered row by row."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render, render_fragment
from app.core.refusals import Refusal, refuse
from app.employers import selectors as employer_selectors
from app.ratko import EDITORS, bp, inventory, selectors, services
from app.ratko.forms import ParticipantForm, TaskForm, WorkshopForm
from app.ratko.routes.context import contact_choices, user_choices


def _workshop_form(*, fresh: bool, obj=None) -> WorkshopForm:
    form = WorkshopForm(formdata=None, obj=obj) if fresh else WorkshopForm()
    form.facilitator_id.choices = user_choices()
    if fresh and obj is not None:
        form.version.data = obj.version
    return form


@bp.route("/ratko/engagements/<int:engagement_id>/workshops/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def workshop_create(engagement_id: int):
    """Plan or record a workshop (allowed before management's go, but flagged)."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = _workshop_form(fresh=request.method == "GET")
    if request.method == "GET":
        form.facilitator_id.data = current_user.id
    if form.validate_on_submit():
        try:
            workshop = services.workshop_create(engagement=engagement, data=form.cleaned(), actor=current_user)
            return redirect(url_for("ratko.workshop", workshop_id=workshop.id), 303)
        except Refusal as refusal:
            refuse(form, refusal)
    return render("ratko/workshop_form.html", engagement=engagement, workshop=None, form=form,
                  status=422 if form.errors or form.form_errors else 200)


def workshop_context(workshop, **overrides) -> dict:
    """Everything the workshop page shows."""
    engagement = selectors.engagement_get_or_404(workshop.engagement_id, user=current_user)
    employer = selectors.employer_of(engagement)
    participants = selectors.workshop_participants(workshop)
    participant_form = ParticipantForm(formdata=None)
    participant_form.contact_id.choices = contact_choices(employer)
    context = {"engagement": engagement, "workshop": workshop, "employer": employer, "participants": participants,
               "sections": inventory.sections(participants, selectors.workshop_tasks(workshop)),
               "participant_form": participant_form, "flagged": selectors.workshop_flagged(engagement, workshop),
               "roles": selectors.engagement_roles(engagement), "names": selectors.user_names(user=current_user),
               "bundle_titles": {b.id: b.title for b in selectors.engagement_bundles(engagement)}}
    context.update(overrides)
    return context


def task_form_for(*, obj=None, last=None, participant=None) -> TaskForm:
    """A task row form: filled from a task to edit, or a fresh row keeping the last row's role and period."""
    form = TaskForm(formdata=None, obj=obj)
    if obj is not None:
        form.version.data = obj.version
        form.hours_value.data = _hours_text(obj.hours_value)
    if participant is not None:
        form.participant_id.data = participant.id
    if last is not None:
        form.role.data, form.hours_period.data = last.role, last.hours_period
    return form


def _hours_text(value) -> str:
    from app.core.i18n import fmt_hours

    return fmt_hours(value) if value else ""


@bp.get("/ratko/workshops/<int:workshop_id>")
def workshop(workshop_id: int):
    """A workshop: facts, participants and the task inventory with fast row entry."""
    workshop = selectors.workshop_get_or_404(workshop_id, user=current_user)
    return render("ratko/workshop.html", **workshop_context(workshop))


@bp.route("/ratko/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def workshop_edit(workshop_id: int):
    """Edit a workshop; a stale save is refused with the newer values shown."""
    workshop = selectors.workshop_get_or_404(workshop_id, user=current_user)
    engagement = selectors.engagement_get_or_404(workshop.engagement_id, user=current_user)
    form = _workshop_form(fresh=request.method == "GET", obj=workshop)
    if form.validate_on_submit():
        try:
            services.workshop_update(workshop=workshop, data=form.cleaned(), expected_version=form.version.data)
            flash(_("Changes saved."), "success")
            return redirect(url_for("ratko.workshop", workshop_id=workshop.id), 303)
        except ConflictError:
            return render("ratko/workshop_form.html", engagement=engagement, workshop=workshop, form=form,
                          conflict=True, status=409)
        except Refusal as refusal:
            refuse(form, refusal)
    return render("ratko/workshop_form.html", engagement=engagement, workshop=workshop, form=form,
                  status=422 if form.errors or form.form_errors else 200)


@bp.post("/ratko/workshops/<int:workshop_id>/delete")
@role_required(*EDITORS)
def workshop_delete(workshop_id: int):
    """Delete a workshop; its tasks stay in the inventory."""
    workshop = selectors.workshop_get_or_404(workshop_id, user=current_user)
    engagement_id = workshop.engagement_id
    services.workshop_delete(workshop=workshop)
    flash(_("Workshop deleted. Its tasks are still on the board."), "success")
    return redirect(url_for("ratko.detail", engagement_id=engagement_id), 303)


def _participants(workshop, form=None, status: int = 200, *, added=None, removed: bool = False):
    context = workshop_context(workshop)
    if form is not None:
        form.contact_id.choices = context["participant_form"].contact_id.choices
        context["participant_form"] = form
    return render_fragment("ratko/_participants.html", status=status, added=added, removed=removed, **context)


@bp.post("/ratko/workshops/<int:workshop_id>/participants")
@role_required(*EDITORS)
def participant_add(workshop_id: int):
    """Add a participant (name and role, optionally one of the employer's contacts)."""
    workshop = selectors.workshop_get_or_404(workshop_id, user=current_user)
    engagement = selectors.engagement_get_or_404(workshop.engagement_id, user=current_user)
    form = ParticipantForm()
    form.contact_id.choices = contact_choices(selectors.employer_of(engagement))
    if form.validate_on_submit():
        contact = employer_selectors.contact_get_or_404(form.contact_id.data) if form.contact_id.data else None
        try:
            participant = services.participant_add(workshop=workshop, name=form.name.data, role=form.role.data,
                                                   contact=contact, employer_id=engagement.employer_id)
            return _participants(workshop, added=participant)
        except Refusal as refusal:
            refuse(form, refusal)
    return _participants(workshop, form, 422)


@bp.post("/ratko/participants/<int:participant_id>/delete")
@role_required(*EDITORS)
def participant_remove(participant_id: int):
    """Remove a participant; their tasks stay with their role."""
    participant = selectors.participant_get_or_404(participant_id, user=current_user)
    workshop = selectors.workshop_get_or_404(participant.workshop_id, user=current_user)
    services.participant_remove(participant=participant)
    return _participants(workshop, removed=True)
