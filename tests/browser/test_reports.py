"""Browser: a coordinator opens every report and its chart, changes the period, reads a report on a phone without
sideways scrolling; the network administrator sees small counts as "< 5"; the print view prints."""

from __future__ import annotations

from playwright.sync_api import expect

from app.reports.catalogue import NAMES
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.reports.conftest import build

JUNE = "?period=month&start=2025-06-01"


def test_every_report_and_its_chart(page, phone_page, app, factory):
    world = build(app, factory)
    login(page, world.cora.email, PASSWORD)
    page.goto("/reports" + JUNE)
    expect(page.get_by_role("heading", name="Reports: Cadence health")).to_be_visible()
    for name in NAMES:
        page.locator(f".report-tabs a[href*='/reports/{name}']").click()
        expect(page.locator(f".report-tabs a[href*='/reports/{name}']")).to_have_attribute("aria-current", "page")
        chart = page.locator("svg.chart-svg").first
        expect(chart).to_be_visible()
        assert chart.bounding_box()["height"] > 40
        expect(page.locator(".report-section table").first).to_be_visible()
    page.goto("/reports/work" + JUNE)
    expect(page.locator("#section-work_weeks svg line.reference")).to_be_attached()
    page.get_by_label("Period", exact=True).select_option("quarter")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".period-line strong")).to_have_text("4/1/25–6/30/25")
    page.get_by_role("link", name="Print view").click()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    expect(page.locator("svg.chart-svg").first).to_be_visible()

    login(phone_page, world.cora.email, PASSWORD)
    phone_page.goto("/reports/coverage" + JUNE)
    expect(phone_page.locator("svg.chart-svg").first).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width


def test_the_network_view_protects_small_counts(page, app, factory):
    world = build(app, factory)
    login(page, world.admin.email, PASSWORD)
    page.goto("/reports/network/placements" + JUNE)
    row = page.locator("#section-placements_types tr", has_text="Pay-subsidy job")
    expect(row).to_contain_text("< 5")
    expect(page.locator("#section-placements_types svg.chart-svg")).to_contain_text("< 5")
    page.get_by_role("link", name="My organisation").click()
    expect(page).to_have_url(f"{page.url.split('/reports')[0]}/reports/placements{JUNE}")
