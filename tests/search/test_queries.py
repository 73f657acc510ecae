"""The number of SQL statements per search does not grow with the data: two for the index, one per kind shown."""

from __future__ import annotations

from tests.helpers import count_queries
from tests.leads import builders as lead_builders
from tests.search.conftest import HTMX


def _add(factory, coach, n: int, start: int) -> None:
    for i in range(start, start + n):
        employer = factory.employer(f"Kahvila Numero {i} Oy", municipality="Joensuu")
        factory.contact(employer, name=f"Kaisa Kahvila {i}")
        lead_builders.lead(factory.app, coach, employer_id=employer.id, title=f"Kahvilatyö {i}")


def _statements(app, client, url: str, headers: dict | None = None) -> int:
    client.http.get(url, headers=headers or {})  # warm: the session, the user, compiled statements
    with count_queries(app) as queries:
        response = client.http.get(url, headers=headers or {})
    assert response.status_code == 200
    return queries[0]


def test_search_statements_do_not_grow_with_the_data(app, make_client, factory):
    coach = factory.user(roles=("coach",))
    client = make_client(login=coach.email)
    urls = [("/search?q=kahvila", HTMX), ("/search?q=kahvila", None), ("/search?q=kahvila&kind=contact&page=2", None),
            ("/search?q=ka+joensuu", HTMX)]
    _add(factory, coach, 27, 0)  # a second page of contacts already
    small = [_statements(app, client, url, headers) for url, headers in urls]
    _add(factory, coach, 30, 27)
    large = [_statements(app, client, url, headers) for url, headers in urls]
    assert small == large, (small, large)
    assert max(large) <= 12, large
