"""Errors of the JSON API as RFC 9457 problem documents (application/problem+json): a type, a title, the status, a
detail in the user's language and, for refused input, `errors` naming each field with its message."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import Response, json, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

log = logging.getLogger("ratko.api")
MEDIA_TYPE = "application/problem+json"
DOCS = "/api/reference#problem-"  # every problem type is explained on the reference page
TYPES = ("invalid-request", "validation", "unauthorized", "insufficient-scope", "not-found", "method-not-allowed",
         "not-acceptable", "conflict", "stale-version", "precondition-required", "too-large", "unsupported-media-type",
         "idempotency-key-reused", "rate-limited", "server-error")
STATUS_TYPES = {400: "invalid-request", 401: "unauthorized", 403: "insufficient-scope", 404: "not-found",
                405: "method-not-allowed", 406: "not-acceptable", 409: "conflict", 412: "stale-version",
                413: "too-large", 415: "unsupported-media-type", 422: "validation", 428: "precondition-required",
                429: "rate-limited"}


def titles() -> dict[str, str]:
    """Each problem type's title in the user's language."""
    return {
        "invalid-request": _("The request could not be understood."),
        "validation": _("Some values were refused."),
        "unauthorized": _("A valid access token is needed."),
        "insufficient-scope": _("This token or user may not do this."),
        "not-found": _("Not found."),
        "method-not-allowed": _("This action is not allowed here."),
        "not-acceptable": _("The API answers only in JSON."),
        "conflict": _("The request conflicts with another one."),
        "stale-version": _("Someone else changed this in the meantime."),
        "precondition-required": _("Send the record's ETag in If-Match."),
        "too-large": _("The request body is too large."),
        "unsupported-media-type": _("Send the body as JSON (Content-Type: application/json)."),
        "idempotency-key-reused": _("This Idempotency-Key was used for a different request."),
        "rate-limited": _("Too many requests. Please wait a moment and try again."),
        "server-error": _("Something went wrong on our side."),
    }


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(self, status: int, detail: Any = None, *, kind: str | None = None, errors: list | None = None,
                 headers: dict | None = None, **extra):
        super().__init__(str(detail or kind or status))
        self.status, self.detail, self.errors, self.headers, self.extra = status, detail, errors, headers or {}, extra
        self.kind = kind or STATUS_TYPES.get(status, "server-error" if status >= 500 else "invalid-request")


def field_error(field: str | None, message: Any, location: str = "body") -> dict:
    """One refused value: where it was and why (the message the web form shows for it)."""
    return {"field": field, "in": location, "message": str(message)}


def response(problem: Problem) -> Response:
    """The problem as a response."""
    body = {"type": DOCS + problem.kind, "title": titles().get(problem.kind, problem.kind),
            "status": problem.status, "instance": request.path}
    if problem.detail:
        body["detail"] = str(problem.detail)
    if problem.errors:
        body["errors"] = problem.errors
    body.update(problem.extra)
    result = Response(json.dumps(body, ensure_ascii=False), status=problem.status, mimetype=MEDIA_TYPE)
    for name, value in problem.headers.items():
        result.headers[name] = value
    return result


def flatten(messages: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested marshmallow or WTForms messages as (dotted field, message) pairs."""
    if isinstance(messages, dict):
        pairs = []
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix and key != "_schema" else (prefix or ("" if key == "_schema" else key))
            pairs += flatten(value, str(name))
        return pairs
    if isinstance(messages, list | tuple):
        pairs = []
        for index, value in enumerate(messages):
            if isinstance(value, dict | list | tuple):
                pairs += flatten(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                pairs.append((prefix, str(value)))
        return pairs
    return [(prefix, str(messages))]


LOCATIONS = {"json": "body", "query": "query", "headers": "header", "view_args": "path", "path": "path"}


def from_http(error: HTTPException) -> Response:
    """Any HTTP error of an API request (abort(404) from a selector, webargs' refused input, 405, 413) as a problem."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") or data.get("errors")
    errors = None
    if isinstance(messages, dict):
        errors = [field_error(field or None, message, LOCATIONS.get(location, location))
                  for location, inner in messages.items() for field, message in flatten(inner)]
    if errors and status == 400 and any(e["message"] == "Invalid JSON body." for e in errors):
        return response(Problem(400, _("The body is not valid JSON."), kind="invalid-request"))
    headers = {key: value for key, value in error.get_headers() if key.lower() in ("allow", "www-authenticate",
                                                                                    "retry-after")}
    detail = None if errors else _default_detail(error)
    return response(Problem(status, detail, errors=errors, headers=headers))


def _default_detail(error: HTTPException) -> str | None:
    if error.code == 413:
        return _("Send at most %(kb)d KB.", kb=request.max_content_length // 1024) \
            if request.max_content_length else None
    return None


def from_server_error(error: Exception) -> Response:
    """An unexpected failure: logged with an id the user can quote."""
    error_id = uuid.uuid4().hex[:12]
    original = getattr(error, "original_exception", None) or error
    log.error("unhandled API error %s on %s %s", error_id, request.method, request.path, exc_info=original)
    return response(Problem(500, _("Quote this code when you report it: %(code)s.", code=error_id),
                            kind="server-error"))


def as_problem(resp: Response) -> Response:
    """Turn an error response made outside the API's own handlers (routing: 404, 405) into a problem document."""
    if resp.status_code < 400 or resp.mimetype == MEDIA_TYPE:
        return resp
    kept = {key: value for key, value in resp.headers.items()
            if key.lower() in ("allow", "www-authenticate", "retry-after")}
    status = resp.status_code
    problem = response(Problem(status, headers=kept, kind=STATUS_TYPES.get(status) or (
        "server-error" if status >= 500 else "invalid-request")))
    for key, value in resp.headers.items():  # keep the security headers added so far
        if key.lower() not in ("content-type", "content-length") and key not in problem.headers:
            problem.headers[key] = value
    return problem
