"""Login, logout, my account."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp, services
from app.auth.forms import LanguageForm, LoginForm, PasswordForm
from app.auth.passwords import verify_password
from app.core.auth import public
from app.core.htmx import render
from app.core.registry import regions
from app.core.transaction import keep_changes
from app.core.urls import safe_path


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (RELIABILITY.md D3)."""
    return safe_path(target, url_for("home.dashboard"))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the login form; log in with e-mail and password."""
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render("auth/login.html", form=form, demo=current_app.config["DEMO_MODE"])
    ip = request.remote_addr or ""
    if services.login_throttled(email=form.email.data, ip=ip):
        return render("auth/login.html", form=form, demo=current_app.config["DEMO_MODE"], status=429,
                      error=_("Too many failed attempts. Wait 15 minutes and try again."))
    user = services.login_attempt(email=form.email.data, password=form.password.data, ip=ip,
                                  demo_mode=current_app.config["DEMO_MODE"])
    if user is None:
        keep_changes()
        return render("auth/login.html", form=form, demo=current_app.config["DEMO_MODE"], status=401,
                      error=_("Wrong e-mail or password."))
    session.clear()
    session["auth_token"] = services.session_start(user=user, ip=ip, user_agent=request.user_agent.string)
    login_user(user)
    return redirect(_safe_next(form.next.data), 303)


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
    """My account: language, password and the regions other packages add (calendar link)."""
    form = LanguageForm(language=current_user.language or "")
    return render("auth/account.html", form=form, account_regions=regions("account"))


@bp.post("/language")
@public
def language():
    """Switch the UI language (stored on the user, or in the session before login)."""
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.user_set_language(user=current_user, language=form.language.data)
        session["language"] = form.language.data or None
    return redirect(_safe_next(_back()), 303)


def _back() -> str:
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.host:
        return url_for("home.dashboard")
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change my password (required after an administrator's reset)."""
    context = (current_user.email.split("@")[0], current_user.name, current_user.organisation.slug)
    form = PasswordForm(context=context)
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("The current password is wrong."))
        else:
            services.user_set_password(user=current_user, password=form.new.data)
            services.sessions_revoke_all(user=current_user)
            session["auth_token"] = services.session_start(user=current_user, ip=request.remote_addr or "",
                                                           user_agent=request.user_agent.string)
            flash(_("Your password was changed. Your other sessions were ended."), "success")
            return redirect(url_for("auth.account"), 303)
    return render("auth/password.html", form=form)
