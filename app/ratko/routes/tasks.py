"""The task inventory row by row: Enter saves a row and opens the next; rows are edited in place."""

from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import is_htmx, render_fragment
from app.core.refusals import Refusal, refuse
from app.ratko import EDITORS, bp, inventory, selectors, services
from app.ratko.forms import TaskForm
from app.ratko.routes.workshops import task_form_for


def _section(workshop, participant_id):
    participants = selectors.workshop_participants(workshop)
    return inventory.section_of(participants, selectors.workshop_tasks(workshop), participant_id)


def _bundle_titles(task) -> dict:
    if task.bundle_id is None:
        return {}
    bundle = selectors.bundle_get_or_404(task.bundle_id, user=current_user)
    return {bundle.id: bundle.title}


@bp.post("/ratko/workshops/<int:workshop_id>/tasks")
@role_required(*EDITORS)
def task_add(workshop_id: int):
    """Save an entry row; answer with the saved row and a fresh row (focused), or the row with its errors."""
    workshop = selectors.workshop_get_or_404(workshop_id, user=current_user)
    engagement = selectors.engagement_get_or_404(workshop.engagement_id, user=current_user)
    form = TaskForm()
    participant = selectors.workshop_participant(workshop, form.participant_id.data)
    if form.validate_on_submit():
        try:
            task = services.task_add(engagement=engagement, workshop=workshop, data=form.cleaned())
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            if not is_htmx():
                return redirect(url_for("ratko.workshop", workshop_id=workshop.id, _anchor=f"task-{task.id}"), 303)
            return render_fragment("ratko/_task_saved.html", workshop=workshop, task=task,
                                   form=task_form_for(last=task, participant=participant), participant=participant,
                                   section=_section(workshop, task.participant_id), bundle_titles={})
    return render_fragment("ratko/_task_entry.html", workshop=workshop, form=form, participant=participant,
                           status=422)


@bp.get("/ratko/tasks/<int:task_id>")
def task_row(task_id: int):
    """One inventory row (cancels an in-place edit)."""
    task = selectors.task_get_or_404(task_id, user=current_user)
    return render_fragment("ratko/_task_row.html", task=task, bundle_titles=_bundle_titles(task))


@bp.route("/ratko/tasks/<int:task_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def task_edit(task_id: int):
    """Edit a task in place; a stale save (someone else changed it) shows the newer values and keeps the input."""
    task = selectors.task_get_or_404(task_id, user=current_user)
    if request.method == "GET":
        return render_fragment("ratko/_task_edit.html", task=task, form=task_form_for(obj=task))
    form = TaskForm()
    form.participant_id.data = task.participant_id
    if form.validate_on_submit():
        data = {k: v for k, v in form.cleaned().items() if k != "participant_id"}
        try:
            services.task_update(task=task, data=data, expected_version=form.version.data)
            return render_fragment("ratko/_task_row.html", task=task, bundle_titles=_bundle_titles(task))
        except ConflictError:
            return render_fragment("ratko/_task_edit.html", task=task, form=form, conflict=True, status=409)
        except Refusal as refusal:
            refuse(form, refusal)
    return render_fragment("ratko/_task_edit.html", task=task, form=form, status=422)


@bp.post("/ratko/tasks/<int:task_id>/delete")
@role_required(*EDITORS)
def task_delete(task_id: int):
    """Delete a task from the inventory; answer with nothing (the row disappears) and the section's new total."""
    task = selectors.task_get_or_404(task_id, user=current_user)
    workshop = selectors.workshop_get_or_404(task.workshop_id, user=current_user) if task.workshop_id else None
    participant_id = task.participant_id
    services.task_delete(task=task)
    if workshop is None:
        return render_fragment("ratko/_task_saved.html", workshop=None, task=None, form=None, section=None)
    return render_fragment("ratko/_task_saved.html", workshop=workshop, task=None, form=None,
                           section=_section(workshop, participant_id))
