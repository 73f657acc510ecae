"""Browser: reflow and tap targets on a phone, with the demo network loaded. At 320 px (what 1280 px at 400 % zoom
shows, WCAG 1.4.10) no main page scrolls sideways; at 390 px every checkbox, radio button and button is at least
24 × 24 px (WCAG 2.5.8) and the primary actions and form checkboxes' labels at least 44 px high."""

from __future__ import annotations

from tests.browser.conftest import SERVER
from tests.browser.test_axe import HREFS, ROLES, _ids, _load_demo, _login

TARGETS = """() => {
  const out = [], name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 &&
    getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], details:not([open]) > :not(summary)'); };
  for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio], button, .button')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect(), label = el.closest('label');
    const box = label && (el.type === 'checkbox' || el.type === 'radio') ? label.getBoundingClientRect() : r;
    const primary = el.matches('.primary, form.card button[type=submit]');
    if (Math.round(box.width) < 24 || Math.round(box.height) < 24 || (primary && Math.round(r.height) < 44))
      out.push(name(el) + ' ' + Math.round(box.width) + 'x' + Math.round(box.height));
  }
  return out.slice(0, 6);
}"""


def _pages(ids) -> list[str]:
    e = ids.employer
    return ["/", f"/employers/{e}", f"/employers/{e}/edit", "/employers/new", f"/touchpoints/new?employer_id={e}",
            f"/ratko/engagements/{ids.engagement}", f"/ratko/engagements/{ids.engagement}/board",
            f"/ratko/workshops/{ids.workshop}", f"/ratko/bundles/{ids.bundle}", f"/seekers/{ids.seeker}",
            f"/seekers/{ids.seeker}/capability/new", f"/compare?bundle={ids.bundle}&seeker={ids.seeker}",
            f"/leads/{ids.lead}", "/leads/new", f"/placements/{ids.placement}", "/auth/account", "/accessibility"]


def test_pages_reflow_at_320_px_and_targets_are_big_enough(browser, live_server, app):
    _load_demo(app)
    ids = _ids(app)
    problems = []
    for width, mobile in ((320, {"height": 640}), (390, {"height": 844})):
        context = browser.new_context(base_url=live_server, locale="fi-FI", viewport={"width": width, **mobile},
                                      is_mobile=True, has_touch=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            _login(page, ROLES["coordinator"])
            links = page.eval_on_selector_all("nav a[href^='/']", HREFS)
            for path in dict.fromkeys([*_pages(ids), *links]):
                page.goto(path)
                page.wait_for_load_state("networkidle")
                if width == 320:
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    if scroll > width:
                        problems.append(f"{path} at 320 px is {scroll} px wide")
                else:
                    small = page.evaluate(TARGETS)
                    if small:
                        problems.append(f"{path}: small targets {small}")
        finally:
            context.close()
            SERVER["inflight"].wait_quiet()
    assert not problems, "\n".join(problems)
