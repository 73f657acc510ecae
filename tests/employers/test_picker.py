"""The one employer picker (/employers/picker): each page's purpose shows the same matches its own way, only to the
roles that page allows."""

from __future__ import annotations


def test_picker_lists_matches_for_each_purpose(app, factory, make_client):
    coach = factory.user(roles=("coach", "coordinator"))
    employer = factory.employer("Pielisen Leipomo Oy", municipality="Joensuu", business_id="0112038-9")
    factory.employer("Kauppa Koski Oy")
    c = make_client(login=coach.email)
    engagement = c.get("/employers/picker?for=engagement&q=leipo", htmx=True).get_data(as_text=True)
    assert f"/ratko/engagements/new?employer_id={employer.id}" in engagement and "Kauppa" not in engagement
    lead = c.get("/employers/picker?for=lead&employer_q=leipo", htmx=True).get_data(as_text=True)
    assert f'type="radio" name="employer_id" value="{employer.id}"' in lead and "<legend" in lead
    assert "for=lead" in lead and "for=placement" in c.get("/employers/picker?for=placement&q=leipo",
                                                           htmx=True).get_data(as_text=True)
    workplace = c.get("/employers/picker?for=workplace&seeker_id=7&q=leipo", htmx=True).get_data(as_text=True)
    assert "/seekers/7/workplaces" in workplace and 'value="green"' in workplace


def test_picker_says_what_is_missing(factory, make_client):
    c = make_client(login=factory.user(roles=("consultant",)).email)
    assert "Type at least two letters." in c.get("/employers/picker?for=engagement&q=p", htmx=True).get_data(
        as_text=True)
    none = c.get("/employers/picker?for=engagement&q=zzzz", htmx=True).get_data(as_text=True)
    assert "No employer found" in none and "/employers/new" in none
    assert c.get("/employers/picker?for=engagement&q=", htmx=True).get_data(as_text=True).strip() == ""


def test_picker_purposes_and_roles(factory, make_client):
    coordinator = make_client(login=factory.user(roles=("coordinator",)).email)
    assert coordinator.get("/employers/picker?for=nothing&q=ab").status_code == 404
    assert coordinator.get("/employers/picker?q=ab").status_code == 404
    assert coordinator.get("/employers/picker?for=workplace&q=ab").status_code == 403  # seekers: matching roles only
    assert coordinator.get("/employers/picker?for=lead&q=ab").status_code == 200
