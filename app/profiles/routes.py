"""The characteristic catalogue: everyone reads it in their language; network admins add, edit and deactivate items."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render
from app.core.refusals import Refusal
from app.profiles import bp, selectors, services
from app.profiles.catalogue import level_names
from app.profiles.forms import characteristic_form, item_data


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


from app.profiles import bundle_routes  # noqa: E402,F401
