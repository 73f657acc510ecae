"""Workshops and the task inventory: plan and edit workshops, participants, row-by-row entry (Enter saves and opens
the next row), in-place edits with stale-save refusal, and the hours rules at the form."""

from __future__ import annotations

import re

from app.extensions import db
from app.ratko.models import Participant, Task, Workshop


def test_plan_a_workshop_and_warn_outside_one_to_two_hours(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    form = c.get(f"/ratko/engagements/{e.id}/workshops/new").get_data(as_text=True)
    assert "has not given its go yet" in form
    created = c.post(f"/ratko/engagements/{e.id}/workshops/new",
                     data={"held_on": "2026-03-12", "duration_minutes": "150", "facilitator_id": str(consultant.id)})
    assert created.status_code == 303
    page = c.get(created.headers["Location"]).get_data(as_text=True)
    assert "Workshops usually work best at 1–2 hours" in page
    with app.app_context():
        workshop = db.session.scalars(db.select(Workshop)).one()
        assert (workshop.session_number, workshop.duration_minutes) == (1, 150)
    bad = c.post(f"/ratko/engagements/{e.id}/workshops/new", data={"held_on": "", "duration_minutes": "5"})
    assert bad.status_code == 422


def test_stale_workshop_edit_is_refused(app, make_client, ratko, consultant):
    w = ratko.workshop(ratko.engagement(consultant))
    c = make_client(login=consultant.email)
    data = {"held_on": "2026-03-12", "duration_minutes": "90", "session_number": "1", "version": "1"}
    assert c.post(f"/ratko/workshops/{w.id}/edit", data={**data, "notes": "Ensin"}).status_code == 303
    stale = c.post(f"/ratko/workshops/{w.id}/edit", data={**data, "notes": "Myöhemmin"})
    assert stale.status_code == 409 and "Someone else saved this workshop" in stale.get_data(as_text=True)


def test_adding_a_participant_opens_their_inventory_section(app, make_client, ratko, consultant):
    w = ratko.workshop(ratko.engagement(consultant))
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/workshops/{w.id}/participants", data={"name": "Sari Nieminen",
                                                                     "role": "sairaanhoitaja"}, htmx=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Sari Nieminen" in text
    assert 'hx-swap-oob="beforebegin:#section-roles"' in text
    with app.app_context():
        participant = db.session.scalars(db.select(Participant)).one()
    assert f'id="entry-p{participant.id}"' in text
    missing = c.post(f"/ratko/workshops/{w.id}/participants", data={"name": "Nimetön"}, htmx=True)
    assert missing.status_code == 422 and "Write the participant&#39;s role" in missing.get_data(as_text=True)


def test_enter_saves_the_row_and_opens_the_next_with_the_same_person(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    p = ratko.participant(w, name="Jukka Heikkinen", role="lähihoitaja")
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/workshops/{w.id}/tasks", htmx=f"entry-p{p.id}", data={
        "participant_id": str(p.id), "description": "Liinavaatteiden täydennys osastolle", "category": "extra",
        "hours_value": "3,5", "hours_period": "week", "frequency": "daily", "burdens_staff": "y"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    with app.app_context():
        task = db.session.scalars(db.select(Task)).one()
        assert (task.role, task.hours_value, task.burdens_staff, task.workshop_id) == ("lähihoitaja", 3.5, True, w.id)
    assert f'id="task-row-{task.id}"' in text
    assert re.search(rf'<form class="task-row task-entry" id="entry-p{p.id}"', text)
    assert "autofocus" in text and f'name="participant_id" value="{p.id}"' in text
    assert f'id="section-total-p{p.id}" hx-swap-oob="true">1 task · 3.5 h/week' in text


def test_role_rows_keep_the_role_and_bad_hours_keep_the_input(app, make_client, ratko, consultant):
    w = ratko.workshop(ratko.engagement(consultant))
    c = make_client(login=consultant.email)
    ok = c.post(f"/ratko/workshops/{w.id}/tasks", htmx="entry-roles", data={
        "role": "osastonsihteeri", "description": "Postin kuljetus", "category": "extra", "hours_value": "2",
        "hours_period": "week"})
    assert 'value="osastonsihteeri"' in ok.get_data(as_text=True)
    for hours, period, message in (("-1", "week", "cannot be negative"), ("45", "week", "Over 40 hours"),
                                   ("180", "month", "Over 40 hours"), ("paljon", "week", "as a number")):
        bad = c.post(f"/ratko/workshops/{w.id}/tasks", htmx="entry-roles", data={
            "role": "osastonsihteeri", "description": "Arkistointi", "category": "extra", "hours_value": hours,
            "hours_period": period})
        text = bad.get_data(as_text=True)
        assert bad.status_code == 422 and message in text, (hours, period)
        assert 'value="Arkistointi"' in text
    no_role = c.post(f"/ratko/workshops/{w.id}/tasks", htmx="entry-roles",
                     data={"role": "", "description": "Kenen?", "category": "extra", "hours_value": "1"})
    assert no_role.status_code == 422 and "Whose work is this?" in no_role.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Task.id))) == 1


def test_edit_in_place_refuses_a_stale_save_and_delete_removes_the_row(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    t = ratko.task(e, "Hyllytys", role="myyjä", hours=2, workshop=w)
    c = make_client(login=consultant.email)
    form = c.get(f"/ratko/tasks/{t.id}/edit", htmx=True).get_data(as_text=True)
    assert 'value="Hyllytys"' in form and 'name="version" value="1"' in form
    data = {"role": "myyjä", "description": "Hyllytys ja päiväykset", "category": "extra", "hours_value": "2",
            "hours_period": "week", "version": "1"}
    saved = c.post(f"/ratko/tasks/{t.id}/edit", data=data, htmx=True)
    assert saved.status_code == 200 and "Hyllytys ja päiväykset" in saved.get_data(as_text=True)
    stale = c.post(f"/ratko/tasks/{t.id}/edit", data={**data, "description": "Vanha versio"}, htmx=True)
    text = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Someone else changed this task" in text and 'value="Vanha versio"' in text
    assert c.post(f"/ratko/tasks/{t.id}/edit", data={**data, "version": "2", "hours_value": "99"},
                  htmx=True).status_code == 422
    deleted = c.post(f"/ratko/tasks/{t.id}/delete", htmx=True)
    assert deleted.status_code == 200 and f"task-row-{t.id}" not in deleted.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Task, t.id) is None


def test_removing_a_participant_keeps_their_tasks(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    p = ratko.participant(w, role="laitoshuoltaja")
    t = ratko.task(e, "Kahvihuoneen siisteys", workshop=w, participant_id=p.id, role="")
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/participants/{p.id}/delete", htmx=True)
    assert response.status_code == 200 and 'id="inventory"' in response.get_data(as_text=True)
    with app.app_context():
        task = db.session.get(Task, t.id)
        assert task.participant_id is None and task.role == "laitoshuoltaja"
