"""Browser: a coach adds a job seeker, puts workplaces on the traffic-light list by searching, records a disclosure
consent naming one of them (the diagnosis guard refuses a diagnosis first, keeping the text), and withdraws a matching
consent in one step."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.profiles import builders


def test_coach_builds_a_seeker_with_workplaces_and_consent(page, app, factory):
    user = factory.user(roles=("coach",))
    factory.employer("Pielisen Leipomo Oy", municipality="Joensuu")
    login(page, user.email, PASSWORD)
    page.goto("/seekers")
    page.get_by_role("link", name="New job seeker").click()
    page.get_by_label("Code").fill("JOE-100")
    page.get_by_label("Alias or initials").fill("L. M.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("JOE-100")

    page.get_by_label("Add a workplace").press_sequentially("leipomo", delay=30)
    results = page.locator("#workplace-search-results")
    expect(results).to_contain_text("Pielisen Leipomo Oy")
    results.get_by_role("button", name="Green: Pielisen Leipomo Oy").click()
    expect(page.locator("#workplaces .workplace")).to_contain_text("Pielisen Leipomo Oy")
    page.locator("#workplaces select").select_option("yellow")
    page.locator("#workplaces").get_by_role("button", name="Save").click()
    expect(page.locator("#workplaces .workplace .badge")).to_have_text("Yellow")

    page.locator("#consents").get_by_role("link", name="Record a consent").click()
    page.get_by_label("Disclosure: tell the named employers what is agreed below").check()
    page.get_by_label("Yes, signed in writing").check()
    page.get_by_label("Given on").fill("2026-01-10")
    page.get_by_label("Pielisen Leipomo Oy").check()
    page.get_by_label("What may be told to these employers").fill("Careful baker's helper with autism.")
    page.get_by_role("button", name="Save consent").click()
    expect(page.locator("#err-disclosure_text")).to_contain_text("names a diagnosis (autism)")  # refused, kept
    disclosure = page.get_by_label("What may be told to these employers")
    expect(disclosure).to_have_value("Careful baker's helper with autism.")
    page.get_by_label("What may be told to these employers").fill("Careful, punctual, learns by watching.")
    page.get_by_role("button", name="Save consent").click()
    expect(page.locator("#consents")).to_contain_text("Disclosure to employers")
    expect(page.locator("#consents")).to_contain_text("Pielisen Leipomo Oy")
    page.wait_for_load_state("networkidle")  # no request still running when the tables are emptied


def test_withdrawal_in_one_step_removes_the_seeker_from_matching(page, app, factory):
    user = factory.user(roles=("coach", "consultant"))
    bundle = builders.bundle(app, user, title="Pesula", tasks=[("Lajittelu", {"fine_motor_skills": 2})])
    seeker = builders.seeker(app, user, code="JOE-200", ratings={"fine_motor_skills": 3})
    login(page, user.email, PASSWORD)
    page.goto(f"/seekers/{seeker.id}")
    expect(page.locator("#bundle-ranking")).to_contain_text("Pesula")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Withdraw now").click()
    expect(page.locator("#consents")).to_contain_text("Withdrawn on")
    expect(page.locator("#bundle-ranking")).to_contain_text("Not ranked")
    page.goto(f"/profiles/bundles/{bundle.id}")
    expect(page.locator("#ranking-skipped")).to_contain_text("JOE-200")
    response = page.goto(f"/compare?bundle={bundle.id}&seeker={seeker.id}")
    assert response.status == 403
    expect(page.locator("#consent-required")).to_contain_text("withdrawn")
    page.wait_for_load_state("networkidle")  # no request still running when the tables are emptied
