"""A checklist tick bumps the engagement's version; every other form on the page that carries that version is
refreshed out of band, so my own next save is no conflict (a real stale save still is)."""

from __future__ import annotations

import re

from app.extensions import db
from app.ratko import checklists
from app.ratko.models import Engagement

VERSION = re.compile(r'<input type="hidden" name="version" value="(\d+)" id="([a-z-]+)-version"( hx-swap-oob="true")?>')


def test_tick_refreshes_every_version_field_and_the_next_save_is_no_conflict(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    page = c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    on_page = {form_id: int(version) for version, form_id, _oob in VERSION.findall(page)}
    assert set(on_page) == {"status-form", "decision-form", "phase-form"}
    item = checklists.phases()[0].items[0]
    response = c.post(f"/ratko/engagements/{e.id}/checklist", data={"item": f"commitment:{item.code}", "done": "1"},
                      htmx=True)
    refreshed = {form_id: int(version) for version, form_id, oob in VERSION.findall(response.get_data(as_text=True))
                 if oob}
    with app.app_context():
        current = db.session.get(Engagement, e.id).version
    assert current > on_page["decision-form"]  # the tick did bump the version
    assert refreshed == dict.fromkeys(on_page, current)  # and every field that carried it is refreshed
    saved = c.post(f"/ratko/engagements/{e.id}/decision", data={
        "decision": "go", "decided_by": "Johanna Lappalainen", "version": refreshed["decision-form"]})
    assert saved.status_code == 303
    stale = c.post(f"/ratko/engagements/{e.id}/status", data={"status": "declined",
                                                              "version": on_page["status-form"]})
    assert stale.status_code == 409  # an old version is still refused


def test_an_unchanged_tick_refreshes_with_the_same_version(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    item = checklists.phases()[0].items[0]
    response = c.post(f"/ratko/engagements/{e.id}/checklist", data={"item": f"commitment:{item.code}", "done": "0"},
                      htmx=True)
    with app.app_context():
        current = db.session.get(Engagement, e.id).version
    versions = {int(v) for v, _f, oob in VERSION.findall(response.get_data(as_text=True)) if oob}
    assert versions == {current}
