"""Browser: coach2 of the second organisation finds a network lead on a phone, proposes a consented seeker; the lead's
owner sees the proposing organisation and a pseudonymous comparison, never who it is, and accepts."""

from __future__ import annotations

from playwright.sync_api import expect

from app.core.audit import acting_as
from app.extensions import db
from app.leads import services
from app.leads.models import Lead
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.leads import builders
from tests.profiles import builders as profile_builders


def test_coach2_proposes_a_candidate_and_the_owner_accepts(page, phone_page, app, factory):
    org_a, org_b = factory.org("joensuu-b", "Joensuun työllisyyspalvelut"), factory.org("tvs-b", "Työvalmennussäätiö")
    owner = factory.user(org_a, email="coach@example.test", roles=("coach",), name="Ville Valmentaja")
    coach2 = factory.user(org_b, email="coach2@example.test", roles=("coach", "coordinator"), name="Sanna Säätiö")
    employer = factory.employer("Puutarhamyymälä Pihlajanmarja", municipality="Liperi")
    codes = profile_builders.catalogue(app)
    lead = builders.lead(app, owner, employer_id=employer.id, title="Kesätyö puutarhamyymälässä", kind="summer_job",
                         description="Kasvien kastelua ja asiakaspalvelua.")
    with app.app_context(), acting_as(owner.id, owner.organisation_id):
        services.lead_demand_save(lead=db.session.get(Lead, lead.id),
                                  ratings={codes["lifting"]: 3, codes["customer_contact"]: 2}, key={codes["lifting"]})
        db.session.commit()
    profile_builders.seeker(app, coach2, code="TVS-042", alias="Aino L.", ratings={"lifting": 2, "customer_contact": 4})

    phone = phone_page
    login(phone, coach2.email, PASSWORD)
    phone.goto("/leads")
    phone.get_by_label("Search", exact=True).fill("puutarha")
    row = phone.locator("#lead-table tr", has_text="Kesätyö puutarhamyymälässä")
    expect(row).to_contain_text("Joensuun työllisyyspalvelut")
    row.get_by_role("link", name="Kesätyö puutarhamyymälässä").click()
    expect(phone.get_by_role("heading", name="We have a candidate")).to_be_visible()
    phone.get_by_label("Our candidate").select_option(label="TVS-042 · Aino L.")
    phone.get_by_role("button", name="Propose the candidate").click()
    expect(phone.locator("#messages")).to_contain_text("Candidate proposed")
    expect(phone.locator("#my-proposals")).to_contain_text("Waiting for a decision")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    login(page, owner.email, PASSWORD)
    page.goto(f"/leads/{lead.id}")
    candidate = page.locator("#owner-proposals li").first
    expect(candidate).to_contain_text("Työvalmennussäätiö")
    expect(candidate).to_contain_text("Sanna Säätiö")
    expect(candidate).to_contain_text("1 gap (1 on a key item)")
    candidate.get_by_text("Compare with the demand profile").click()
    expect(candidate.locator("svg.chart").first).to_be_visible()
    html = page.content()
    assert "TVS-042" not in html and "Aino L." not in html
    candidate.get_by_label("Message to the proposing coach").fill("Soitan huomenna, sovitaan esittely.")
    candidate.get_by_role("button", name="Accept").click()
    expect(page.locator("#messages")).to_contain_text("Candidate accepted")
    expect(page.locator(".badges")).to_contain_text("Candidates proposed")

    phone.reload()
    expect(phone.locator("#my-proposals")).to_contain_text("Accepted")
    expect(phone.locator("#my-proposals")).to_contain_text("Soitan huomenna")


def test_phone_pages_fit_and_a_follow_up_is_recorded_with_the_keyboard(phone_page, app, factory):
    from datetime import timedelta

    from app.core.dates import today

    org = factory.org("joensuu-c", "Joensuun työllisyyspalvelut")
    coach = factory.user(org, email="coach-phone@example.test", roles=("coach", "coordinator"), name="Ville V")
    employer = factory.employer("Kahvila Karjalanhelmi", municipality="Joensuu")
    lead = builders.lead(app, coach, employer_id=employer.id, title="Kahvilan aamuvuoro pitkällä nimellä",
                         description="Pitkä kuvaus " * 30)
    seeker = profile_builders.seeker(app, coach, code="JNS-1")
    placement = builders.placement(app, coach, seeker_id=seeker.id, employer_id=employer.id,
                                   starts_on=today() - timedelta(days=35), type="pay_subsidy",
                                   subsidy_ends_on=today() + timedelta(days=10))
    page = phone_page
    login(page, coach.email, PASSWORD)
    for url in ("/leads", "/leads?view=board&status=all", f"/leads/{lead.id}", "/leads/new", "/placements",
                f"/placements/{placement.id}", f"/placements/{placement.id}/plan", "/placements/new"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
    page.goto(f"/placements/{placement.id}")
    expect(page.locator("#subsidy-alert")).to_be_visible()
    record = page.locator(".placement-follow-ups li").first.get_by_role("link", name="Record")
    record.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog#modal")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Yes").focus()
    page.keyboard.press("Space")
    dialog.get_by_label("Note").focus()
    page.keyboard.type("Viihtyy hyvin")
    page.keyboard.press("Enter")
    expect(page.locator("#follow-ups")).to_contain_text("Still employed")
    expect(page.locator("#follow-ups")).to_contain_text("Viihtyy hyvin")
