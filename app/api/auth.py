"""Bearer authentication of every JSON API request: a personal access token, never the browser's session cookie.

Runs before each API view: the session's user is never loaded (a cookie alone authenticates nothing here), the token
is looked up by its hash and its use counted in the database (throttling shared by every worker), and the token's
user becomes `current_user` for the services, the selectors and the audit trail (which names the token)."""

from __future__ import annotations

from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api import services
from app.api.problems import Problem
from app.api.schemas.common import MAX_ID
from app.auth import selectors as auth_selectors
from app.core.audit import set_via
from app.core.db import SAFE_METHODS, utcnow
from app.extensions import db, login_manager

MAX_BODY = 64 * 1024
DEFAULT_RATE = 120  # requests per token per minute
JSON_TYPES = ("application/json",)


def _challenge(error: str | None = None, **extra) -> dict:
    value = 'Bearer realm="ratko"' + (f', error="{error}"' if error else "")
    value += "".join(f', {key}="{item}"' for key, item in extra.items())
    return {"WWW-Authenticate": value}


def anonymous() -> None:
    """Make the request anonymous before anything can look at the session cookie."""
    g._login_user = login_manager.anonymous_user()


def guard() -> None:
    """Authenticate the bearer token, throttle it, check its scope and the body's type and size."""
    anonymous()
    request.max_content_length = MAX_BODY
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Problem(401, _("Send a personal access token in the Authorization header: Bearer <token>."),
                      headers=_challenge())
    use = services.token_use(secret.strip())
    if use is None:
        raise Problem(401, _("The token is unknown, expired or revoked."), headers=_challenge("invalid_token"))
    limit = current_app.config.get("API_RATE_PER_MINUTE", DEFAULT_RATE)
    g.rate = (limit, max(0, limit - use.count))
    if use.count > limit:
        wait = max(1, 60 - utcnow().second)
        raise Problem(429, _("At most %(limit)d requests a minute per token.", limit=limit),
                      headers={"Retry-After": str(wait)})
    user = auth_selectors.user_get(use.user_id)
    if user is None or not user.active:
        raise Problem(401, _("The token's user can no longer log in."), headers=_challenge("invalid_token"))
    db.session.expunge(user)  # loaded once: the request's commit must not expire it (a reload after the answer)
    g._login_user, g.api_token = user, use
    if any(isinstance(value, int) and not 0 < value <= MAX_ID for value in (request.view_args or {}).values()):
        raise Problem(404)  # no record has such an id (and the database could not even compare it)
    set_via(f"api_token:{use.token_id}")
    if request.method not in SAFE_METHODS:
        if use.scope != "write":
            raise Problem(403, _("This token may only read. Make a token with the write scope to change data."),
                          headers=_challenge("insufficient_scope", scope="write"))
        if request.mimetype not in JSON_TYPES and not request.mimetype.endswith("+json"):
            raise Problem(415, _("Send the body as JSON (Content-Type: application/json)."))


def finish(response):
    """The rate-limit headers of a token's request."""
    if g.get("rate"):
        limit, remaining = g.rate
        response.headers["RateLimit-Limit"], response.headers["RateLimit-Remaining"] = str(limit), str(remaining)
    return response


def forget(_error=None) -> None:
    """The next request on this thread names no token."""
    if g.get("api_token") is not None:
        set_via(None)


def roles_required(*roles: str):
    """Allow the API view only to users holding one of `roles` (admin always passes), as the web's role_required."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not (current_user.has_role("admin") or any(current_user.has_role(r) for r in roles)):
                raise Problem(403, _("Your role does not allow this."))
            return view(*args, **kwargs)

        wrapped.api_roles = roles
        return wrapped

    return decorator
