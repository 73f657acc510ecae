"""Managers: which channels count towards cadence; hand-over of a leaving user's relationships before deactivation."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import selectors as admin_selectors
from app.core.auth import role_required
from app.core.htmx import render
from app.touchpoints import bp, cadence, selectors, services
from app.touchpoints.forms import CountedChannelsForm, HandoverForm
from app.touchpoints.services.handover import orphan_counts


@bp.route("/touchpoints/settings", methods=["GET", "POST"])
@role_required("manager")
def settings():
    """Choose which contact channels count towards my organisation's cadence."""
    organisation = current_user.organisation
    form = CountedChannelsForm(data=None if request.method == "POST" else {
        "channels": list(cadence.counted_channels(organisation.settings))})
    if form.validate_on_submit():
        services.counted_channels_update(organisation=organisation, channels=form.channels.data)
        flash(_("Settings saved. Every relationship's due date was recalculated."), "success")
        return redirect(url_for("touchpoints.settings"), 303)
    return render("touchpoints/settings.html", form=form, status=422 if form.errors else 200)


def _handover_form(target) -> HandoverForm:
    form = HandoverForm()
    colleagues = [u for u in selectors.organisation_people(user=target) if u[0] != target.id]
    form.new_owner_id.choices = [("", "—")] + [(i, name) for i, name in colleagues]
    return form


@bp.route("/admin/users/<int:user_id>/handover", methods=["GET", "POST"])
@role_required("manager")
def handover(user_id: int):
    """Hand over a leaving user's relationships, promises and next steps, then deactivate them."""
    target = admin_selectors.managed_user_or_404(user=current_user, user_id=user_id)
    form = _handover_form(target)
    error = None
    if request.method == "POST" and request.form.get("action") == "deactivate":
        error = _deactivate(target)
        if error is None:
            flash(_("%(name)s was deactivated and logged out everywhere.", name=target.name), "success")
            return redirect(url_for("admin.users"), 303)
    elif form.validate_on_submit():
        return _reassign(target, form)
    relationships, follow_ups = selectors.handover_items(target)
    return render("touchpoints/handover.html", form=form, target=target, relationships=relationships,
                  follow_ups=follow_ups, error=error,
                  status=409 if error else (422 if form.errors else 200))


def _reassign(target, form: HandoverForm):
    new_owner = admin_selectors.managed_user_or_404(user=current_user, user_id=form.new_owner_id.data)
    moved, follow_ups = services.handover_reassign(user=target, new_owner=new_owner,
                                                   relationship_ids=_ids("relationship_id"),
                                                   follow_up_ids=_ids("follow_up_id"))
    flash(_("%(r)d relationships and %(f)d promises or next steps moved to %(name)s.", r=moved, f=follow_ups,
            name=new_owner.name), "success")
    return redirect(url_for("touchpoints.handover", user_id=target.id), 303)


def _ids(name: str) -> list[int]:
    return [int(i) for i in request.form.getlist(name) if i.isdigit()][:5000]


def _deactivate(target) -> str | None:
    if target.id == current_user.id:
        return _("You cannot deactivate yourself.")
    try:
        services.handover_deactivate(user=target)
    except services.HandoverIncomplete as refused:
        return refused.text
    return None


def guard_deactivation():
    """Before the admin page's plain "Deactivate" runs: refuse while the user owns relationships or follow-ups."""
    if request.endpoint != "admin.user_active" or request.method != "POST" or request.form.get("active") == "1":
        return None
    user_id = (request.view_args or {}).get("user_id")
    if not current_user.is_authenticated or not user_id:
        return None
    target = admin_selectors.managed_user_or_404(user=current_user, user_id=user_id)
    if any(orphan_counts(target)):
        flash(_("Hand over %(name)s's relationships, promises and next steps before deactivating.",
                name=target.name), "error")
        return redirect(url_for("touchpoints.handover", user_id=target.id), 303)
    return None
