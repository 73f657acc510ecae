"""Employer directory, employer page, sites, contacts and my organisation's relationship."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError, conflict_view, merge_notice, rebase_form
from app.core.htmx import render, render_fragment
from app.core.pagination import page_number
from app.employers import bp, merging, selectors, services
from app.employers.forms import EmployerForm, SiteForm, with_id_prefix
from app.employers.reference import municipalities
from app.employers.selectors import DirectoryFilters

EDITORS = ("manager", "coordinator", "consultant", "coach")
RESULT_BLOCKS = {"employer-results": "employer_results"}


@bp.get("/employers")
def index():
    """The network's employer directory with active search, filters, sorting and paging."""
    filters = DirectoryFilters.from_args(request.args)
    page = selectors.employer_directory(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    options = selectors.directory_options(user=current_user)
    return render("employers/index.html", blocks=RESULT_BLOCKS, page=page, filters=filters, options=options)


@bp.route("/employers/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def create():
    """Create an employer."""
    form = EmployerForm()
    if form.validate_on_submit():
        employer = services.employer_create(data=form.cleaned(), actor=current_user)
        flash(_("Employer %(name)s created.", name=employer.name), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id), 303)
    return render("employers/form.html", form=form, employer=None, municipalities=municipalities(),
                  status=422 if form.errors else 200)


@bp.post("/employers/validate/<field>")
@role_required(*EDITORS)
def validate_field(field: str):
    """Inline validation of one employer field with the same validators as the form."""
    if field not in ("business_id", "municipality", "website", "name"):
        abort(404)
    form = EmployerForm(employer_id=request.form.get("employer_id", type=int))
    form.validate()
    return render_fragment("employers/_field_errors.html", form=form, field=form[field])


@bp.get("/employers/<int:employer_id>")
def detail(employer_id: int):
    """The employer page: facts, sites, contacts, every organisation's relationship and the regions hung on it."""
    employer = selectors.employer_get_or_404(employer_id)
    return render("employers/detail.html", **_detail_context(employer))


def _detail_context(employer) -> dict:
    return {**_sites_context(employer, fresh=True),
            "contacts": selectors.employer_contacts(employer),
            "relationships": selectors.employer_relationships(employer),
            "mine": selectors.relationship_of(user=current_user, employer_id=employer.id)}


@bp.route("/employers/<int:employer_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(employer_id: int):
    """Edit an employer; a stale save is merged with the newer one, or refused showing whose value is whose."""
    employer = selectors.employer_get_or_404(employer_id)
    form = _edit_form(employer)
    if form.validate_on_submit():
        try:
            services.employer_update(employer=employer, data=form.cleaned(), expected_version=form.version.data,
                                     loaded=form.loaded.data)
        except ConflictError as error:
            rebase_form(form, error)
            return render("employers/form.html", form=form, employer=employer, conflict=conflict_view(form, error),
                          municipalities=municipalities(), status=409)
        flash(merge_notice(form, employer) or _("Changes saved."), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id), 303)
    return render("employers/form.html", form=form, employer=employer, municipalities=municipalities(),
                  status=422 if form.errors else 200)


def _edit_form(employer) -> EmployerForm:
    form = EmployerForm(obj=employer, employer_id=employer.id)
    if request.method != "POST":  # `obj` would fill the tags field with the list itself
        form.tags.data = ", ".join(employer.tags)
        form.loaded.data = merging.employer_snapshot(employer)
    return form


@bp.post("/employers/<int:employer_id>/archive")
@role_required("manager", "coordinator")
def archive(employer_id: int):
    """Archive an employer instead of deleting it."""
    employer = selectors.employer_get_or_404(employer_id)
    if request.form.get("restore") == "1":
        services.employer_restore(employer=employer)
        flash(_("Employer restored to the directory."), "success")
    else:
        services.employer_archive(employer=employer)
        flash(_("Employer archived. It no longer shows in the directory."), "success")
    return redirect(url_for("employers.detail", employer_id=employer.id), 303)


@bp.post("/employers/<int:employer_id>/sites")
@role_required(*EDITORS)
def site_create(employer_id: int):
    """Add a site; re-render the sites region."""
    employer = selectors.employer_get_or_404(employer_id)
    context = _sites_context(employer)
    if context["site_form"].validate_on_submit():
        services.site_add(employer=employer, data=context["site_form"].data)
        context = _sites_context(employer, fresh=True)
    return render_fragment("employers/_sites.html", **context)


def _sites_context(employer, *, fresh: bool = False) -> dict:
    """The sites region: the sites nested under their parents and the add-a-site form (ids prefixed "site-")."""
    sites = selectors.employer_sites(employer)
    form = with_id_prefix(SiteForm(formdata=None) if fresh else SiteForm(), "site")
    form.parent_id.choices = [("", "—")] + selectors.site_choices(sites)
    return {"employer": employer, "site_tree": selectors.site_tree(sites), "site_form": form}


@bp.post("/sites/<int:site_id>/archive")
@role_required(*EDITORS)
def site_archive(site_id: int):
    """Archive a site; re-render the sites region."""
    site = selectors.site_get_or_404(site_id)
    employer = selectors.employer_get_or_404(site.employer_id)
    services.site_archive(site=site)
    return render_fragment("employers/_sites.html", **_sites_context(employer, fresh=True))


from app.employers import contact_routes  # noqa: E402,F401
