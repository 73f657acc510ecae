"""Browser: a personal access token made on the account page by keyboard on a phone, shown once, used over HTTP
with curl's header, then revoked (the script's next request is refused); the API reference page fits a phone and
runs nothing the CSP refuses."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_token_is_made_by_keyboard_on_a_phone_used_once_shown_and_revoked(page, factory):
    user = factory.user(roles=("coach",))
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, user.email, PASSWORD)
    page.goto("/auth/account")
    card = page.locator("#api-tokens")
    expect(card.get_by_text("You have no API tokens.")).to_be_visible()
    name = card.get_by_label("What is it for?")
    name.focus()
    page.keyboard.type("Kuukausiraportti")
    page.keyboard.press("Tab")  # the first scope radio ("Read only", checked)
    page.keyboard.press("ArrowDown")  # "Read and change"
    expect(card.get_by_label("Read and change (log contacts, record and edit leads)")).to_be_checked()
    page.keyboard.press("Tab")  # "Valid for"
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Enter")
    secret_box = card.get_by_label("Your new token (copy it now: it is shown only once)")
    expect(secret_box).to_be_visible()
    secret = secret_box.input_value()
    assert secret.startswith("rtk_")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    assert page.request.get("/api/v1/employers", headers=headers).status == 200
    employer = factory.employer("Selainkoe Oy")
    created = page.request.post("/api/v1/touchpoints", headers=headers, data={
        "employer_id": employer.id, "channel": "call", "occurred_on": "2026-01-05", "summary": "Soitto skriptistä"})
    assert created.status == 201, created.text()

    page.reload()
    row = page.locator("#api-token-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Kuukausiraportti")
    expect(page.locator("#api-tokens")).not_to_contain_text(secret)  # shown once only
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Revoke").click()
    expect(page.locator("#api-tokens").get_by_text("You have no API tokens.")).to_be_visible()
    assert page.request.get("/api/v1/employers", headers=headers).status == 401


def test_the_reference_page_fits_a_phone_and_needs_no_script(page, factory):
    user = factory.user(roles=("coordinator",))
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, user.email, PASSWORD)
    page.goto("/api/reference")
    expect(page.get_by_role("heading", name="API reference", level=1)).to_be_visible()
    expect(page.locator("#get-api-v1-employers")).to_contain_text("/api/v1/employers")
    page.get_by_role("link", name="GET /api/v1/leads", exact=True).first.click()
    expect(page.locator("#get-api-v1-leads")).to_be_in_viewport()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.querySelectorAll('script[src*=\"api\"], script:not([src])').length") == 0
