"""Bad input answers 4xx with a problem document and writes nothing: malformed JSON, wrong types, unknown fields,
oversized bodies, a body that is not JSON, pages past the end; and a write refused at the last moment (the flush)
leaves nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.employers.models import Relationship
from app.extensions import db
from app.leads.models import Lead
from app.touchpoints.forms import QuickLogForm
from app.touchpoints.models import Touchpoint


@pytest.fixture
def setting(app, factory, api_client):
    """A coordinator's write token and an employer."""
    user = factory.user(roles=("coordinator",))
    return api_client(user), factory.employer("Ruokala Oy")


def _counts(app) -> tuple[int, ...]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (Touchpoint, Relationship, Lead, AuditEvent))


def _problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["type"]
    return body


def test_malformed_json_is_a_400_problem(app, setting):
    client, employer = setting
    before = _counts(app)
    for raw in ('{"employer_id": 1,', "not json", "[1, 2", '{"a": }', "\xff\xfe"):
        _problem(client.post("/api/v1/touchpoints", raw=raw), 400)
    assert _counts(app) == before


def test_wrong_types_unknown_fields_and_nulls_are_422_problems_naming_each_field(app, setting):
    client, employer = setting
    before = _counts(app)
    body = _problem(client.post("/api/v1/touchpoints", {
        "employer_id": "one", "channel": 5, "occurred_on": "yesterday", "summary": None, "colour": "red"}), 422)
    assert {e["field"] for e in body["errors"]} == {"employer_id", "channel", "occurred_on", "summary", "colour"}
    assert all(e["in"] == "body" and e["message"] for e in body["errors"])
    body = _problem(client.post("/api/v1/touchpoints", ["a list"]), 422)
    assert body["errors"]
    body = _problem(client.post("/api/v1/touchpoints", {"employer_id": employer.id, "channel": "telepathy",
                                                        "occurred_on": "2026-01-05", "summary": "x",
                                                        "next_step": {"text": "y", "due_on": "2026-01-09",
                                                                      "extra": 1}}), 422)
    assert {e["field"] for e in body["errors"]} == {"channel", "next_step.extra"}
    body = _problem(client.post("/api/v1/leads", {"employer_id": employer.id, "title": "x", "kind": "open_vacancy",
                                                  "hours_per_week": "many", "hold_days": 1.5}), 422)
    assert {e["field"] for e in body["errors"]} == {"hours_per_week", "hold_days"}
    assert _counts(app) == before


def test_an_oversized_body_is_a_413_problem(app, setting):
    client, employer = setting
    before = _counts(app)
    big = {"employer_id": employer.id, "channel": "call", "occurred_on": "2026-01-05", "summary": "x" * 70_000}
    _problem(client.post("/api/v1/touchpoints", big), 413)
    assert _counts(app) == before


def test_a_body_that_is_not_json_is_a_415_problem(app, setting):
    client, employer = setting
    response = client.post("/api/v1/touchpoints", raw="employer_id=1&channel=call",
                           content_type="application/x-www-form-urlencoded")
    _problem(response, 415)


def test_pages_past_the_end_unknown_paths_and_wrong_methods_are_problems(app, setting, api_client):
    client, employer = setting
    _problem(client.get("/api/v1/employers/999999"), 404)
    _problem(client.get("/api/v1/employers/999999999999999999999999"), 404)
    _problem(client.get("/api/v1/nothing-here"), 404)
    body = _problem(client.send("DELETE", "/api/v1/employers"), 405)
    assert body["instance"] == "/api/v1/employers"
    assert "GET" in client.send("DELETE", "/api/v1/employers").headers["Allow"]
    _problem(api_client(None).get("/api/v1/employers"), 401)
    _problem(client.get("/api/v1/employers?status=nonsense"), 422)
    _problem(client.get("/api/v1/employers?cursor=nonsense"), 400)
    _problem(client.patch("/api/v1/leads/1", {"title": "x"}), 404)


def test_a_write_refused_at_the_flush_leaves_nothing_half_written(app, setting, monkeypatch):
    """The form normally refuses diagnosis words; with its check skipped the flush refuses them (the last line),
    after the relationship was already started in the same request: everything is rolled back."""
    client, employer = setting
    monkeypatch.setattr(QuickLogForm, "guarded_fields", lambda self: {})
    before = _counts(app)
    body = _problem(client.post("/api/v1/touchpoints", {"employer_id": employer.id, "channel": "call",
                                                        "occurred_on": "2026-01-05",
                                                        "summary": "Hän sairastaa skitsofreniaa"}), 422)
    assert body["errors"][0]["field"] == "summary"
    assert _counts(app) == before
