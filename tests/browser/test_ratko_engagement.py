"""Browser: on the engagement page, a checklist tick (saved in place) never makes the next save of another form on
the same page a conflict."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.ratko.conftest import RatkoFactory


def test_tick_then_decide_is_no_conflict(page, app, factory):
    user = factory.user(roles=("consultant",))
    engagement = RatkoFactory(app, factory).engagement(user)
    login(page, user.email, PASSWORD)
    page.goto(f"/ratko/engagements/{engagement.id}")
    before = page.locator("#decision-form-version").input_value()
    checklist = page.locator("#checklist-commitment")
    checklist.get_by_role("checkbox").first.check()
    expect(checklist.locator("li.ticked")).to_have_count(1)
    expect(page.locator("#progress-commitment")).to_contain_text("1 of")
    expect(page.locator("#decision-form-version")).not_to_have_value(before)
    checklist.get_by_role("checkbox").nth(1).check()
    expect(checklist.locator("li.ticked")).to_have_count(2)
    page.locator("#decision-box summary").click()
    page.locator("#decision-form").get_by_label("Management's decision").select_option("go")
    page.locator("#decision-form").get_by_label("Decided by").fill("Johanna Lappalainen, osastonhoitaja")
    page.locator("#decision-form").get_by_role("button", name="Save the decision").click()
    expect(page.locator(".messages")).to_contain_text("Saved.")
    expect(page.locator("#decision-box summary")).to_contain_text("Go")
    expect(page.locator("#checklist-commitment li.ticked")).to_have_count(2)  # the ticks were kept
