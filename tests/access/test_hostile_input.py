"""Hostile input answers 4xx, never 500 (issue 14 items 5 and 6): NUL bytes over every route, role checks before any
other package's hook."""

from __future__ import annotations

from tests.access.test_routes import _fill, _rules
from tests.access.world import build_world


def test_a_nul_byte_in_any_query_or_form_field_is_a_400_on_every_route(app, make_client, factory):
    world = build_world(app, factory)
    values = {**world.shared, **world.own, "user_id": world.a.id, "organisation_id": world.a.organisation_id,
              "token": "nope", "field": "business_id", "filename": "x"}
    c = make_client(login=world.a.email)
    checked = 0
    for rule in _rules(app):
        url = _fill(rule, values)
        if url is None:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                response = c.get(url, query_string={"q": "karna\x00", "page": "1\x00"})
            else:
                response = c.post(url, data={"name": "Oy\x00", "summary": "\x00"})
            assert response.status_code == 400, (method, url, response.status_code)
            checked += 1
    assert checked > 100


def test_a_coach_deactivating_a_colleague_is_refused_before_any_hook_names_the_colleague(app, make_client, factory):
    org = factory.org()
    coach = factory.user(org, roles=("coach",))
    colleague = factory.user(org, roles=("coach",), name="Salainen Kollega")
    employer = factory.employer()
    factory.relationship(employer, colleague)  # the hand-over hook would redirect with the colleague's name
    c = make_client(login=coach.email)
    response = c.post(f"/admin/users/{colleague.id}/active", data={"active": "0"})
    assert response.status_code == 403
    assert "Salainen" not in response.get_data(as_text=True) and "Location" not in response.headers
