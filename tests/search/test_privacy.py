"""Privacy across organisations: the search shows another organisation's private records neither as results nor as
counts, uses the pages' rules (a shared lead once it opens, never while held), and offers a kind only to those who
may open its pages."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import update

from app.core.db import utcnow
from app.core.search_index import SearchEntry
from app.extensions import db
from tests.access.world import build_world
from tests.leads import builders as lead_builders
from tests.profiles import builders as profile_builders
from tests.ratko.conftest import RatkoFactory
from tests.search.conftest import search_html


def _without_echo(body: str, query: str) -> str:
    """The answer without the places that repeat the query back (the status line, the box, the form)."""
    for echo in (f"“{query}”", f'data-query="{query}"', f'value="{query}"'):
        body = body.replace(echo, "")
    return body


def test_no_private_record_of_another_organisation_is_found_or_counted(app, make_client, factory):
    world = build_world(app, factory)
    markers = [m for m in world.markers if m]
    a = make_client(login=world.a.email)
    b_user = factory.user(world.b.org, roles=("coach", "consultant", "coordinator"))
    b = make_client(login=b_user.email)
    found_by_b = 0
    for marker in markers:
        for htmx in (True, False):
            body = _without_echo(search_html(a, marker, htmx=htmx), marker)
            assert marker not in body, marker
            assert "search-count" not in body and "search-hit" not in body and "Nothing found" in body, marker
        found_by_b += marker in _without_echo(search_html(b, marker), marker)
    # The control: B finds its own engagement, bundle, private and held leads and seekers by the same words.
    assert found_by_b >= 5, found_by_b
    everything = search_html(a, "secret b", htmx=False)
    assert "SECRET-B" not in everything and "search-count" not in everything


def test_counts_and_rows_follow_the_pages_rules(app, make_client, factory):
    org_a, org_b = factory.org("a", "A"), factory.org("b", "B")
    alice = factory.user(org_a, roles=("coach", "consultant"))
    bob = factory.user(org_b, roles=("coach", "consultant"))
    employer = factory.employer("Yhteinen Kahvila Oy")
    lead_builders.lead(app, bob, employer_id=employer.id, title="Kahvilatyö talon oma", visibility="organisation")
    lead_builders.lead(app, bob, employer_id=employer.id, title="Kahvilatyö pidossa", kind="hidden_job",
                       hold_days=14)
    shared = lead_builders.lead(app, bob, employer_id=employer.id, title="Kahvilatyö verkostolle")
    ratko = RatkoFactory(app, factory)
    ratko.bundle(ratko.engagement(bob, employer=employer, title="Kahvilan RATKO"), title="Kahvila-avustaja")
    profile_builders.seeker(app, bob, code="KAHVILA-1")
    client = make_client(login=alice.email)
    body = search_html(client, "kahvila", htmx=False)
    assert "Kahvilatyö verkostolle" in body and f"/leads/{shared.id}" in body
    for hidden in ("talon oma", "pidossa", "Kahvilan RATKO", "Kahvila-avustaja", "KAHVILA-1"):
        assert hidden not in body
    groups = dict(re.findall(r'<h2 id="results-(\w+)">[^<]*<span class="search-count">(\d+)<', body))
    assert groups == {"employer": "1", "lead": "1"}, groups

    with app.app_context():  # even wrong index rows (say, restored from an old backup) show A nothing of B's
        db.session.execute(update(SearchEntry).values(organisation_id=None, network_from=None))
        db.session.commit()
    stale = search_html(client, "kahvila", htmx=False)
    for hidden in ("talon oma", "pidossa", "Kahvilan RATKO", "Kahvila-avustaja", "KAHVILA-1"):
        assert hidden not in stale
    groups = dict(re.findall(r'<h2 id="results-(\w+)">[^<]*<span class="search-count">(\d+)<', stale))
    assert groups == {"employer": "1", "lead": "1"}, groups  # nor as counts: the pages' own rules decide


def test_a_held_lead_is_found_once_it_opens(app, make_client, factory):
    org_a, org_b = factory.org("a", "A"), factory.org("b", "B")
    alice = factory.user(org_a, roles=("coach",))
    bob = factory.user(org_b, roles=("coach",))
    employer = factory.employer("Piilotyö Oy")
    lead_builders.lead(app, bob, employer_id=employer.id, title="Piilotettu varastotyö", kind="hidden_job",
                       hold_days=3, now=utcnow() - timedelta(days=4))
    assert "Piilotettu varastotyö" in search_html(make_client(login=alice.email), "varastotyo")


def test_kinds_follow_the_roles_of_their_pages(app, make_client, factory):
    org = factory.org("a", "A")
    coordinator = factory.user(org, roles=("coordinator",))
    coach = factory.user(org, roles=("coach",))
    profile_builders.seeker(app, coach, code="VISIBLE-7")
    assert "VISIBLE-7" in search_html(make_client(login=coach.email), "visible 7")
    body = search_html(make_client(login=coordinator.email), "visible 7")
    assert "VISIBLE-7" not in body and "search-count" not in body
