"""The reference page's view of the OpenAPI document: areas with their operations (parameters, body, answers) and
the schemas, as plain rows a template prints (no script, so the page works under the strict CSP)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Row:
    """One parameter or property: name, where, type, whether required, and what it is."""

    name: str
    type: str
    required: bool = False
    where: str = ""
    description: str = ""
    link: str | None = None  # the anchor of a schema the type names


@dataclass
class Operation:
    """One endpoint and method."""

    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Row] = field(default_factory=list)
    body: str | None = None
    responses: list[tuple[str, str, str | None]] = field(default_factory=list)


def anchor(text: str) -> str:
    """An id for the page."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict) -> tuple[str, str | None]:
    """A schema's type as people read it ("string or null", "array of Employer", "one of: a, b") and the anchor
    of the schema it names."""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return name, "schema-" + anchor(name)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            parts = [type_of(part) for part in schema[key]]
            return " or ".join(p[0] for p in parts), next((p[1] for p in parts if p[1]), None)
    kinds = schema.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    link = None
    words = []
    for kind in kinds:
        if kind == "array":
            inner, link = type_of(schema.get("items", {}))
            words.append(f"array of {inner}")
        elif kind != "null":
            words.append(kind + (f" ({schema['format']})" if schema.get("format") else ""))
    if "null" in kinds:
        words.append("null")
    text = " or ".join(words) or "any"
    enum = [value for value in schema.get("enum", []) if value is not None]
    if enum:
        text += ": " + ", ".join(str(value) for value in enum)
    return text, link


def properties(schema: dict) -> list[Row]:
    """The rows of an object schema."""
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        kind, link = type_of(prop)
        limits = [f"{label} {prop[key]}" for key, label in (("minLength", "min length"), ("maxLength", "max length"),
                                                             ("minimum", "min"), ("maximum", "max")) if key in prop]
        description = " ".join(part for part in (prop.get("description", ""), "; ".join(limits)) if part)
        rows.append(Row(name=name, type=kind, required=name in required, description=description, link=link))
    return rows


def _operation(path: str, method: str, item: dict) -> Operation:
    parameters = []
    for param in item.get("parameters", []):
        kind, link = type_of(param.get("schema", {}))
        parameters.append(Row(name=param["name"], type=kind, required=bool(param.get("required")),
                              where=param.get("in", ""), description=param.get("description", ""), link=link))
    body = None
    content = item.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = type_of(content["application/json"].get("schema", {}))[0]
    responses = []
    for status, response in item.get("responses", {}).items():
        description = response.get("description", "")
        name = None
        if "$ref" in response:
            name = "Problem"
            description = ""
        for media in response.get("content", {}).values():
            if "$ref" in media.get("schema", {}):
                name = _ref_name(media["schema"]["$ref"])
        responses.append((status, description, name))
    return Operation(anchor=anchor(f"{method} {path}"), method=method.upper(), path=path,
                     summary=item.get("summary", ""), description=item.get("description", ""),
                     parameters=parameters, body=body, responses=sorted(responses))


def view(doc: dict) -> dict:
    """Everything the reference page shows."""
    components = doc.get("components", {})
    areas = {tag["name"]: {"name": tag["name"], "anchor": "area-" + anchor(tag["name"]),
                           "description": tag.get("description", ""), "operations": []} for tag in doc.get("tags", [])}
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["other"])[0]
                area = areas.setdefault(tag, {"name": tag, "anchor": "area-" + anchor(tag), "description": "",
                                              "operations": []})
                area["operations"].append(_operation(path, method, item[method]))
    responses = {name: (response.get("description", "")) for name, response in components.get("responses", {}).items()
                 if name.startswith("Problem")}
    return {"title": doc["info"]["title"], "version": doc["info"]["version"], "openapi": doc["openapi"],
            "areas": [area for area in areas.values() if area["operations"]],
            "schemas": [(name, "schema-" + anchor(name), schema.get("description", ""), properties(schema))
                        for name, schema in sorted(components.get("schemas", {}).items())],
            "statuses": sorted((name.removeprefix("Problem"), text) for name, text in responses.items())}
