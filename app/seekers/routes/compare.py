"""The comparison page: a bundle's demand against a seeker's capability, and adaptation notes for its gaps."""

from __future__ import annotations

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.htmx import is_htmx, render, render_fragment
from app.profiles import MATCHING_ROLES
from app.profiles import selectors as profile_selectors
from app.profiles import services as profile_services
from app.profiles.labels import ADAPTATIONS
from app.seekers import bp, matching, selectors, services
from app.seekers.forms import AdaptationForm


def _id(name: str) -> int | None:
    value = request.values.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/compare")
@role_required(*MATCHING_ROLES)
def compare():
    """A bundle's demand profile against a seeker's capability: chart, counts, gaps with their causes."""
    bundle_id, seeker_id = _id("bundle"), _id("seeker")
    bundle = profile_selectors.bundle_get_or_404(bundle_id, current_user) if bundle_id else None
    seeker = selectors.seeker_get_or_404(seeker_id, current_user) if seeker_id else None
    bundles, seekers = matching.comparison_choices(user=current_user)
    if bundle is None or seeker is None:
        return render("seekers/compare_pick.html", bundle=bundle, seeker=seeker, bundles=bundles, seekers=seekers)
    check = matching.consent_for_matching(seeker)
    if not check.ok:
        return render("seekers/consent_required.html", seeker=seeker, check=check, status=403,
                      purpose=_("comparing this job seeker with a bundle"))
    without = [int(v) for v in request.args.getlist("without") if v.isdigit()][:20]
    view = matching.comparison_view(seeker=seeker, bundle=bundle, without=without, user=current_user)
    if view["profile"] is not None:
        services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[view["profile"].id],
                                     context=f"comparison with bundle {bundle.id}")
    return render("seekers/compare.html", bundles=bundles, seekers=seekers, form=_adaptation_form(formdata=None),
                  names=selectors.user_names(organisation_id=current_user.organisation_id), **view)


@bp.get("/compare/button")
@role_required(*MATCHING_ROLES)
def compare_button():
    """Region of the demand-profile pages ("bundle-actions"): the button to the comparison, for a bundle if given."""
    bundle_id = _id("bundle_id")
    bundle = profile_selectors.bundle_get_or_404(bundle_id, current_user) if bundle_id else None
    return render_fragment("seekers/_compare_button.html", bundle=bundle, small=request.args.get("small") == "1")


def _adaptation_form(**kwargs) -> AdaptationForm:
    form = AdaptationForm(**kwargs)
    form.choice.choices = [(code, str(label)) for code, label in ADAPTATIONS.items()]
    return form


@bp.post("/compare/notes")
@role_required(*MATCHING_ROLES)
def adaptation_note():
    """Save an adaptation choice for a gap as a matching note of the bundle's engagement."""
    bundle = profile_selectors.bundle_get_or_404(_id("bundle"), current_user)
    seeker = selectors.seeker_get_or_404(_id("seeker"), current_user)
    if not matching.consent_for_matching(seeker).ok:
        abort(403)
    form = _adaptation_form()
    item = profile_selectors.characteristic_get_or_404(_id("item"))
    if form.validate_on_submit():
        body = _("%(choice)s for %(item)s (%(seeker)s): %(text)s", choice=ADAPTATIONS[form.choice.data],
                 item=item.name(), seeker=seeker.code, text=form.text.data.strip())
        profile_services.adaptation_note_add(bundle=bundle, author_id=current_user.id, body=body)
    if not is_htmx():
        return redirect(url_for("seekers.compare", bundle=bundle.id, seeker=seeker.id, _anchor="notes"), 303)
    notes = profile_selectors.matching_notes(engagement_id=bundle.engagement_id, user=current_user)
    return render_fragment("seekers/_notes.html", notes=notes, saved=not form.errors,
                           names=selectors.user_names(organisation_id=current_user.organisation_id),
                           status=422 if form.errors else 200)
