"""Contact persons edited in place, GDPR erasure, my organisation's relationship and bulk owner changes."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError, conflict_view, merge_notice, rebase_form
from app.core.htmx import hx_redirect, render, render_fragment
from app.core.privacy import table_label
from app.core.urls import safe_path
from app.employers import bp, merging, selectors, services
from app.employers.forms import HIDDEN, ContactForm, RelationshipForm, with_id_prefix
from app.employers.models import Relationship
from app.employers.normalise import phone_display

EDITORS = ("manager", "coordinator", "consultant", "coach")


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
