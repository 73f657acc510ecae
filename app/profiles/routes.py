"""The characteristic catalogue (everyone reads it; network admins edit it) and the demand profiles of RATKO task
bundles and tasks (private to the organisation running the engagement)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.selectors import users_of_organisation
from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.dates import today
from app.core.htmx import render, render_fragment
from app.core.refusals import Refusal
from app.core.urls import safe_path
from app.profiles import MATCHING_ROLES, bp, selectors, services
from app.profiles.catalogue import level_names
from app.profiles.forms import (
    UnbundleForm,
    bundle_overrides_of,
    bundle_profile_form,
    characteristic_form,
    item_data,
    rating_field_name,
    ratings_form,
    ratings_of,
)


@bp.get("/profiles/catalogue")
def catalogue():
    """The characteristic catalogue by group, with descriptions and level texts in the user's language."""
    items = selectors.catalogue(include_inactive=current_user.is_admin)
    return render("profiles/catalogue.html", groups=selectors.grouped(items), level_names=level_names())


def _form(item=None):
    return characteristic_form(item=item, groups=selectors.groups(), taken=selectors.characteristic_by_code)


@bp.route("/profiles/catalogue/new", methods=["GET", "POST"])
@role_required("admin")
def item_create():
    """Add an item to the catalogue."""
    form = _form()
    if request.method == "GET" and request.args.get("group", type=int):
        form.group_id.data = request.args.get("group", type=int)
    if form.validate_on_submit():
        item = services.characteristic_create(data=item_data(form))
        flash(_("Item %(name)s added to the catalogue.", name=item.name()), "success")
        return redirect(url_for("profiles.catalogue", _anchor=f"item-{item.id}"), 303)
    return render("profiles/item_form.html", form=form, item=None, status=422 if form.errors else 200)


@bp.route("/profiles/catalogue/<int:item_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def item_edit(item_id: int):
    """Edit a catalogue item's wording, group and order; a stale save is refused."""
    item = selectors.characteristic_get_or_404(item_id)
    form = _form(item)
    if form.validate_on_submit():
        try:
            services.characteristic_update(item=item, data=item_data(form), expected_version=form.version.data)
        except ConflictError:
            return render("profiles/item_form.html", form=form, item=item, conflict=True, status=409)
        flash(_("Changes saved."), "success")
        return redirect(url_for("profiles.catalogue", _anchor=f"item-{item.id}"), 303)
    return render("profiles/item_form.html", form=form, item=item, status=422 if form.errors else 200)


@bp.post("/profiles/catalogue/<int:item_id>/active")
@role_required("admin")
def item_active(item_id: int):
    """Deactivate an item (kept in existing profiles, hidden from new ratings) or activate it again."""
    item = selectors.characteristic_get_or_404(item_id)
    active = request.form.get("active") == "1"
    services.characteristic_set_active(item=item, active=active)
    flash(_("Item activated.") if active else _("Item deactivated. Existing profiles keep their ratings."),
          "success")
    return redirect(url_for("profiles.catalogue", _anchor=f"item-{item.id}"), 303)


@bp.post("/profiles/catalogue/<int:item_id>/delete")
@role_required("admin")
def item_delete(item_id: int):
    """Delete an item nobody has rated; an item in use is refused (deactivate it instead)."""
    item = selectors.characteristic_get_or_404(item_id)
    name = item.name()
    try:
        services.characteristic_delete(item=item)
    except Refusal as refusal:
        flash(refusal.text, "error")
        return redirect(url_for("profiles.catalogue", _anchor=f"item-{item_id}"), 303)
    flash(_("Item %(name)s deleted.", name=name), "success")
    return redirect(url_for("profiles.catalogue"), 303)


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
