"""Touchpoint pages and fragments through HTTP: quick log, full form, timeline privacy, network warning, edit
conflicts, the employer page's regions."""

from __future__ import annotations

import json
from datetime import timedelta

from app.extensions import db
from app.touchpoints.models import Touchpoint


def _org_pair(factory):
    org_a, org_b = factory.org(), factory.org()
    return factory.user(org_a, roles=("coach",)), factory.user(org_b, roles=("coach",))


def test_quick_log_dialog_saves_closes_and_signals_the_rows(factory, tp, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer("Karjalan Kone Oy")
    c = make_client(login=user.email)
    url = f"/employers/{employer.id}/touchpoints/quick"
    dialog = c.get(url, htmx="modal-body")
    body = dialog.get_data(as_text=True)
    assert dialog.status_code == 200 and "<html" not in body and 'id="modal-title"' in body
    assert f'value="{today.isoformat()}"' in body  # today by default
    saved = c.post(url, data={"channel": "visit", "occurred_on": today.isoformat(), "summary": "Kävin"},
                   htmx="modal-body")
    assert saved.status_code == 200
    trigger = json.loads(saved.headers["HX-Trigger"])
    assert trigger["close-modal"] is True and trigger[f"touchpoints-changed-{employer.id}"] is True
    assert 'hx-swap-oob="true"' in saved.get_data(as_text=True)
    assert tp.cadence_row(employer, user).last_counted_on == today


def test_quick_log_requires_only_channel_date_summary_and_refuses_the_future(factory, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    c = make_client(login=user.email)
    url = f"/employers/{employer.id}/touchpoints/quick"
    empty = c.post(url, data={"channel": "call", "occurred_on": today.isoformat(), "summary": ""}, htmx="modal-body")
    assert empty.status_code == 422 and "<html" not in empty.get_data(as_text=True)
    future = c.post(url, data={"channel": "visit", "occurred_on": (today + timedelta(days=1)).isoformat(),
                               "summary": "x"}, htmx="modal-body")
    assert future.status_code == 422 and "cannot be in the future" in future.get_data(as_text=True)
    step = c.post(url, data={"channel": "call", "occurred_on": today.isoformat(), "summary": "x",
                             "next_step_text": "Soita", "next_step_due": (today + timedelta(days=90)).isoformat()},
                  htmx="modal-body")
    assert step.status_code == 200  # next steps may be in the future
    plain = c.post(url, data={"channel": "call", "occurred_on": today.isoformat(), "summary": "no js"})
    assert plain.status_code == 303 and plain.headers["Location"].endswith(f"/employers/{employer.id}")


def test_quick_log_warns_when_another_organisation_was_in_touch_lately(factory, tp, make_client):
    user, other = _org_pair(factory)
    employer = factory.employer()
    tp.log(employer, other, days_ago=12, channel="visit")
    c = make_client(login=user.email)
    body = c.get(f"/employers/{employer.id}/touchpoints/quick", htmx="modal-body").get_data(as_text=True)
    assert "Another organisation was in touch" in body
    quiet = factory.employer()
    tp.log(quiet, other, days_ago=31)
    assert "Another organisation" not in c.get(f"/employers/{quiet.id}/touchpoints/quick",
                                               htmx="modal-body").get_data(as_text=True)


def test_full_form_logs_everything_and_checks_promises(app, factory, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    contact = factory.contact(employer, name="Liisa Laine")
    c = make_client(login=user.email)
    url = f"/touchpoints/new?employer_id={employer.id}"
    assert "Liisa Laine" in c.get(url).get_data(as_text=True)
    form = {"channel": "meeting", "occurred_on": today.isoformat(), "purpose": "needs_mapping", "outcome": "lead_found",
            "contact_id": str(contact.id), "client_present": "y", "participant_ids": str(user.id),
            "summary": "Kartoitus", "private_note": "Vain meille", "needs_extra_hands": "Hyllytys",
            "feedback_good": "Nopea vastaus", "promises-0-text": "Esite", "promises-0-due_on": "",
            "next_step_text": "Tapaaminen", "next_step_due": (today + timedelta(days=30)).isoformat()}
    refused = c.post(url, data=form)
    assert refused.status_code == 422 and "A promise needs a due date" in refused.get_data(as_text=True)
    form["promises-0-due_on"] = (today + timedelta(days=7)).isoformat()
    saved = c.post(url, data=form)
    assert saved.status_code == 303
    page = c.get(saved.headers["Location"]).get_data(as_text=True)
    for text in ("Kartoitus", "Vain meille", "Hyllytys", "Nopea vastaus", "Esite", "Tapaaminen", "Liisa Laine"):
        assert text in page
    with app.app_context():
        touchpoint = db.session.scalar(db.select(Touchpoint))
        assert touchpoint.client_present and touchpoint.outcome == "lead_found"


def test_stale_edit_is_refused_with_409_and_keeps_input(factory, tp, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    logged = tp.log(employer, user, summary="Alku")
    a, b = make_client(login=user.email), make_client(login=user.email)
    form = {"channel": "call", "occurred_on": today.isoformat(), "purpose": "keep_in_touch", "summary": "B:n versio",
            "participant_ids": str(user.id), "version": "1"}
    assert b.post(f"/touchpoints/{logged.id}/edit", data=form).status_code == 303
    stale = a.post(f"/touchpoints/{logged.id}/edit", data={**form, "summary": "A:n versio"})
    assert stale.status_code == 409
    text = stale.get_data(as_text=True)
    assert "B:n versio" in text and "A:n versio" in text


def test_delete_by_my_organisation(factory, tp, make_client):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    logged = tp.log(employer, user)
    c = make_client(login=user.email)
    assert c.post(f"/touchpoints/{logged.id}/delete").status_code == 303
    assert c.get(f"/touchpoints/{logged.id}").status_code == 404


def test_timeline_shows_the_network_but_private_parts_only_to_their_organisation(factory, tp, make_client):
    user, other = _org_pair(factory)
    employer = factory.employer()
    tp.log(employer, other, days_ago=5, summary="Heidän yhteenveto", private_note="HEIDÄN-SALAISUUS",
           needs_extra_hands="HEIDÄN-KÄSIPARI")
    tp.log(employer, user, days_ago=1, summary="Meidän yhteenveto", private_note="MEIDÄN-MUISTIINPANO")
    c = make_client(login=user.email)
    body = c.get(f"/employers/{employer.id}/timeline", htmx=True).get_data(as_text=True)
    assert "Heidän yhteenveto" in body and "Meidän yhteenveto" in body and "MEIDÄN-MUISTIINPANO" in body
    assert "HEIDÄN" not in body.replace("Heidän yhteenveto", "")
    assert body.index("Meidän yhteenveto") < body.index("Heidän yhteenveto")  # newest first


def test_timeline_pages(factory, tp, make_client):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    for n in range(23):
        tp.log(employer, user, days_ago=n, summary=f"kontakti-{n:02d}")
    c = make_client(login=user.email)
    first = c.get(f"/employers/{employer.id}/timeline", htmx=True).get_data(as_text=True)
    assert "kontakti-19" in first and "kontakti-20" not in first and "page=2" in first
    second = c.get(f"/employers/{employer.id}/timeline?page=2", htmx=True).get_data(as_text=True)
    assert "kontakti-22" in second and "kontakti-00" not in second and "page=3" not in second


def test_employer_page_regions(factory, tp, make_client):
    user, other = _org_pair(factory)
    employer = factory.employer()
    tp.log(employer, other, days_ago=40)
    tp.log(employer, user, days_ago=2)
    c = make_client(login=user.email)
    page = c.get(f"/employers/{employer.id}").get_data(as_text=True)
    for endpoint in ("/timeline", "/network-touches", "/log-button"):
        assert f"/employers/{employer.id}{endpoint}" in page
    network = c.get(f"/employers/{employer.id}/network-touches", htmx=True).get_data(as_text=True)
    assert other.org.name in network and user.org.name in network
    assert "Only one person in our organisation" in network and "Up to date" in network
    button = c.get(f"/employers/{employer.id}/log-button", htmx=True).get_data(as_text=True)
    assert "touchpoints/quick" in button


def test_promise_kept_from_the_touchpoint_page(factory, tp, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    logged = tp.log(employer, user, promises=[{"text": "Esite", "due_on": today}])
    c = make_client(login=user.email)
    follow_up = logged.follow_ups[0].id
    kept = c.post(f"/follow-ups/{follow_up}/done", htmx=f"follow-up-{follow_up}")
    assert kept.status_code == 200 and "kept on" in kept.get_data(as_text=True)
    assert f"touchpoints-changed-{employer.id}" in kept.headers["HX-Trigger"]
    undone = c.post(f"/follow-ups/{follow_up}/done", data={"undo": "1"}, htmx=f"follow-up-{follow_up}")
    assert "kept on" not in undone.get_data(as_text=True)


def test_quick_log_from_a_promise_marks_it_kept(app, factory, tp, make_client, today):
    user, other = _org_pair(factory)
    employer = factory.employer()
    logged = tp.log(employer, user, days_ago=20, promises=[{"text": "Soita takaisin", "due_on": today}])
    step = logged.follow_ups[0].id
    theirs = tp.log(employer, other, promises=[{"text": "x", "due_on": today}]).follow_ups[0].id
    c = make_client(login=user.email)
    url = f"/employers/{employer.id}/touchpoints/quick"
    assert c.get(f"{url}?follow_up_id={theirs}", htmx="modal-body").status_code == 404
    dialog = c.get(f"{url}?follow_up_id={step}", htmx="modal-body").get_data(as_text=True)
    assert "Soita takaisin" in dialog and "Mark it done" in dialog
    c.post(url, htmx="modal-body", data={"channel": "call", "occurred_on": today.isoformat(), "summary": "Soitin",
                                         "follow_up_id": str(step), "mark_done": "y"})
    with app.app_context():
        from app.touchpoints.models import TouchpointFollowUp

        assert db.session.get(TouchpointFollowUp, step).done_on == today


def test_next_step_without_a_date_is_refused(factory, make_client, today):
    user, _ = _org_pair(factory)
    employer = factory.employer()
    c = make_client(login=user.email)
    response = c.post(f"/employers/{employer.id}/touchpoints/quick", htmx="modal-body", data={
        "channel": "call", "occurred_on": today.isoformat(), "summary": "x", "next_step_text": "Soita"})
    assert response.status_code == 422 and "A next step needs a due date" in response.get_data(as_text=True)
