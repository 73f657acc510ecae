"""The worklist's counts agree with its rows, every registered source included, and refresh in place."""

from __future__ import annotations

import re
from datetime import timedelta

from app.extensions import db
from tests.helpers import count_queries

ROW_STATE = re.compile(r'class="work-row state-(\w+)"')


def _counted(body: str) -> dict:
    counts = {state: int(re.search(rf"(\d+) {label}", body).group(1))
              for state, label in (("overdue", "overdue"), ("due", "due<"), ("upcoming", "due within 14 days"))}
    counts.update({kind: int(re.search(rf"(\d+) {label}", body).group(1))
                   for kind, label in (("promise", "promise"), ("next_step", "next step"))})
    return counts


def _rows(body: str) -> dict:
    states = ROW_STATE.findall(body)
    return {state: states.count(state) for state in ("overdue", "due", "upcoming")}


def _ratko_follow_up(app, factory, user, due_on, name: str = "Ratkon Rautakauppa Oy"):
    from app.auth.models import User
    from app.employers import selectors as employer_selectors
    from app.ratko import services

    employer = factory.employer(name)
    with app.app_context():
        engagement = services.engagement_create(
            organisation_id=user.organisation_id, employer=employer_selectors.employer_get_or_404(employer.id),
            data={"title": "Varasto"}, actor=db.session.get(User, user.id))
        services.follow_up_add(engagement=engagement, due_on=due_on, note="Kolmen kuukauden seuranta")
        db.session.commit()


def _world(app, factory, tp, today):
    me = factory.user(roles=("coach", "consultant"), name="Minä")
    late = factory.employer("Myöhässä Oy")
    factory.relationship(late, me, started_on=today - timedelta(days=400))
    due = factory.employer("Erääntynyt Oy")
    factory.relationship(due, me, started_on=today - timedelta(days=130))
    promised = factory.employer("Lupaukset Oy")
    tp.log(promised, me, days_ago=10,
           promises=[{"text": "Lähetä esite", "due_on": today - timedelta(days=3)},
                     {"text": "Soita takaisin", "due_on": today}],
           next_step={"text": "Sovi tapaaminen", "due_on": today - timedelta(days=1)})
    _ratko_follow_up(app, factory, me, today - timedelta(days=2))
    return me, late, due


def test_counts_agree_with_the_rows_of_every_source(app, factory, tp, make_client, today):
    me, _late, _due = _world(app, factory, tp, today)
    c = make_client(login=me.email)
    body = c.get("/worklist").get_data(as_text=True)
    rows = _rows(body)
    # relationship 400 days old, a promise and a next step past their dates, the RATKO follow-up: four overdue
    assert rows == {"overdue": 4, "due": 2, "upcoming": 0}, rows
    counted = _counted(body)
    assert {k: counted[k] for k in rows} == rows
    assert counted["promise"] == 2 and counted["next_step"] == 1 and "RATKO follow-up: 1" in body
    summary = c.get("/worklist/summary", htmx=True).get_data(as_text=True)
    assert "4 overdue" in summary and "2 due<" in summary and "RATKO follow-up: 1" in summary
    only_follow_ups = c.get("/worklist?show=follow_ups", htmx="worklist-results").get_data(as_text=True)
    assert _rows(only_follow_ups) == {k: v for k, v in _counted(only_follow_ups).items() if k in rows}


def test_counts_refresh_in_place_after_a_quick_log_and_a_snooze(factory, tp, make_client, today, app):
    me, late, due = _world(app, factory, tp, today)
    c = make_client(login=me.email)
    page = c.get("/worklist?scope=mine").get_data(as_text=True)
    assert 'id="worklist-counts"' in page and 'hx-trigger="touchpoints-changed from:body"' in page
    assert "4 overdue" in c.get("/worklist/counts", htmx=True).get_data(as_text=True)
    logged = c.post(f"/employers/{late.id}/touchpoints/quick", htmx="modal-body",
                    data={"channel": "call", "occurred_on": today.isoformat(), "summary": "Soitin"})
    assert '"touchpoints-changed"' in logged.headers["HX-Trigger"]
    after_log = c.get("/worklist/counts", htmx=True).get_data(as_text=True)
    assert "3 overdue" in after_log and "<html" not in after_log
    due_id = tp.relationship_id(due, me)
    snoozed = c.post(f"/relationships/{due_id}/snooze", htmx="modal-body",
                     data={"until": (today + timedelta(days=20)).isoformat(), "reason": "Lomat"})
    assert '"touchpoints-changed"' in snoozed.headers["HX-Trigger"]
    assert "1 due<" in c.get("/worklist/counts", htmx=True).get_data(as_text=True)


def test_counts_cost_the_same_queries_at_two_sizes(app, factory, tp, make_client, today):
    me, _late, _due = _world(app, factory, tp, today)
    c = make_client(login=me.email)
    measured = []
    for grow in (0, 6):
        for i in range(grow):
            employer = factory.employer(f"Kasvu {i} Oy")
            factory.relationship(employer, me, started_on=today - timedelta(days=300 + i))
            tp.log(employer, me, days_ago=200, promises=[{"text": f"Lupaus {i}", "due_on": today}])
            _ratko_follow_up(app, factory, me, today - timedelta(days=i + 1), name=f"Ratko {i} Oy")
        for url in ("/worklist/counts", "/worklist/summary"):
            with count_queries(app) as n:
                assert c.get(url, htmx=True).status_code == 200
            measured.append((url, n[0]))
    assert measured[:2] == measured[2:], measured
