"""Authorisation decorators: login is required everywhere unless an endpoint is marked public."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user


def public(view):
    """Mark a view as reachable without logging in (login page, health check, calendar feed)."""
    view.is_public = True
    return view


def role_required(*roles: str):
    """Allow the view only to users holding at least one of `roles` (admin always passes)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                abort(401)
            if not (current_user.has_role("admin") or any(current_user.has_role(r) for r in roles)):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator
