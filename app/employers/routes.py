"""Employer directory, employer page, sites, contacts (edited in place, GDPR erasure), my organisation's relationship
and bulk owner changes."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError, conflict_view, merge_notice, rebase_form
from app.core.htmx import hx_redirect, render, render_fragment
from app.core.pagination import page_number
from app.core.privacy import table_label
from app.core.urls import safe_path
from app.employers import bp, merging, selectors, services
from app.employers.forms import HIDDEN, ContactForm, EmployerForm, RelationshipForm, SiteForm, with_id_prefix
from app.employers.models import Relationship
from app.employers.normalise import phone_display
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



def _contact_form(employer, contact=None, *, fresh: bool = False) -> ContactForm:
    kwargs = {"formdata": None} if fresh else {}
    if contact is not None and request.method == "GET":
        kwargs["obj"] = contact
    form = with_id_prefix(ContactForm(**kwargs), f"contact-{contact.id}" if contact else "contact-new")
    form.site_id.choices = [("", "—")] + selectors.site_choices(selectors.employer_sites(employer))
    if contact is not None and request.method == "GET":
        form.version.data = contact.version
        form.loaded.data = merging.contact_snapshot(contact)
    return form


@bp.route("/employers/<int:employer_id>/contacts/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def contact_create(employer_id: int):
    """Add a contact person; for htmx, re-render the contacts region."""
    employer = selectors.employer_get_or_404(employer_id)
    form = _contact_form(employer)
    if form.validate_on_submit():
        services.contact_add(employer=employer, data=form.cleaned())
        return render_fragment("employers/_contacts.html", employer=employer,
                               contacts=selectors.employer_contacts(employer), new_form=None,
                               trigger={"contacts-changed": employer.id})
    status = 422 if form.errors else 200
    return render_fragment("employers/_contacts.html", employer=employer,
                           contacts=selectors.employer_contacts(employer), new_form=form, status=status)


@bp.get("/employers/<int:employer_id>/contacts")
def contacts_region(employer_id: int):
    """The contacts region of the employer page."""
    employer = selectors.employer_get_or_404(employer_id)
    return render_fragment("employers/_contacts.html", employer=employer,
                           contacts=selectors.employer_contacts(employer), new_form=None)


@bp.get("/contacts/<int:contact_id>")
def contact_row(contact_id: int):
    """One contact row (used to cancel an in-place edit)."""
    contact = selectors.contact_get_or_404(contact_id)
    return render_fragment("employers/_contact_row.html", contact=contact)


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def contact_edit(contact_id: int):
    """Edit a contact person in place; a stale save is merged, or refused showing whose value is whose."""
    contact = selectors.contact_get_or_404(contact_id)
    employer = selectors.employer_get_or_404(contact.employer_id)
    form = _contact_form(employer, contact)
    if form.validate_on_submit():
        try:
            services.contact_update(contact=contact, data=form.cleaned(), expected_version=form.version.data,
                                    loaded=form.loaded.data)
        except ConflictError as error:
            rebase_form(form, error)
            return render_fragment("employers/_contact_form.html", form=form, contact=contact, employer=employer,
                                   conflict=conflict_view(form, error, {"phone": phone_display}), status=409)
        return render_fragment("employers/_contact_row.html", contact=contact, notice=merge_notice(form, contact))
    return render_fragment("employers/_contact_form.html", form=form, contact=contact, employer=employer,
                           status=422 if form.errors else 200)


@bp.post("/contacts/<int:contact_id>/archive")
@role_required(*EDITORS)
def contact_archive(contact_id: int):
    """Mark a contact as no longer at the employer."""
    contact = selectors.contact_get_or_404(contact_id)
    services.contact_archive(contact=contact)
    return render_fragment("employers/_contact_row.html", contact=contact)


@bp.route("/contacts/<int:contact_id>/erase", methods=["GET", "POST"])
@role_required("manager", "coordinator")
def contact_erase(contact_id: int):
    """Erase a contact person for a GDPR request, after confirming with a reason."""
    contact = selectors.contact_get_or_404(contact_id)
    reason = (request.form.get("reason") or "").strip()
    if request.method == "POST" and reason:
        employer_id = contact.employer_id
        services.contact_erase(contact=contact, reason=reason)
        flash(_("The contact person was erased."), "success")
        return hx_redirect(url_for("employers.detail", employer_id=employer_id))
    missing = request.method == "POST"
    return render("employers/erase.html", contact=contact, missing=missing, table_label=table_label,
                  plan=services.contact_erasure_plan(contact), status=422 if missing else 200)


@bp.route("/employers/<int:employer_id>/relationship", methods=["GET", "POST"])
@role_required(*EDITORS)
def relationship(employer_id: int):
    """Start or edit my organisation's relationship with the employer."""
    employer = selectors.employer_get_or_404(employer_id)
    mine = selectors.relationship_of(user=current_user, employer_id=employer.id)
    form = _relationship_form(employer, mine)
    if form.validate_on_submit():
        try:
            _save_relationship(employer, mine, form)
        except ConflictError as error:
            rebase_form(form, error)
            return render("employers/relationship.html", form=form, employer=employer, mine=mine,
                          conflict=conflict_view(form, error), status=409)
        flash((mine and merge_notice(form, mine)) or _("Relationship saved."), "success")
        return redirect(url_for("employers.detail", employer_id=employer.id), 303)
    return render("employers/relationship.html", form=form, employer=employer, mine=mine,
                  status=422 if form.errors else 200)


def _relationship_form(employer, mine: Relationship | None) -> RelationshipForm:
    form = RelationshipForm(obj=mine if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = mine.version if mine else ""
        if mine is None:
            form.owner_id.data = current_user.id
        form.loaded.data = merging.relationship_snapshot(mine, organisation_id=current_user.organisation_id,
                                                         employer_id=employer.id, owner_id=current_user.id)
    form.owner_id.choices = [("", "—")] + [(u.id, u.name) for u in selectors.organisation_users(user=current_user)]
    return form


def _save_relationship(employer, mine, form) -> None:
    data = {k: v for k, v in form.data.items() if k not in HIDDEN}
    if mine is None:
        services.relationship_start(organisation_id=current_user.organisation_id, employer=employer, data=data)
    else:
        services.relationship_update(relationship=mine, data=data, expected_version=form.version.data,
                                     loaded=form.loaded.data)


@bp.post("/employers/bulk-owner")
@role_required("manager", "coordinator")
def bulk_owner():
    """Give the selected employers' relationships of my organisation a new owner."""
    ids = [int(i) for i in request.form.getlist("employer_id") if i.isdigit()][:500]
    owner = request.form.get("owner_id", type=int)
    owners = {u.id for u in selectors.organisation_users(user=current_user)}
    relationships = selectors.relationships_of(user=current_user, employer_ids=ids)
    changed = services.relationships_reassign(relationships=relationships, owner_id=owner if owner in owners else None)
    flash(_("%(n)d relationships got a new owner.", n=changed), "success")
    return redirect(safe_path(request.form.get("back"), url_for("employers.index")), 303)
