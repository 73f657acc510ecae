"""Browser: axe-core (WCAG 2.1 A and AA rules) on every main page and every dialog, in Finnish, at 1366 and 390 px,
for a coordinator, a consultant and a coach, with the demo network loaded (the data `make run` shows).

A violation of impact "serious" or "critical" fails the test; the rest are printed as a report (`pytest -rP` shows
it, or set AXE_REPORT=file to keep it). axe-core is vendored in app/static/vendor/axe-core and injected by the test
only (an init script the browser runs before the page's own: no product page links it)."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.auth.demo import DEMO_PASSWORD
from app.core.audit import acting_as
from app.core.registry import demo_loaders
from app.extensions import db
from tests.browser.conftest import SERVER

AXE = Path(__file__).resolve().parents[2] / "app" / "static" / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"serious", "critical"}
WIDTHS = {1366: {"viewport": {"width": 1366, "height": 768}},
          390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}}
ROLES = {"coordinator": "coordinator@example.org", "consultant": "consultant@example.org",
         "coach": "coach@example.org"}
RUN_AXE = """async ([selector, tags]) => {
  const result = await axe.run(selector ? document.querySelector(selector) : document,
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 4), count: v.nodes.length})),
    review: result.incomplete.map(v => v.id)};
}"""
DUPLICATE_IDS = """() => {
  const seen = new Map();
  for (const el of document.querySelectorAll('[id]:not(input[type=hidden])'))
    seen.set(el.id, (seen.get(el.id) || 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id, n]) => id + ' x' + n).slice(0, 6);
}"""
HREFS = "links => links.map(a => a.getAttribute('href'))"
MODAL_OPENERS = "[hx-target='#modal-body'][hx-get]:not([disabled])"
IN_PLACE = ("[hx-get*='/new']:not([hx-target='#modal-body']), [hx-get*='/edit']:not([hx-target='#modal-body']), "
            "[hx-get*='edit=1']")
EMPTY_SUBMITS = ("/employers/new", "/seekers/new", "/leads/new")  # answered with the errors and their summary


def _load_demo(app) -> None:
    """The demo network, with every demo login speaking Finnish."""
    from app.auth.models import User

    with app.app_context(), acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()
        for user in db.session.scalars(select(User)):
            user.language = "fi"
        db.session.commit()


def _first(stmt):
    return db.session.scalar(stmt.limit(1))


def _ids(app) -> SimpleNamespace:
    """Ids of the joensuu demo records whose pages are the fullest (every demo login here is a joensuu user)."""
    from app.auth.models import User
    from app.employers.models import Employer, Relationship
    from app.leads.models import Lead
    from app.leads.placements.models import Placement
    from app.ratko.models import Bundle, Engagement, Workshop
    from app.seekers.models import JobSeeker
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        org = db.session.scalar(select(User.organisation_id).where(User.email == ROLES["coordinator"]))
        busiest = (select(Relationship.employer_id).where(Relationship.organisation_id == org)
                   .group_by(Relationship.employer_id).order_by(func.count().desc(), Relationship.employer_id))
        engagement = _first(select(Engagement.id).where(Engagement.organisation_id == org).order_by(Engagement.id))
        employer = _first(busiest)
        return SimpleNamespace(
            employer=employer, engagement=engagement,
            employer_name=db.session.get(Employer, employer).name,
            workshop=_first(select(Workshop.id).where(Workshop.engagement_id == engagement)),
            bundle=_first(select(Bundle.id).join(Engagement, Engagement.id == Bundle.engagement_id)
                          .where(Engagement.organisation_id == org).order_by(Bundle.id)),
            seeker=_first(select(JobSeeker.id).where(JobSeeker.organisation_id == org).order_by(JobSeeker.id)),
            lead=_first(select(Lead.id).where(Lead.organisation_id == org).order_by(Lead.id)),
            placement=_first(select(Placement.id).where(Placement.organisation_id == org).order_by(Placement.id)),
            touchpoint=_first(select(Touchpoint.id).where(Touchpoint.organisation_id == org)
                              .order_by(Touchpoint.occurred_on.desc())))


def _import_preview(app) -> int:
    """A coordinator's messy list, checked and waiting in preview."""
    from app.auth.models import User
    from app.spreadsheets import jobs
    from app.spreadsheets.models import ImportBatch
    from app.spreadsheets.services import lifecycle, staging
    from tests.browser.test_layout import IMPORT_ROWS
    from tests.fixtures.make_fixtures import xlsx

    previous = app.config.get("IMPORT_JOB_MODE")
    app.config["IMPORT_JOB_MODE"] = "inline"
    try:
        with app.app_context():
            user = db.session.scalar(select(User).where(User.email == ROLES["coordinator"]))
            batch = staging.batch_create(user=user, file_name="yhteystiedot.xlsx", content=xlsx(IMPORT_ROWS))
            db.session.flush()
            lifecycle.batch_map(batch=db.session.get(ImportBatch, batch.id), mapping=list(batch.mapping),
                                options={}, user=user)
            db.session.commit()
            batch_id = batch.id
        jobs.run(app, batch_id, "preview")
    finally:
        app.config["IMPORT_JOB_MODE"] = previous
    return batch_id


def _pages(ids: SimpleNamespace, role: str, batch_id: int) -> list[str]:
    """Pages to check besides every navigation link and every report: details, forms, account and search."""
    e = ids.employer
    pages = ["/", f"/employers/{e}", f"/employers/{e}/edit", "/employers/new",
             "/employers?q=oy", "/worklist", f"/touchpoints/new?employer_id={e}", f"/touchpoints/{ids.touchpoint}",
             "/auth/account", "/auth/security", "/auth/password", "/account/api-tokens", "/privacy",
             "/accessibility", f"/search?q={ids.employer_name.split()[0]}"]
    if role in ("consultant", "coordinator"):
        pages += [f"/ratko/engagements/{ids.engagement}", f"/ratko/engagements/{ids.engagement}/board",
                  f"/ratko/workshops/{ids.workshop}", f"/ratko/bundles/{ids.bundle}",
                  f"/profiles/bundles/{ids.bundle}/edit", "/ratko/engagements/new"]
    pages += [f"/seekers/{ids.seeker}", f"/seekers/{ids.seeker}/edit", f"/seekers/{ids.seeker}/capability/new",
              f"/compare?bundle={ids.bundle}&seeker={ids.seeker}", f"/leads/{ids.lead}", "/leads/new",
              f"/placements/{ids.placement}", "/seekers/new"]
    if role == "coordinator":
        pages += [f"/imports/{batch_id}", f"/imports/{batch_id}?rows=error", "/imports/new", "/reports"]
    return pages


class Audit:
    """Violations found, keyed by rule; the failing ones with where they were seen."""

    def __init__(self):
        self.failing: list[str] = []
        self.minor: Counter = Counter()
        self.review: Counter = Counter()  # rules axe could not decide ("needs review"), by checks
        self.checks = 0
        self.seen_dialogs: set[str] = set()

    def check(self, page, where: str, selector: str | None = None) -> None:
        """Run axe on the page (or one element of it) and file what it finds."""
        page.wait_for_load_state("networkidle")
        self.checks += 1
        result = page.evaluate(RUN_AXE, [selector, TAGS])
        duplicates = page.evaluate(DUPLICATE_IDS)
        if duplicates:  # axe leaves these to a person since WCAG 2.2 dropped 4.1.1; labels and aria need unique ids
            self.failing.append(f"{where}: ids used more than once: {duplicates}")
        self.review.update(result["review"])
        for v in result["violations"]:
            if v["impact"] in FAILING:
                self.failing.append(f"{where}: {v['impact']} {v['id']} ({v['help']}) x{v['count']}: {v['nodes']}")
            else:
                self.minor[(v["impact"], v["id"], v["help"])] += v["count"]


def _login(page, email: str) -> None:
    page.goto("/auth/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/auth/login" not in url)


def _dialogs(page, audit: Audit, where: str) -> None:
    """Open each kind of dialog this page offers (one per URL pattern), check it and close it with Escape."""
    for opener in page.locator(MODAL_OPENERS).all():
        kind = re.sub(r"\d+", "N", opener.get_attribute("hx-get").split("?")[0])
        if kind in audit.seen_dialogs or not opener.is_visible():
            continue
        audit.seen_dialogs.add(kind)
        opener.click()
        page.locator("dialog#modal[open] #modal-title").wait_for()
        audit.check(page, f"{where} dialog {kind}", "#modal")
        page.keyboard.press("Escape")
        page.locator("dialog#modal[open]").wait_for(state="detached")


def _in_place(page, audit: Audit, path: str, where: str) -> None:
    """Open each kind of form this page edits in place (one per URL pattern) and check the page with it open."""
    kinds = {}
    for opener in page.locator(IN_PLACE).all():
        kind = re.sub(r"\d+", "N", opener.get_attribute("hx-get"))
        if kind not in audit.seen_dialogs and opener.is_visible():
            kinds.setdefault(kind, opener.get_attribute("hx-get"))
    for kind, url in kinds.items():
        audit.seen_dialogs.add(kind)
        page.goto(path)
        page.locator(f"[hx-get='{url}']").first.click()
        page.wait_for_load_state("networkidle")
        audit.check(page, f"{where} in place {kind}")


def _empty_submit(page, audit: Audit, path: str, where: str) -> None:
    """Send a form empty and check the page that answers with its errors."""
    page.goto(path)
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.locator("main .error-summary").wait_for()
    audit.check(page, f"{where} with errors")


def _walk(browser, live_server, email: str, pages: list[str], width: int, audit: Audit) -> None:
    """Check every page and dialog at one width in one browser context."""
    context = browser.new_context(base_url=live_server, locale="fi-FI", **WIDTHS[width])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(20_000)
    audit.seen_dialogs = set()
    try:
        page.goto("/auth/login")
        audit.check(page, f"/auth/login @{width}")
        _login(page, email)
        links = page.eval_on_selector_all("nav a[href^='/']", HREFS)
        visited = list(dict.fromkeys([*pages, *links]))
        for path in visited:
            response = page.goto(path)
            if response.status != 200:
                audit.failing.append(f"{path} @{width}: HTTP {response.status}")
                continue
            audit.check(page, f"{path} @{width}")
            _dialogs(page, audit, f"{path} @{width}")
            _in_place(page, audit, path, f"{path} @{width}")
            if path in EMPTY_SUBMITS:
                _empty_submit(page, audit, path, f"{path} @{width}")
            if path == "/reports":
                reports = page.eval_on_selector_all("main a[href^='/reports/']", HREFS)
                visited += [r for r in dict.fromkeys(reports) if r not in visited and not re.search(r"print|\.xlsx", r)]
    finally:
        context.close()
        SERVER["inflight"].wait_quiet()


def _report(role: str, audit: Audit) -> str:
    lines = [f"axe ({role}): {audit.checks} checks, {len(audit.failing)} serious or critical"]
    lines += [f"  {impact or '?'}: {rule} - {help_} ({count} elements)"
              for (impact, rule, help_), count in audit.minor.most_common()] or ["  no minor or moderate findings"]
    lines += [f"  needs review by a person: {rule} on {count} checks" for rule, count in audit.review.most_common()]
    return "\n".join(lines)


@pytest.mark.parametrize("role", list(ROLES))
def test_no_serious_accessibility_violations(browser, live_server, app, role):
    _load_demo(app)
    ids = _ids(app)
    batch_id = _import_preview(app) if role == "coordinator" else 0
    pages = _pages(ids, role, batch_id)
    audit = Audit()
    for width in WIDTHS:
        _walk(browser, live_server, ROLES[role], pages, width, audit)
    report = _report(role, audit)
    print(report)
    if os.environ.get("AXE_REPORT"):
        with open(os.environ["AXE_REPORT"], "a", encoding="utf-8") as handle:
            handle.write(report + "\n")
    assert not audit.failing, "\n".join(audit.failing)
