"""Browser: a consultant opens a comparison with a gap, previews the bundle without the causing task, moves the task
out of the bundle and sees the gap close; the chart renders; the page fits a phone."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.profiles import builders


def _world(app, factory):
    user = factory.user(roles=("consultant", "coach"))
    bundle = builders.bundle(app, user, title="Varaston aamu", tasks=[
        ("Lavojen purku", {"lifting": 4, "walking": 2}),
        ("Hyllytys", {"lifting": 2, "fine_motor_skills": 2}),
    ], key=("lifting",))
    seeker = builders.seeker(app, user, code="JS-7", alias="K. V.", ratings={"lifting": 2, "walking": 3,
                                                                             "fine_motor_skills": 2})
    return user, bundle, seeker


def test_consultant_moves_the_causing_task_out_and_the_gap_closes(page, app, factory):
    user, bundle, seeker = _world(app, factory)
    login(page, user.email, PASSWORD)
    page.goto(f"/compare?bundle={bundle.id}&seeker={seeker.id}")
    expect(page.locator("#count-gaps")).to_have_text("1")
    expect(page.locator("svg.chart").first).to_be_visible()
    gap = page.locator("#gaps article.gap")
    expect(gap).to_contain_text("Lavojen purku")
    expect(gap).not_to_contain_text("Hyllytys")

    gap.get_by_role("link", name="Show the bundle without this task").click()
    expect(page.locator("#what-if")).to_contain_text("Lavojen purku")
    expect(page.locator("#count-gaps")).to_have_text("0")

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#what-if").get_by_role("button", name="Move “Lavojen purku” out of the bundle").click()
    expect(page.locator(".flash-success")).to_contain_text("moved out of the bundle")
    expect(page.locator("#what-if")).to_have_count(0)
    expect(page.locator("#count-gaps")).to_have_text("0")
    expect(page.locator("#no-gaps")).to_be_visible()
    page.wait_for_load_state("networkidle")  # no request still running when the tables are emptied


def test_adaptation_note_with_the_keyboard(page, app, factory):
    user, bundle, seeker = _world(app, factory)
    login(page, user.email, PASSWORD)
    page.goto(f"/compare?bundle={bundle.id}&seeker={seeker.id}")
    summary = page.locator("#gaps details.adapt summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Adaptation").select_option("aid")
    page.get_by_label("What exactly").fill("A pallet lifter for the heavy boxes")
    page.get_by_label("What exactly").press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#notes-list")).to_contain_text("A pallet lifter for the heavy boxes")
    page.wait_for_load_state("networkidle")  # no request still running when the tables are emptied


def test_comparison_fits_a_phone(phone_page, app, factory):
    user, bundle, seeker = _world(app, factory)
    login(phone_page, user.email, PASSWORD)
    phone_page.goto(f"/compare?bundle={bundle.id}&seeker={seeker.id}")
    expect(phone_page.locator("#count-gaps")).to_have_text("1")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.wait_for_load_state("networkidle")  # no request still running when the tables are emptied
