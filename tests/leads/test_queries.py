"""The leads board, its regions and the placement list run the same number of SQL queries for few and for many
records (no N+1)."""

from __future__ import annotations

from datetime import timedelta

from app.core.dates import today
from tests.helpers import count_queries
from tests.leads import builders
from tests.profiles import builders as profile_builders

KINDS = ("open_vacancy", "hidden_job", "work_trial", "summer_job")


def _populate(app, net, factory, start: int, count: int) -> None:
    for i in range(start, start + count):
        employer = factory.employer(f"Yritys {i} Oy", municipality="Joensuu" if i % 2 else "Lieksa")
        owner = net.a if i % 3 else net.b
        builders.lead(app, owner, employer_id=employer.id, title=f"Vinkki {i}", kind=KINDS[i % len(KINDS)],
                      visibility="organisation" if i % 5 == 0 else "network", hours_per_week=float(10 + i % 30),
                      expires_on=today() + timedelta(days=1 + i % 20))
        if i % 4 == 0:
            seeker = profile_builders.seeker(app, owner, code=f"S-{i}", ratings={"lifting": 2})
            builders.placement(app, owner, seeker_id=seeker.id, employer_id=employer.id,
                               starts_on=today() - timedelta(days=i))


def _queries(app, client, url: str, htmx=False) -> int:
    with count_queries(app) as counter:
        response = client.get(url, htmx=htmx)
    assert response.status_code == 200, url
    return counter[0]


def test_leads_board_query_count_does_not_grow(app, factory, make_client, net):
    a = make_client(login=net.a.email)
    urls = [("/leads", False), ("/leads?view=board&status=all", False), ("/leads?whose=others&new=1", "lead-results"),
            ("/leads?q=vinkki&kind=hidden_job&hours=upto20&municipality=Joensuu&sort=expires", "lead-results"),
            ("/leads/dashboard", False), ("/leads/export.xlsx?status=all", False), ("/placements", False),
            ("/placements?status=all", "placement-results")]
    _populate(app, net, factory, 0, 3)
    a.get("/leads")
    small = [_queries(app, a, url, htmx) for url, htmx in urls]
    _populate(app, net, factory, 3, 40)
    large = [_queries(app, a, url, htmx) for url, htmx in urls]
    assert small == large, (small, large)
    assert max(large) <= 30
