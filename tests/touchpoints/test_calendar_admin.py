"""Calendar feed (parses with icalendar, all-day events, stable UIDs, 404 for unknown or revoked tokens), the
account-page link, the counted-channel settings and the hand-over screen."""

from __future__ import annotations

import re
from datetime import date, timedelta

from icalendar import Calendar

from app.auth.models import User
from app.extensions import db
from app.touchpoints import services


def _token(app, user) -> str:
    with app.app_context():
        token = services.calendar_token_issue(user=db.session.get(User, user.id))
        db.session.commit()
        return token


def test_feed_parses_with_all_day_events_and_stable_uids(app, factory, tp, client, today):
    user = factory.user(roles=("coach",))
    overdue, soon = factory.employer("Vanha Suhde Oy"), factory.employer("Pian Oy")
    factory.relationship(overdue, user, started_on=today - timedelta(days=500))
    factory.relationship(soon, user, started_on=today - timedelta(days=100))
    tp.log(soon, user, days_ago=100, promises=[{"text": "Esite postiin", "due_on": today + timedelta(days=5)}])
    token = _token(app, user)
    first = client.get(f"/calendar/{token}.ics")
    assert first.status_code == 200 and first.mimetype == "text/calendar"
    calendar = Calendar.from_ical(first.data)
    events = [e for e in calendar.walk("VEVENT")]
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Contact Vanha Suhde Oy (overdue)" in summaries and "Contact Pian Oy" in summaries
    assert any("Esite postiin" in s for s in summaries)
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is date and event.decoded("DTEND") == start + timedelta(days=1)
    overdue_event = next(e for e in events if "Vanha" in str(e["SUMMARY"]))
    assert overdue_event.decoded("DTSTART") == today  # overdue contacts show today, not lost in the past
    again = Calendar.from_ical(client.get(f"/calendar/{token}.ics").data)
    assert sorted(str(e["UID"]) for e in events) == sorted(str(e["UID"]) for e in again.walk("VEVENT"))


def test_unknown_and_revoked_tokens_get_the_same_404(app, factory, client):
    user = factory.user()
    token = _token(app, user)
    unknown = client.get("/calendar/not-a-token.ics")
    with app.app_context():
        services.calendar_token_revoke(user=db.session.get(User, user.id))
        db.session.commit()
    revoked = client.get(f"/calendar/{token}.ics")
    assert unknown.status_code == revoked.status_code == 404
    assert unknown.data == revoked.data


def test_deactivated_user_feed_is_404(app, factory, client):
    user = factory.user()
    token = _token(app, user)
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_account_page_issues_the_link_once_and_regenerates(factory, make_client):
    user = factory.user()
    c = make_client(login=user.email)
    assert "/calendar/link" in c.get("/auth/account").get_data(as_text=True)
    assert "Create my calendar link" in c.get("/calendar/link", htmx=True).get_data(as_text=True)
    issued = c.post("/calendar/link", htmx="calendar-feed").get_data(as_text=True)
    url = re.search(r'value="(http[^"]+\.ics)"', issued).group(1)
    path = url.split("localhost", 1)[1]
    assert c.get(path).status_code == 200
    shown_later = c.get("/calendar/link", htmx=True).get_data(as_text=True)
    assert url not in shown_later and "You have a calendar link" in shown_later
    c.post("/calendar/link", htmx="calendar-feed")
    assert c.get(path).status_code == 404  # the old link stopped working
    c.post("/calendar/link", data={"revoke": "1"}, htmx="calendar-feed")
    assert "Create my calendar link" in c.get("/calendar/link", htmx=True).get_data(as_text=True)


def test_settings_only_for_managers_and_recompute(factory, tp, make_client, today):
    org = factory.org()
    manager = factory.user(org, roles=("manager",))
    coach = factory.user(org, roles=("coach",))
    employer = factory.employer()
    tp.log(employer, coach, days_ago=150, channel="call")
    tp.log(employer, coach, days_ago=2, channel="email")
    assert make_client(login=coach.email).get("/touchpoints/settings").status_code == 403
    c = make_client(login=manager.email)
    page = c.get("/touchpoints/settings").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="call"', page) and not re.search(r'<input checked[^>]*value="email"',
                                                                                   page)
    assert c.post("/touchpoints/settings", data={}).status_code == 422
    assert c.post("/touchpoints/settings", data={"channels": ["call", "email"]}).status_code == 303
    assert tp.cadence_row(employer, coach).last_counted_on == today - timedelta(days=2)


def test_handover_screen_reassigns_and_only_then_deactivates(app, factory, tp, make_client, today):
    org = factory.org()
    manager = factory.user(org, roles=("manager",))
    leaving = factory.user(org, roles=("coach",), name="Lähtevä Valmentaja")
    employer = factory.employer("Siirrettävä Oy")
    tp.log(employer, leaving, next_step={"text": "Soita syksyllä", "due_on": today + timedelta(days=40)})
    c = make_client(login=manager.email)
    assert f"/admin/users/{leaving.id}/handover" in c.get("/admin/users").get_data(as_text=True)
    page = c.get(f"/admin/users/{leaving.id}/handover").get_data(as_text=True)
    assert "Siirrettävä Oy" in page and "Soita syksyllä" in page
    refused = c.post(f"/admin/users/{leaving.id}/handover", data={"action": "deactivate"})
    assert refused.status_code == 409 and "still owns 1 relationships and 1 open" in refused.get_data(as_text=True)
    guarded = c.post(f"/admin/users/{leaving.id}/active", data={})
    assert guarded.status_code == 303 and "/handover" in guarded.headers["Location"]
    rel_id = tp.relationship_id(employer, leaving)
    moved = c.post(f"/admin/users/{leaving.id}/handover", data={
        "action": "reassign", "new_owner_id": str(manager.id), "relationship_id": str(rel_id)})
    assert moved.status_code == 303
    still = c.post(f"/admin/users/{leaving.id}/handover", data={"action": "deactivate"})
    assert still.status_code == 409  # the next step was not selected
    page = c.get(f"/admin/users/{leaving.id}/handover").get_data(as_text=True)
    follow_up = re.search(r'name="follow_up_id" value="(\d+)"', page).group(1)
    c.post(f"/admin/users/{leaving.id}/handover", data={"action": "reassign", "new_owner_id": str(manager.id),
                                                        "follow_up_id": follow_up})
    done = c.post(f"/admin/users/{leaving.id}/handover", data={"action": "deactivate"})
    assert done.status_code == 303
    with app.app_context():
        assert not db.session.get(User, leaving.id).active


def test_handover_refuses_another_organisations_user_and_outsiders_as_new_owner(factory, make_client):
    org = factory.org()
    manager = factory.user(org, roles=("manager",))
    leaving = factory.user(org, roles=("coach",))
    stranger = factory.user(roles=("coach",))
    c = make_client(login=manager.email)
    assert c.get(f"/admin/users/{stranger.id}/handover").status_code == 404
    bad = c.post(f"/admin/users/{leaving.id}/handover", data={"action": "reassign",
                                                             "new_owner_id": str(stranger.id)})
    assert bad.status_code == 422
    coach = make_client(login=leaving.email)
    assert coach.get(f"/admin/users/{leaving.id}/handover").status_code == 403
