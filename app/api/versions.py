"""ETag and If-Match: a record's ETag is its version (the optimistic locking the web forms use); an update must send
it back in If-Match, and the service refuses a stale one exactly as it refuses a stale form (412 here)."""

from __future__ import annotations

from flask import Response, request
from flask_babel import gettext as _

from app.api.jsonout import json_response
from app.api.problems import Problem


def etag_of(obj) -> str:
    """The quoted ETag of a versioned record."""
    return f'"{obj.version}"'


def with_etag(body, obj, status: int = 200, headers: dict | None = None) -> Response:
    """A record's response with its ETag."""
    return json_response(body, status, {"ETag": etag_of(obj), **(headers or {})})


def not_modified(obj) -> Response | None:
    """304 when the client's If-None-Match already names the record's current version."""
    if request.if_none_match and request.if_none_match.contains_weak(str(obj.version)):
        response = Response(status=304)
        response.headers["ETag"] = etag_of(obj)
        return response
    return None


def expected_version(obj) -> int | None:
    """The version an update was based on, from If-Match (428 without it). A tag that is not the current version is
    passed on as it is, so the service refuses the stale write (412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise Problem(428, _("Send the ETag of the record you changed in the If-Match header (GET it first)."),
                      errors=[{"field": "If-Match", "in": "header", "message": _("Missing.")}])
    if header == "*":
        return obj.version
    versions = [int(tag) for tag in request.if_match.as_set(include_weak=True) if tag.isdigit()]
    if obj.version in versions:
        return obj.version
    return versions[0] if versions else None
