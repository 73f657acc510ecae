"""The cross-organisation walk over every API route with a token of the other organisation (issue 13): B's private
records answer 404 to A on every route that names them, and no private value of B (a marker planted in every
organisation/personal column of B's rows, tests/access/test_privacy_walk.py) reaches A through any API answer."""

from __future__ import annotations

import re

from app.extensions import db
from tests.access.test_privacy_walk import PREFIX, _plant
from tests.access.world import build_world
from tests.api.conftest import ApiClient, make_token

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def _api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api_")]


def _fill(rule, values: dict) -> str | None:
    url = rule.rule
    for _converter, name in PARAM.findall(rule.rule):
        if name not in values:
            return None
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
    return url


def test_every_api_route_naming_another_organisations_record_answers_404(app, factory):
    world = build_world(app, factory)
    a = ApiClient(app, make_token(app, world.a))
    checked = set()
    for rule in _api_rules(app):
        names = {name for _, name in PARAM.findall(rule.rule)}
        if not names & set(world.private):
            continue
        url = _fill(rule, {**world.shared, **world.own, **world.private})
        assert url is not None, rule.rule
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = a.get(url) if method == "GET" else a.send(method, url, {}, headers={"If-Match": "*"})
            assert response.status_code == 404, (method, url, response.status_code)
            assert response.mimetype == "application/problem+json"
            checked.add((method, rule.rule))
    assert len(checked) >= 8, checked


def test_no_private_value_of_another_organisation_reaches_any_api_answer(app, factory):
    world = build_world(app, factory)
    with app.app_context():
        planted, touched = _plant(world.b.org.id)
        db.session.commit()
    assert touched > 30 and planted
    a = ApiClient(app, make_token(app, world.a))
    values = {**world.shared, **world.own}
    for param, value in world.private.items():
        values.setdefault(param, value)
    visited, leaks = set(), []
    for rule in _api_rules(app):
        if "GET" not in rule.methods:
            continue
        url = _fill(rule, values)
        assert url is not None, rule.rule
        for query in ("", "?status=all", "?side=all&limit=200", "?scope=organisation&show=all"):
            response = a.get(url + query)
            assert response.status_code in (200, 404, 422), (url + query, response.status_code)
            body = response.get_data(as_text=True)
            found = re.findall(rf"{PREFIX}\d{{5}}", body) + [m for m in world.markers if m in body]
            if found:
                leaks.append((url + query, found[:3]))
            visited.add(rule.endpoint)
    assert not leaks, leaks
    assert visited == {rule.endpoint for rule in _api_rules(app) if "GET" in rule.methods}
    b = ApiClient(app, make_token(app, world.b))  # the control: B reads its own planted values through the API
    assert PREFIX in b.get("/api/v1/touchpoints").get_data(as_text=True)
    assert PREFIX in b.get("/api/v1/placements?status=all").get_data(as_text=True)


def test_another_organisations_follow_up_cannot_be_marked_done_by_a_quick_log(app, factory):
    world = build_world(app, factory)
    a = ApiClient(app, make_token(app, world.a))
    response = a.post("/api/v1/touchpoints", {
        "employer_id": world.shared["employer_id"], "channel": "call", "occurred_on": "2026-01-05",
        "summary": "Soitto", "done_follow_up_id": world.private["follow_up_id"]})
    assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "done_follow_up_id"
