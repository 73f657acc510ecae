"""Browser: upload a messy Finnish list, fix one column mapping, see the one error row and the row with a note (a bad
e-mail left out), commit, find the new employer in the directory, undo. Jobs run in background threads here, so the
progress region really polls."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.fixtures.make_fixtures import xlsx

ROWS = [["Yhteystiedot syksy 2024 (Joensuun seutu)"],
        ["Yritys", "Y-tunnus", "Sijainti", "Yhteyshenkilö", "Puh.", "Sähköposti"],
        ["Pielisen Puutyö Oy", "0112038 9", "Joensuu", "Liisa Laine", 401234567, "liisa@puutyo.fi"],
        ["Vaaran Pesula Ky", "FI02012566", "Lieksa", "Anna Aalto", "013 123 456", "anna(at)pesula"],
        ["Kahvila Karjalanhelmi", "", "Joensuu", "Pekka Pää", "+358 50 765 4321", "pekka@karjalanhelmi.fi"],
        ["", "", "", "Matti Mäkinen", "358401112223", "matti@example.fi"]]


def test_import_a_messy_list_then_undo_it(page, factory):
    user = factory.user(roles=("coordinator",), name="Kaija Koordinaattori")
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, user.email, PASSWORD)

    page.goto("/employers")
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Contact list").set_input_files(files=[{
        "name": "yhteystiedot.xlsx", "buffer": xlsx(ROWS, merged=("A1:F1",)),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="Which column is what?")).to_be_visible()
    import_url = page.url
    expect(page.locator("#import-state")).to_contain_text("The header was found on row 2")
    expect(page.get_by_label("Sähköposti")).to_have_value("email")
    expect(page.get_by_label("Sijainti")).to_have_value("")
    page.get_by_label("Sijainti").select_option("municipality")
    page.get_by_role("button", name="Check the rows").click()

    expect(page.get_by_role("heading", name="Preview: nothing has been saved yet")).to_be_visible()
    expect(page.locator("#import-counts")).to_contain_text("1 errors")
    page.get_by_role("link", name="Errors (1)").click()
    expect(page.locator("#import-row-table tbody tr")).to_have_count(1)
    expect(page.locator("#import-row-table")).to_contain_text("The row has a contact but no employer name")
    assert "rows=error" in page.url
    page.get_by_role("link", name="With notes (1)").click()
    expect(page.locator("#import-row-table tbody tr")).to_have_count(1)
    expect(page.locator("#import-row-table")).to_contain_text("anna(at)pesula is not a valid e-mail address. The "
                                                              "value was left out")

    page.get_by_label("Skip the rows with errors and import the rest").check()
    page.get_by_role("button", name="Import 3 rows").click()
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()

    page.get_by_role("link", name="Open the directory").click()
    page.get_by_label("Search", exact=True).press_sequentially("karjalanhelmi", delay=20)
    expect(page.locator("#employer-table")).to_contain_text("Kahvila Karjalanhelmi")

    page.goto(import_url)
    page.get_by_role("button", name="Undo this import").click()
    expect(page.get_by_role("heading", name="Undone")).to_be_visible()
    page.goto("/employers?q=karjalanhelmi")
    expect(page.locator("#employer-table")).to_contain_text("No employers match")
