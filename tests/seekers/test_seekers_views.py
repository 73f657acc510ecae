"""Job seekers through HTTP: create and edit (no name, no diagnosis field), list filters, workplaces, capability
assessments over time, erasure, audit."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.dates import today
from app.extensions import db
from app.seekers.models import CapabilityProfile, JobSeeker, Workplace
from tests.helpers import count_queries
from tests.profiles import builders


def test_create_edit_and_list(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    c = make_client(login=user.email)
    form = c.get("/seekers/new").get_data(as_text=True)
    assert "diagnos" not in form.lower().replace("no diagnosis", "").replace("or diagnoses", "")
    bad = c.post("/seekers/new", data={"code": "", "alias": "AK", "status": "engaged", "hours_min": "30",
                                       "hours_max": "20", "municipalities": "Atlantis"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 422 and "below the lower limit" in text and "Unknown municipality" in text
    ok = c.post("/seekers/new", data={"code": "JOE-1", "alias": "A. K.", "status": "job_finding",
                                      "coach_id": user.id, "industries": ["47", "56"], "hours_min": "10",
                                      "hours_max": "20", "municipalities": "joensuu, Kontiolahti",
                                      "travel_minutes": "45", "notes": "Likes mornings"})
    assert ok.status_code == 303
    taken = c.post("/seekers/new", data={"code": "joe-1", "alias": "B", "status": "engaged"})
    assert taken.status_code == 422 and "already has this code" in taken.get_data(as_text=True)
    with app.app_context():
        seeker = db.session.scalar(select(JobSeeker))
        assert seeker.municipality_names == ["Joensuu", "Kontiolahti"] and seeker.industry_codes == ["47", "56"]
        seeker_id, version = seeker.id, seeker.version
        created = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "job_seekers"))
        assert created.change_dict["notes"] == "***" and created.change_dict["code"] == "JOE-1"
    page = c.get(f"/seekers/{seeker_id}").get_data(as_text=True)
    assert "A. K." in page and "Kontiolahti" in page and "45 min" in page
    assert c.post(f"/seekers/{seeker_id}/edit", data={"code": "JOE-1", "alias": "A. K.", "status": "in_work",
                                                      "version": version}).status_code == 303
    stale = c.post(f"/seekers/{seeker_id}/edit", data={"code": "JOE-1", "alias": "X", "status": "ended",
                                                       "version": version})
    assert stale.status_code == 409
    listing = c.get("/seekers?status=in_work").get_data(as_text=True)
    assert "JOE-1" in listing
    fragment = c.get("/seekers?q=nobody", htmx="seeker-results")
    assert "<html" not in fragment.get_data(as_text=True) and "No job seekers match" in fragment.get_data(
        as_text=True)


def test_list_query_count_does_not_grow(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    c = make_client(login=user.email)
    builders.seeker(app, user, code="Q-1", ratings={"lifting": 2})
    c.get("/seekers")
    with count_queries(app) as small:
        c.get("/seekers")
    for n in range(2, 12):
        builders.seeker(app, user, code=f"Q-{n}", ratings={"lifting": 2})
    with count_queries(app) as large:
        c.get("/seekers")
    assert small[0] == large[0]


def test_traffic_light_workplaces(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Pielisen Leipomo Oy", municipality="Joensuu")
    s = builders.seeker(app, user)
    c = make_client(login=user.email)
    found = c.get(f"/employers/picker?for=workplace&seeker_id={s.id}&q=leipo", htmx=True).get_data(as_text=True)
    assert "Pielisen Leipomo Oy" in found and 'value="yellow"' in found
    added = c.post(f"/seekers/{s.id}/workplaces", data={"employer_id": employer.id, "light": "yellow"},
                   htmx="workplaces")
    assert added.status_code == 200 and "Pielisen Leipomo Oy" in added.get_data(as_text=True)
    assert c.post(f"/seekers/{s.id}/workplaces", data={"employer_id": "999999", "light": "green"}).status_code == 422
    assert c.post(f"/seekers/{s.id}/workplaces", data={"employer_id": employer.id, "light": "red"}).status_code == 422
    with app.app_context():
        workplace = db.session.scalar(select(Workplace))
    changed = c.post(f"/seekers/workplaces/{workplace.id}", data={"light": "green", "note": "Close to home"})
    assert changed.status_code == 200 and "Close to home" in changed.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Workplace, workplace.id).light == "green"
    removed = c.post(f"/seekers/workplaces/{workplace.id}/remove")
    assert removed.status_code == 200 and "No workplaces on the list yet" in removed.get_data(as_text=True)


def test_capability_assessments_over_time(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, ratings={"lifting": 2, "reading": 3})
    c = make_client(login=user.email)
    form = c.get(f"/seekers/{s.id}/capability/new").get_data(as_text=True)
    assert '<option selected value="2">' in form or 'value="2" selected' in form
    bad = c.post(f"/seekers/{s.id}/capability/new", data={"assessed_on": "2026-02-01",
                                                          f"level_{codes['lifting']}": "7"})
    assert bad.status_code == 422 and "Give a whole number from 0 to 5." in bad.get_data(as_text=True)
    no_date = c.post(f"/seekers/{s.id}/capability/new", data={f"level_{codes['lifting']}": "3"})
    assert no_date.status_code == 422 and "Give the date of the assessment." in no_date.get_data(as_text=True)
    ok = c.post(f"/seekers/{s.id}/capability/new", data={
        "assessed_on": today().isoformat(), f"level_{codes['lifting']}": "3", f"level_{codes['reading']}": "3",
        "licensed": "y", "note": "Work trial at the bakery"})
    assert ok.status_code == 303
    with app.app_context():
        profiles = db.session.scalars(select(CapabilityProfile).order_by(CapabilityProfile.id)).all()
        assert len(profiles) == 2 and profiles[1].licensed
        ratings_event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ratings",
                                                                   AuditEvent.entity == "capability_profiles")
                                          .order_by(AuditEvent.id.desc()))
        assert set(ratings_event.change_dict.values()) == {"***"}
    history = c.get(f"/seekers/{s.id}/capability").get_data(as_text=True)
    assert "Current" in history and "(+1)" in history


def test_erasure_removes_everything_and_masks_the_audit(app, factory, make_client, codes):
    manager = factory.user(roles=("manager", "coach"))
    s = builders.seeker(app, manager, code="DEL-1", alias="Poistettava", ratings={"lifting": 2},
                        notes="private")
    coach = factory.user(org=manager.org, roles=("coach",))
    assert make_client(login=coach.email).post(f"/seekers/{s.id}/erase", data={"code": "DEL-1",
                                                                               "reason": "x"}).status_code == 403
    c = make_client(login=manager.email)
    wrong = c.post(f"/seekers/{s.id}/erase", data={"code": "nope", "reason": "Request"})
    assert wrong.status_code == 422
    assert c.post(f"/seekers/{s.id}/erase", data={"code": "del-1", "reason": "Request of 1.2."}).status_code == 303
    assert c.get(f"/seekers/{s.id}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(CapabilityProfile)) is None
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "job_seekers",
                                                             AuditEvent.entity_id == s.id)).all()
        assert any(e.action == "erase" for e in events)
        assert all("Poistettava" not in e.changes and "DEL-1" not in e.summary for e in events)
