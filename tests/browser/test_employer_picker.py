"""Browser: the one employer picker on its three pages (start a RATKO engagement, a lead's employer, a seeker's
workplaces is in test_seekers.py), and the filter bar refreshing a list as the user types and chooses."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD


def test_picking_an_employer_for_an_engagement_and_a_lead(page, factory):
    consultant = factory.user(roles=("consultant",))
    employer = factory.employer("Kärnän Konepaja Oy", municipality="Lieksa")
    factory.contact(employer, name="Kaisa Kärnä")
    login(page, consultant.email, PASSWORD)

    page.goto("/ratko/engagements/new")
    page.get_by_label("Search the employer directory").press_sequentially("k", delay=30)
    expect(page.locator("#employer-choices")).to_contain_text("Type at least two letters.")
    page.get_by_label("Search the employer directory").press_sequentially("arnan", delay=30)
    page.locator("#employer-choices").get_by_role("link", name="Kärnän Konepaja Oy").click()
    expect(page).to_have_url(f"{page.url.split('/ratko')[0]}/ratko/engagements/new?employer_id={employer.id}")

    page.goto("/leads/new")
    page.get_by_label("Find the employer").press_sequentially("konepaja", delay=30)
    page.locator("#employer-choices").get_by_label("Kärnän Konepaja Oy").check()
    expect(page.locator("#employer-dependent")).to_contain_text("Kaisa Kärnä")


def test_the_filter_bar_keeps_its_query_string(page, factory):
    coordinator = factory.user(roles=("coordinator",))
    factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    factory.employer("Lieksan Leipomo Oy", municipality="Lieksa")
    login(page, coordinator.email, PASSWORD)
    page.goto("/employers")
    page.get_by_label("Municipality").select_option("Lieksa")
    expect(page.locator("#employer-table")).not_to_contain_text("Pielisen Puutyö Oy")
    assert "municipality=Lieksa" in page.url
    page.get_by_label("Search", exact=True).press_sequentially("leipo", delay=30)
    expect(page).to_have_url(re.compile(r"q=leipo"))
    page.reload()  # the bookmarkable URL shows the same list
    expect(page.get_by_label("Search", exact=True)).to_have_value("leipo")
    expect(page.get_by_label("Municipality")).to_have_value("Lieksa")
    expect(page.locator("#employer-table")).not_to_contain_text("Pielisen Puutyö Oy")
