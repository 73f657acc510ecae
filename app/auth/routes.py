"""Login, logout, my account and my sessions."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.auth import bp, flow, selectors, services
from app.auth.forms import LanguageForm, LoginForm, PasswordForm
from app.auth.passwords import context_words, verify_password
from app.core.auth import public
from app.core.htmx import render
from app.core.registry import regions
from app.core.transaction import keep_changes


def too_many(wait) -> str:
    """The throttling message, with the wait in the user's language."""
    return _("Too many failed attempts from this device. Wait %(wait)s and try again.",
             wait=format_timedelta(wait, threshold=1.1, add_direction=False))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; check e-mail and password, then ask for the second factor or log in."""
    form = LoginForm(next=request.args.get("next", ""))
    page = {"form": form, "demo": current_app.config["DEMO_MODE"]}
    if not form.validate_on_submit():
        return render("auth/login.html", **page)
    wait = selectors.login_wait(email=form.email.data, ip=flow.client_ip())
    if wait:
        return render("auth/login.html", **page, status=429, error=too_many(wait))
    user = services.login_attempt(email=form.email.data, password=form.password.data, ip=flow.client_ip(),
                                  demo_mode=current_app.config["DEMO_MODE"])
    if user is None:
        keep_changes()
        return render("auth/login.html", **page, status=401, error=_("Wrong e-mail or password."))
    return flow.after_password(user, form.next.data)


@bp.post("/logout")
def logout():
    """End the session on the server and in the browser."""
    services.session_end(token=session.get("auth_token"))
    logout_user()
    session.clear()
    response = redirect(url_for("auth.login"), 303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/account")
def account():
    """My account: language, password, second factors, my sessions and the regions other packages add."""
    config = current_app.config
    return render("auth/account.html", form=LanguageForm(language=current_user.language or ""),
                  account_regions=regions("account"), factors=selectors.factors_of(current_user.id),
                  required=selectors.two_factor_required(current_user), current_session_id=g.get("auth_session_id"),
                  sessions=selectors.sessions_of_user(current_user.id, idle=config["SESSION_IDLE_TIMEOUT"],
                                                      absolute=config["SESSION_ABSOLUTE_TIMEOUT"]))


@bp.post("/sessions/<int:session_id>/end")
def session_end(session_id: int):
    """End one of my other sessions (another device, a forgotten browser)."""
    if session_id == g.get("auth_session_id") or not services.session_revoke(user=current_user, session_id=session_id):
        abort(404)
    flash(_("The session was ended."), "success")
    return redirect(url_for("auth.account") + "#sessions", 303)


@bp.post("/sessions/end-others")
def sessions_end_others():
    """End every session of mine but this one."""
    services.sessions_revoke_all(user=current_user, keep_id=g.get("auth_session_id"))
    flash(_("Your other sessions were ended."), "success")
    return redirect(url_for("auth.account") + "#sessions", 303)


@bp.post("/language")
@public
def language():
    """Switch the UI language (stored on the user, or in the session before login)."""
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.user_set_language(user=current_user, language=form.language.data)
        session["language"] = form.language.data or None
    return redirect(flow.safe_next(_back()), 303)


def _back() -> str:
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return url_for("home.dashboard")
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change my password (required after an administrator's reset); my other sessions end."""
    user = current_user
    organisation = user.organisation
    form = PasswordForm(context=context_words(email=user.email, name=user.name, organisation_name=organisation.name,
                                              organisation_slug=organisation.slug))
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.user_set_password(user=user, password=form.new.data)
            services.sessions_revoke_all(user=user, keep_id=g.get("auth_session_id"))
            flash(_("Your password was changed. Your other sessions were ended."), "success")
            return redirect(url_for("auth.account"), 303)
    return render("auth/password.html", form=form, status=422 if form.errors else 200)
