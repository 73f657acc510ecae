"""Browser, phone-sized: log a contact from the worklist in the dialog; the overdue employer's row turns green."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.core.dates import today as local_today
from tests.browser.conftest import login
from tests.conftest import PASSWORD


def test_coach_logs_a_contact_from_the_worklist_on_a_phone(phone_page, factory):
    page = phone_page
    coach = factory.user(roles=("coach",))
    employer = factory.employer("Lieksan Leipomo Oy")
    factory.relationship(employer, coach, started_on=local_today() - timedelta(days=400))
    login(page, coach.email, PASSWORD)

    page.goto("/worklist")
    row = page.locator("#worklist-table tr", has_text="Lieksan Leipomo Oy")
    expect(row).to_have_class("work-row state-overdue")
    row.get_by_role("button", name="Log").click()

    dialog = page.locator("dialog#modal")
    expect(dialog).to_be_visible()
    assert dialog.bounding_box()["width"] <= 375
    dialog.get_by_label("Channel").select_option("visit")
    dialog.get_by_label("Summary").fill("Kävin esittäytymässä, esimies innostui.")
    dialog.get_by_role("button", name="Save").click()

    expect(dialog).to_be_hidden()
    expect(row).to_have_class("work-row state-ok")
    expect(row).to_contain_text("Up to date")
    expect(page.locator("#messages")).to_contain_text("Contact logged.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_timeline_updates_on_the_employer_page_after_quick_log(page, factory):
    coach = factory.user(roles=("coach",))
    employer = factory.employer("Nurmeksen Naulatehdas Oy")
    login(page, coach.email, PASSWORD)
    page.goto(f"/employers/{employer.id}")
    page.get_by_role("button", name="Log contact").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("Summary").fill("Ensimmäinen puhelu")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#timeline-{employer.id}")).to_contain_text("Ensimmäinen puhelu")
    expect(page.locator(f"#network-touches-{employer.id}")).to_contain_text("Up to date")


def test_worklist_counts_follow_a_quick_log_and_a_snooze(page, factory):
    coach = factory.user(roles=("coach",))
    for name, days in (("Outokummun Osa Oy", 400), ("Polvijärven Puu Oy", 400), ("Rääkkylän Rauta Oy", 130)):
        factory.relationship(factory.employer(name), coach, started_on=local_today() - timedelta(days=days))
    login(page, coach.email, PASSWORD)
    page.goto("/worklist")
    counts = page.locator("#worklist-counts")
    expect(counts).to_contain_text("2 overdue")
    expect(counts).to_contain_text("1 due")

    page.locator("#worklist-table tr", has_text="Outokummun Osa Oy").get_by_role("button", name="Log").click()
    dialog = page.locator("dialog#modal")
    dialog.get_by_label("Summary").fill("Soitin, kaikki hyvin.")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()
    expect(counts).to_contain_text("1 overdue")

    page.locator("#worklist-table tr", has_text="Rääkkylän Rauta Oy").get_by_role("button", name="Snooze").click()
    dialog.get_by_label("Snooze until").fill((local_today() + timedelta(days=30)).isoformat())
    dialog.get_by_label("Reason").fill("Lomakausi")
    dialog.get_by_role("button", name="Snooze", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(counts).to_contain_text("0 due")
    expect(counts).to_contain_text("1 overdue")
    page.wait_for_load_state("networkidle")
