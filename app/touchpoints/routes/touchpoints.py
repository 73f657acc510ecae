"""Log, view, edit and delete touchpoints; the quick-log dialog; promises kept; the employer page's regions."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core import dates
from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import hx_target, is_htmx, render, render_fragment
from app.core.pagination import page_number
from app.employers import selectors as employer_selectors
from app.touchpoints import bp, cadence, selectors, services
from app.touchpoints.forms import QuickLogForm, TouchpointForm
from app.touchpoints.routes import EDITORS, changed_trigger
from app.touchpoints.worklist import COLLISION_DAYS

QUICK_BLOCKS = {"modal-body": "modal_body"}


def _form(employer, touchpoint=None) -> TouchpointForm:
    form = TouchpointForm(obj=touchpoint if request.method == "GET" else None)
    people = selectors.organisation_people(user=current_user)
    form.participant_ids.choices = [(i, name) for i, name in people]
    form.next_step_owner.choices = [("", "—")] + [(i, name) for i, name in people]
    form.contact_id.choices = [("", "—")] + [(c.id, c.name) for c in employer_selectors.employer_contacts(employer)]
    if request.method == "GET":
        _prefill(form, touchpoint)
    return form


def _prefill(form: TouchpointForm, touchpoint) -> None:
    if touchpoint is None:
        form.occurred_on.data = dates.today()
        form.participant_ids.data = [current_user.id]
        form.next_step_owner.data = current_user.id
        return
    form.version.data = touchpoint.version
    form.participant_ids.data = touchpoint.participant_ids
    follow_ups = selectors.touchpoint_follow_ups(touchpoint)
    promises = [f for f in follow_ups if f.kind == "promise"]
    while len(form.promises) < len(promises) + 1:
        form.promises.append_entry()
    for entry, promise in zip(form.promises, promises, strict=False):
        entry.promise_id.data, entry.text.data, entry.due_on.data = promise.id, promise.text, promise.due_on
    step = next((f for f in follow_ups if f.kind == "next_step"), None)
    if step:
        form.next_step_text.data, form.next_step_due.data, form.next_step_owner.data = step.text, step.due_on, \
            step.owner_id


def _network_warning(employer_id: int) -> list:
    since = dates.today() - timedelta(days=COLLISION_DAYS)
    return selectors.recent_other_touches(user=current_user, employer_ids=[employer_id], since=since).get(
        employer_id, [])


@bp.route("/touchpoints/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def create():
    """Log a touchpoint with every detail (needs mapping, feedback, promises, next step)."""
    employer = employer_selectors.employer_get_or_404(request.args.get("employer_id", type=int))
    form = _form(employer)
    if form.validate_on_submit():
        touchpoint = services.touchpoint_log(author=current_user, employer=employer, data=form.cleaned(),
                                             diagnosis_reason=form.diagnosis_override)
        flash(_("Contact logged."), "success")
        return redirect(url_for("touchpoints.detail", touchpoint_id=touchpoint.id), 303)
    return render("touchpoints/form.html", form=form, employer=employer, touchpoint=None,
                  recent=_network_warning(employer.id), status=422 if form.errors else 200)


@bp.get("/touchpoints/<int:touchpoint_id>")
def detail(touchpoint_id: int):
    """One touchpoint of my organisation with its private notes, promises and next step."""
    touchpoint = selectors.touchpoint_get_or_404(touchpoint_id, current_user)
    employer = employer_selectors.employer_get_or_404(touchpoint.employer_id)
    return render("touchpoints/detail.html", touchpoint=touchpoint, employer=employer, today=dates.today(),
                  **selectors.touchpoint_details(touchpoint))


@bp.route("/touchpoints/<int:touchpoint_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(touchpoint_id: int):
    """Edit a touchpoint of my organisation; a stale save shows the newer values."""
    touchpoint = selectors.touchpoint_get_or_404(touchpoint_id, current_user)
    employer = employer_selectors.employer_get_or_404(touchpoint.employer_id)
    form = _form(employer, touchpoint)
    if form.validate_on_submit():
        try:
            services.touchpoint_update(touchpoint=touchpoint, data=form.cleaned(), author=current_user,
                                       expected_version=form.version.data, diagnosis_reason=form.diagnosis_override)
        except ConflictError:
            return render("touchpoints/form.html", form=form, employer=employer, touchpoint=touchpoint,
                          conflict=True, status=409)
        flash(_("Changes saved."), "success")
        return redirect(url_for("touchpoints.detail", touchpoint_id=touchpoint.id), 303)
    return render("touchpoints/form.html", form=form, employer=employer, touchpoint=touchpoint,
                  status=422 if form.errors else 200)


@bp.post("/touchpoints/<int:touchpoint_id>/delete")
@role_required(*EDITORS)
def delete(touchpoint_id: int):
    """Delete a touchpoint of my organisation (audit-logged)."""
    touchpoint = selectors.touchpoint_get_or_404(touchpoint_id, current_user)
    employer_id = touchpoint.employer_id
    services.touchpoint_delete(touchpoint=touchpoint)
    flash(_("The contact was deleted."), "success")
    return redirect(url_for("employers.detail", employer_id=employer_id), 303)


@bp.route("/employers/<int:employer_id>/touchpoints/quick", methods=["GET", "POST"])
@role_required(*EDITORS)
def quick(employer_id: int):
    """The quick-log dialog: channel, date and summary; closes and refreshes the employer's rows on save."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    follow_up = _follow_up_arg(employer.id)
    form = QuickLogForm(data=None if request.method == "POST" else {"occurred_on": dates.today(),
                                                                    "follow_up_id": follow_up and follow_up.id})
    if form.validate_on_submit():
        data = {**form.cleaned(), "done_follow_up": follow_up if form.mark_done.data else None}
        services.touchpoint_log(author=current_user, employer=employer, data=data,
                                diagnosis_reason=form.diagnosis_override)
        if hx_target() != "modal-body":
            flash(_("Contact logged."), "success")
            return redirect(url_for("employers.detail", employer_id=employer.id), 303)
        return render_fragment("touchpoints/_logged.html", employer=employer,
                               trigger=changed_trigger(employer.id, **{"close-modal": True}))
    return render("touchpoints/quick.html", blocks=QUICK_BLOCKS, form=form, employer=employer,
                  follow_up=follow_up, recent=_network_warning(employer.id), status=422 if form.errors else 200)


def _follow_up_arg(employer_id: int):
    raw = request.values.get("follow_up_id", "")
    if not raw.isdigit():
        return None
    follow_up = selectors.follow_up_get_or_404(int(raw), current_user)
    if follow_up.employer_id != employer_id:
        abort(404)
    return follow_up


@bp.post("/follow-ups/<int:follow_up_id>/done")
@role_required(*EDITORS)
def follow_up_done(follow_up_id: int):
    """Mark a promise kept or a next step done (or undo it)."""
    follow_up = selectors.follow_up_get_or_404(follow_up_id, current_user)
    if request.form.get("undo") == "1":
        services.follow_up_reopen(follow_up=follow_up)
    else:
        services.follow_up_done(follow_up=follow_up)
    if is_htmx():
        return render_fragment("touchpoints/_follow_up.html", follow_up=follow_up, today=dates.today(),
                               trigger=changed_trigger(follow_up.employer_id))
    return redirect(url_for("touchpoints.detail", touchpoint_id=follow_up.touchpoint_id), 303)


@bp.get("/employers/<int:employer_id>/timeline")
def timeline(employer_id: int):
    """Employer-page region: every organisation's touchpoints, newest first, paged; private notes only mine."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    page = selectors.employer_timeline(user=current_user, employer_id=employer.id,
                                       page=page_number(request.args.get("page")))
    template = "touchpoints/_timeline_page.html" if request.args.get("page") else "touchpoints/_timeline.html"
    return render_fragment(template, employer=employer, page=page, today=dates.today())


@bp.get("/employers/<int:employer_id>/network-touches")
def network(employer_id: int):
    """Employer-page region: when each organisation last touched the employer; our cadence and continuity."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    relationship, row = selectors.my_cadence(user=current_user, employer_id=employer.id)
    today = dates.today()
    state = None
    if relationship is not None:
        state = cadence.evaluate(today=today, last_counted_on=row.last_counted_on if row else None,
                                  started_on=relationship.started_on, target=relationship.cadence_target,
                                  minimum=relationship.cadence_minimum, status=relationship.status,
                                  snoozed_until=row.snoozed_until if row else None)
    return render_fragment("touchpoints/_network.html", employer=employer, touches=selectors.network_last_touches(
        employer.id), relationship=relationship, row=row, cadence_status=state, today=today)


@bp.get("/employers/<int:employer_id>/log-button")
def actions(employer_id: int):
    """Employer-page header region: the quick-log button."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    return render_fragment("touchpoints/_actions.html", employer=employer)
