"""The directory runs the same number of SQL queries for 10 and for 200 employers (no N+1)."""

from __future__ import annotations

from app.employers import services
from app.extensions import db
from tests.helpers import count_queries


def _populate(app, factory, user, start: int, count: int) -> None:
    with app.app_context():
        for i in range(start, start + count):
            employer = services.employer_create(data={"name": f"Yritys {i} Oy", "municipality": "Joensuu",
                                                      "tags": ["tagi", f"t{i % 7}"]})
            services.contact_add(employer=employer, data={"name": f"Henkilö {i}"})
            if i % 2:
                from app.employers.models import Relationship

                db.session.add(Relationship(organisation_id=user.organisation_id, employer_id=employer.id,
                                            owner_id=user.id, status="active_partner"))
        db.session.commit()


def _queries(app, c, url: str) -> int:
    with count_queries(app) as counter:
        response = c.get(url)
    assert response.status_code == 200
    return counter[0]


def test_directory_query_count_does_not_grow(app, factory, make_client):
    user = factory.user()
    c = make_client(login=user.email)
    _populate(app, factory, user, 0, 10)
    urls = ["/employers", "/employers?q=yritys&status=active_partner&sort=municipality", "/employers?page=2"]
    small = [_queries(app, c, url) for url in urls]
    _populate(app, factory, user, 10, 190)
    large = [_queries(app, c, url) for url in urls]
    assert small == large
    assert max(large) <= 12
