"""Walk every registered route as an anonymous visitor and as a user of another organisation (RELIABILITY.md C1, C3).

Nothing private of organisation B may reach organisation A: not through pages, fragments, searches, exports or ids.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests.access.world import build_world

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
PUBLIC = {"static", "healthz", "auth.login", "auth.language", "gdpr.privacy",  # /privacy: the register description
          "home.accessibility",  # the accessibility statement
          "api.openapi_json"}  # the API's contract (no data)
BEARER_ONLY = "api_"  # JSON API endpoints: a session cookie gets 401 there; tests/api/test_walk.py walks them by token
ADMIN_ONLY_PARAMS = {"user_id", "organisation_id"}


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        yield rule


def _fill(rule, values: dict) -> str | None:
    """The rule's URL with values for its parameters, or None if a parameter has no value."""
    url = rule.rule
    for _converter, name in PARAM.findall(rule.rule):
        if name not in values:
            return None
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), url)
    return url


def _text(response) -> str:
    """Response body as text, unzipping .xlsx downloads so their sheets are searched too."""
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


def test_anonymous_visitor_reaches_only_public_endpoints(app, client, factory):
    world = build_world(app, factory)
    values = {**world.shared, **world.private, **world.own, "user_id": world.b.id, "organisation_id": 1,
              "token": "nope", "field": "business_id", "filename": "x"}
    client.refresh_token()
    checked = 0
    for rule in _rules(app):
        url = _fill(rule, values)
        if url is None or rule.endpoint in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.get(url) if method == "GET" else client.post(url) if method == "POST" else \
                client.http.open(url, method=method, headers={"X-CSRFToken": client.token})
            assert response.status_code in (302, 401, 404), (method, url, response.status_code)
            if response.status_code == 302:
                assert "/auth/login" in response.headers["Location"]
            checked += 1
    assert checked > 20


def test_other_organisation_gets_404_for_private_records(app, make_client, factory):
    world = build_world(app, factory)
    a = make_client(login=world.a.email)
    checked = 0
    for rule in _rules(app):
        names = {name for _, name in PARAM.findall(rule.rule)}
        private = names & set(world.private)
        if not private or rule.endpoint.startswith(BEARER_ONLY):
            continue
        url = _fill(rule, {**world.shared, **world.own, **world.private})
        if url is None:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for htmx in (False, "main"):
                response = a.get(url, htmx=htmx) if method == "GET" else a.post(url, htmx=htmx)
                assert response.status_code == 404, (method, url, htmx, response.status_code)
                checked += 1
    assert checked > 50


def test_private_markers_never_reach_another_organisation(app, make_client, factory):
    world = build_world(app, factory)
    a = make_client(login=world.a.email)
    values = {**world.shared, **world.own}
    for param, value in world.private.items():
        values.setdefault(param, value)
    pages = 0
    for rule in _rules(app):
        if "GET" not in rule.methods:
            continue
        url = _fill(rule, values)
        if url is None:
            continue
        for query in ("", "?q=SECRET", "?page=1&archived=1"):
            for htmx in (False, "main"):
                body = _text(a.get(url + query, htmx=htmx))
                for marker in world.markers:
                    assert marker not in body, (url + query, marker)
                pages += 1
    assert pages > 20


@pytest.mark.parametrize("method", ["POST"])
def test_state_changes_without_csrf_token_are_refused(app, make_client, factory, method):
    world = build_world(app, factory)
    a = make_client(login=world.a.email)
    values = {**world.shared, **world.own, "user_id": world.a.id, "organisation_id": 1, "field": "business_id"}
    refused = 0
    for rule in _rules(app):
        if method not in rule.methods or rule.endpoint.startswith(BEARER_ONLY):  # no cookie, so no CSRF there
            continue
        url = _fill(rule, values)
        if url is None:
            continue
        response = a.post(url, csrf=False, htmx="main")
        assert response.status_code == 400, (url, response.status_code)
        refused += 1
    assert refused > 10
