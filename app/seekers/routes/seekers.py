"""Job seekers of my organisation: list, create, page, edit, erase, and the rankings both ways."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.dates import today
from app.core.htmx import render, render_fragment
from app.core.pagination import page_number
from app.core.privacy import table_label
from app.profiles import MATCHING_ROLES
from app.profiles import selectors as profile_selectors
from app.profiles.comparison import COVERAGE_THRESHOLD
from app.seekers import bp, matching, selectors, services
from app.seekers.forms import ConsentEventForm, EraseForm, SeekerForm, WorkplaceEditForm
from app.seekers.selectors import SeekerFilters

LIST_BLOCKS = {"seeker-results": "seeker_results"}
COVERAGE_PERCENT = round(COVERAGE_THRESHOLD * 100)


@bp.get("/seekers")
@role_required(*MATCHING_ROLES)
def index():
    """My organisation's job seekers, searchable by code or alias and filtered by status and coach."""
    filters = SeekerFilters.from_args(request.args)
    page = selectors.seeker_list(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    return render("seekers/index.html", blocks=LIST_BLOCKS, page=page, filters=filters,
                  coaches=selectors.coaches(user=current_user))


def _seeker_form(seeker=None, **kwargs) -> SeekerForm:
    return SeekerForm(coaches=selectors.coaches(user=current_user), seeker_id=getattr(seeker, "id", None),
                      code_taken=lambda code: selectors.seeker_by_code(organisation_id=current_user.organisation_id,
                                                                       code=code), **kwargs)


@bp.route("/seekers/new", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def create():
    """Add a job seeker (code and alias only; no name or diagnosis is asked)."""
    form = _seeker_form(data=None if request.method == "POST" else {"coach_id": current_user.id})
    if form.validate_on_submit():
        seeker = services.seeker_create(organisation_id=current_user.organisation_id, data=form.cleaned(),
                                        diagnosis_reason=form.diagnosis_override)
        flash(_("Job seeker %(code)s added.", code=seeker.code), "success")
        return redirect(url_for("seekers.detail", seeker_id=seeker.id), 303)
    return render("seekers/form.html", form=form, seeker=None, status=422 if form.errors else 200)


@bp.get("/seekers/<int:seeker_id>")
@role_required(*MATCHING_ROLES)
def detail(seeker_id: int):
    """A seeker's page: preferences, consents, traffic-light workplaces, current capability profile, matching."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    context = _detail_context(seeker)
    if context["profile"] is not None:
        services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[context["profile"].id],
                                     context="seeker page")
    return render("seekers/detail.html", **context)


def _detail_context(seeker) -> dict:
    profile, ratings = selectors.current_capability(seeker)
    items = [i for i in profile_selectors.catalogue_with(ratings) if i.id in ratings]
    consents = selectors.seeker_consents(seeker)
    return {"seeker": seeker, "profile": profile, "ratings": ratings, "groups": profile_selectors.grouped(items),
            "consents": consents, "workplaces": selectors.seeker_workplaces(seeker),
            "names": selectors.user_names(organisation_id=seeker.organisation_id),
            "employer_names": selectors.employer_names(e for c, _events in consents for e in c.employer_ids),
            "event_form": ConsentEventForm(formdata=None), "workplace_form": WorkplaceEditForm(formdata=None),
            "bundles": profile_selectors.open_bundles(user=current_user), "day": today()}


@bp.route("/seekers/<int:seeker_id>/edit", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def edit(seeker_id: int):
    """Edit a seeker's status, coach and preferences; a stale save is refused."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    initial = None if request.method == "POST" else {
        "industries": seeker.industry_codes, "municipalities": ", ".join(seeker.municipality_names)}
    form = _seeker_form(seeker, obj=seeker, data=initial)
    if form.validate_on_submit():
        try:
            services.seeker_update(seeker=seeker, data=form.cleaned(), expected_version=form.version.data,
                                   diagnosis_reason=form.diagnosis_override)
        except ConflictError:
            return render("seekers/form.html", form=form, seeker=seeker, conflict=True, status=409)
        flash(_("Changes saved."), "success")
        return redirect(url_for("seekers.detail", seeker_id=seeker.id), 303)
    return render("seekers/form.html", form=form, seeker=seeker, status=422 if form.errors else 200)


@bp.route("/seekers/<int:seeker_id>/erase", methods=["GET", "POST"])
@role_required("manager")
def erase(seeker_id: int):
    """Erase a seeker and everything that references them (GDPR request): the page lists what goes and what only
    loses the link; placements are confirmed once more; past audit values are masked."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    plan = services.seeker_erasure_plan(seeker)
    form = EraseForm(placements=len(plan.deleted.get("placements", [])))
    if form.validate_on_submit():
        if form.code.data.strip().lower() != seeker.code.lower():
            form.code.errors = [_("The code does not match.")]
        else:
            services.seeker_erase(seeker=seeker, reason=form.reason.data)
            flash(_("The job seeker was erased."), "success")
            return redirect(url_for("seekers.index"), 303)
    return render("seekers/erase.html", seeker=seeker, form=form, plan=plan, table_label=table_label,
                  status=422 if form.errors else 200)


@bp.get("/seekers/<int:seeker_id>/bundles")
@role_required(*MATCHING_ROLES)
def seeker_bundles(seeker_id: int):
    """My organisation's open bundles ranked for this seeker (only with a valid matching consent)."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    ranking = matching.bundles_for_seeker(seeker=seeker, user=current_user)
    if ranking.profile is not None:
        services.capability_read_log(seeker_ids=[seeker.id], profile_ids=[ranking.profile.id],
                                     context="bundle ranking for a seeker")
    return render_fragment("seekers/_bundle_ranking.html", seeker=seeker, ranking=ranking,
                           coverage_threshold=COVERAGE_PERCENT)


@bp.get("/seekers/ranking/<int:bundle_id>")
def bundle_ranking(bundle_id: int):
    """My organisation's consented seekers ranked for a bundle; those left out are listed with the reason."""
    bundle = profile_selectors.bundle_get_or_404(bundle_id, current_user)
    if not (current_user.is_admin or any(current_user.has_role(r) for r in MATCHING_ROLES)):
        return render_fragment("seekers/_seeker_ranking.html", bundle=bundle, ranking=None)
    ranking = matching.seekers_for_bundle(bundle=bundle, user=current_user)
    shown = [*ranking.ranked, *ranking.assess_first]
    services.capability_read_log(seeker_ids=[r.seeker.id for r in shown], profile_ids=[r.profile.id for r in shown],
                                 context=f"seeker ranking for bundle {bundle.id}")
    return render_fragment("seekers/_seeker_ranking.html", bundle=bundle, ranking=ranking,
                           coverage_threshold=COVERAGE_PERCENT)


