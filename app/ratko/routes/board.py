"""The carving board: the page, its polling refresh, moves (drag and drop or the keyboard select), new bundles and
quick tasks. Every answer to htmx is the whole board (one swap keeps totals, warnings and freed time in step)."""

from __future__ import annotations

import json

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import is_htmx, render
from app.core.refusals import Refusal
from app.ratko import EDITORS, bp, selectors, services
from app.ratko.board import board_of
from app.ratko.forms import MoveForm, NewBundleForm, QuickTaskForm
from app.ratko.hours import bundle_summary

BOARD_BLOCKS = {"board": "board"}


def board_response(engagement, *, status: int = 200, message: str = "", kind: str = "info", focus: str = ""):
    """The board (page or block); without htmx a redirect back to the board with the message flashed."""
    if not is_htmx():
        if message:
            flash(message, "error" if status >= 400 else "success")
        return redirect(url_for("ratko.board", engagement_id=engagement.id), 303)
    response = render("ratko/board.html", blocks=BOARD_BLOCKS, status=status, board=board_of(engagement),
                      employer=selectors.employer_of(engagement), message=message, message_kind=kind)
    if message:  # announced (aria-live) and focused once the new board has settled
        response.headers["HX-Trigger-After-Settle"] = json.dumps(
            {"ratko-announce": {"message": message, "focus": focus, "kind": kind}})
    return response


@bp.get("/ratko/engagements/<int:engagement_id>/board")
def board(engagement_id: int):
    """The carving board; a poll with ?v=<token> answers 204 while nothing has changed."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    known = request.args.get("v")
    if known and is_htmx() and known == selectors.board_token(engagement.id):
        return "", 204
    if known and is_htmx():
        return board_response(engagement, message=_("The board was updated by someone else."), kind="refresh")
    return render("ratko/board.html", blocks=BOARD_BLOCKS, board=board_of(engagement),
                  employer=selectors.employer_of(engagement), message="", message_kind="info")


def _move_message(task, bundle) -> tuple[str, str]:
    if bundle is None:
        return _("“%(task)s” is back among the uncarved tasks.", task=task.description[:80]), "info"
    summary = bundle_summary(selectors.bundle_tasks(bundle))
    text = _("“%(task)s” moved to %(bundle)s, now %(hours)s h/week in %(count)d tasks.", task=task.description[:80],
             bundle=bundle.title, hours=_hours(summary.hours), count=summary.count)
    warnings = []
    if task.category == "core":
        warnings.append(_("This is a core task: agree with the work community that it may be carved."))
    if task.needs_qualification:
        warnings.append(_("This task needs a professional qualification: check the bundle's requirements."))
    if task.collective_agreement:
        warnings.append(_("The collective agreement restricts this task."))
    return " ".join([text, *warnings]), "warning" if warnings else "info"


def _hours(value: float) -> str:
    from app.core.i18n import fmt_hours

    return fmt_hours(value)


@bp.post("/ratko/tasks/<int:task_id>/move")
@role_required(*EDITORS)
def task_move(task_id: int):
    """Move a task into a bundle or back (with its version: a stale move is refused with 409 and the current board)."""
    task = selectors.task_get_or_404(task_id, user=current_user)
    engagement = selectors.engagement_get_or_404(task.engagement_id, user=current_user)
    form = MoveForm()
    if not form.validate_on_submit():
        return board_response(engagement, status=422, message=_("Choose where to move the task."), kind="error")
    bundle_id = form.target_bundle_id()
    bundle = selectors.bundle_of_organisation(bundle_id, user=current_user) if bundle_id else None
    if bundle_id and bundle is None:
        return board_response(engagement, status=409, kind="error", focus=f"task-{task.id}", message=_(
            "That bundle no longer exists: someone deleted it a moment ago. The board now shows the current bundles."))
    try:
        services.task_move(task=task, bundle=bundle, expected_version=form.version.data, order=form.order_ids())
    except ConflictError:
        return board_response(engagement, status=409, kind="error", focus=f"task-{task.id}", message=_(
            "Someone else moved or changed “%(task)s” a moment ago. Your move was not saved: the board now shows "
            "where it is. Move it again if needed.", task=task.description[:80]))
    except Refusal as refusal:
        return board_response(engagement, status=422, message=refusal.text, kind="error")
    message, kind = _move_message(task, bundle)
    return board_response(engagement, message=message, kind=kind, focus=f"task-{task.id}")


@bp.post("/ratko/engagements/<int:engagement_id>/bundles")
@role_required(*EDITORS)
def bundle_create(engagement_id: int):
    """Open a new bundle (a new job) on the board."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = NewBundleForm()
    if not form.validate_on_submit():
        return board_response(engagement, status=422, kind="error",
                              message=_("Give the new bundle a title, for example ward assistant."))
    bundle = services.bundle_create(engagement=engagement, data={"title": form.title.data})
    return board_response(engagement, focus=f"bundle-{bundle.id}", message=_(
        "Bundle %(title)s opened. Drag tasks into it, or use “Move to” on a task.", title=bundle.title))


@bp.post("/ratko/engagements/<int:engagement_id>/tasks")
@role_required(*EDITORS)
def task_quick_add(engagement_id: int):
    """Add an uncarved task straight on the board."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = QuickTaskForm()
    if not form.validate_on_submit():
        errors = [e for field in form for e in field.errors]
        return board_response(engagement, status=422, kind="error", message=" ".join(str(e) for e in errors))
    try:
        task = services.task_quick_add(engagement=engagement, role=form.role.data, description=form.description.data,
                                       hours=form.hours_value.data, category=form.category.data)
    except Refusal as refusal:
        return board_response(engagement, status=422, message=refusal.text, kind="error")
    return board_response(engagement, focus=f"task-{task.id}", message=_(
        "“%(task)s” added to the uncarved tasks.", task=task.description[:80]))


@bp.post("/ratko/bundles/<int:bundle_id>/delete")
@role_required(*EDITORS)
def bundle_delete(bundle_id: int):
    """Delete a bundle; its tasks return to the uncarved column."""
    bundle = selectors.bundle_get_or_404(bundle_id, user=current_user)
    engagement = selectors.engagement_get_or_404(bundle.engagement_id, user=current_user)
    title = bundle.title
    returned = services.bundle_delete(bundle=bundle)
    return board_response(engagement, message=_("Bundle %(title)s deleted; %(count)d tasks are back among the "
                                                "uncarved tasks.", title=title, count=returned))
