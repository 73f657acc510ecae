"""RATKO pages over HTTP: engagements (list, start, state changes, checklists, regions), privacy between
organisations, the employer-page region and the worklist source."""

from __future__ import annotations

import re
from datetime import timedelta

from app.core.dates import today
from app.extensions import db
from app.ratko import checklists
from app.ratko.models import Engagement, EngagementNote, FollowUp, KeyPerson, TimeEntry


def _version(app, engagement_id):
    with app.app_context():
        return db.session.get(Engagement, engagement_id).version


def test_list_shows_mine_by_default_and_managers_see_the_organisation(app, make_client, factory, ratko, consultant):
    colleague = factory.user(org=consultant.org, roles=("coach",))
    manager = factory.user(org=consultant.org, roles=("manager",))
    outsider = factory.user(roles=("consultant",))
    ratko.engagement(consultant, title="Oma osasto")
    ratko.engagement(colleague, title="Kollegan kauppa")
    ratko.engagement(outsider, title="Vieraan kirjasto")
    mine = make_client(login=consultant.email).get("/ratko/engagements").get_data(as_text=True)
    assert "Oma osasto" in mine and "Kollegan kauppa" not in mine and "Vieraan kirjasto" not in mine
    everyone = make_client(login=consultant.email).get("/ratko/engagements?mine=0").get_data(as_text=True)
    assert "Kollegan kauppa" in everyone and "Vieraan kirjasto" not in everyone
    boss = make_client(login=manager.email).get("/ratko/engagements").get_data(as_text=True)
    assert "Oma osasto" in boss and "Kollegan kauppa" in boss and "Vieraan kirjasto" not in boss
    fragment = make_client(login=manager.email).get("/ratko/engagements?q=kauppa", htmx="engagement-results")
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Kollegan kauppa" in text and "Oma osasto" not in text


def test_start_an_engagement_from_the_employer(app, make_client, factory, consultant):
    employer = factory.employer("Koskikauppa Oy", municipality="Joensuu")
    c = make_client(login=consultant.email)
    search = c.get("/employers/picker?for=engagement&q=kosk", htmx=True).get_data(as_text=True)
    assert f"/ratko/engagements/new?employer_id={employer.id}" in search
    form = c.get(f"/ratko/engagements/new?employer_id={employer.id}").get_data(as_text=True)
    assert 'value="Koskikauppa Oy"' in form
    created = c.post(f"/ratko/engagements/new?employer_id={employer.id}",
                     data={"title": "Koskikauppa Keskusta", "language": "fi", "motivation": "diversity_goal",
                           "consultant_id": str(consultant.id)})
    assert created.status_code == 303
    page = c.get(created.headers["Location"]).get_data(as_text=True)
    assert "Koskikauppa Keskusta" in page and "Own diversity goal" in page
    region = c.get(f"/ratko/employers/{employer.id}/engagements", htmx=True).get_data(as_text=True)
    assert "Koskikauppa Keskusta" in region and "Start a RATKO engagement" in region


def test_workshop_before_go_is_flagged_on_engagement_and_workshop(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    c = make_client(login=consultant.email)
    assert 'id="flag-before-go"' in c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert 'id="flag-before-go"' in c.get(f"/ratko/workshops/{w.id}").get_data(as_text=True)
    decided = c.post(f"/ratko/engagements/{e.id}/decision",
                     data={"decision": "go", "decided_on": (today() - timedelta(days=400)).isoformat(),
                           "decided_by": "Johanna Lappalainen", "version": _version(app, e.id)})
    assert decided.status_code == 303
    assert 'id="flag-before-go"' not in c.get(f"/ratko/workshops/{w.id}").get_data(as_text=True)


def test_status_rules_answer_422_with_the_message(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    seeded = c.post(f"/ratko/engagements/{e.id}/status", data={"status": "seeded", "version": _version(app, e.id)})
    assert seeded.status_code == 422
    assert "needs a date to revisit" in seeded.get_data(as_text=True)
    completed = c.post(f"/ratko/engagements/{e.id}/status",
                       data={"status": "completed", "version": _version(app, e.id)})
    assert completed.status_code == 422 and "Completing needs an outcome" in completed.get_data(as_text=True)
    ok = c.post(f"/ratko/engagements/{e.id}/status",
                data={"status": "seeded", "revisit_on": (today() + timedelta(days=60)).isoformat(),
                      "version": _version(app, e.id)})
    assert ok.status_code == 303
    page = c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert "Seeded: the idea is planted" in page and "Status: Active → Seeded, revisit later (revisit" in page


def test_a_stale_state_change_is_refused(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    assert c.post(f"/ratko/engagements/{e.id}/decision", data={
        "decision": "go", "decided_by": "Johanna Lappalainen", "version": _version(app, e.id)}).status_code == 303
    version = _version(app, e.id)
    assert c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "coaching", "version": version}
                  ).status_code == 303
    stale = c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "matching", "version": version})
    assert stale.status_code == 409 and "Someone else changed this engagement" in stale.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Engagement, e.id).phase == "coaching"


def test_checklist_tick_renders_the_checklist_and_progress(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    phase = checklists.phases()[1]
    key = f"{phase.code}:{phase.items[0].code}"
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/engagements/{e.id}/checklist", data={"item": key, "done": "1"}, htmx=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="checklist-coaching"' in text and "checked" in text
    assert f"1 of {len(phase.items)}" in text and 'hx-swap-oob="true"' in text
    assert c.post(f"/ratko/engagements/{e.id}/checklist", data={"item": "x:y", "done": "1"},
                  htmx=True).status_code == 422


def test_notes_key_persons_time_and_follow_ups_in_place(app, make_client, factory, ratko, consultant):
    employer = factory.employer("Joen kirjastot")
    contact = factory.contact(employer, name="Veikko Eronen", title="Palveluesihenkilö")
    e = ratko.engagement(consultant, employer=employer)
    c = make_client(login=consultant.email)
    note = c.post(f"/ratko/engagements/{e.id}/notes", data={"phase": "coaching", "body": "Kiire nousi esiin"},
                  htmx=True)
    assert note.status_code == 200 and "Kiire nousi esiin" in note.get_data(as_text=True)
    assert c.post(f"/ratko/engagements/{e.id}/notes", data={"phase": "coaching", "body": ""},
                  htmx=True).status_code == 422
    person = c.post(f"/ratko/engagements/{e.id}/key-persons", data={"contact_id": str(contact.id),
                                                                     "role": "supervisor"}, htmx=True)
    assert "Veikko Eronen" in person.get_data(as_text=True)
    assert c.post(f"/ratko/engagements/{e.id}/key-persons", data={"role": "supervisor"},
                  htmx=True).status_code == 422
    time = c.post(f"/ratko/engagements/{e.id}/time", data={"activity": "workshops", "spent_on": "2026-03-12",
                                                           "minutes": "90"}, htmx=True)
    assert "1 h 30 min" in time.get_data(as_text=True)
    follow = c.post(f"/ratko/engagements/{e.id}/follow-ups", data={"due_on": "2026-04-01", "note": "Kuukausi"},
                    htmx=True)
    assert "Kuukausi" in follow.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(EngagementNote.id))) == 1
        assert db.session.scalar(db.select(KeyPerson.name)) == "Veikko Eronen"
        assert db.session.scalar(db.select(TimeEntry.minutes)) == 90
        follow_up_id = db.session.scalar(db.select(FollowUp.id))
    done = c.post(f"/ratko/follow-ups/{follow_up_id}/done", data={"done": "1"}, htmx=True)
    assert "Open again" in done.get_data(as_text=True)


def test_consolidation_saves_and_refuses_a_stale_edit(app, make_client, factory, ratko, consultant):
    employer = factory.employer("Joen kirjastot")
    inductor = factory.contact(employer, name="Lauri Hyvönen")
    e = ratko.engagement(consultant, employer=employer)
    c = make_client(login=consultant.email)
    form = c.get(f"/ratko/engagements/{e.id}/consolidation?edit=1", htmx=True).get_data(as_text=True)
    assert "Induction plan" in form
    data = {"inductor_contact_id": str(inductor.id), "induction_plan": "Viikko 1: hyllytys",
            "contact_agreement": "Soitto joka toinen maanantai", "job_description_changes_by": "Palveluesihenkilö",
            "instructions_from": "Veikko Eronen", "version": ""}
    saved = c.post(f"/ratko/engagements/{e.id}/consolidation", data=data, htmx=True)
    assert saved.status_code == 200 and "Lauri Hyvönen" in saved.get_data(as_text=True)
    assert c.post(f"/ratko/engagements/{e.id}/consolidation", data={**data, "version": "1",
                                                                      "instructions_from": "Uusi"},
                  htmx=True).status_code == 200
    stale = c.post(f"/ratko/engagements/{e.id}/consolidation", data={**data, "version": "1"}, htmx=True)
    assert stale.status_code == 409 and "Someone else saved the consolidation" in stale.get_data(as_text=True)


def test_another_organisation_sees_neither_engagements_nor_workshops(app, make_client, factory, ratko, consultant):
    outsider = factory.user(roles=("manager", "consultant", "coach"))
    e = ratko.engagement(consultant, title="Salainen osasto")
    w = ratko.workshop(e)
    b = ratko.bundle(e, "Salainen nippu")
    t = ratko.task(e, "Salainen tehtävä", workshop=w)
    c = make_client(login=outsider.email)
    for url in (f"/ratko/engagements/{e.id}", f"/ratko/workshops/{w.id}", f"/ratko/engagements/{e.id}/board",
                f"/ratko/bundles/{b.id}", f"/ratko/bundles/{b.id}/print", f"/ratko/tasks/{t.id}",
                f"/ratko/engagements/{e.id}/freed-time"):
        assert c.get(url).status_code == 404, url
    listing = c.get("/ratko/engagements?mine=0").get_data(as_text=True)
    assert "Salainen osasto" not in listing
    region = c.get(f"/ratko/employers/{e.employer_id}/engagements", htmx=True).get_data(as_text=True)
    assert "Salainen osasto" not in region
    assert c.post(f"/ratko/tasks/{t.id}/move", data={"to": "uncarved", "version": "1"}).status_code == 404


def test_worklist_source_gives_revisits_and_follow_ups(app, ratko, consultant, factory):
    from app.auth.models import User
    from app.ratko import services
    from app.ratko.worklist import work_items

    colleague = factory.user(org=consultant.org, roles=("coach",))
    seeded = ratko.engagement(consultant, title="Kylvetty")
    following = ratko.engagement(consultant, title="Vakiinnutus")
    ratko.engagement(colleague, title="Kollegan")
    with app.app_context():
        engagement = db.session.get(Engagement, seeded.id)
        services.engagement_set_status(engagement=engagement, status="seeded", expected_version=engagement.version,
                                       revisit_on=today() + timedelta(days=5))
        other = db.session.get(Engagement, following.id)
        services.follow_up_add(engagement=other, due_on=today() - timedelta(days=2), note="Kolmen kuukauden seuranta")
        done = services.follow_up_add(engagement=other, due_on=today() - timedelta(days=20))
        services.follow_up_done(follow_up=done)
        services.follow_up_add(engagement=other, due_on=today() + timedelta(days=60))
        db.session.commit()
    with app.test_request_context():
        user = db.session.get(User, consultant.id)
        items = work_items(user=user, scope="mine", owner_id=None, horizon=today() + timedelta(days=14))
        assert [(i.kind, i.state) for i in items] == [("ratko_follow_up", "overdue"), ("ratko_revisit", "due")]
        assert items[0].detail == "Kolmen kuukauden seuranta" and f"/ratko/engagements/{following.id}" in items[0].url
        other_user = db.session.get(User, colleague.id)
        assert work_items(user=other_user, scope="mine", owner_id=None, horizon=today() + timedelta(days=14)) == []
        org = work_items(user=other_user, scope="organisation", owner_id=None, horizon=today() + timedelta(days=14))
        assert len(org) == 2


def test_demo_loader_builds_every_phase_and_status(app, factory):
    from app.auth import demo as auth_demo
    from app.employers import demo as employer_demo
    from app.ratko import demo

    with app.app_context():
        auth_demo.load()
        employer_demo.load()
        db.session.commit()
        demo.load()
        db.session.commit()
        rows = db.session.execute(db.select(Engagement.phase, Engagement.status, Engagement.outcome)).all()
        assert {r.phase for r in rows} == {"commitment", "coaching", "matching", "consolidation"}
        assert {r.status for r in rows} == {"active", "seeded", "declined", "completed"}
        assert {"created_not_filled", "no_bundle"} <= {r.outcome for r in rows if r.outcome}
        demo.load()  # idempotent
        assert db.session.scalar(db.select(db.func.count(Engagement.id))) == len(rows)


def test_engagement_page_shows_phases_and_history(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    page = c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert re.search(r'class="step current"\s+aria-current="step"', page)
    for phase in checklists.phases():
        assert f'id="checklist-{phase.code}"' in page
    assert "Phase: Commitment" in page
