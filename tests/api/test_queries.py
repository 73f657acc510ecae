"""No N+1 in the API: every list answers with the same number of SQL queries for 2 records of each kind as for 6
(its page's extras, such as follow-ups, demand profiles and tags, are loaded in one query per kind)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from app.core.dates import today
from tests.api.conftest import ApiClient, make_token
from tests.helpers import count_queries
from tests.leads import builders as lead_builders
from tests.profiles import builders as profile_builders

LISTS = ("/api/v1/employers?status=active_partner", "/api/v1/relationships", "/api/v1/touchpoints",
         "/api/v1/leads?status=all", "/api/v1/proposals", "/api/v1/ratko/engagements", "/api/v1/ratko/bundles",
         "/api/v1/placements", "/api/v1/worklist?scope=organisation", "/api/v1/employers/{employer}/touchpoints",
         "/api/v1/employers/{employer}/contacts")


def _grow(app, factory, user, other, client: ApiClient, start: int, count: int, employer_id: int) -> None:
    """`count` more of every kind of record, through the same services (the API's own writes included)."""
    for n in range(start, start + count):
        employer = factory.employer(f"Kasvu {n} Oy", tags=[f"tag{n}", "kasvu"])
        factory.contact(SimpleNamespace(id=employer_id), name=f"Henkilö {n}")
        factory.relationship(employer, user, status="active_partner")
        response = client.post("/api/v1/touchpoints", {
            "employer_id": employer.id, "channel": "call", "occurred_on": today().isoformat(), "summary": f"S {n}",
            "next_step": {"text": f"Askel {n}", "due_on": (today() + timedelta(days=2)).isoformat()}})
        assert response.status_code == 201, response.get_data(as_text=True)
        client.post("/api/v1/touchpoints", {"employer_id": employer_id, "channel": "visit",
                                            "occurred_on": today().isoformat(), "summary": f"T {n}"})
        lead_builders.lead(app, user, employer_id=employer.id, title=f"Työ {n}")
        theirs = lead_builders.lead(app, other, employer_id=employer.id, title=f"Heidän {n}")
        seeker = profile_builders.seeker(app, user, code=f"S-{n}", alias=f"A {n}", ratings={"lifting": 2})
        lead_builders.propose(app, user, lead_id=theirs.id, seeker_id=seeker.id)
        lead_builders.placement(app, user, seeker_id=seeker.id, employer_id=employer_id)  # (logs a contact there)
        profile_builders.bundle(app, user, title=f"Nippu {n}", employer_id=employer.id,
                                tasks=[(f"Tehtävä {n}", {"lifting": 2}), (f"Toinen {n}", {})], key=("lifting",))


def _queries(app, client: ApiClient, url: str) -> int:
    with count_queries(app) as counter:
        response = client.get(url)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
    return counter[0]


def test_every_list_runs_the_same_number_of_queries_for_2_and_6_records(app, factory):
    user = factory.user(roles=("coordinator", "coach", "consultant"))
    other = factory.user(roles=("coach",))
    shared = factory.employer("Yhteinen Oy")
    client = ApiClient(app, make_token(app, user))
    _grow(app, factory, user, other, client, 0, 2, shared.id)
    small = {url: _queries(app, client, url.format(employer=shared.id)) for url in LISTS}
    _grow(app, factory, user, other, client, 2, 4, shared.id)
    large = {url: _queries(app, client, url.format(employer=shared.id)) for url in LISTS}
    for url in LISTS:
        items = client.get(url.format(employer=shared.id)).get_json()["items"]
        assert len(items) >= 6, (url, len(items))
    assert small == large
