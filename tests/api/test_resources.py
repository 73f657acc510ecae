"""The API's resources on the two-organisation world: what A reads of its own and the network's records, cursor
paging, ETags and conditional reads, the quick log, leads created and updated with If-Match, idempotent retries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.api import paging
from app.core.dates import today
from app.extensions import db
from app.leads.models import Lead
from app.touchpoints.models import Touchpoint
from tests.access.world import build_world


@pytest.fixture
def world(app, factory):
    """The access tests' world: organisations A and B with records of every package."""
    return build_world(app, factory)


@pytest.fixture
def a(world, api_client):
    """An API client with a write token of A's user (every role)."""
    return api_client(world.a)


def _all_pages(client, url: str) -> list[dict]:
    items, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        items += body["items"]
        assert (body["next"] is None) == ("Link" not in response.headers)
        url, pages = body["next"], pages + 1
    return items


def test_the_directory_pages_with_cursors_to_the_end(app, factory, a):
    for n in range(5):
        factory.employer(f"Sivutus {n} Oy", municipality="Lieksa")
    first = a.get("/api/v1/employers?limit=2&municipality=Lieksa")
    body = first.get_json()
    assert [e["name"] for e in body["items"]] == ["Sivutus 0 Oy", "Sivutus 1 Oy"]
    assert body["next"] and "municipality=Lieksa" in body["next"] and 'rel="next"' in first.headers["Link"]
    names = [e["name"] for e in _all_pages(a, "/api/v1/employers?limit=2&municipality=Lieksa")]
    assert names == [f"Sivutus {n} Oy" for n in range(5)]
    assert [e["name"] for e in a.get("/api/v1/employers?q=sivutus%203").get_json()["items"]] == ["Sivutus 3 Oy"]


def test_cursors_past_the_end_tampered_or_of_another_list_are_refused(app, a):
    with app.test_request_context():
        past = paging.encode("employers", 10**9)
        other = paging.encode("leads", 0)
    for cursor, status in ((past, 404), ("garbage", 400), (other, 400), (past[:-2] + "xx", 400)):
        response = a.get(f"/api/v1/employers?cursor={cursor}")
        assert response.status_code == status and response.mimetype == "application/problem+json", cursor
    for limit in ("0", "201", "many"):
        response = a.get(f"/api/v1/employers?limit={limit}")
        assert response.status_code == 422 and response.get_json()["errors"][0]["field"] == "limit"


def test_records_carry_an_etag_and_answer_304_when_unchanged(world, a):
    url = f"/api/v1/employers/{world.shared['employer_id']}"
    response = a.get(url)
    etag = response.headers["ETag"]
    assert etag == f'"{response.get_json()["version"]}"'
    assert a.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert a.get(url, headers={"If-None-Match": '"999"'}).status_code == 200


def test_my_touchpoints_carry_private_notes_and_the_timeline_shows_others_only_what_the_network_sees(world, a):
    mine = a.get("/api/v1/touchpoints").get_json()["items"]
    ids = {t["id"] for t in mine}
    assert world.own["touchpoint_id"] in ids and world.private["touchpoint_id"] not in ids
    employer_id = next(t["employer_id"] for t in mine if t["id"] == world.own["touchpoint_id"])
    at = a.get(f"/api/v1/touchpoints?employer_id={employer_id}&since=2000-01-01").get_json()["items"]
    assert world.own["touchpoint_id"] in {t["id"] for t in at} and {t["employer_id"] for t in at} == {employer_id}
    assert "private_note" in mine[0]
    timeline = a.get(f"/api/v1/employers/{world.shared['employer_id']}/touchpoints").get_json()["items"]
    theirs = [t for t in timeline if not t["own"]]
    assert theirs and set(theirs[0]) == {"id", "occurred_on", "channel", "summary", "organisation_id",
                                         "organisation_name", "own"}


def test_the_quick_log_creates_a_touchpoint_with_a_next_step(app, world, a):
    response = a.post("/api/v1/touchpoints", {
        "employer_id": world.shared["employer_id"], "channel": "visit", "occurred_on": today().isoformat(),
        "summary": "Kävin kysymässä kesätöistä", "outcome": "meeting_booked",
        "next_step": {"text": "Soita perjantaina", "due_on": (today() + timedelta(days=3)).isoformat()}})
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/touchpoints/{body['id']}")
    assert response.headers["ETag"] == '"1"'
    assert [(f["kind"], f["text"]) for f in body["follow_ups"]] == [("next_step", "Soita perjantaina")]
    assert a.get(response.headers["Location"]).get_json() == body


def test_the_quick_log_refuses_with_the_web_forms_messages(app, world, a):
    body = {"employer_id": world.shared["employer_id"], "channel": "call",
            "occurred_on": (today() + timedelta(days=1)).isoformat(), "summary": "",
            "next_step": {"text": "Soita", "due_on": None}}
    response = a.post("/api/v1/touchpoints", body)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.get_json()["errors"]}
    assert errors == {"next_step.due_on": "Field may not be null."}
    del body["next_step"]
    errors = {e["field"]: e["message"] for e in a.post("/api/v1/touchpoints", body).get_json()["errors"]}
    assert errors == {"occurred_on": "A contact cannot be in the future. Plan it as a next step instead.",
                      "summary": "This field is required."}
    finnish = a.post("/api/v1/touchpoints", body, headers={"Accept-Language": "fi"}).get_json()["errors"]
    assert "This field is required." not in {e["message"] for e in finnish}  # the form's own translation
    missing = a.post("/api/v1/touchpoints", {**body, "employer_id": 10**9, "summary": "x"}).get_json()["errors"]
    assert missing[0]["field"] == "employer_id"


def test_leads_of_others_show_only_what_the_network_sees(world, a):
    leads = {lead["id"]: lead for lead in _all_pages(a, "/api/v1/leads?status=all")}
    assert world.private["lead_id"] not in leads
    shared, own = leads[world.shared["lead_id"]], leads[world.own["lead_id"]]
    assert not shared["mine"] and "private_note" not in shared and "visibility" not in shared
    assert own["mine"] and "private_note" in own and "held" in own


def _lead_body(world, **overrides) -> dict:
    return {"employer_id": world.shared["employer_id"], "title": "Varaston iltavuoro", "kind": "open_vacancy",
            "description": "Hyllytystä", "hours_per_week": 20, "visibility": "network", **overrides}


def test_a_lead_is_created_and_updated_with_if_match_and_a_stale_update_is_refused(app, world, a):
    created = a.post("/api/v1/leads", _lead_body(world))
    assert created.status_code == 201, created.get_data(as_text=True)
    lead = created.get_json()
    assert lead["mine"] and lead["status"] == "open" and lead["expires_on"]
    url, etag = created.headers["Location"], created.headers["ETag"]
    assert a.patch(url, {"title": "Ilman ehtoa"}).status_code == 428
    updated = a.patch(url, {"title": "Varaston yövuoro", "hours_per_week": 25.5}, headers={"If-Match": etag})
    assert updated.status_code == 200, updated.get_data(as_text=True)
    assert updated.get_json()["title"] == "Varaston yövuoro" and updated.get_json()["description"] == "Hyllytystä"
    assert updated.headers["ETag"] != etag
    stale = a.patch(url, {"title": "Vanhentunut"}, headers={"If-Match": etag})
    assert stale.status_code == 412 and stale.mimetype == "application/problem+json"
    assert stale.headers["ETag"] == updated.headers["ETag"]
    assert a.get(url).get_json()["title"] == "Varaston yövuoro"
    refused = a.patch(url, {"hours_per_week": 99}, headers={"If-Match": updated.headers["ETag"]})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == [{"field": "hours_per_week", "in": "body",
                                             "message": "Hours are between 0 and 60 a week."}]


def test_another_organisations_lead_cannot_be_updated(world, a):
    url = f"/api/v1/leads/{world.shared['lead_id']}"
    etag = a.get(url).headers["ETag"]
    assert a.patch(url, {"title": "Kaapattu"}, headers={"If-Match": etag}).status_code == 404


def test_diagnosis_words_are_refused_in_what_the_network_reads(world, a):
    response = a.post("/api/v1/leads", _lead_body(world, description="Sopii masennuksesta toipuvalle"))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "description"


def test_a_retried_create_with_the_same_idempotency_key_creates_nothing_twice(app, world, a, api_client):
    body = _lead_body(world, title="Kertaalleen")
    first = a.post("/api/v1/leads", body, headers={"Idempotency-Key": "lead-123"})
    again = a.post("/api/v1/leads", body, headers={"Idempotency-Key": "lead-123"})
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    reused = a.post("/api/v1/leads", {**body, "title": "Toinen"}, headers={"Idempotency-Key": "lead-123"})
    assert reused.status_code == 422 and reused.get_json()["type"].endswith("idempotency-key-reused")
    other_token = api_client(world.a).post("/api/v1/leads", body, headers={"Idempotency-Key": "lead-123"})
    assert other_token.status_code == 201 and other_token.get_json()["id"] != first.get_json()["id"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Lead).where(Lead.title == "Kertaalleen")) == 2


def test_a_refused_request_does_not_use_up_its_idempotency_key(app, world, a):
    key = {"Idempotency-Key": "tp-1"}
    body = {"employer_id": world.shared["employer_id"], "channel": "call", "occurred_on": today().isoformat()}
    assert a.post("/api/v1/touchpoints", {**body, "summary": ""}, headers=key).status_code == 422
    assert a.post("/api/v1/touchpoints", {**body, "summary": "Soitto"}, headers=key).status_code == 201
    assert a.post("/api/v1/touchpoints", {**body, "summary": "Soitto"}, headers=key).status_code == 201
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Touchpoint).where(
            Touchpoint.summary == "Soitto")) == 1
    assert a.post("/api/v1/touchpoints", {**body, "summary": "x"}, headers={"Idempotency-Key": "ä"}).status_code == 400


def test_proposals_never_show_another_organisations_seeker(world, a):
    proposals = a.get("/api/v1/proposals").get_json()["items"]
    assert [p["id"] for p in proposals] == [world.own["proposal_id"]]
    assert proposals[0]["side"] == "received" and proposals[0]["seeker_code"] is None
    assert a.get(f"/api/v1/proposals/{world.private['proposal_id']}").status_code == 404


def test_ratko_engagements_bundles_and_placements_are_my_organisations(world, a):
    engagements = {e["id"]: e for e in a.get("/api/v1/ratko/engagements").get_json()["items"]}
    assert world.private["engagement_id"] not in engagements
    assert engagements[world.own["engagement_id"]]["bundle_ids"] == [world.own["bundle_id"]]
    bundles = {b["id"]: b for b in a.get("/api/v1/ratko/bundles").get_json()["items"]}
    assert world.private["bundle_id"] not in bundles and bundles[world.own["bundle_id"]]["tasks"]
    bundle = a.get(f"/api/v1/ratko/bundles/{world.own['bundle_id']}")
    assert bundle.get_json() == bundles[world.own["bundle_id"]] and bundle.headers["ETag"]
    placements = {p["id"]: p for p in a.get("/api/v1/placements").get_json()["items"]}
    assert world.private["placement_id"] not in placements
    assert placements[world.own["placement_id"]]["seeker_code"] == "A-LEAD-1"
    assert placements[world.own["placement_id"]]["follow_ups"]


def test_relationships_and_the_worklist_are_my_organisations(world, a):
    relationships = a.get("/api/v1/relationships").get_json()["items"]
    assert world.own["relationship_id"] in {r["id"] for r in relationships}
    assert world.private["relationship_id"] not in {r["id"] for r in relationships}
    work = a.get("/api/v1/worklist?scope=organisation&limit=1")
    assert work.status_code == 200
    items = _all_pages(a, "/api/v1/worklist?scope=organisation&limit=1")
    assert items and all(i["url"].startswith("http") for i in items)
    assert a.get("/api/v1/worklist?owner=999999").status_code == 422


def test_two_simultaneous_requests_with_one_idempotency_key_create_one_record(app, world, a):
    """Both run at once (threads): the second waits for the first's key (the unique index on PostgreSQL, the write
    lock on SQLite) and answers with its response, or says it is still running (409); one lead either way."""
    import threading

    body = _lead_body(world, title="Samanaikainen")
    barrier, answers = threading.Barrier(2), []

    def send():
        client = type(a)(app, a.token)
        barrier.wait()
        answers.append(client.post("/api/v1/leads", body, headers={"Idempotency-Key": "same-moment"}))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    statuses = sorted(r.status_code for r in answers)
    assert statuses in ([201, 201], [201, 409]), statuses
    created = [r.get_json()["id"] for r in answers if r.status_code == 201]
    assert len(set(created)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Lead).where(Lead.title == "Samanaikainen")) == 1
