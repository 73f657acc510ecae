"""Request hooks: server-side sessions behind Flask-Login, deny by default, forced password change, forced set-up
of a second factor where the user's role requires one."""

from __future__ import annotations

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import update

from app.auth import selectors
from app.auth.models import AuthSession
from app.core.db import SAFE_METHODS, utcnow, wants_immediate, write_intent
from app.core.htmx import hx_redirect, is_htmx
from app.extensions import csrf, db, login_manager

ALWAYS_ALLOWED = {"static", "auth.login", "auth.logout", "auth.account", "auth.password", "auth.language"}
ENROLMENT_ALLOWED = ALWAYS_ALLOWED | {"auth.security", "auth.totp_setup", "auth.recovery_codes", "auth.passkey_options",
                                     "auth.passkey_add"}


def _touch(session_id: int) -> None:
    """Update last_seen_at: inside the request's own transaction when it writes (a second connection would wait
    for our own SQLite lock), else in a short transaction of its own, so a GET's read never becomes a write."""
    statement = update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=utcnow())
    if wants_immediate():
        db.session.execute(statement)
        return
    with write_intent(), db.engine.connect() as connection, connection.begin():
        connection.execute(statement)


@login_manager.user_loader
def load_user(user_id: str):
    """Return the user of a live server-side session, or None (the session was revoked or timed out)."""
    token = session.get("auth_token")
    if not token:
        return None
    found = selectors.session_user(token=token, idle=current_app.config["SESSION_IDLE_TIMEOUT"],
                                   absolute=current_app.config["SESSION_ABSOLUTE_TIMEOUT"])
    if found is None or str(found[0].id) != user_id:
        return None
    user, auth_session = found
    g.auth_session_id, g.enrolment_required = auth_session.id, auth_session.enrolment_required
    if (utcnow() - auth_session.last_seen_at).total_seconds() > current_app.config["SESSION_TOUCH_SECONDS"]:
        _touch(auth_session.id)
    return user


@login_manager.unauthorized_handler
def unauthorized():
    """Send anonymous visitors to the login page; htmx requests get HX-Redirect instead of a login form."""
    target = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    if is_htmx():
        return hx_redirect(target, status=401)
    return redirect(target)


def install(app: Flask) -> None:
    """Require login for every endpoint not marked public, and a new password where one is due."""
    login_manager.login_message = _l("Please log in.")

    def _require_login():
        if _has_nul():
            abort(400)
        view = app.view_functions.get(request.endpoint or "")
        if view is None or getattr(view, "is_public", False) or request.endpoint == "static":
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.must_change_password and request.endpoint not in ALWAYS_ALLOWED:
            return hx_redirect(url_for("auth.password")) if is_htmx() else redirect(url_for("auth.password"))
        if g.get("enrolment_required") and request.endpoint not in ENROLMENT_ALLOWED:
            return hx_redirect(url_for("auth.security")) if is_htmx() else redirect(url_for("auth.security"))
        roles = getattr(view, "required_roles", None)
        if roles and request.method not in SAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()  # a forged request is refused as such (400), before the role check answers 403
        if roles and not (current_user.has_role("admin") or any(current_user.has_role(r) for r in roles)):
            abort(403)  # before any other package's hook can look at the target (issue 14: guards before rules)
        return None

    # First of all hooks, whichever package registered its own earlier.
    app.before_request_funcs.setdefault(None, []).insert(0, _require_login)


def _has_nul() -> bool:
    """A NUL byte in the path, the query or a form field (PostgreSQL refuses it in text; nobody types one)."""
    if "\x00" in request.path:
        return True
    sources = [request.args]
    if request.method not in ("GET", "HEAD") and request.mimetype in ("application/x-www-form-urlencoded",
                                                                       "multipart/form-data"):
        sources.append(request.form)
    return any("\x00" in key or any("\x00" in value for value in values)
               for source in sources for key, values in source.lists())
