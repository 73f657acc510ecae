"""Browser: log in, search as you type, create an employer with a wrong Y-tunnus, correct it, add a contact."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD


def test_coordinator_searches_creates_and_adds_contact(page, factory):
    user = factory.user(roles=("coordinator",))
    factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    factory.employer("Kahvila Karjalanhelmi", municipality="Lieksa")
    login(page, user.email, PASSWORD)

    page.goto("/employers")
    page.get_by_label("Search", exact=True).press_sequentially("karjalan", delay=30)
    expect(page.locator("#employer-table")).to_contain_text("Kahvila Karjalanhelmi")
    expect(page.locator("#employer-table")).not_to_contain_text("Pielisen Puutyö")
    assert "q=karjalan" in page.url

    page.get_by_role("link", name="New employer").click()
    page.get_by_label("Name").first.fill("Vaaran Pesula Ky")
    page.get_by_label("Y-tunnus").fill("1234567-8")
    page.get_by_label("Y-tunnus").blur()
    expect(page.locator("#err-business_id")).to_contain_text("not a valid Y-tunnus")
    page.get_by_label("Y-tunnus").fill("0112038-9")
    page.get_by_label("Y-tunnus").blur()
    expect(page.locator("#err-business_id")).to_be_empty()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaaran Pesula Ky")

    page.get_by_role("button", name="Add contact").click()
    page.locator("#contacts-region").get_by_label("Name").fill("Liisa Laine")
    page.locator("#contacts-region").get_by_label("Phone").fill("040 123 4567")
    page.locator("#contacts-region").get_by_role("button", name="Add contact").click()
    expect(page.locator("#contact-list")).to_contain_text("Liisa Laine")
    expect(page.locator("#contact-list")).to_contain_text("040 1234567")


def test_filters_collapse_on_a_phone(phone_page, factory):
    user = factory.user(roles=("coordinator",))
    factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    login(phone_page, user.email, PASSWORD)
    phone_page.goto("/employers")
    expect(phone_page.get_by_label("Search", exact=True)).to_be_visible()
    expect(phone_page.get_by_label("Our status")).to_be_hidden()
    phone_page.get_by_role("button", name="More filters").click()
    expect(phone_page.get_by_label("Our status")).to_be_visible()
    phone_page.get_by_label("Our status").select_option("none")
    expect(phone_page.locator("#employer-table")).to_contain_text("Pielisen Puutyö Oy")
