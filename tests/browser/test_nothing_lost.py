"""Browser: what a user types survives a lost connection, on a full-page form and in the htmx quick-log dialog."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_full_page_form_gets_its_text_back_after_a_lost_connection(page, factory):
    user = factory.user(roles=("coordinator",))
    employer = factory.employer("Katkon Konepaja Oy")
    login(page, user.email, PASSWORD)
    page.goto(f"/employers/{employer.id}/edit")
    page.get_by_label("Name").first.fill("Katkon Konepaja ja Hitsaamo Oy")
    page.route(f"**/employers/{employer.id}/edit", lambda route: route.abort("internetdisconnected")
               if route.request.method == "POST" else route.continue_())
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: "/edit" not in url)  # the browser's own "no connection" page
    page.unroute(f"**/employers/{employer.id}/edit")
    page.go_back()  # away from the browser's error page, to wherever it leads
    page.goto(f"/employers/{employer.id}/edit")  # and to the form again
    expect(page.get_by_label("Name").first).to_have_value("Katkon Konepaja ja Hitsaamo Oy")
    expect(page.locator("#messages")).to_contain_text("What you typed before the error is back")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Katkon Konepaja ja Hitsaamo Oy")
    page.goto(f"/employers/{employer.id}/edit")  # saved: no draft comes back any more
    expect(page.locator("#messages")).not_to_contain_text("What you typed before the error is back")


def test_the_quick_log_dialog_keeps_its_text_when_the_connection_drops(page, factory):
    user = factory.user(roles=("coordinator", "coach"))
    employer = factory.employer("Verkkokatko Oy")
    login(page, user.email, PASSWORD)
    page.goto(f"/employers/{employer.id}")
    page.get_by_role("button", name="Log contact", exact=True).click()
    dialog = page.locator("#modal")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Summary").fill("Puhelu katkesi kesken")
    page.route("**/touchpoints/quick", lambda route: route.abort("internetdisconnected")
               if route.request.method == "POST" else route.continue_())
    dialog.get_by_role("button", name="Save").click()
    expect(page.locator("#messages")).to_contain_text("The connection was lost")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Summary")).to_have_value("Puhelu katkesi kesken")
    page.unroute("**/touchpoints/quick")
    dialog.get_by_role("button", name="Save").click()
    expect(dialog).to_be_hidden()


def test_a_form_that_saves_and_comes_back_to_the_same_page_shows_no_draft(page, factory):
    """A successful save that lands on the form's own page again (a 303 back to it) is no error: no draft, and the
    page's own message stays."""
    user = factory.user(roles=("coordinator",))
    employer = factory.employer("Paluu Oy")
    login(page, user.email, PASSWORD)
    page.goto(f"/employers/{employer.id}/edit")
    page.get_by_label("Name").first.fill("Paluu ja Lähtö Oy")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paluu ja Lähtö Oy")
    page.goto(f"/employers/{employer.id}/edit")
    expect(page.get_by_label("Name").first).to_have_value("Paluu ja Lähtö Oy")
    expect(page.locator("#messages")).not_to_contain_text("What you typed before the error is back")
