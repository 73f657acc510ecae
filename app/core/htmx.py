"""One place decides full page or fragment (STYLE.md practice 9), and the only place that reads htmx's HX-* request
headers (no flask-htmx: these few lines are all of it the app needs)."""

from __future__ import annotations

import json

from flask import Response, make_response, render_template, request
from jinja2_fragments.flask import render_block


def hx_target() -> str | None:
    """The id of the element htmx will swap into, for a real (not boosted, not history) htmx request."""
    if request.headers.get("HX-Request") != "true":
        return None
    if request.headers.get("HX-Boosted") == "true" or request.headers.get("HX-History-Restore-Request") == "true":
        return None
    return request.headers.get("HX-Target")


def is_htmx() -> bool:
    """True for any htmx request (use only for presentation, never for authorisation)."""
    return request.headers.get("HX-Request") == "true"


def render(template: str, *, blocks: dict[str, str] | None = None, status: int = 200,
           trigger: dict | None = None, **context) -> Response:
    """Render a full page, or just the block mapped to the current HX-Target."""
    target = hx_target()
    block = (blocks or {}).get(target) if target else None
    body = render_block(template, block, **context) if block else render_template(template, **context)
    response = make_response(body, status)
    response.vary.update(("HX-Request", "HX-Target"))
    if trigger:
        response.headers["HX-Trigger"] = json.dumps(trigger)
    return response


def render_fragment(template: str, *, status: int = 200, trigger: dict | None = None, **context) -> Response:
    """Render a partial template (an `_underscore.html`) as an htmx response."""
    response = make_response(render_template(template, **context), status)
    response.vary.update(("HX-Request", "HX-Target"))
    if trigger:
        response.headers["HX-Trigger"] = json.dumps(trigger)
    return response


def hx_redirect(url: str, status: int = 200) -> Response:
    """Send the browser to `url`: a client-side redirect for htmx, a 303 otherwise."""
    if is_htmx():
        response = make_response("", status)
        response.headers["HX-Redirect"] = url
        return response
    response = make_response("", 303)
    response.headers["Location"] = url
    return response
