"""The worklist: states, scopes, rows refreshed after a contact, snooze, export, dashboard summary, query counts."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl

from tests.helpers import count_queries


def _world(factory, today):
    org = factory.org()
    me = factory.user(org, roles=("coach",), name="Minä")
    colleague = factory.user(org, roles=("coach",), name="Kollega")
    overdue = factory.employer("Myöhässä Oy")
    due = factory.employer("Erääntynyt Oy")
    fine = factory.employer("Kunnossa Oy")
    theirs = factory.employer("Kollegan Oy")
    factory.relationship(overdue, me, started_on=today - timedelta(days=400))
    factory.relationship(due, me, started_on=today - timedelta(days=130))
    factory.relationship(fine, me, started_on=today - timedelta(days=10))
    factory.relationship(theirs, colleague, started_on=today - timedelta(days=300))
    return me, colleague, overdue, due, fine, theirs


def test_my_worklist_is_sorted_by_urgency_with_traffic_lights(factory, tp, make_client, today):
    me, _colleague, overdue, due, fine, theirs = _world(factory, today)
    tp.log(due, me, days_ago=150, promises=[{"text": "Lähetä esite", "due_on": today - timedelta(days=1)}])
    c = make_client(login=me.email)
    body = c.get("/worklist").get_data(as_text=True)
    assert body.index("Myöhässä Oy") < body.index("Erääntynyt Oy")
    assert "Kunnossa Oy" not in body and "Kollegan Oy" not in body
    assert "state-overdue" in body and "state-due" in body and "Lähetä esite" in body
    everyone = c.get("/worklist?scope=organisation", htmx="worklist-results").get_data(as_text=True)
    assert "<html" not in everyone and "Kollegan Oy" in everyone


def test_one_owner_scope_and_foreign_owner_falls_back_to_mine(factory, make_client, today):
    me, colleague, *_ = _world(factory, today)
    stranger = factory.user()
    c = make_client(login=me.email)
    theirs = c.get(f"/worklist?scope={colleague.id}").get_data(as_text=True)
    assert "Kollegan Oy" in theirs and "Myöhässä Oy" not in theirs
    fallback = c.get(f"/worklist?scope={stranger.id}").get_data(as_text=True)
    assert "Myöhässä Oy" in fallback and "Kollegan Oy" not in fallback


def test_row_turns_green_after_a_contact(factory, tp, make_client, today):
    me, _colleague, overdue, *_ = _world(factory, today)
    rel_id = tp.relationship_id(overdue, me)
    c = make_client(login=me.email)
    before = c.get(f"/worklist/rows/relationship/{rel_id}", htmx=True).get_data(as_text=True)
    assert "state-overdue" in before and f'hx-trigger="touchpoints-changed-{overdue.id} from:body"' in before
    c.post(f"/employers/{overdue.id}/touchpoints/quick", htmx="modal-body",
           data={"channel": "call", "occurred_on": today.isoformat(), "summary": "Soitin"})
    after = c.get(f"/worklist/rows/relationship/{rel_id}", htmx=True).get_data(as_text=True)
    assert "state-ok" in after and "Up to date" in after


def test_network_collisions_filter(factory, tp, make_client, today):
    me, _colleague, overdue, due, *_ = _world(factory, today)
    other = factory.user()
    tp.log(overdue, other, days_ago=3, channel="visit")
    c = make_client(login=me.email)
    body = c.get("/worklist?show=collisions").get_data(as_text=True)
    assert "Myöhässä Oy" in body and "Erääntynyt Oy" not in body
    assert other.org.name in body


def test_snooze_dialog_hides_the_relationship_until_the_date(factory, tp, make_client, today):
    me, _colleague, overdue, *_ = _world(factory, today)
    rel_id = tp.relationship_id(overdue, me)
    c = make_client(login=me.email)
    dialog = c.get(f"/relationships/{rel_id}/snooze", htmx="modal-body")
    assert dialog.status_code == 200 and "Snooze Myöhässä Oy" in dialog.get_data(as_text=True)
    no_reason = c.post(f"/relationships/{rel_id}/snooze", htmx="modal-body",
                       data={"until": (today + timedelta(days=20)).isoformat(), "reason": ""})
    assert no_reason.status_code == 422
    too_late = c.post(f"/relationships/{rel_id}/snooze", htmx="modal-body",
                      data={"until": (today + timedelta(days=400)).isoformat(), "reason": "x"})
    assert too_late.status_code == 422
    ok = c.post(f"/relationships/{rel_id}/snooze", htmx="modal-body",
                data={"until": (today + timedelta(days=20)).isoformat(), "reason": "Kesälomat"})
    assert ok.status_code == 200 and "close-modal" in ok.headers["HX-Trigger"]
    assert "Myöhässä Oy" not in c.get("/worklist").get_data(as_text=True)
    assert "Kesälomat" in c.get(f"/employers/{overdue.id}/network-touches").get_data(as_text=True)
    c.post(f"/relationships/{rel_id}/unsnooze")
    assert "Myöhässä Oy" in c.get("/worklist").get_data(as_text=True)


def test_follow_up_done_from_the_worklist(factory, tp, make_client, today):
    me, *_rest = _world(factory, today)
    employer = factory.employer("Lupaus Oy")
    logged = tp.log(employer, me, promises=[{"text": "Tuo CV", "due_on": today}])
    c = make_client(login=me.email)
    follow_up = logged.follow_ups[0].id
    assert "Tuo CV" in c.get("/worklist").get_data(as_text=True)
    c.post(f"/follow-ups/{follow_up}/done", htmx=True)
    row = c.get(f"/worklist/rows/follow-up/{follow_up}", htmx=True).get_data(as_text=True)
    assert "state-done" in row
    assert "Tuo CV" not in c.get("/worklist").get_data(as_text=True)


def test_export_has_every_row_as_text_cells(factory, tp, make_client, today):
    me = factory.user(roles=("coach",))
    formula = factory.employer("=HYPERLINK(\"http://x\")")
    factory.relationship(formula, me, started_on=today - timedelta(days=300))
    c = make_client(login=me.email)
    response = c.get("/worklist.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet["A1"].value == "State" and sheet.freeze_panes == "A2"
    assert sheet["C2"].value == "=HYPERLINK(\"http://x\")" and sheet["C2"].data_type == "s"
    assert sheet["D2"].is_date


def test_dashboard_summary_region(factory, make_client, today):
    me, *_rest = _world(factory, today)
    c = make_client(login=me.email)
    assert "/worklist/summary" in c.get("/").get_data(as_text=True)
    summary = c.get("/worklist/summary", htmx=True).get_data(as_text=True)
    assert "1 overdue" in summary and "1 due" in summary and "Myöhässä Oy" in summary
    assert 'hx-trigger="touchpoints-changed from:body"' in summary


def _grow(factory, tp, user, n: int, today):
    for i in range(n):
        employer = factory.employer(f"Kasvu {i} Oy")
        factory.relationship(employer, user, started_on=today - timedelta(days=200 + i))
        tp.log(employer, user, days_ago=130 + i, promises=[{"text": f"Lupaus {i}", "due_on": today}],
               next_step={"text": f"Seuraava {i}", "due_on": today})


def test_worklist_query_count_does_not_grow_with_the_data(app, factory, tp, make_client, today):
    me = factory.user(roles=("coach",))
    other = factory.user()
    c = make_client(login=me.email)
    _grow(factory, tp, me, 2, today)
    tp.log(factory.employer("Muiden"), other)
    counts = []
    for extra in (0, 8):
        _grow(factory, tp, me, extra, today)
        for url in ("/worklist", "/worklist?scope=organisation&show=collisions", "/worklist/summary",
                    "/worklist.xlsx"):
            with count_queries(app) as n:
                assert c.get(url).status_code == 200
            counts.append((url, n[0]))
    assert counts[:4] == counts[4:], counts


def test_pages_of_the_merged_worklist_are_exact(app, factory, tp, today):
    from app.auth.models import User
    from app.extensions import db
    from app.touchpoints.worklist import WorkFilters, collect, worklist_page

    me = factory.user(roles=("coach",))
    for i in range(7):
        employer = factory.employer(f"Sivutus {i} Oy")
        factory.relationship(employer, me, started_on=today - timedelta(days=120 + 20 * i))
        if i % 2:
            tp.log(employer, me, days_ago=125 + i, promises=[{"text": f"Lupaus {i}", "due_on": today - timedelta(i)}])
    with app.test_request_context():
        user = db.session.get(User, me.id)
        everything = [i.uid for i in collect(user=user, scope="mine")]
        pages = [worklist_page(user=user, filters=WorkFilters(), page=n, per_page=3) for n in (1, 2, 3, 4)]
        assert pages[0].total == len(everything) == 10
        assert [i.uid for p in pages[:4] for i in p.items] == everything


def test_owner_change_archive_and_pause_move_relationships_in_and_out(app, factory, tp, make_client, today):
    from app.employers import selectors as employer_selectors
    from app.employers import services as employer_services
    from app.employers.models import Relationship
    from app.extensions import db

    me, colleague, overdue, *_ = _world(factory, today)
    rel_id = tp.relationship_id(overdue, me)
    c = make_client(login=me.email)
    assert "Myöhässä Oy" in c.get("/worklist").get_data(as_text=True)
    with app.app_context():
        relationship = db.session.get(Relationship, rel_id)
        employer_services.relationships_reassign(relationships=[relationship], owner_id=colleague.id)
        db.session.commit()
    assert "Myöhässä Oy" not in c.get("/worklist").get_data(as_text=True)
    assert "Myöhässä Oy" in c.get(f"/worklist?scope={colleague.id}").get_data(as_text=True)
    with app.app_context():
        employer_services.employer_archive(employer=employer_selectors.employer_get_or_404(overdue.id))
        db.session.commit()
    assert "Myöhässä Oy" not in c.get("/worklist?scope=organisation").get_data(as_text=True)
    with app.app_context():
        employer_services.employer_restore(employer=employer_selectors.employer_get_or_404(overdue.id))
        relationship = db.session.get(Relationship, rel_id)
        employer_services.relationship_update(relationship=relationship, data={"status": "dormant"},
                                              expected_version=relationship.version)
        db.session.commit()
    assert "Myöhässä Oy" not in c.get("/worklist?scope=organisation").get_data(as_text=True)
