"""Administration pages: organisations, users, the audit log, diagnosis words and login security."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp, selectors
from app.admin.forms import DiagnosisWordForm, LockLiftForm, OrganisationForm, TwoFactorPolicyForm, UserForm
from app.auth import factors as auth_factors
from app.auth import selectors as auth_selectors
from app.auth import services as auth_services
from app.auth import throttle
from app.auth.models import Organisation
from app.core import diagnosis_words
from app.core.auth import role_required
from app.core.diagnosis import find_diagnosis_terms, load_terms
from app.core.diagnosis_words import DiagnosisWord
from app.core.htmx import render
from app.core.pagination import page_number
from app.core.refusals import Refusal, refuse
from app.core.scoping import get_or_404


@bp.route("/admin/organisations", methods=["GET", "POST"])
@role_required("admin")
def organisations():
    """List the network's organisations and create one."""
    form = OrganisationForm()
    if form.validate_on_submit():
        auth_services.organisation_create(slug=form.slug.data, name=form.name.data, kind=form.kind.data)
        flash(_("Organisation created."), "success")
        return redirect(url_for("admin.organisations"), 303)
    return render("admin/organisations.html", form=form, organisations=auth_selectors.organisation_list(),
                  status=422 if form.errors else 200)


@bp.route("/admin/organisations/<int:organisation_id>", methods=["GET", "POST"])
@role_required("admin")
def organisation_edit(organisation_id: int):
    """Rename or deactivate an organisation."""
    organisation = get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation, organisation_id=organisation.id)
    if form.validate_on_submit():
        auth_services.organisation_update(organisation=organisation, name=form.name.data, kind=form.kind.data,
                                          active=form.active.data)
        flash(_("Organisation saved."), "success")
        return redirect(url_for("admin.organisations"), 303)
    return render("admin/organisation.html", form=form, organisation=organisation)


def _user_form(target=None) -> UserForm:
    form = UserForm(obj=target if request.method == "GET" else None, user_id=getattr(target, "id", None))
    organisations = auth_selectors.organisation_list(active_only=True)
    if not current_user.is_admin:
        organisations = [o for o in organisations if o.id == current_user.organisation_id]
        form.roles.choices = [c for c in form.roles.choices if c[0] != "admin"]
    form.organisation_id.choices = [(o.id, o.name) for o in organisations]
    if request.method == "GET":
        form.roles.data = target.roles if target else ["coach"]
        form.organisation_id.data = target.organisation_id if target else current_user.organisation_id
    return form


@bp.route("/admin/users", methods=["GET", "POST"])
@role_required("manager")
def users():
    """List users and create one; the new user's one-time password is shown once."""
    form = _user_form()
    if form.validate_on_submit():
        organisation = get_or_404(Organisation, form.organisation_id.data)
        user, temporary = auth_services.user_invite(organisation=organisation, email=form.email.data,
                                                    name=form.name.data, roles=form.roles.data,
                                                    language=form.language.data)
        return render("admin/password_shown.html", target=user, temporary=temporary)
    users = selectors.managed_users(user=current_user)
    return render("admin/users.html", form=form, users=users, status=422 if form.errors else 200,
                  two_factor=auth_selectors.users_with_factors([u.id for u in users]))


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@role_required("manager")
def user_edit(user_id: int):
    """Change a user's name, roles and language."""
    target = selectors.managed_user_or_404(user=current_user, user_id=user_id)
    form = _user_form(target)
    form.email.data = target.email
    if form.validate_on_submit():
        auth_services.user_update(user=target, name=form.name.data, roles=form.roles.data,
                                  language=form.language.data)
        flash(_("User saved."), "success")
        return redirect(url_for("admin.users"), 303)
    return render("admin/user.html", form=form, target=target, status=422 if form.errors else 200)


@bp.post("/admin/users/<int:user_id>/reset-password")
@role_required("manager")
def user_reset_password(user_id: int):
    """Give the user a one-time password and end their sessions."""
    target = selectors.managed_user_or_404(user=current_user, user_id=user_id)
    temporary = auth_services.user_reset_password(user=target)
    return render("admin/password_shown.html", target=target, temporary=temporary)


@bp.post("/admin/users/<int:user_id>/reset-two-factor")
@role_required("manager")
def user_reset_two_factor(user_id: int):
    """Remove a user's second factors (a lost phone) and end their sessions; audited."""
    target = selectors.managed_user_or_404(user=current_user, user_id=user_id)
    if target.id == current_user.id:
        flash(_("Manage your own two-factor login on your account page."), "error")
    else:
        auth_factors.two_factor_reset(user=target)
        flash(_("The two-factor login of %(name)s was reset and their sessions were ended.", name=target.name),
              "success")
    return redirect(url_for("admin.users"), 303)


@bp.post("/admin/users/<int:user_id>/active")
@role_required("manager")
def user_active(user_id: int):
    """Deactivate (ending all sessions at once) or reactivate a user."""
    target = selectors.managed_user_or_404(user=current_user, user_id=user_id)
    if target.id == current_user.id:
        flash(_("You cannot deactivate yourself."), "error")
    elif request.form.get("active") == "1":
        auth_services.user_reactivate(user=target)
        flash(_("%(name)s can log in again.", name=target.name), "success")
    else:
        auth_services.user_deactivate(user=target)
        flash(_("%(name)s was deactivated and logged out everywhere.", name=target.name), "success")
    return redirect(url_for("admin.users"), 303)


@bp.get("/audit")
@role_required("manager")
def audit():
    """The audit log of my organisation (and network-shared records for administrators)."""
    filters = selectors.AuditFilters.from_args(request.args)
    page = selectors.audit_page(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    return render("admin/audit.html", blocks={"audit-results": "audit_results"}, page=page, filters=filters,
                  entities=selectors.audit_entities())


@bp.route("/admin/diagnosis-words", methods=["GET", "POST"])
@role_required("admin")
def diagnosis_words_page():
    """The term list in use: try a text, add a stem or an exception, see the base list."""
    form = DiagnosisWordForm()
    if form.validate_on_submit():
        try:
            diagnosis_words.word_add(kind=form.kind.data, word=form.word.data, lang=form.lang.data,
                                     user_id=current_user.id)
        except Refusal as refusal:
            refuse(form, refusal)
        else:
            flash(_("Added. The guard uses it from now on."), "success")
            return redirect(url_for("admin.diagnosis_words_page"), 303)
    sample = request.args.get("text", "")[:4000]
    return render("admin/diagnosis_words.html", form=form, sample=sample, found=find_diagnosis_terms(sample),
                  terms=diagnosis_words.words_of("term"), exceptions=diagnosis_words.words_of("exception"),
                  base=load_terms(), status=422 if form.errors else 200)


@bp.post("/admin/diagnosis-words/<int:word_id>/delete")
@role_required("admin")
def diagnosis_word_delete(word_id: int):
    """Remove an added stem or exception."""
    diagnosis_words.word_remove(row=get_or_404(DiagnosisWord, word_id))
    flash(_("Removed."), "success")
    return redirect(url_for("admin.diagnosis_words_page"), 303)


@bp.route("/admin/security", methods=["GET", "POST"])
@role_required("admin")
def security():
    """Choose the roles that must use two-factor login; see the current login locks."""
    form = TwoFactorPolicyForm(data={"roles": list(auth_selectors.two_factor_roles())})
    if form.validate_on_submit():
        auth_services.network_setting_set(key=auth_selectors.TWO_FACTOR_ROLES, value=form.roles.data)
        flash(_("Saved. The requirement applies from each user's next login."), "success")
        return redirect(url_for("admin.security"), 303)
    return render("admin/security.html", form=form, locks=auth_selectors.login_locks(), lift=LockLiftForm(),
                  rules=throttle, status=422 if form.errors else 200)


@bp.post("/admin/security/locks/lift")
@role_required("admin")
def lock_lift():
    """Lift a lock: the failed attempts behind it no longer count."""
    form = LockLiftForm()
    if form.validate_on_submit() and (form.email.data or form.ip.data):
        auth_services.login_lock_lift(email=form.email.data or None, ip=form.ip.data or None)
        flash(_("The lock was lifted."), "success")
    return redirect(url_for("admin.security"), 303)
