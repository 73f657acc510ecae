"""Login security for the network administrator: which roles need two-factor login, and login locks to lift."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from app.admin import bp
from app.admin.forms import LockLiftForm, TwoFactorPolicyForm
from app.auth import selectors as auth_selectors
from app.auth import services as auth_services
from app.auth import throttle
from app.core.auth import role_required
from app.core.htmx import render


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
