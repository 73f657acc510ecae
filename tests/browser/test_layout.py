"""Browser: no main page is wider than the window, on a phone (390 px) or a laptop (1366 px), for a coordinator, a
coach and an administrator, with the demo network loaded (the same data `make run` shows), plus an import preview.

Each test loads the demo once and walks every page at both widths, listing every page that scrolls sideways."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.auth.demo import DEMO_PASSWORD
from app.core.audit import acting_as
from app.core.registry import demo_loaders
from app.extensions import db
from tests.browser.conftest import SERVER, login

WIDTHS = {390: {"width": 390, "height": 844, "is_mobile": True, "has_touch": True},
          1366: {"width": 1366, "height": 768, "is_mobile": False, "has_touch": False}}
REPORTS = ("cadence", "work", "coverage", "ratko", "placements", "leads")
LOGINS = {"coordinator": "coordinator@example.org", "coach": "coach@example.org", "admin": "admin@example.org"}
IMPORT_ROWS = [["Yhteystiedot syksy 2024 (Joensuun seutu)"],
               ["Yritys", "Y-tunnus", "Kunta", "Toimiala", "Yhteyshenkilö", "Puh.", "Sähköposti", "Muuta"],
               ["Pielisen Puutyö ja Rakennuspalvelut Oy", "0112038 9", "Joensuu", "Rakennus", "Liisa Laine",
                401234567, "liisa.laine@pielisenpuutyo.example", "Kiinnostunut kesätyöntekijöistä ja työkokeiluista"],
               ["Vaaran Pesula Ky", "FI02012566", "Lieksa", "Siivous", "Anna Aalto", "013 123 456", "anna(at)pesula",
                ""],
               ["Kahvila Karjalanhelmi", "", "Joensuu", "Ravintola", "Pekka Pää", "+358 50 765 4321",
                "pekka@karjalanhelmi.example", "Tarvitsee apua keittiöön aamuisin"]]


def _load_demo(app) -> None:
    with app.app_context(), acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()


def _first(stmt):
    return db.session.scalar(stmt.limit(1))


def _ids(app, email: str) -> SimpleNamespace:
    """Ids of the demo records whose pages are the fullest for this user's organisation."""
    from app.auth.models import User
    from app.employers.models import Employer, Relationship
    from app.leads.models import Lead
    from app.leads.placements.models import Placement
    from app.ratko.models import Bundle, Engagement, Workshop
    from app.seekers.models import JobSeeker
    from app.touchpoints.models import Touchpoint

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        org = user.organisation_id
        busiest = (select(Relationship.employer_id).group_by(Relationship.employer_id)
                   .order_by(func.count().desc(), Relationship.employer_id))
        engagement = _first(select(Engagement.id).where(Engagement.organisation_id == org).order_by(Engagement.id))
        return SimpleNamespace(
            user=user.id, org=org, employer=_first(busiest), engagement=engagement,
            workshop=_first(select(Workshop.id).where(Workshop.engagement_id == engagement)),
            bundle=_first(select(Bundle.id).join(Engagement, Engagement.id == Bundle.engagement_id)
                          .where(Engagement.organisation_id == org).order_by(Bundle.id)),
            seeker=_first(select(JobSeeker.id).where(JobSeeker.organisation_id == org).order_by(JobSeeker.id)),
            lead=_first(select(Lead.id).where(Lead.organisation_id == org).order_by(Lead.id)),
            placement=_first(select(Placement.id).where(Placement.organisation_id == org).order_by(Placement.id)),
            touchpoint=_first(select(Touchpoint.id).where(Touchpoint.organisation_id == org)
                              .order_by(Touchpoint.occurred_on.desc())),
            employer_name=db.session.get(Employer, _first(busiest)).name)


def _import_preview(app, email: str) -> int:
    """An import of a messy list, checked and waiting in preview (its row table is the widest import page)."""
    from app.auth.models import User
    from app.spreadsheets import jobs
    from app.spreadsheets.models import ImportBatch
    from app.spreadsheets.services import lifecycle, staging
    from tests.fixtures.make_fixtures import xlsx

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        batch = staging.batch_create(user=user, file_name="yhteystiedot.xlsx", content=xlsx(IMPORT_ROWS))
        db.session.commit()
        batch_id = batch.id
    previous = app.config.get("IMPORT_JOB_MODE")
    app.config["IMPORT_JOB_MODE"] = "inline"
    try:
        with app.app_context():
            batch = db.session.get(ImportBatch, batch_id)
            user = db.session.scalar(select(User).where(User.email == email))
            lifecycle.batch_map(batch=batch, mapping=list(batch.mapping), options={}, user=user)
            db.session.commit()
        jobs.run(app, batch_id, "preview")
    finally:
        app.config["IMPORT_JOB_MODE"] = previous
    return batch_id


def _pages(ids: SimpleNamespace, role: str, batch_id: int | None) -> list[str]:
    """The detail pages to visit besides every navigation link."""
    pages = ["/", "/auth/account", f"/employers/{ids.employer}", "/employers?q=oy", "/worklist",
             "/worklist?scope=organisation", "/employers/new"]
    if ids.touchpoint:
        pages.append(f"/touchpoints/{ids.touchpoint}")
    if ids.engagement:
        pages += [f"/ratko/engagements/{ids.engagement}", f"/ratko/engagements/{ids.engagement}/board"]
    if ids.workshop:
        pages.append(f"/ratko/workshops/{ids.workshop}")
    if ids.bundle:
        pages.append(f"/ratko/bundles/{ids.bundle}")
    if ids.lead:
        pages.append(f"/leads/{ids.lead}")
    if role != "admin":
        if ids.seeker:
            pages.append(f"/seekers/{ids.seeker}")
        if ids.seeker and ids.bundle:
            pages.append(f"/compare?bundle={ids.bundle}&seeker={ids.seeker}")
        if ids.placement:
            pages.append(f"/placements/{ids.placement}")
    if role in ("coordinator", "admin"):
        pages += [f"/admin/users/{ids.user}", f"/admin/users/{ids.user}/handover"]
    if role == "admin":
        pages.append(f"/admin/organisations/{ids.org}")
    if batch_id:
        pages += [f"/imports/{batch_id}", f"/imports/{batch_id}?rows=error"]
    return pages


def _overflow(page) -> tuple[int, int]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


NAME = "el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && " \
       "el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '')"


def _culprits(page, width: int) -> list[str]:
    """The innermost elements sticking out on the right, for the failure message."""
    return page.evaluate(f"""(w) => {{
      const name = {NAME}, out = [];
      for (const el of document.querySelectorAll('body *')) {{
        const r = el.getBoundingClientRect();
        if (r.right > w + 1 && r.width > 0 && ![...el.children].some(c => c.getBoundingClientRect().right > w + 1))
          out.push(name(el) + ' ' + Math.round(r.right) + 'px');
      }}
      return out.slice(0, 5);
    }}""", width)


def _clipped(page) -> list[str]:
    """Boxes whose content is cut off or needs a sideways scroll (a table in a scrolling wrapper hides its last
    columns, e.g. the worklist's buttons), except what is meant to scroll sideways (data-scrolls)."""
    return page.evaluate(f"""() => {{
      const name = {NAME}, out = [];
      for (const el of document.querySelectorAll('main *')) {{
        const style = getComputedStyle(el);
        if (['auto', 'hidden', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 &&
            el.clientWidth > 1 && !el.closest('[data-scrolls]'))
          out.push(name(el) + ' shows ' + el.clientWidth + ' of ' + el.scrollWidth + ' px');
      }}
      return out.slice(0, 5);
    }}""")


def _walk(browser, live_server, email: str, pages: list[str], width: int, nav: bool = True) -> list[str]:
    """Visit every page (and every navigation link) at one width; describe each page that does not fit."""
    settings = dict(WIDTHS[width])
    viewport = {"width": settings.pop("width"), "height": settings.pop("height")}
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=viewport, **settings)
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems = []
    try:
        login(page, email, DEMO_PASSWORD)
        links = page.eval_on_selector_all("nav a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
        if "/reports" in links:  # each report is a tab of that page
            links += [f"/reports/{tab}" for tab in REPORTS]
        for path in dict.fromkeys([*pages, *(links if nav else [])]):
            response = page.goto(path)
            assert response.status == 200, (path, response.status)
            scroll, inner = _overflow(page)
            # a phone widens its layout viewport to fit content that sticks out: compare with the device width too
            if scroll > inner or inner > width:
                problems.append(f"{path} at {width} px is {max(scroll, inner)} px wide: {_culprits(page, width)}")
            clipped = _clipped(page)
            if clipped:
                problems.append(f"{path} at {width} px cuts content off: {clipped}")
    finally:
        context.close()
        SERVER["inflight"].wait_quiet()
    return problems


@pytest.mark.parametrize("role", ["coordinator", "coach", "admin"])
def test_every_main_page_fits_the_window(browser, live_server, app, role):
    _load_demo(app)
    ids = _ids(app, LOGINS[role])
    batch_id = _import_preview(app, LOGINS[role]) if role == "coordinator" else None
    pages = _pages(ids, role, batch_id)
    problems = [*_walk(browser, live_server, LOGINS[role], pages, 390),
                *_walk(browser, live_server, LOGINS[role], pages, 1366)]
    assert not problems, "\n".join(problems)
