"""Fixtures for the leads tests: two organisations of the network with a coach each, a shared employer."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def net(factory):
    """Organisations A and B, a coach (also coordinator) in each, a manager in A, and a shared employer."""
    org_a, org_b = factory.org("lead-a", "Joensuun työllisyyspalvelut"), factory.org("lead-b", "Työvalmennussäätiö")
    a = factory.user(org_a, email="coach-a@example.test", roles=("coach", "coordinator"), name="Ville Valmentaja")
    b = factory.user(org_b, email="coach-b@example.test", roles=("coach", "coordinator"), name="Sanna Säätiö")
    manager = factory.user(org_a, email="manager-a@example.test", roles=("manager",), name="Pekka Päällikkö")
    employer = factory.employer("Pielisen Puutarha Oy", municipality="Joensuu")
    return SimpleNamespace(a=a, b=b, manager=manager, employer=employer, org_a=org_a, org_b=org_b)
