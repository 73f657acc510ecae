"""The steps of a login: the password, then the second factor when the user has one, then the server-side session.
Between the two steps only the user's id, the time and the page to return to wait in the (signed) Flask session; the
session is cleared before a login session starts (RELIABILITY.md B1)."""

from __future__ import annotations

import time

from flask import redirect, request, session, url_for
from flask_login import login_user

from app.auth import selectors, services
from app.auth.models import User
from app.core.urls import safe_path

PENDING = "pending_login"
PENDING_SECONDS = 600  # the second factor must follow the password within ten minutes


def client_ip() -> str:
    """The client's address (behind a proxy, as RATKO_PROXY_HOPS lets ProxyFix read it)."""
    return request.remote_addr or ""


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (RELIABILITY.md D3)."""
    return safe_path(target, url_for("home.dashboard"))


def after_password(user: User, next_url: str | None):
    """The password was right: ask for the second factor, or log in (sending the user to set one up when their
    role requires it)."""
    if selectors.factors_of(user.id).any:
        session.clear()
        session[PENDING] = {"user_id": user.id, "at": int(time.time()), "next": next_url or ""}
        return redirect(url_for("auth.two_factor"), 303)
    target = complete(user, next_url=next_url, second_factor=None,
                      enrolment_required=selectors.two_factor_required(user))
    return redirect(target, 303)


def pending_user() -> User | None:
    """The user who gave the right password and now owes the second factor, or None (none, expired, deactivated)."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = selectors.user_get(pending.get("user_id"))
    if user is None or not user.active or not user.organisation.active:
        return None
    return user


def complete(user: User, *, next_url: str | None, second_factor: str | None, enrolment_required: bool = False) -> str:
    """Record the success, start the login session and return where to go next."""
    ip = client_ip()
    services.attempt_record(email=user.email, ip=ip, success=True)
    session.clear()
    session["auth_token"] = services.session_start(user=user, ip=ip, user_agent=request.user_agent.string,
                                                   second_factor=second_factor,
                                                   enrolment_required=enrolment_required)
    login_user(user)
    return safe_next(next_url)


def pending_next() -> str:
    """Where the pending login was going."""
    pending = session.get(PENDING)
    return pending.get("next", "") if isinstance(pending, dict) else ""
