"""Browser: run a RATKO workshop. Enter eight tasks for three roles row by row (Enter saves and opens the next row),
open a bundle on the carving board, drag five tasks into it, see the hours and the freed time update, open the print
view. Then the keyboard path (the "Move to" select and the number keys), announcements, and a second person's board
refreshing by itself."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.ratko.conftest import RatkoFactory


def _drag(page, card, target_list) -> None:
    """Drag with real pointer events and intermediate moves (Sortable's fallback mode needs them)."""
    card.scroll_into_view_if_needed()
    start = card.locator(".card-text").bounding_box()
    page.mouse.move(start["x"] + 20, start["y"] + 8)
    page.mouse.down()
    page.mouse.move(start["x"] + 30, start["y"] + 20, steps=4)
    box = target_list.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 14  # the top of the list: always on screen
    page.mouse.move(x, y, steps=15)
    page.mouse.move(x, y + 2, steps=2)
    page.mouse.up()


def _enter_task(page, prefix, description, hours, count_locator, expected):
    page.fill(f"#{prefix}-description", description)
    page.fill(f"#{prefix}-hours", hours)
    page.press(f"#{prefix}-hours", "Enter")
    expect(count_locator).to_have_count(expected)
    expect(page.locator(f"#{prefix}-description")).to_be_focused()


def test_workshop_inventory_then_carve_five_tasks_by_drag_and_drop(page, app, factory):
    user = factory.user(roles=("consultant", "coach"), name="Riikka Konsultti")
    ratko = RatkoFactory(app, factory)
    employer = factory.employer("Pielisjoen keskussairaala", municipality="Joensuu")
    engagement = ratko.engagement(user, employer=employer, title="Sisätautien osasto 3")
    workshop = ratko.workshop(engagement)
    jukka = ratko.participant(workshop, name="Jukka Heikkinen", role="lähihoitaja")
    login(page, user.email, PASSWORD)

    page.goto(f"/ratko/workshops/{workshop.id}")
    participants = page.locator("#participants")
    participants.get_by_label("Name").fill("Sari Nieminen")
    participants.get_by_label("Role").fill("sairaanhoitaja")
    participants.get_by_role("button", name="Add participant").click()
    sari_section = page.locator(".inventory-section").filter(has_text="Sari Nieminen")
    expect(sari_section).to_be_visible()
    sari_prefix = sari_section.locator("form.task-entry").get_attribute("id")

    jukka_rows = page.locator(f"#section-p{jukka.id} .task-saved")
    for n, (text, hours) in enumerate([("Liinavaatteiden täydennys osastolle", "3"),
                                       ("Vesikannujen jako potilashuoneisiin", "2"),
                                       ("Apuvälineiden puhdistus", "1,5")], start=1):
        _enter_task(page, f"entry-p{jukka.id}", text, hours, jukka_rows, n)
    sari_rows = sari_section.locator(".task-saved")
    for n, (text, hours) in enumerate([("Lääkkeiden jako ja kirjaaminen", "10"),
                                       ("Potilaiden saattaminen tutkimuksiin", "4"),
                                       ("Hoitotarvikevaraston täydennys", "3")], start=1):
        _enter_task(page, sari_prefix, text, hours, sari_rows, n)
    role_rows = page.locator("#section-roles .task-saved")
    page.fill("#entry-roles-role", "osastonsihteeri")
    _enter_task(page, "entry-roles", "Postin kuljetus", "2", role_rows, 1)
    expect(page.locator("#entry-roles-role")).to_have_value("osastonsihteeri")  # the role stays for the next row
    _enter_task(page, "entry-roles", "Lomakkeiden täydennys", "1", role_rows, 2)
    expect(page.locator(f"#section-total-p{jukka.id}")).to_contain_text("3 tasks · 6.5 h/week")

    page.get_by_role("link", name="Carving board").first.click()
    expect(page.locator("#column-uncarved .task-card")).to_have_count(8)
    page.fill("#new-bundle-title", "Osastoavustaja")
    page.press("#new-bundle-title", "Enter")
    bundle_column = page.locator(".bundle-column").filter(has_text="Osastoavustaja")
    expect(bundle_column).to_be_visible()
    expect(page.locator("#new-bundle-title")).to_have_value("")

    carve = [("Liinavaatteiden täydennys osastolle", "3"), ("Vesikannujen jako potilashuoneisiin", "5"),
             ("Apuvälineiden puhdistus", "6.5"), ("Potilaiden saattaminen tutkimuksiin", "10.5"),
             ("Postin kuljetus", "12.5")]
    for text, total in carve:
        card = page.locator("#column-uncarved .task-card").filter(has_text=text)
        _drag(page, card, bundle_column.locator(".task-list"))
        expect(bundle_column.locator(".bundle-total .big-number")).to_have_text(total)
    expect(bundle_column.locator(".task-card")).to_have_count(5)
    expect(page.locator("#column-uncarved .task-card")).to_have_count(3)
    expect(bundle_column.locator(".bundle-frees")).to_have_text(
        "Frees 6.5 h/week from lähihoitaja, 4 h from sairaanhoitaja, 2 h from osastonsihteeri")
    expect(page.locator("#freed-total")).to_have_text("12.5")
    expect(page.locator(".freed-table")).to_contain_text("lähihoitaja")
    expect(page.locator("#board-announce")).to_contain_text("moved to Osastoavustaja")

    bundle_column.get_by_role("link", name="Osastoavustaja").click()
    expect(page.locator("#bundle-hours")).to_have_text("12.5")
    page.get_by_role("link", name="Printable job description").click()
    sheet = page.locator("#job-description")
    expect(sheet.get_by_role("heading", level=1)).to_have_text("Osastoavustaja")
    expect(sheet).to_contain_text("Liinavaatteiden täydennys osastolle")
    expect(sheet).to_contain_text("Pielisjoen keskussairaala")
    assert page.evaluate("document.documentElement.lang") == "fi"


def test_keyboard_moves_announce_and_a_second_board_follows(page, browser, live_server, app, factory):
    user = factory.user(roles=("consultant",))
    ratko = RatkoFactory(app, factory)
    engagement = ratko.engagement(user)
    first = ratko.task(engagement, "Hyllyjen täyttö ja päiväysten tarkistus", role="myyjä", hours=6)
    second = ratko.task(engagement, "Ostoskärryjen keruu pihalta", role="kassamyyjä", hours=3)
    bundle = ratko.bundle(engagement, "Myymäläavustaja")
    spare = ratko.bundle(engagement, "Varastoapulainen")
    login(page, user.email, PASSWORD)

    other_context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    other.set_default_timeout(10_000)
    login(other, user.email, PASSWORD)
    other.goto(f"/ratko/engagements/{engagement.id}/board")
    expect(other.locator("#column-uncarved .task-card")).to_have_count(2)
    other.evaluate("document.querySelector('#board .board-poll').remove()")  # freeze the second view for a moment

    page.goto(f"/ratko/engagements/{engagement.id}/board")
    page.evaluate("window.sameBoardPage = true")  # gone if any move fell back to a full-page submit
    page.locator(f"#move-{first.id}").select_option(str(bundle.id))
    page.locator(f"#move-btn-{first.id}").focus()
    page.keyboard.press("Enter")
    column = page.locator(f"#column-{bundle.id}")
    expect(column.locator(f"#task-{first.id}")).to_be_visible()
    expect(column.locator(".bundle-total .big-number")).to_have_text("6")
    expect(page.locator("#board-announce")).to_contain_text("moved to Myymäläavustaja, now 6 h/week in 1 tasks")
    expect(page.locator(f"#move-btn-{first.id}")).to_be_focused()

    # The second person still sees the old board; their move of the same task is refused, never silently lost.
    other.locator(f"#move-{first.id}").select_option(str(spare.id))
    other.locator(f"#move-btn-{first.id}").click()
    expect(other.locator(".board-message.kind-error")).to_contain_text("Someone else moved or changed")
    expect(other.locator(f"#column-{bundle.id} #task-{first.id}")).to_be_visible()

    # The next key may come the moment the new board is in place, before htmx has settled it: it must still be an
    # htmx move (no full-page submit), and the live region (outside what any refresh swaps) must keep its message.
    # (A long settle delay holds that moment open, so the test does not depend on timing.)
    page.evaluate("htmx.config.defaultSettleDelay = 1500")
    page.locator(f"#task-{second.id}").focus()
    page.keyboard.press("1")
    expect(column.locator(f"#task-{second.id}")).to_be_visible()
    expect(column.locator(".bundle-total .big-number")).to_have_text("9")
    page.locator(f"#task-{second.id}").focus()
    page.keyboard.press("0")
    expect(page.locator(f"#column-uncarved #task-{second.id}")).to_be_visible()
    expect(page.locator("#board-announce")).to_contain_text("back among the uncarved tasks")
    page.evaluate("htmx.config.defaultSettleDelay = 20")
    page.locator(f"#task-{second.id}").focus()
    page.keyboard.press("2")
    expect(page.locator(f"#column-{spare.id} #task-{second.id}")).to_be_visible()
    expect(page.locator("#board-announce")).to_contain_text("moved to Varastoapulainen, now 3 h/week in 1 tasks")
    assert page.evaluate("window.sameBoardPage === true"), "a keyboard move reloaded the page"

    # The second person's board follows by itself (polling), without a reload.
    expect(other.locator(f"#column-{spare.id} #task-{second.id}")).to_be_visible(timeout=15_000)
    other_context.close()


def test_board_and_engagement_work_at_phone_width(phone_page, app, factory):
    user = factory.user(roles=("consultant",))
    ratko = RatkoFactory(app, factory)
    engagement = ratko.engagement(user)
    task = ratko.task(engagement, "Liinavaatteiden täydennys osastolle", role="lähihoitaja", hours=3)
    bundle = ratko.bundle(engagement, "Osastoavustaja")
    login(phone_page, user.email, PASSWORD)
    for url in (f"/ratko/engagements/{engagement.id}/board", f"/ratko/engagements/{engagement.id}",
                f"/ratko/bundles/{bundle.id}", f"/ratko/bundles/{bundle.id}/print"):
        phone_page.goto(url)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, (url, width)
    phone_page.goto(f"/ratko/engagements/{engagement.id}/board")
    phone_page.locator(f"#move-{task.id}").select_option(str(bundle.id))
    phone_page.locator(f"#move-btn-{task.id}").click()
    expect(phone_page.locator(f"#column-{bundle.id} #task-{task.id}")).to_be_visible()
