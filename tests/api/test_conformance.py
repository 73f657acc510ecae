"""Every answer is what the document says: the lists and records of the two-organisation world (every kind of
record there is, mine and the network's) validated against their OpenAPI response schemas with every object closed
(no field the schema does not name, none of the wrong type, dates and timestamps in their formats). The answers are
written from plain dicts (app/api/jsonout.py), so this is what keeps them and the schemas the same."""

from __future__ import annotations

import copy
import re

import jsonschema_rs

from app.api.document import document
from tests.access.world import build_world
from tests.api.conftest import ApiClient, make_token

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _closed(node):
    """The schema with every object refusing unknown properties."""
    if isinstance(node, dict):
        node = {key: _closed(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


def test_every_answer_matches_its_documented_schema(app, factory):
    world = build_world(app, factory)
    with app.app_context():
        doc = copy.deepcopy(document())
    components = _closed(doc["components"])
    a = ApiClient(app, make_token(app, world.a))
    values = {**world.own, **world.shared}  # the shared employer has sites; the shared lead is another's
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api_") or "GET" not in rule.methods:
            continue
        url = rule.rule
        for _converter, name in PARAM.findall(rule.rule):
            url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        validator = jsonschema_rs.validator_for({**schema, "components": components}, validate_formats=True)
        for query in ("", "?status=all") if path.endswith(("/leads", "/placements")) else ("",):
            body = a.get(url + query).get_json()
            errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(body)]
            assert not errors, (url + query, errors[:5])
            items = body.get("items") if isinstance(body, dict) else None
            assert items != [], (url + query, "nothing to check: the world should have such records")
            checked += 1
    assert checked >= 22
