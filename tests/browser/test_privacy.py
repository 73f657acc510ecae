"""Browser (issue 11): on a phone, a coach records an oral consent, sees it marked "oral — get it in writing",
records the written consent with the keyboard, and a support-plan note naming a diagnosis is refused with the text
kept in its field."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.seekers import services
from app.seekers.models import JobSeeker
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.leads import builders as lead_builders
from tests.profiles import builders


def test_oral_consent_is_confirmed_in_writing_on_a_phone(phone_page, app, factory):
    page = phone_page
    user = factory.user(roles=("coach",))
    seeker = builders.seeker(app, user, code="JOE-7", consent=None)
    with app.app_context(), acting_as(user.id, user.organisation_id):
        services.consent_record(seeker=db.session.get(JobSeeker, seeker.id), data={
            "scope": "network_matching", "signed_on": today() - timedelta(days=2), "written": False},
            employer_ids=[], recorded_by_id=user.id)
        db.session.commit()
    login(page, user.email, PASSWORD)
    page.goto(f"/seekers/{seeker.id}")
    consents = page.locator("#consents")
    expect(consents.locator(".consent-oral")).to_have_text("Oral — get it in writing")
    expect(consents.get_by_label("Date on the written consent")).to_have_value(today().isoformat())
    consents.get_by_label("Where the signed consent is kept (optional)").focus()
    page.keyboard.type("Signed copy in the client binder")
    page.keyboard.press("Tab")
    expect(consents.get_by_role("button", name="Record the written consent")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("Written consent recorded")
    expect(consents).to_contain_text("confirmed in writing on")
    expect(consents.locator(".consent-oral")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_support_plan_note_with_a_diagnosis_is_refused_and_kept(page, app, factory):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Pielisen Puutarha Oy")
    seeker = builders.seeker(app, user, code="JOE-8")
    placement = lead_builders.placement(app, user, seeker_id=seeker.id, employer_id=employer.id)
    login(page, user.email, PASSWORD)
    page.goto(f"/placements/{placement.id}/plan")
    note = page.locator("#orientation_note")
    note.fill("Masennuksen vuoksi lyhyet päivät")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#err-orientation_note")).to_contain_text("names a diagnosis (Masennuksen)")
    expect(note).to_have_value("Masennuksen vuoksi lyhyet päivät")
    note.fill("Lyhyet päivät ensimmäiset kaksi viikkoa")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_contain_text("Support plan saved")
