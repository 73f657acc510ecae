"""Browser: the header search box. "/" focuses it, answers appear as you type (and the status line says how many),
the arrow keys move through them, Escape closes them, Enter opens the first; a result opens its page; on a phone the
answers fit the screen; without JavaScript the box opens the results page."""

from __future__ import annotations

import os
import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

SHOTS = os.environ.get("SEARCH_SCREENSHOTS")  # a folder: save what the tests saw (for a look by eye)


def _directory(factory):
    coach = factory.user(roles=("coach",))
    employer = factory.employer("Piirakkapaja Kärnä Oy", business_id="0112038-9", municipality="Joensuu")
    contact = factory.contact(employer, name="Äijälä Öystilä", title="HR-päällikkö", phone="+358401234567")
    other = factory.employer("Piirtoateljee Oy", municipality="Lieksa")
    return coach, employer, contact, other


def _hit(scope, title: str):
    """The result link whose title is exactly `title` (its accessible name also holds the details)."""
    page = scope if hasattr(scope, "goto") else scope.page
    return scope.locator("a.search-hit").filter(has=page.get_by_text(title, exact=True))


def test_type_move_with_arrows_and_open_a_result_by_keyboard(page, factory):
    coach, employer, contact, other = _directory(factory)
    login(page, coach.email, PASSWORD)
    page.locator("main").click()
    page.keyboard.press("/")
    box = page.get_by_role("searchbox", name="Search everything")
    expect(box).to_be_focused()
    page.keyboard.type("piir", delay=40)
    panel = page.locator("#search-suggestions")
    expect(panel).to_be_visible()
    expect(_hit(panel, "Piirakkapaja Kärnä Oy")).to_be_visible()
    expect(page.locator("#site-search-status")).to_have_text("3 results for “piir”")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/search-desktop.png")

    hits = panel.locator("a.search-hit")
    page.keyboard.press("ArrowDown")
    expect(hits.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(hits.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()

    page.keyboard.type("akkapaja aij", delay=30)  # any word order, accents folded: the contact person
    expect(_hit(panel, "Äijälä Öystilä, HR-päällikkö")).to_be_visible()
    expect(_hit(panel, "Piirtoateljee Oy")).to_have_count(0)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/employers/{employer.id}#contact-{contact.id}")
    expect(page.locator(f"#contact-{contact.id}")).to_be_visible()


def test_enter_opens_the_first_result_and_the_full_page_lists_them_all(page, factory):
    coach, employer, _contact, other = _directory(factory)
    login(page, coach.email, PASSWORD)
    box = page.get_by_role("searchbox", name="Search everything")
    box.fill("piirto")
    expect(_hit(page.locator("#search-suggestions"), "Piirtoateljee Oy")).to_be_visible()
    box.press("Enter")
    page.wait_for_url(f"**/employers/{other.id}")

    box = page.get_by_role("searchbox", name="Search everything")
    box.fill("piir")
    page.locator("#search-suggestions").get_by_role("link", name="All results (3)").click()
    page.wait_for_url("**/search?q=piir")
    expect(page.locator("#results-employer")).to_have_text(re.compile(r"^Employers\s*2$"))
    expect(page.locator("#results-contact")).to_have_text(re.compile(r"^Contact persons\s*1$"))
    page.get_by_label("Search everything", exact=True).last.fill("0401234567")
    expect(_hit(page.locator("#search-page-results"), "Äijälä Öystilä, HR-päällikkö")).to_be_visible()
    expect(page.locator("#results-employer")).to_have_count(0)


def test_on_a_phone_the_answers_fit_the_screen(phone_page, factory):
    coach, _employer, _contact, _other = _directory(factory)
    login(phone_page, coach.email, PASSWORD)
    box = phone_page.get_by_role("searchbox", name="Search everything")
    expect(box).to_be_visible()
    box.fill("piir")
    panel = phone_page.locator("#search-suggestions")
    expect(_hit(panel, "Piirakkapaja Kärnä Oy")).to_be_visible()
    box_of = panel.bounding_box()
    assert box_of["x"] >= 0 and box_of["x"] + box_of["width"] <= 375, box_of
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 375
    if SHOTS:
        phone_page.screenshot(path=f"{SHOTS}/search-phone.png")
    _hit(panel, "Piirakkapaja Kärnä Oy").tap()
    phone_page.wait_for_url("**/employers/*")


def test_without_javascript_the_box_opens_the_results_page(browser, live_server, factory):
    coach, employer, _contact, _other = _directory(factory)
    context = browser.new_context(base_url=live_server, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, coach.email, PASSWORD)
        page.get_by_role("searchbox", name="Search everything").fill("karna")
        page.get_by_role("searchbox", name="Search everything").press("Enter")
        page.wait_for_url("**/search?q=karna")
        _hit(page, "Piirakkapaja Kärnä Oy").click()
        page.wait_for_url(f"**/employers/{employer.id}")
    finally:
        context.close()


def test_axe_finds_no_serious_problem_in_the_answers_or_the_results_page(page, factory):
    from tests.browser.test_axe import AXE, FAILING, RUN_AXE, TAGS

    coach, _employer, _contact, _other = _directory(factory)
    page.context.add_init_script(path=str(AXE))
    login(page, coach.email, PASSWORD)
    page.get_by_role("searchbox", name="Search everything").fill("piir")
    expect(_hit(page.locator("#search-suggestions"), "Piirakkapaja Kärnä Oy")).to_be_visible()
    found = page.evaluate(RUN_AXE, ["header", TAGS])["violations"]
    page.goto("/search?q=piir")
    found += page.evaluate(RUN_AXE, [None, TAGS])["violations"]
    assert not [v for v in found if v["impact"] in FAILING], found
