"""Browser: the carving board on a wall and on a tablet. At 1366 px (a projector) with twelve uncarved tasks and
three bundles every bundle column is in view beside the uncarved column, which scrolls by itself (the page stays
short), and the freed-time headers never break inside a word. At 820 px (a tablet) a task is dragged by touch, with
real touch events."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.ratko.conftest import RatkoFactory

TEXTS = ["Liinavaatteiden täydennys potilashuoneisiin", "Vesikannujen jako", "Apuvälineiden puhdistus ja palautus",
         "Potilaiden saattaminen tutkimuksiin", "Postin kuljetus", "Hoitotarvikevaraston täydennys",
         "Kahvihuoneen siisteys", "Ruokakärryjen nouto keittiöltä", "Lomakkeiden täydennys", "Vuoteiden pedaus",
         "Kukkien kastelu", "Lehtien jako potilaille", "Tyhjien pullojen keruu", "Laatikoiden purku"]

WORDS_FIT = """(selector) => [...document.querySelectorAll(selector)].every((cell) => {
  const context = document.createElement("canvas").getContext("2d");
  const style = getComputedStyle(cell);
  context.font = style.font;
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return cell.textContent.trim().split(/\\s+/).every((word) => context.measureText(word).width <= room + 0.5);
})"""

# Resolves when the uncarved list scrolls (an event, not a delay; false if it never does within the test's timeout), and
# records how long after the touch began the first move came (a finger's swipe: a frame or two).
SCROLL_WATCH = """() => {
  const list = document.querySelector("#column-uncarved .task-list");
  list.scrollTop = 0;
  window.swipeGap = null;
  let began = null;
  list.addEventListener("touchstart", (event) => { began = event.timeStamp; }, {once: true, capture: true});
  list.addEventListener("touchmove", (event) => { window.swipeGap = event.timeStamp - began; },
                        {once: true, capture: true});
  window.uncarvedScrolled = new Promise((resolve) => {
    list.addEventListener("scroll", () => resolve(list.scrollTop > 0), {once: true});
    window.setTimeout(() => resolve(false), 10000);
  });
}"""
QUICK_MS = 150  # the board picks a card up after a 180 ms hold; a swipe whose first move came later is a hold


def _board(app, factory, user):
    ratko = RatkoFactory(app, factory)
    engagement = ratko.engagement(user)
    bundles = [ratko.bundle(engagement, title) for title in ("Osastoavustaja", "Varastoapulainen",
                                                             "Kuljetusavustaja")]
    for index, text in enumerate(TEXTS):
        task = ratko.task(engagement, text, role=("lähihoitaja", "sairaanhoitaja", "osastonsihteeri")[index % 3],
                          hours=1 + index % 4, left_undone=index % 2 == 0, burdens_staff=index % 3 == 0)
        if index < 2:
            ratko.move(task.id, bundles[index].id)
    return engagement, bundles


def _context(browser, live_server, width, height, touch=False):
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport={"width": width, "height": height},
                                  has_touch=touch, is_mobile=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_board_at_1366_shows_every_bundle_column_and_scrolls_the_uncarved_tasks_by_themselves(
        browser, live_server, app, factory):
    user = factory.user(roles=("consultant",))
    engagement, bundles = _board(app, factory, user)
    context, page = _context(browser, live_server, 1366, 768)
    try:
        login(page, user.email, PASSWORD)
        page.goto(f"/ratko/engagements/{engagement.id}/board")
        expect(page.locator("#column-uncarved .task-card")).to_have_count(12)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        uncarved = page.locator("#column-uncarved").bounding_box()
        freed = page.locator("#freed-panel").bounding_box()
        for bundle in bundles:
            column = page.locator(f"#column-{bundle.id}")
            expect(column).to_be_in_viewport()
            box = column.bounding_box()
            assert box["x"] >= uncarved["x"] + uncarved["width"] and box["x"] + box["width"] <= 1366, box
            assert box["y"] + box["height"] <= freed["y"] or box["x"] >= freed["x"] + freed["width"]  # not covered
        tasks = page.locator("#column-uncarved .task-list")
        assert tasks.evaluate("list => list.scrollHeight > list.clientHeight + 100")  # scrolls by itself
        assert page.evaluate("document.documentElement.scrollHeight") < 1400  # not 3,400 px
        last = page.locator("#column-uncarved .task-card").last
        last.scroll_into_view_if_needed()
        expect(last).to_be_in_viewport()
        heights = page.locator("#column-uncarved .task-card").evaluate_all("cards => cards.map(c => c.offsetHeight)")
        assert sorted(heights)[len(heights) // 2] < 120, heights  # compact cards
        assert page.evaluate(WORDS_FIT, "#freed-panel th")
        page.get_by_role("button", name="Projector view").click()
        for bundle in bundles:
            expect(page.locator(f"#column-{bundle.id}")).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    finally:
        context.close()


def _touch(cdp, kind, x, y):
    points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1, "radiusX": 6, "radiusY": 6, "force": 1}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_touch_drag_on_a_tablet(browser, live_server, app, factory):
    user = factory.user(roles=("consultant",))
    engagement, bundles = _board(app, factory, user)
    context, page = _context(browser, live_server, 820, 1180, touch=True)
    try:
        login(page, user.email, PASSWORD)
        page.goto(f"/ratko/engagements/{engagement.id}/board")
        target = page.locator(f"#column-{bundles[1].id}")
        expect(target.locator(".task-card")).to_have_count(1)
        for bundle in bundles:
            expect(page.locator(f"#column-{bundle.id}")).to_be_visible()
            box = page.locator(f"#column-{bundle.id}").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 820, box
        card = page.locator("#column-uncarved .task-card").filter(has_text="Postin kuljetus")
        card.scroll_into_view_if_needed()
        start = card.locator(".card-text").bounding_box()
        drop = target.locator(".task-list").bounding_box()
        cdp = context.new_cdp_session(page)
        # A quick swipe on the uncarved tasks scrolls their list; it picks nothing up.
        listing = page.locator("#column-uncarved .task-list")
        middle = listing.bounding_box()
        sx, sy = middle["x"] + middle["width"] / 2, min(middle["y"] + middle["height"], 1180) - 60
        for _attempt in range(5):
            page.evaluate(SCROLL_WATCH)
            _touch(cdp, "touchStart", sx, sy)
            for step in range(1, 11):
                _touch(cdp, "touchMove", sx, sy - 30 * step)
            _touch(cdp, "touchEnd", sx, sy - 300)
            scrolled, gap = page.evaluate("async () => [await window.uncarvedScrolled, window.swipeGap]")
            if gap is None or gap < QUICK_MS:
                break
            # The machine held the first move back past the hold (CDP sends one event at a time): that was a hold and
            # a drag, not a swipe. Let the board settle and swipe again.
            expect(page.locator(".card-chosen, .htmx-request")).to_have_count(0)
        assert gap is not None and gap < QUICK_MS, f"no quick swipe in five tries (first move after {gap} ms)"
        assert scrolled, "the swipe did not scroll the uncarved tasks"
        expect(page.locator("#column-uncarved .task-card")).to_have_count(12)
        card.scroll_into_view_if_needed()
        start = card.locator(".card-text").bounding_box()
        x, y = start["x"] + 20, start["y"] + 8
        _touch(cdp, "touchStart", x, y)
        expect(card).to_have_class(re.compile(r"\bcard-chosen\b"))  # held long enough: picked up
        tx, ty = drop["x"] + drop["width"] / 2, drop["y"] + drop["height"] - 6
        steps = 20
        for step in range(1, steps + 1):
            _touch(cdp, "touchMove", x + (tx - x) * step / steps, y + (ty - y) * step / steps)
        _touch(cdp, "touchEnd", tx, ty)
        expect(target.locator(".task-card").filter(has_text="Postin kuljetus")).to_be_visible()
        expect(target.locator(".task-card")).to_have_count(2)
        expect(page.locator("#board-announce")).to_contain_text("moved to Varastoapulainen")
        page.reload()
        expect(page.locator(f"#column-{bundles[1].id} .task-card").filter(has_text="Postin kuljetus")).to_be_visible()
    finally:
        context.close()
