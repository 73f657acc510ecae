"""Browser: the audit log's filter bar on a phone. Choosing a record type refreshes the results region in place
(no reload), the address keeps the filter for a bookmark, and the page does not scroll sideways at 375 px."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD


def test_a_manager_filters_the_audit_log_by_record_type_on_a_phone(phone_page, factory):
    org = factory.org("auditointi", "Auditointi ry")
    manager = factory.user(org=org, roles=("manager",))
    factory.user(org=org, roles=("coach",), name="Uusi Valmentaja")  # a users row in the log
    factory.employer("Lokitus Oy")
    page = phone_page
    login(page, manager.email, PASSWORD)
    page.goto("/audit")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Record type").select_option("users")
    expect(page).to_have_url(re.compile(r"[?&]entity=users"))
    results = page.locator("#audit-results")
    expect(results).to_contain_text("users")
    expect(results.locator("tbody tr td[data-label='Record']").first).to_contain_text("users")
    assert page.evaluate("window.notReloaded === true")  # the region was swapped, not the page reloaded
    expect(page.locator("h1")).to_have_count(1)  # the region alone, not a page inside the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
