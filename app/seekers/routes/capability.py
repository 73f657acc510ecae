"""Capability assessments of a seeker over time (Art. 9 data: every view is logged)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth.selectors import users_of_organisation
from app.core.auth import role_required
from app.core.dates import today
from app.core.htmx import render
from app.profiles import MATCHING_ROLES
from app.profiles import selectors as profile_selectors
from app.profiles.forms import rating_field_name, ratings_form, ratings_of
from app.seekers import bp, selectors, services
from app.seekers.forms import CapabilityHeaderForm

HISTORY_COLUMNS = 6


@bp.route("/seekers/<int:seeker_id>/capability/new", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def capability_new(seeker_id: int):
    """Record a new capability assessment, starting from the current one; the history is kept."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    profile, ratings = selectors.current_capability(seeker)
    items = profile_selectors.catalogue_with(ratings)
    data = None if request.method == "POST" else {
        "assessed_on": today(), "assessed_by_id": current_user.id,
        **{rating_field_name(k): v for k, v in ratings.items()}}
    form = ratings_form(items, users=users_of_organisation(current_user.organisation_id), base=CapabilityHeaderForm,
                        blank_label=_l("not assessed"), side="capability", data=data)
    if form.validate_on_submit():
        services.capability_record(seeker=seeker, header=form.header(), ratings=ratings_of(form))
        flash(_("Capability assessment saved."), "success")
        return redirect(url_for("seekers.detail", seeker_id=seeker.id, _anchor="capability"), 303)
    if profile is not None and request.method == "GET":
        services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[profile.id], context="new assessment")
    return render("seekers/capability_form.html", seeker=seeker, form=form, previous=profile,
                  groups=profile_selectors.grouped(items), status=422 if form.errors else 200)


@bp.get("/seekers/<int:seeker_id>/capability")
@role_required(*MATCHING_ROLES)
def capability_history(seeker_id: int):
    """The seeker's assessments side by side over time, newest first."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    history = selectors.capability_profiles(seeker, limit=HISTORY_COLUMNS)
    rated = {item for _p, ratings in history for item in ratings}
    items = [i for i in profile_selectors.catalogue_with(rated) if i.id in rated]
    services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[p.id for p, _r in history],
                                 context="assessment history")
    return render("seekers/capability_history.html", seeker=seeker, history=history,
                  groups=profile_selectors.grouped(items),
                  names=selectors.user_names(organisation_id=seeker.organisation_id))
