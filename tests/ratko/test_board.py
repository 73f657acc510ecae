"""The carving board over HTTP: moves (keyboard and drag order), stale moves, refusals, bundle deletion, polling
refresh, hours in the bundle header, and a query count that does not grow with the tasks."""

from __future__ import annotations

import re

from app.extensions import db
from app.ratko.models import Bundle, Task
from tests.helpers import count_queries


def _task(app, task_id):
    with app.app_context():
        task = db.session.get(Task, task_id)
        return task.bundle_id, task.version, task.position


def _move(client, task_id, to, version, order=""):
    return client.post(f"/ratko/tasks/{task_id}/move", data={"to": str(to), "version": str(version), "order": order},
                       htmx="board")


def test_move_into_a_bundle_updates_hours_and_whose_work(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    t1 = ratko.task(e, "Liinavaatteiden täydennys osastolle", role="lähihoitaja", hours=3.5)
    t2 = ratko.task(e, "Postin kuljetus", role="osastonsihteeri", hours=2)
    b = ratko.bundle(e, "Osastoavustaja")
    c = make_client(login=consultant.email)
    first = _move(c, t1.id, b.id, t1.version)
    assert first.status_code == 200
    body = first.get_data(as_text=True)
    assert "<html" not in body and 'id="board"' in body
    assert "Frees 3.5 h/week from lähihoitaja" in body
    assert "moved to Osastoavustaja" in first.headers["HX-Trigger-After-Settle"]
    second = _move(c, t2.id, b.id, t2.version)
    text = second.get_data(as_text=True)
    assert "Frees 3.5 h/week from lähihoitaja, 2 h from osastonsihteeri" in text
    assert re.search(r'big-number">5.5</span> h/week · 2 tasks', text)
    assert _task(app, t1.id)[0] == b.id and _task(app, t1.id)[1] == t1.version + 1


def test_drag_order_places_the_task_without_touching_other_versions(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    b = ratko.bundle(e)
    a1, a2, a3 = (ratko.task(e, f"Tehtävä {n}") for n in (1, 2, 3))
    for t in (a1, a2):
        ratko.move(t.id, b.id)
    c = make_client(login=consultant.email)
    versions = {t.id: _task(app, t.id)[1] for t in (a1, a2)}
    response = _move(c, a3.id, b.id, a3.version, order=f"{a1.id},{a3.id},{a2.id}")
    assert response.status_code == 200
    positions = sorted((_task(app, t.id)[2], t.id) for t in (a1, a2, a3))
    assert [tid for _, tid in positions] == [a1.id, a3.id, a2.id]
    assert {t.id: _task(app, t.id)[1] for t in (a1, a2)} == versions


def test_a_stale_move_is_refused_with_409_and_the_current_board(app, make_client, ratko, consultant, factory):
    colleague = factory.user(org=consultant.org, roles=("coach",))
    e = ratko.engagement(consultant)
    t = ratko.task(e, "Hyllyjen täyttö ja päiväysten tarkistus")
    b1, b2 = ratko.bundle(e, "Myymäläavustaja"), ratko.bundle(e, "Varastoapulainen")
    me, other = make_client(login=consultant.email), make_client(login=colleague.email)
    assert _move(other, t.id, b1.id, t.version).status_code == 200
    stale = _move(me, t.id, b2.id, t.version)
    assert stale.status_code == 409
    body = stale.get_data(as_text=True)
    assert "Someone else moved or changed" in body and "Your move was not saved" in body
    assert 'id="board"' in body
    assert _task(app, t.id)[0] == b1.id  # the colleague's move stands; nothing silently lost


def test_moving_into_a_bundle_of_another_engagement_is_refused(app, make_client, ratko, consultant):
    e1, e2 = ratko.engagement(consultant), ratko.engagement(consultant)
    t = ratko.task(e1)
    foreign = ratko.bundle(e2, "Toisen osaston avustaja")
    c = make_client(login=consultant.email)
    response = _move(c, t.id, foreign.id, t.version)
    assert response.status_code == 422
    assert "another engagement" in response.get_data(as_text=True)
    assert _task(app, t.id)[:2] == (None, t.version)


def test_a_deleted_or_foreign_bundle_is_refused_with_the_current_board(app, make_client, ratko, consultant, factory):
    outsider = factory.user(roles=("consultant",))
    e = ratko.engagement(consultant)
    t = ratko.task(e)
    theirs = ratko.bundle(ratko.engagement(outsider), "Vieras nippu")
    gone = ratko.bundle(e, "Poistettu nippu")
    c = make_client(login=consultant.email)
    assert c.post(f"/ratko/bundles/{gone.id}/delete", htmx="board").status_code == 200
    for bundle_id in (gone.id, theirs.id, 999999):
        response = _move(c, t.id, bundle_id, t.version)
        text = response.get_data(as_text=True)
        assert response.status_code == 409 and "That bundle no longer exists" in text
        assert "Vieras nippu" not in text
    assert _task(app, t.id)[0] is None


def test_deleting_a_bundle_returns_its_tasks_to_uncarved(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    stay = ratko.task(e, "Jää paikalleen")
    carved = [ratko.task(e, f"Kaiverrettu {n}") for n in (1, 2)]
    b = ratko.bundle(e, "Poistuva nippu")
    for t in carved:
        ratko.move(t.id, b.id)
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/bundles/{b.id}/delete", htmx="board")
    assert response.status_code == 200
    assert "2 tasks are back among the uncarved tasks" in response.headers["HX-Trigger-After-Settle"]
    with app.app_context():
        assert db.session.get(Bundle, b.id) is None
        tasks = db.session.scalars(db.select(Task).order_by(Task.position)).all()
        assert [t.bundle_id for t in tasks] == [None, None, None]
        assert tasks[0].id == stay.id


def test_keyboard_move_without_order_goes_to_the_end_and_back(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    b = ratko.bundle(e)
    first, second = ratko.task(e, "Eka"), ratko.task(e, "Toka")
    ratko.move(first.id, b.id)
    c = make_client(login=consultant.email)
    assert _move(c, second.id, b.id, second.version).status_code == 200
    assert _task(app, second.id)[2] > _task(app, first.id)[2]
    version = _task(app, second.id)[1]
    back = _move(c, second.id, "uncarved", version)
    assert back.status_code == 200 and _task(app, second.id)[0] is None
    assert "back among the uncarved tasks" in back.headers["HX-Trigger-After-Settle"]


def test_without_htmx_a_move_redirects_back_to_the_board(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    t, b = ratko.task(e), ratko.bundle(e)
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/tasks/{t.id}/move", data={"to": str(b.id), "version": str(t.version)})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/ratko/engagements/{e.id}/board")


def test_poll_answers_204_until_someone_changes_the_board(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    t, b = ratko.task(e), ratko.bundle(e)
    c = make_client(login=consultant.email)
    page = c.get(f"/ratko/engagements/{e.id}/board").get_data(as_text=True)
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    assert c.get(f"/ratko/engagements/{e.id}/board?v={token}", htmx="board").status_code == 204
    ratko.move(t.id, b.id)
    changed = c.get(f"/ratko/engagements/{e.id}/board?v={token}", htmx="board")
    assert changed.status_code == 200 and f'id="task-{t.id}"' in changed.get_data(as_text=True)
    assert "updated by someone else" in changed.headers["HX-Trigger-After-Settle"]


def test_quick_task_and_new_bundle_on_the_board(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    absurd = c.post(f"/ratko/engagements/{e.id}/tasks", data={"role": "myyjä", "description": "Hyllytys",
                                                                "hours_value": "41", "category": "extra"},
                    htmx="board")
    assert absurd.status_code == 422 and "Over 40 hours a week" in absurd.get_data(as_text=True)
    negative = c.post(f"/ratko/engagements/{e.id}/tasks", data={"role": "myyjä", "description": "Hyllytys",
                                                                  "hours_value": "-2", "category": "extra"},
                      htmx="board")
    assert negative.status_code == 422 and "cannot be negative" in negative.get_data(as_text=True)
    ok = c.post(f"/ratko/engagements/{e.id}/tasks", data={"role": "myyjä", "description": "Hyllytys",
                                                            "hours_value": "2,5", "category": "extra"}, htmx="board")
    assert ok.status_code == 200 and "Hyllytys" in ok.get_data(as_text=True)
    untitled = c.post(f"/ratko/engagements/{e.id}/bundles", data={"title": ""}, htmx="board")
    assert untitled.status_code == 422
    opened = c.post(f"/ratko/engagements/{e.id}/bundles", data={"title": "Myymäläavustaja"}, htmx="board")
    assert opened.status_code == 200 and "Myymäläavustaja" in opened.get_data(as_text=True)


def test_core_and_qualification_tasks_warn_when_carved(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    core = ratko.task(e, "Lääkkeiden jako", category="core", needs_qualification=True)
    b = ratko.bundle(e)
    c = make_client(login=consultant.email)
    response = _move(c, core.id, b.id, core.version)
    announced = response.headers["HX-Trigger-After-Settle"]
    assert "core task" in announced and "professional qualification" in announced
    body = response.get_data(as_text=True)
    assert "1 core task: agree with the work community" in body and "1 task needs a professional qualification" in body


def _board_queries(app, client, engagement_id):
    client.get(f"/ratko/engagements/{engagement_id}/board", htmx="board")  # warm up
    with count_queries(app) as counter:
        response = client.get(f"/ratko/engagements/{engagement_id}/board", htmx="board")
    assert response.status_code == 200
    return counter[0]


def test_board_query_count_does_not_grow_with_tasks(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    people = [ratko.participant(w, name=f"Henkilö {n}", role=f"rooli {n}") for n in range(3)]
    bundles = [ratko.bundle(e, f"Nippu {n}") for n in range(2)]

    def add(count, offset):
        for n in range(count):
            t = ratko.task(e, f"Tehtävä {offset + n}", workshop=w, participant_id=people[n % 3].id, role="",
                           flag_note="huom" if n % 2 else None, left_undone=bool(n % 3))
            if n % 4:
                ratko.move(t.id, bundles[n % 2].id)

    add(8, 0)
    c = make_client(login=consultant.email)
    small = _board_queries(app, c, e.id)
    add(32, 100)
    large = _board_queries(app, c, e.id)
    assert small == large, (small, large)
