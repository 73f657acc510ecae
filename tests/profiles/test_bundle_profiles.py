"""Demand profiles of tasks and bundles: aggregation, overrides with reasons, key items, rating validation, moving
a task out of a bundle."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.extensions import db
from app.profiles import selectors
from app.ratko.models import Bundle, Task
from tests.profiles import builders


def test_bundle_demand_takes_the_highest_task_demand_and_overrides(app, factory, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Postin jako", {"walking": 3, "reading": 1}),
                                          ("Arkistointi", {"reading": 4, "sitting": 2}),
                                          ("Ei arvioitu", {})], key=("reading",))
    with app.app_context():
        demand = selectors.bundle_demand_profile(db.session.get(Bundle, b.id))
        assert demand.computed == {codes["walking"]: 3, codes["reading"]: 4, codes["sitting"]: 2}
        assert [t.id for t in demand.drivers(codes["reading"])] == [b.task_ids[1]]
        assert demand.key == {codes["reading"]} and demand.assessed
        assert demand.rated_tasks == set(b.task_ids[:2])
        without = selectors.bundle_demand_profile(db.session.get(Bundle, b.id), without=[b.task_ids[1]])
        assert without.effective == {codes["walking"]: 3, codes["reading"]: 1}
        assert [t.id for t in without.excluded] == [b.task_ids[1]]


def test_override_needs_a_reason_and_is_applied(app, factory, make_client, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Kahvinkeitto", {"standing": 3})])
    c = make_client(login=user.email)
    page = c.get(f"/profiles/bundles/{b.id}/edit")
    assert page.status_code == 200 and "Kahvinkeitto" in page.get_data(as_text=True)
    refused = c.post(f"/profiles/bundles/{b.id}/edit", data={f"level_{codes['standing']}": "2"})
    assert refused.status_code == 422
    assert "Give a reason for changing the demand computed from the tasks" in refused.get_data(as_text=True)
    saved = c.post(f"/profiles/bundles/{b.id}/edit", data={
        f"level_{codes['standing']}": "2", f"reason_{codes['standing']}": "A stool is provided",
        f"key_{codes['lifting']}": "y", f"level_{codes['lifting']}": "1", "licensed": "y",
        "assessed_on": "2026-01-15"})
    assert saved.status_code == 303
    with app.app_context():
        demand = selectors.bundle_demand_profile(db.session.get(Bundle, b.id))
        assert demand.effective == {codes["standing"]: 2, codes["lifting"]: 1}
        assert demand.overrides[codes["standing"]] == (2, "A stool is provided")
        assert demand.key == {codes["lifting"]} and demand.profile.licensed
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "overrides"))
        assert event is not None and event.actor_id == user.id
    page = c.get(f"/profiles/bundles/{b.id}").get_data(as_text=True)
    assert "A stool is provided" in page and "Key item" in page and "Kahvinkeitto" in page


def test_task_ratings_outside_0_to_5_are_refused(app, factory, make_client, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Siivous", {})])
    c = make_client(login=user.email)
    url = f"/profiles/tasks/{b.task_ids[0]}"
    assert c.get(url).status_code == 200
    for bad in ("6", "-1", "2.5", "x", "99"):
        response = c.post(url, data={f"level_{codes['bending_stooping']}": bad, "assessed_on": "2026-01-15"})
        assert response.status_code == 422, bad
        assert "Give a whole number from 0 to 5." in response.get_data(as_text=True)
    with app.app_context():
        assert selectors.task_demand_profile(db.session.get(Task, b.task_ids[0]))[1] == {}
    ok = c.post(url, data={f"level_{codes['bending_stooping']}": "4", f"level_{codes['walking']}": "0",
                           "assessed_on": "2026-01-15"})
    assert ok.status_code == 303 and ok.headers["Location"].endswith(f"/profiles/bundles/{b.id}")
    with app.app_context():
        ratings = selectors.task_demand_profile(db.session.get(Task, b.task_ids[0]))[1]
        assert ratings == {codes["bending_stooping"]: 4, codes["walking"]: 0}


def test_future_assessment_date_is_refused(app, factory, make_client, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Siivous", {})])
    c = make_client(login=user.email)
    response = c.post(f"/profiles/tasks/{b.task_ids[0]}", data={"assessed_on": "2999-01-01"})
    assert response.status_code == 422 and "cannot be in the future" in response.get_data(as_text=True)


def test_move_task_out_of_bundle_checks_version_and_is_audited(app, factory, make_client, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Nostot", {"lifting": 4}), ("Lajittelu", {"lifting": 1})])
    c = make_client(login=user.email)
    with app.app_context():
        version = db.session.get(Task, b.task_ids[0]).version
    stale = c.post(f"/profiles/tasks/{b.task_ids[0]}/unbundle", data={"version": str(version - 1),
                                                                        "next": f"/profiles/bundles/{b.id}"})
    assert stale.status_code == 303
    with app.app_context():
        assert db.session.get(Task, b.task_ids[0]).bundle_id == b.id
    moved = c.post(f"/profiles/tasks/{b.task_ids[0]}/unbundle", data={"version": str(version),
                                                                        "next": "https://evil.example/"})
    assert moved.status_code == 303 and moved.headers["Location"].endswith("/profiles/bundles")
    with app.app_context():
        assert db.session.get(Task, b.task_ids[0]).bundle_id is None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "unbundle"))
        assert event.entity_id == b.task_ids[0] and event.actor_id == user.id
        assert selectors.bundle_demand_profile(db.session.get(Bundle, b.id)).effective == {codes["lifting"]: 1}


def test_bundles_of_another_organisation_are_404(app, factory, make_client, codes):
    mine = factory.user(roles=("consultant",))
    other = factory.user(roles=("consultant",))
    b = builders.bundle(app, other, tasks=[("Salainen tehtävä", {"lifting": 2})])
    c = make_client(login=mine.email)
    for url in (f"/profiles/bundles/{b.id}", f"/profiles/bundles/{b.id}/edit", f"/profiles/tasks/{b.task_ids[0]}"):
        assert c.get(url).status_code == 404, url
    assert c.post(f"/profiles/tasks/{b.task_ids[0]}/unbundle", data={"version": "1"}).status_code == 404
    listing = c.get("/profiles/bundles").get_data(as_text=True)
    assert b.title not in listing


def test_bundle_list_shows_profile_state(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    builders.bundle(app, user, title="Kirjaston iltavuoro", tasks=[("Hyllytys", {"lifting": 2}), ("Neuvonta", {})])
    body = make_client(login=user.email).get("/profiles/bundles").get_data(as_text=True)
    assert "Kirjaston iltavuoro" in body and "1 / 2" in body
