"""Browser: two people edit the same employer in two browser contexts; saving again after the conflict keeps the
other person's change (issue 10 item 4). The employer page keeps its element ids unique with contact forms open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser, live_server):
    """A second, separate browser context (another person on another computer)."""
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": 1280, "height": 900})
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def test_resaving_after_a_conflict_keeps_the_other_persons_change(page, second_page, factory):
    org = factory.org()
    anna = factory.user(org, name="Anna Aho")
    bertta = factory.user(org, name="Bertta Berg")
    employer = factory.employer("Alku Oy", municipality="Joensuu", tags=["kesätyöt"])
    edit = f"/employers/{employer.id}/edit"
    login(page, anna.email, PASSWORD)
    login(second_page, bertta.email, PASSWORD)
    page.goto(edit)
    second_page.goto(edit)
    expect(page.get_by_label("Tags")).to_have_value("kesätyöt")

    second_page.get_by_label("Name").first.fill("Bertan Oy")
    second_page.get_by_label("Address").fill("Kauppakatu 1")
    second_page.get_by_role("button", name="Save").click()
    expect(second_page.get_by_role("heading", level=1)).to_have_text("Bertan Oy")

    page.get_by_label("Name").first.fill("Annan Oy")
    page.get_by_label("Website").fill("anna.example.fi")
    page.get_by_role("button", name="Save").click()
    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict.get_by_role("columnheader", name="Saved by Bertta Berg")).to_be_visible()
    expect(conflict.locator("tr.conflict-both")).to_contain_text("Annan Oy")
    expect(conflict.locator("tr.conflict-both")).to_contain_text("Bertan Oy")
    expect(conflict.locator("tr.conflict-theirs")).to_contain_text("Kauppakatu 1")
    expect(conflict.locator("tr.conflict-mine")).to_contain_text("https://anna.example.fi")
    # The form holds her own input where both changed a field and Bertta's change elsewhere (no stale draft).
    expect(page.get_by_label("Name").first).to_have_value("Annan Oy")
    expect(page.get_by_label("Address")).to_have_value("Kauppakatu 1")
    expect(page.get_by_label("Website")).to_have_value("anna.example.fi")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annan Oy")
    facts = page.locator(".facts").first
    expect(facts).to_contain_text("Kauppakatu 1")
    expect(facts).to_contain_text("https://anna.example.fi")


def test_no_duplicate_ids_on_the_employer_page_with_contact_forms_open(page, factory):
    user = factory.user(roles=("coordinator", "coach"))
    employer = factory.employer("Alku Oy")
    factory.contact(employer, name="Liisa Laine")
    login(page, user.email, PASSWORD)
    page.goto(f"/employers/{employer.id}")
    expect(page.locator("section.region p.muted", has_text="Loading…")).to_have_count(0)
    page.get_by_role("button", name="Add contact").click()
    expect(page.locator("#contacts-region form")).to_have_count(1)
    page.get_by_role("button", name="Edit Liisa Laine").click()
    expect(page.locator("#contacts-region form")).to_have_count(2)
    page.locator("#sites-region summary").click()
    duplicates = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('[id]').forEach(el => { seen[el.id] = (seen[el.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1);
    }""")
    assert duplicates == []
