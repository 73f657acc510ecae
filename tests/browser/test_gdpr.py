"""Browser: a manager downloads a job seeker's access export from the seeker page's data-protection section; a
visitor reaches the privacy notice from the login page by keyboard on a phone; the network administrator changes a
retention period on a phone."""

from __future__ import annotations

import io
import json
import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.profiles import builders


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_manager_downloads_the_access_export_from_the_seeker_page(page, app, factory):
    org = factory.org()
    coach = factory.user(org, roles=("coach",))
    manager = factory.user(org, roles=("manager",))
    seeker = builders.seeker(app, coach, code="DL-0001", notes="Haluaa aamuvuoroja", ratings={"lifting": 2})
    login(page, manager.email, PASSWORD)
    page.goto(f"/seekers/{seeker.id}")
    section = page.locator("#region-gdpr-seeker_region")
    expect(section).to_contain_text("Kept until")
    with page.expect_download() as download:
        section.get_by_role("link", name="Access export (GDPR): everything held, .zip").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith(f"access-export-job-seeker-{seeker.id}-")
    with open(path, "rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        document = json.loads(archive.read("access-export.json"))
    assert document["records"]["job_seekers"]["rows"][0]["notes"] == "Haluaa aamuvuoroja"
    page.wait_for_load_state("networkidle")


def test_privacy_notice_from_the_login_page_by_keyboard_on_a_phone(phone_page, app, factory):
    factory.org("puhelin", "Puhelinorganisaatio")
    phone_page.goto("/auth/login")
    link = phone_page.get_by_role("link", name="Privacy notice")
    link.focus()
    phone_page.keyboard.press("Enter")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Privacy notice (register description)")
    expect(phone_page.locator("#controllers")).to_contain_text("Puhelinorganisaatio")
    expect(phone_page.locator("#purpose-job_search")).to_contain_text("Internal notes")
    _fits(phone_page)


def test_administrator_changes_a_retention_period_on_a_phone(phone_page, app, factory):
    admin = factory.user(roles=("admin",))
    login(phone_page, admin.email, PASSWORD)
    phone_page.goto("/retention")
    phone_page.get_by_role("link", name="Change periods").click()
    field = phone_page.get_by_label("Job seeker data (months)")
    expect(field).to_have_value("24")
    field.fill("0")
    phone_page.get_by_role("button", name="Save periods").click()
    expect(phone_page.locator("#err-seeker")).not_to_be_empty()
    expect(phone_page.get_by_label("Job seeker data (months)")).to_have_value("0")  # what was typed stays
    phone_page.get_by_label("Job seeker data (months)").fill("18")
    phone_page.get_by_role("button", name="Save periods").click()
    expect(phone_page.locator("#messages")).to_contain_text("Retention periods saved")
    expect(phone_page.locator("#periods-title + dl")).to_contain_text("18 months")
    _fits(phone_page)
