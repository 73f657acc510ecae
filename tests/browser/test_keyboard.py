"""Browser, keyboard only: log a contact in the quick-log dialog without a mouse. Tab reaches the button (every
control on the way shows its focus), Enter opens the dialog with focus in it, Tab stays inside, Escape closes it and
focus returns to the button; a save without a summary focuses the field and ties the error to it; a save closes the
dialog and focus is back on the button. The carving board's keyboard path is in test_ratko_board.py."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.core.dates import today as local_today
from tests.browser.conftest import login
from tests.conftest import PASSWORD

# Focus is visible when the control draws an outline of 2 px or more (or a shadow); the date picker's own button
# inside a date input is drawn by the browser (the input itself does not match :focus then).
FOCUS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const browserPart = el.type === 'date' && !el.matches(':focus');
  const visible = browserPart || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
    style.boxShadow !== 'none';
  return {id: el.id, tag: el.tagName, text: (el.textContent || '').trim().slice(0, 30), visible,
          inDialog: !!el.closest('dialog#modal')};
}"""


def _tab_to(page, selector: str, limit: int = 80, back: bool = False) -> list[dict]:
    """Press Tab until the element matching `selector` has focus; return what had focus on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        seen.append(page.evaluate(FOCUS))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
    raise AssertionError(f"{selector} never got focus: {[s['tag'] + '#' + s['id'] for s in seen][-10:]}")


def test_quick_log_by_keyboard_only(page, factory):
    coach = factory.user(roles=("coach",))
    employer = factory.employer("Kontiolahden Kone Oy")
    factory.relationship(employer, coach, started_on=local_today() - timedelta(days=400))
    login(page, coach.email, PASSWORD)
    page.goto(f"/employers/{employer.id}")
    button = f"#quick-log-{employer.id}"
    page.locator(button).wait_for()
    page.locator("body").focus()

    way = _tab_to(page, button)
    assert not [s for s in way if not s["visible"]], way
    dialog = page.locator("dialog#modal")

    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Channel")).to_be_focused()
    for _ in range(25):  # round and round: focus never leaves the dialog
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS)
        assert state["inDialog"] and state["visible"], str(state)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(button)).to_be_focused()

    page.keyboard.press("Enter")
    expect(dialog.get_by_label("Channel")).to_be_focused()
    page.keyboard.press("ArrowDown")  # the next channel
    _tab_to(page, "dialog button[type=submit]")
    page.keyboard.press("Enter")  # no summary yet: the answer focuses the field and says why
    summary = dialog.get_by_label("Summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("aria-invalid", "true")
    error_id = summary.get_attribute("aria-describedby")
    expect(page.locator(f"#{error_id}")).not_to_be_empty()
    page.keyboard.type("Soitin toimitusjohtajalle, kesätyöpaikkoja tulossa.")
    _tab_to(page, "dialog button[type=submit]")
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(page.locator("#messages")).to_contain_text("Contact logged.")
    expect(page.locator(f"#timeline-{employer.id}")).to_contain_text("kesätyöpaikkoja")
    expect(page.locator(button)).to_be_focused()


def test_filtering_by_typing_keeps_focus_and_announces_the_count(page, factory):
    coach = factory.user(roles=("coach",))
    for name in ("Ilomantsin Ikkuna Oy", "Ilomantsin Leipä Oy", "Tohmajärven Tiili Oy"):
        factory.employer(name)
    login(page, coach.email, PASSWORD)
    page.goto("/employers")
    search = page.locator("#q")
    search.focus()
    page.keyboard.type("ilomantsin")
    expect(page.locator("#employer-table tbody tr")).to_have_count(2)
    expect(search).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("2 employers")


def test_a_form_with_errors_starts_at_its_summary_whose_links_lead_to_the_fields(page, factory):
    coordinator = factory.user(roles=("coordinator",))
    login(page, coordinator.email, PASSWORD)
    page.goto("/employers/new")
    expect(page.locator("label[for=name]")).to_have_text("Name *")
    page.locator("main form button[type=submit]").last.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    page.keyboard.press("Tab")
    link = summary.locator("a[href='#name']")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    name = page.locator("#name")
    expect(name).to_be_focused()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#" + name.get_attribute("aria-describedby").split()[-1])).not_to_be_empty()
