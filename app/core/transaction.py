"""One transaction per request: every view commits once on success and rolls back otherwise (STYLE.md 5)."""

from __future__ import annotations

from functools import wraps

from flask import Flask, current_app, g

from app.extensions import db


def keep_changes() -> None:
    """Commit this request's writes even though the response is an error (e.g. a failed login attempt)."""
    g.keep_changes = True


def _transactional(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except Exception:
            db.session.rollback()
            raise
        if response.status_code < 400 or g.get("keep_changes"):
            db.session.commit()
        else:
            db.session.rollback()
        return response

    return wrapped


def install(app: Flask) -> None:
    """Wrap every registered view (except static files) in the request transaction."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint == "static" or endpoint.endswith(".static"):
            continue
        app.view_functions[endpoint] = _transactional(view)
