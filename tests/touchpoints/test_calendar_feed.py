"""The calendar feed speaks its owner's language and moves every overdue item (contact, promise, next step, another
package's item) to today, with the original date in the description."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from app.auth.models import User
from app.extensions import db
from app.touchpoints import services


def _feed(app, client, user, accept_language: str = "en") -> dict:
    with app.app_context():
        owner = db.session.get(User, user.id)
        token = services.calendar_token_issue(user=owner)
        db.session.commit()
    response = client.get(f"/calendar/{token}.ics", headers={"Accept-Language": accept_language})
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    return {"name": str(calendar["X-WR-CALNAME"]),
            "events": {str(e["UID"]): e for e in calendar.walk("VEVENT")}}


def _world(app, factory, tp, today, language):
    from app.employers import selectors as employer_selectors
    from app.ratko import services as ratko_services

    user = factory.user(roles=("coach", "consultant"), name="Hanna Hirvonen")
    with app.app_context():
        db.session.get(User, user.id).language = language
        db.session.commit()
    late = factory.employer("Myöhäinen Oy")
    factory.relationship(late, user, started_on=today - timedelta(days=500))
    promised = factory.employer("Luvattu Oy")
    logged = tp.log(promised, user, days_ago=20,
                    promises=[{"text": "Esite postiin", "due_on": today - timedelta(days=6)}],
                    next_step={"text": "Sovi käynti", "due_on": today - timedelta(days=3)})
    ratko_employer = factory.employer("Ratkaisu Oy")
    with app.app_context():
        engagement = ratko_services.engagement_create(
            organisation_id=user.organisation_id, employer=employer_selectors.employer_get_or_404(ratko_employer.id),
            data={"title": "Keittiö"}, actor=db.session.get(User, user.id))
        follow_up = ratko_services.follow_up_add(engagement=engagement, due_on=today - timedelta(days=4))
        db.session.commit()
        follow_up_id = follow_up.id
    return user, logged, follow_up_id


def test_feed_is_in_the_owners_language_whatever_the_calendar_app_asks(app, factory, tp, client, today):
    user, logged, _ratko = _world(app, factory, tp, today, "fi")
    feed = _feed(app, client, user, accept_language="en-US,en;q=0.9")
    summaries = " | ".join(str(e["SUMMARY"]) for e in feed["events"].values())
    assert "Yhteydenotto: Myöhäinen Oy (myöhässä)" in summaries
    assert "Contact" not in summaries and "Promise" not in summaries
    descriptions = " | ".join(str(e.get("DESCRIPTION", "")) for e in feed["events"].values())
    day = today - timedelta(days=6)
    assert f"{day.day}.{day.month}.{day.year}" in descriptions  # Finnish date format
    unset = factory.user(roles=("coach",))  # no language setting: what the calendar app asks for
    factory.relationship(factory.employer("Asetukseton Oy"), unset, started_on=today - timedelta(days=500))
    asked = _feed(app, client, unset, accept_language="sv-FI,sv;q=0.9")["events"].values()
    assert [str(e["SUMMARY"]) for e in asked] == ["Kontakta Asetukseton Oy (försenad)"]


def test_overdue_items_of_every_kind_move_to_today_with_their_date(app, factory, tp, client, today):
    user, logged, ratko_follow_up = _world(app, factory, tp, today, "en")
    events = _feed(app, client, user)["events"]
    promise, next_step = (events[f"follow-up-{f.id}@ratko"] for f in sorted(
        logged.follow_ups, key=lambda f: f.kind != "promise"))
    ratko = events[f"ratko-follow-up-{ratko_follow_up}"]
    contact = next(e for uid, e in events.items() if uid.startswith("relationship-"))
    for event, days in ((promise, 6), (next_step, 3), (ratko, 4)):
        assert event.decoded("DTSTART") == today, event["SUMMARY"]
        original = today - timedelta(days=days)
        assert f"Originally due {_english_date(app, original)}." in str(event["DESCRIPTION"])
        assert str(event["SUMMARY"]).endswith("(overdue)")
    assert contact.decoded("DTSTART") == today and "Originally due" in str(contact["DESCRIPTION"])
    assert "Esite postiin" in str(promise["DESCRIPTION"])


def _english_date(app, day) -> str:
    from flask_babel import force_locale

    from app.core.i18n import fmt_date

    with app.test_request_context(), force_locale("en"):
        return fmt_date(day)
