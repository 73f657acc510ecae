"""A schema-driven fuzz run (schemathesis) against the OpenAPI document: every operation, with valid (positive) and
invalid (negative) input generated from its schemas, must answer as documented (status codes, problem documents,
response schemas and headers) and never with a server error. Bounded: a few examples per operation and mode, no
deadline and a fixed seed, so the run takes about a minute (45 s here) and fails the same way twice."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from app.core.dates import today
from tests.api.conftest import ApiClient, make_token

EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}


@pytest.fixture
def bearer(app, factory):
    """A write token of a coordinator, with an employer, a contact and a touchpoint to find; no throttling."""
    user = factory.user(roles=("coordinator", "coach"))
    employer = factory.employer("Fuzz Oy", municipality="Joensuu")
    factory.contact(employer, name="Fuzz Person")
    token = make_token(app, user)
    ApiClient(app, token).post("/api/v1/touchpoints", {"employer_id": employer.id, "channel": "call",
                                                       "occurred_on": today().isoformat(), "summary": "Soitto"})
    app.config["API_RATE_PER_MINUTE"] = 1_000_000
    yield {"Authorization": f"Bearer {token}"}
    app.config["API_RATE_PER_MINUTE"] = 120


def _run(operation, mode: GenerationMode, headers: dict) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        # Not "every schema-valid request succeeds": the domain rules the forms and services hold (no contact in
        # the future, a stale If-Match, a cursor we did not sign) refuse valid-looking input with 4xx by design.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    check()


def test_every_operation_answers_as_documented(app, bearer):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in EXAMPLES:
            _run(operation, mode, bearer)
        operations += 1
    assert operations >= 20
