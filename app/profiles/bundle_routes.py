"""Demand profiles of RATKO task bundles and tasks (private to the organisation running the engagement)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.selectors import users_of_organisation
from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.dates import today
from app.core.htmx import render, render_fragment
from app.core.urls import safe_path
from app.profiles import MATCHING_ROLES, bp, selectors, services
from app.profiles.forms import (
    UnbundleForm,
    bundle_overrides_of,
    bundle_profile_form,
    rating_field_name,
    ratings_form,
    ratings_of,
)


def _users() -> list:
    return users_of_organisation(current_user.organisation_id, active_only=False)


def _header_data(profile) -> dict:
    if profile is None:
        return {"assessed_on": today(), "assessed_by_id": current_user.id, "licensed": False}
    return {name: getattr(profile, name) for name in ("assessed_on", "assessed_by_id", "assessor_name", "licensed",
                                                       "note", "version")}


@bp.get("/profiles/bundles")
@role_required(*MATCHING_ROLES)
def bundles():
    """My organisation's task bundles and the state of their demand profiles."""
    rows = selectors.bundle_list(user=current_user)
    demands = selectors.bundle_demands([bundle for bundle, _e, _m in rows])
    return render("profiles/bundles.html", rows=rows, demands=demands)


@bp.get("/profiles/bundles/<int:bundle_id>")
@role_required(*MATCHING_ROLES)
def bundle(bundle_id: int):
    """A bundle's demand profile: computed from its tasks, overrides with reasons, key items and driving tasks."""
    found = selectors.bundle_get_or_404(bundle_id, current_user)
    demand = selectors.bundle_demand_profile(found)
    engagement, employer = selectors.bundle_context(found)
    items = selectors.catalogue_with(demand.effective)
    shown = {item for item, level in demand.effective.items() if level} | demand.key
    return render("profiles/bundle.html", bundle=found, demand=demand, engagement=engagement, employer=employer,
                  groups=selectors.grouped(items), users={u.id: u.name for u in _users()}, shown_ids=shown)


@bp.get("/profiles/bundles/<int:bundle_id>/summary")
def bundle_region(bundle_id: int):
    """Region for the RATKO bundle page: the state of the bundle's demand profile and a link to it."""
    found = selectors.bundle_get_or_404(bundle_id, current_user)
    if not _may_match():
        return render_fragment("profiles/_bundle_region.html", bundle=found, allowed=False)
    return render_fragment("profiles/_bundle_region.html", bundle=found, allowed=True,
                           demand=selectors.bundle_demand_profile(found))


def _may_match() -> bool:
    return current_user.is_admin or any(current_user.has_role(role) for role in MATCHING_ROLES)


@bp.route("/profiles/bundles/<int:bundle_id>/edit", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def bundle_edit(bundle_id: int):
    """Override the computed demand per item (with a reason), mark key items, record who assessed and when."""
    found = selectors.bundle_get_or_404(bundle_id, current_user)
    demand = selectors.bundle_demand_profile(found)
    items = selectors.catalogue_with(set(demand.effective) | demand.key)
    data = {**_header_data(demand.profile), **{rating_field_name(k): v[0] for k, v in demand.overrides.items()},
            **{f"reason_{k}": v[1] for k, v in demand.overrides.items()}, **{f"key_{k}": True for k in demand.key}}
    form = bundle_profile_form(items, users=_users(), computed=demand.computed, data=data)
    if form.validate_on_submit():
        overrides, key = bundle_overrides_of(form)
        try:
            services.bundle_profile_save(bundle=found, header=form.header(), overrides=overrides, key=key,
                                         expected_version=form.version.data)
        except ConflictError:
            return _bundle_form(found, demand, form, items, status=409, conflict=True)
        flash(_("Demand profile saved."), "success")
        return redirect(url_for("profiles.bundle", bundle_id=found.id), 303)
    return _bundle_form(found, demand, form, items, status=422 if form.errors else 200)


def _bundle_form(bundle, demand, form, items, *, status: int, conflict: bool = False):
    engagement, employer = selectors.bundle_context(bundle)
    return render("profiles/bundle_form.html", bundle=bundle, demand=demand, form=form, employer=employer,
                  engagement=engagement, groups=selectors.grouped(items), conflict=conflict, status=status)


@bp.route("/profiles/tasks/<int:task_id>", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def task_demand(task_id: int):
    """Rate what one task demands on the catalogue items (optional; bundles take the highest task demand)."""
    task = selectors.task_get_or_404(task_id, current_user)
    profile, ratings = selectors.task_demand_profile(task)
    items = selectors.catalogue_with(ratings)
    data = {**_header_data(profile), **{rating_field_name(k): v for k, v in ratings.items()}}
    form = ratings_form(items, users=_users(), data=data)
    if form.validate_on_submit():
        try:
            services.task_demand_save(task=task, header=form.header(), ratings=ratings_of(form),
                                      expected_version=form.version.data)
        except ConflictError:
            return render("profiles/task_form.html", task=task, form=form, conflict=True,
                          groups=selectors.grouped(items), status=409)
        flash(_("Task demand saved."), "success")
        target = url_for("profiles.bundle", bundle_id=task.bundle_id) if task.bundle_id else \
            url_for("profiles.task_demand", task_id=task.id)
        return redirect(target, 303)
    return render("profiles/task_form.html", task=task, form=form, groups=selectors.grouped(items),
                  status=422 if form.errors else 200)


@bp.post("/profiles/tasks/<int:task_id>/unbundle")
@role_required(*MATCHING_ROLES)
def task_unbundle(task_id: int):
    """Move a task out of its bundle, back into the engagement's task inventory."""
    task = selectors.task_get_or_404(task_id, current_user)
    form = UnbundleForm()
    back = safe_path(form.next.data, url_for("profiles.bundles"))
    try:
        bundle = services.task_unbundle(task=task, organisation_id=current_user.organisation_id,
                                        expected_version=form.version.data)
    except ConflictError:
        flash(_("Someone changed this task in the meantime. Check the bundle and try again."), "error")
        return redirect(back, 303)
    if bundle is not None:
        flash(_("“%(task)s” moved out of the bundle “%(bundle)s”; it is back in the task inventory.",
                task=task.description, bundle=bundle.title), "success")
    return redirect(back, 303)
