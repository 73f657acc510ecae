"""Consent reminders in the worklist: a consent that ends soon (or ended) and was not renewed."""

from __future__ import annotations

from datetime import timedelta

from app.auth.models import User
from app.core.dates import today
from app.extensions import db
from app.seekers import services
from app.seekers.models import Consent, JobSeeker
from tests.profiles import builders


def _ending(app, user, code: str, days: int) -> None:
    seeker = builders.seeker(app, user, code=code, consent=None)
    with app.app_context():
        services.consent_record(seeker=db.session.get(JobSeeker, seeker.id), data={
            "scope": "network_matching", "signed_on": today() - timedelta(days=300), "written": True,
            "valid_until": today() + timedelta(days=days)}, employer_ids=[], recorded_by_id=user.id)
        db.session.commit()


def test_consents_ending_show_on_the_coaches_worklist(app, factory, make_client):
    coach = factory.user(roles=("coach",))
    coordinator = factory.user(coach.org, roles=("coordinator",))
    _ending(app, coach, "JS-SOON", 5)
    _ending(app, coach, "JS-LATER", 90)
    _ending(app, coach, "JS-GONE", -3)
    page = make_client(login=coach.email).get("/worklist").get_data(as_text=True)
    assert "JS-SOON" in page and "JS-GONE" in page and "JS-LATER" not in page
    assert "Consent ends" in page
    assert "JS-SOON" not in make_client(login=coordinator.email).get("/worklist?scope=organisation").get_data(
        as_text=True)


def test_a_renewed_or_withdrawn_consent_is_no_reminder(app, factory):
    coach = factory.user(roles=("coach",))
    _ending(app, coach, "JS-RENEW", 5)
    with app.app_context():
        consent = db.session.query(Consent).one()
        seeker = db.session.get(JobSeeker, consent.seeker_id)
        services.consent_record(seeker=seeker, data={"scope": "network_matching", "signed_on": today(),
                                                     "written": True}, employer_ids=[], recorded_by_id=coach.id)
        db.session.commit()
        from app.seekers.worklist import work_items

        with app.test_request_context():
            assert work_items(user=db.session.get(User, coach.id), horizon=today() + timedelta(days=14)) == []


def test_consent_reminders_stay_out_of_the_calendar_feed(app, factory, make_client):
    coach = factory.user(roles=("coach",))
    _ending(app, coach, "JS-FEED", 5)
    c = make_client(login=coach.email)
    region = c.post("/calendar/link", htmx=True).get_data(as_text=True)
    url = region.split("/calendar/")[1].split(".ics")[0]
    feed = c.get(f"/calendar/{url}.ics")
    assert feed.status_code == 200 and b"BEGIN:VCALENDAR" in feed.data
    assert b"JS-FEED" not in feed.data
