"""Employer directory, employer page, sites, contacts and my organisation's relationship."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render, render_fragment
from app.core.pagination import page_number
from app.employers import bp, selectors, services
from app.employers.forms import EmployerForm, SiteForm
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
    sites = selectors.employer_sites(employer)
    form = SiteForm(formdata=None)
    form.parent_id.choices = [("", "—")] + [(s.id, s.name) for s in sites]
    return {"employer": employer, "sites": sites, "site_form": form,
            "contacts": selectors.employer_contacts(employer),
            "relationships": selectors.employer_relationships(employer),
            "mine": selectors.relationship_of(user=current_user, employer_id=employer.id)}


@bp.route("/employers/<int:employer_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(employer_id: int):
    """Edit an employer; a stale save is refused and shows the newer values."""
    employer = selectors.employer_get_or_404(employer_id)
    form = EmployerForm(obj=employer, employer_id=employer.id, data=None if request.method == "POST" else
                        {"tags": ", ".join(employer.tags), "version": employer.version})
    if form.validate_on_submit():
        try:
            services.employer_update(employer=employer, data=form.cleaned(), expected_version=form.version.data)
        except ConflictError:
            return render("employers/form.html", form=form, employer=employer, conflict=True,
                          municipalities=municipalities(), status=409)
        flash(_("Changes saved."), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id), 303)
    return render("employers/form.html", form=form, employer=employer, municipalities=municipalities(),
                  status=422 if form.errors else 200)


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
    form = _site_form(employer)
    if form.validate_on_submit():
        services.site_add(employer=employer, data=form.data)
        form = _site_form(employer, fresh=True)
    return render_fragment("employers/_sites.html", employer=employer, sites=selectors.employer_sites(employer),
                           site_form=form)


def _site_form(employer, *, fresh: bool = False) -> SiteForm:
    form = SiteForm(formdata=None) if fresh else SiteForm()
    form.parent_id.choices = [("", "—")] + [(s.id, s.name) for s in selectors.employer_sites(employer)]
    return form


@bp.post("/sites/<int:site_id>/archive")
@role_required(*EDITORS)
def site_archive(site_id: int):
    """Archive a site; re-render the sites region."""
    site = selectors.site_get_or_404(site_id)
    employer = selectors.employer_get_or_404(site.employer_id)
    services.site_archive(site=site)
    return render_fragment("employers/_sites.html", employer=employer, sites=selectors.employer_sites(employer),
                           site_form=_site_form(employer, fresh=True))


from app.employers import contact_routes  # noqa: E402,F401
