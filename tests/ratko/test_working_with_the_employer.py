"""Starting RATKO is working with the employer: the engagement starts or updates my organisation's relationship with
the employer (through the employers services), and a second organisation starting RATKO there is told who already
does."""

from __future__ import annotations

from app.employers import services as employer_services
from app.employers.models import Relationship
from app.extensions import db


def _relationship(app, organisation_id, employer_id):
    with app.app_context():
        found = db.session.scalar(db.select(Relationship).where(Relationship.organisation_id == organisation_id,
                                                                Relationship.employer_id == employer_id))
        return None if found is None else (found.status, found.owner_id)


def test_starting_an_engagement_creates_my_relationship(app, make_client, factory, consultant):
    employer = factory.employer("Koskikauppa Oy", municipality="Joensuu")
    c = make_client(login=consultant.email)
    assert _relationship(app, consultant.organisation_id, employer.id) is None
    form = c.get(f"/ratko/engagements/new?employer_id={employer.id}").get_data(as_text=True)
    assert "marks my organisation as working with this employer" in form and 'id="ratko-elsewhere"' not in form
    created = c.post(f"/ratko/engagements/new?employer_id={employer.id}",
                     data={"title": "Koskikauppa Keskusta", "language": "fi", "consultant_id": str(consultant.id)})
    assert created.status_code == 303
    assert _relationship(app, consultant.organisation_id, employer.id) == ("active_partner", consultant.id)
    network = c.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert consultant.org.name in network


def test_an_existing_relationship_is_updated_but_do_not_contact_is_kept(app, factory, ratko, consultant):
    colleague = factory.user(org=consultant.org, roles=("coordinator",))
    employer = factory.employer("Koskikauppa Oy")
    other = factory.employer("Joen Pesula Oy")
    with app.app_context():
        from app.employers import selectors

        employer_services.relationship_start(organisation_id=consultant.organisation_id,
                                             employer=selectors.employer_get_or_404(employer.id),
                                             data={"owner_id": colleague.id, "status": "contacted"})
        employer_services.relationship_start(organisation_id=consultant.organisation_id,
                                             employer=selectors.employer_get_or_404(other.id),
                                             data={"owner_id": None, "status": "do_not_contact"})
        db.session.commit()
    ratko.engagement(consultant, employer=employer)
    ratko.engagement(consultant, employer=other)
    assert _relationship(app, consultant.organisation_id, employer.id) == ("active_partner", colleague.id)
    assert _relationship(app, consultant.organisation_id, other.id) == ("do_not_contact", consultant.id)


def test_a_second_organisation_is_told_who_already_runs_ratko_there(app, make_client, factory, ratko, consultant):
    first_org = consultant.org
    employer = factory.employer("Pielisjoen keskussairaala")
    ratko.engagement(consultant, employer=employer, title="Salainen osasto")
    second = factory.user(roles=("consultant",))
    c = make_client(login=second.email)
    form = c.get(f"/ratko/engagements/new?employer_id={employer.id}").get_data(as_text=True)
    assert "Already running RATKO with this employer" in form
    assert f"{first_org.name} (Riikka Konsultti)" in form
    assert "Salainen osasto" not in form  # who, never what
    region = c.get(f"/ratko/employers/{employer.id}/engagements", htmx=True).get_data(as_text=True)
    assert first_org.name in region and "Salainen osasto" not in region
    created = c.post(f"/ratko/engagements/new?employer_id={employer.id}", data={"title": "Kuntoutusosasto",
                                                                                 "language": "fi"})
    assert created.status_code == 303
    page = c.get(created.headers["Location"]).get_data(as_text=True)
    assert f"Already running RATKO with this employer: {first_org.name}" in page  # flashed and on the page
    own = make_client(login=consultant.email).get(f"/ratko/engagements/new?employer_id={employer.id}")
    assert second.org.name in own.get_data(as_text=True)  # and the first organisation now sees the second


def test_declined_or_completed_engagements_elsewhere_are_not_mentioned(app, make_client, factory, ratko, consultant):
    from app.ratko import services
    from app.ratko.models import Engagement

    employer = factory.employer("Pielisjoen keskussairaala")
    e = ratko.engagement(consultant, employer=employer)
    with app.app_context():
        engagement = db.session.get(Engagement, e.id)
        services.engagement_set_status(engagement=engagement, status="declined", expected_version=engagement.version)
        db.session.commit()
    second = factory.user(roles=("consultant",))
    form = make_client(login=second.email).get(f"/ratko/engagements/new?employer_id={employer.id}")
    assert "Already running RATKO" not in form.get_data(as_text=True)
