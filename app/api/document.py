"""The API object (flask-smorest) and the OpenAPI 3.1 document generated from the views and their marshmallow
schemas, completed with what every operation shares: bearer authentication, problem documents for errors,
cursor links, ETag and If-Match, Idempotency-Key and the rate limit."""

from __future__ import annotations

import copy

from flask import Flask, current_app
from flask_smorest import Api

from app.api.schemas.common import ProblemSchema

TITLE = "RATKO workbench API"
DESCRIPTION = (
    "The employer network's data for scripts and other systems: the same records, rules and privacy as the web. "
    "Authenticate with a personal access token (`Authorization: Bearer rtk_...`), made on the account page or with "
    "`flask --app app tokens create`. A read token may only read. Lists page with cursors: follow `next` (also in "
    "the `Link` header). Records carry an `ETag`; an update sends it back in `If-Match` and answers 412 when someone "
    "changed the record in between. A create may carry an `Idempotency-Key`: a retry with the same key gets the "
    "first answer and creates nothing. Errors are RFC 9457 problem documents (application/problem+json) naming each "
    "refused field with the message the web form shows.")
PROBLEM = "application/problem+json"
RESPONSES = {
    "400": "The request could not be understood (malformed JSON, a cursor not of this list, a bad header).",
    "401": "No valid token: missing, unknown, expired or revoked.",
    "403": "The token's scope or the user's role does not allow this.",
    "404": "Not found, or not visible to my organisation, or past the last page.",
    "409": "A request with the same Idempotency-Key is still running.",
    "412": "The record changed since the ETag sent in If-Match.",
    "413": "The body is larger than 64 KB.",
    "415": "The body is not JSON.",
    "422": "Refused values: `errors` names each field with its message.",
    "428": "If-Match is missing.",
    "429": "Too many requests for this token in this minute (see Retry-After).",
}


class RatkoApi(Api):
    """flask-smorest's Api, without its app-wide error handler: the web keeps its own error pages and the API's
    blueprints answer problem documents (app.api.problems)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        return None


def build(app: Flask) -> RatkoApi:
    """The API object with the document's settings; blueprints are registered by the caller."""
    for key, value in {"API_TITLE": TITLE, "API_VERSION": "1", "OPENAPI_VERSION": "3.1.0",
                       "OPENAPI_URL_PREFIX": None}.items():
        app.config.setdefault(key, value)
    return RatkoApi(app, spec_kwargs={"info": {"description": DESCRIPTION}})


def document() -> dict:
    """The OpenAPI document, built once per process."""
    store = current_app.extensions.setdefault("ratko_api", {})
    if "document" not in store:
        store["document"] = _complete(copy.deepcopy(store["api"].spec.to_dict()))
    return store["document"]


def _complete(doc: dict) -> dict:
    components = doc.setdefault("components", {})
    components.setdefault("securitySchemes", {})["bearerAuth"] = {
        "type": "http", "scheme": "bearer", "description": "A personal access token (rtk_...)."}
    doc["security"] = [{"bearerAuth": []}]
    doc["servers"] = [{"url": "/"}]
    responses = components.setdefault("responses", {})
    responses.pop("DEFAULT_ERROR", None)
    for status, description in RESPONSES.items():
        responses[f"Problem{status}"] = {"description": description,
                                         "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for response in responses.values():
        _problem_content(response)
    components.get("schemas", {}).pop("PaginationMetadata", None)  # flask-smorest's own, unused here
    for tag in doc.get("tags", []):
        tag["name"] = tag["name"].removeprefix("api_")
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                _operation(path, method, operation)
                _closed(operation, components.get("schemas", {}))
    return doc


def _closed(operation: dict, schemas: dict) -> None:
    """Request bodies refuse unknown fields (422): say so in their schemas."""
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    pending = [schema]
    while pending:
        current = pending.pop()
        if "$ref" in current:
            current = schemas.get(current["$ref"].rsplit("/", 1)[-1], {})
        if current.get("type") == "object" and "additionalProperties" not in current:
            current["additionalProperties"] = False
            pending += [prop for prop in current.get("properties", {}).values() if isinstance(prop, dict)]
        for key in ("anyOf", "oneOf", "allOf"):
            pending += current.get(key, [])


def _problem_content(response: dict) -> None:
    content = response.get("content") or {}
    if "application/json" in content and "Problem" in str(content["application/json"].get("schema", "")):
        response["content"] = {PROBLEM: content.pop("application/json")}


def _operation(path: str, method: str, operation: dict) -> None:
    operation["tags"] = [tag.removeprefix("api_") for tag in operation.get("tags", [])]
    operation["summary"] = " ".join(operation.get("summary", "").split())
    responses = operation["responses"]
    responses.pop("default", None)
    wanted = ["400", "401", "429"]
    if "{" in path or any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
        wanted.append("404")
    if method in ("post", "patch", "put", "delete"):
        wanted += ["403", "413", "415", "422"]
    if method == "post":
        wanted.append("409")
        operation.setdefault("parameters", []).append({
            "in": "header", "name": "Idempotency-Key", "required": False,
            "description": "Any unique string (a UUID): a retry with the same key gets the first answer.",
            "schema": {"type": "string", "pattern": "^[!-~]([ -~]{0,253}[!-~])?$"}})
    if method == "patch":
        wanted += ["412", "428"]
        operation.setdefault("parameters", []).append({
            "in": "header", "name": "If-Match", "required": True,
            "description": "The ETag of the record as you read it.", "schema": {"type": "string"}})
    for status in wanted:
        responses[status] = {"$ref": f"#/components/responses/Problem{status}"}
    for status, response in responses.items():
        if status.startswith("2") and "$ref" not in response:
            _success_headers(path, method, status, response)


def _success_headers(path: str, method: str, status: str, response: dict) -> None:
    headers = response.setdefault("headers", {})
    headers["RateLimit-Remaining"] = {"description": "Requests this token may still make this minute.",
                                      "schema": {"type": "integer"}}
    schema = str(response.get("content", {}).get("application/json", {}).get("schema", ""))
    if "Page" in schema:
        headers["Link"] = {"description": 'The next page: <url>; rel="next" (absent on the last page).',
                           "schema": {"type": "string"}}
    elif method != "get" or "{" in path:
        headers["ETag"] = {"description": "The record's version, for If-Match.", "schema": {"type": "string"}}
    if status == "201":
        headers["Location"] = {"description": "The new record.", "schema": {"type": "string"}}
