"""Benchmark the header search box at regional scale on SQLite and PostgreSQL.

    python -m bench.search [--database sqlite|postgresql|both] [--employers 30000] [--requests 200]
                           [--url DATABASE_URL]

Builds a fresh database per engine (migrations, `bench.synthetic` plus the sites, RATKO engagements and bundles
below, then `flask search reindex`), logs in as a coach who may see every kind, and measures /search in-process
(server time, one thread) for a mix of common and rare words, word beginnings as they are typed, short words,
phone numbers and Y-tunnus forms: the as-you-type answer (htmx) and the full results page. Prints median, p95 and
SQL queries per request with the scale. Target (issue 16): median <= 30 ms, p95 <= 100 ms, queries constant.
`--url` measures an existing database (e.g. one kept with `--keep`) instead of building one.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from sqlalchemy import func, select

from app.core.db import utcnow
from app.employers.models import ContactPerson, Employer, Site
from app.ratko.models import Bundle, Engagement
from bench.run import _app, _build, _login, _measure, _postgres_database, _sqlite_database, command_line, release
from bench.synthetic import FULL, Context, _next_id, bulk_insert, register_step

TARGET_MEDIAN, TARGET_P95 = 30.0, 100.0
SITES_AT_FULL_SCALE, ENGAGEMENTS_AT_FULL_SCALE = 6_000, 600
SITE_NAMES = ("Keskusvarasto", "Myymälä", "Tehdas", "Konttori", "Toimipiste", "Keittiö", "Huoltoasema")
ENGAGEMENT_TITLES = ("Tehtävien muotoilu", "RATKO-prosessi", "Työn muokkaus", "Uusi tehtäväkokonaisuus")
BUNDLE_TITLES = ("Varastoavustaja", "Keittiöavustaja", "Toimistoavustaja", "Kiinteistöavustaja", "Pakkaaja")


def step_search_records(ctx: Context) -> None:
    """Sites (6,000 at full scale), RATKO engagements (600) with two bundles each, then the whole search index."""
    from app.search.services import search_reindex

    rng, now, factor = ctx.rng, utcnow(), ctx.scale["employers"] / FULL["employers"]
    employers, orgs = ctx.ids["employers"], ctx.ids["organisations"]
    site_start, engagement_start = _next_id(Site), _next_id(Engagement)
    bulk_insert(Site.__table__, ({
        "id": site_start + n, "employer_id": rng.choice(employers), "name": f"{rng.choice(SITE_NAMES)} {n}",
        "municipality": None, "created_at": now, "updated_at": now}
        for n in range(round(SITES_AT_FULL_SCALE * factor))), ctx, "sites")
    engagements = [{"id": engagement_start + n, "organisation_id": orgs[n % len(orgs)],
                    "employer_id": rng.choice(employers), "title": f"{rng.choice(ENGAGEMENT_TITLES)} {n}",
                    "phase": "coaching", "status": "active", "decision": "go", "language": "fi",
                    "checklist_json": "{}", "created_at": now, "updated_at": now, "version": 1}
                   for n in range(max(4, round(ENGAGEMENTS_AT_FULL_SCALE * factor)))]
    bulk_insert(Engagement.__table__, engagements, ctx, "ratko_engagements")
    bulk_insert(Bundle.__table__, ({
        "engagement_id": e["id"], "organisation_id": e["organisation_id"], "title": f"{rng.choice(BUNDLE_TITLES)} "
        f"{e['id']}-{k}", "status": "draft", "position": k, "created_at": now, "updated_at": now, "version": 1}
        for e in engagements for k in range(2)), ctx, "ratko_bundles")
    from bench.synthetic import _fix_sequences

    _fix_sequences()
    ctx.counts.update({f"index {kind}": count for kind, count in search_reindex().items()})


register_step("search", step_search_records)


def _words(app) -> list[str]:
    """A mix of common and rare words, as people type them: beginnings, whole words, two words, short words,
    a phone number and a Y-tunnus in other formats than stored, an e-mail, a seeker code."""
    from app.extensions import db

    with app.app_context():
        employer = db.session.execute(select(Employer.name, Employer.business_id).order_by(Employer.id)
                                      .offset(12_345 % max(1, db.session.scalar(select(func.count(Employer.id)))))
                                      .limit(1)).one()
        contact = db.session.execute(select(ContactPerson.name, ContactPerson.phone, ContactPerson.email)
                                     .order_by(ContactPerson.id.desc()).limit(1)).one()
    digits = contact.phone.removeprefix("+358")
    return ["vi", "vir", "virt", "virtanen", "oy", "ko", "koski", "kos", "järvi", "ravintola", "rav", "leipomo",
            "mäkinen aino", "aino mäk", "hr-päällikkö", "joensuu", "kahvila 12", "pakkaaja", "varasto", "keittiö",
            employer.name, employer.name.split()[0][:6], employer.business_id, employer.business_id.replace("-", ""),
            f"0{digits[:2]} {digits[2:5]} {digits[5:]}", f"+358 {digits}", contact.email, contact.name,
            "S-0012", "xyzzy", "pohjois sähkö", "ratko", "tmi", "ky 1"]


def run(database: str, *, employers: int, requests: int, keep: bool, url: str | None = None) -> None:
    """Build (or open: `url`, when it is of this engine) one database and measure the search on it."""
    if url and url.startswith(database[:6]):
        _measure_all(database, _app(url), requests, "existing database")
        return
    opener = _sqlite_database if database == "sqlite" else _postgres_database
    with opener(keep) as built_url:
        app = _app(built_url)
        counts = _build(app, employers)
        scale = (f"{counts.get('organisations', 0)} orgs, {counts.get('employers', 0):,} employers, "
                 f"{counts.get('contacts', 0):,} contacts, {counts.get('leads', 0):,} leads, "
                 f"{counts.get('sites', 0):,} sites, {counts.get('ratko_engagements', 0):,} engagements, "
                 f"{counts.get('ratko_bundles', 0):,} bundles, {counts.get('job_seekers', 0):,} seekers; "
                 f"index rows {sum(v for k, v in counts.items() if k.startswith('index '))} "
                 f"(built in {counts['seconds']} s)")
        _measure_all(database, app, requests, scale + (f"\n   kept at {built_url}" if keep else ""))
        release(app)


def _coach(app) -> str:
    """A coach (who may see every kind) of a typical organisation."""
    from app.auth.models import User, UserRole
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(User.email).join(UserRole, UserRole.user_id == User.id)
                                 .where(UserRole.role == "coach").order_by(User.id).limit(1))


class _Htmx:
    """A test client whose GETs are the header box's htmx requests (answered with the suggestions fragment)."""

    def __init__(self, client):
        self.client = client

    def get(self, url: str):
        """GET `url` as htmx targeting the header's results panel."""
        return self.client.get(url, headers={"HX-Request": "true", "HX-Target": "search-suggestions"})


def _measure_all(database: str, app, requests: int, scale: str) -> None:
    words = _words(app)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {database}: {scale}; load average before measuring {load} on {os.cpu_count()} cores", flush=True)
    client = app.test_client()
    _login(client, _coach(app))
    scenario = lambda i: f"/search?q={quote(words[i % len(words)])}"  # noqa: E731
    for name, measured in (("as you type (htmx, 5 per kind)", _Htmx(client)),
                           ("full results page (10 per kind)", client)):
        figures = _measure(app, measured, scenario, requests, warm=10)
        median, p95, cpu_median, cpu_p95 = (figures[k] for k in ("median", "p95", "cpu_median", "cpu_p95"))
        ok = median <= TARGET_MEDIAN and p95 <= TARGET_P95
        low, high = figures["queries"]
        print(f"  {name:32s} median {median:6.1f} ms  p95 {p95:6.1f} ms  (CPU of this process: median "
              f"{cpu_median:5.1f} ms, p95 {cpu_p95:5.1f} ms)  queries {low if low == high else f'{low}-{high}'}  "
              f"{'ok' if ok else 'MISSES TARGET'}", flush=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  ({requests} requests each over {len(words)} queries; load average after {load})", flush=True)


def main() -> None:
    """Command line entry point."""
    command_line(run, __doc__, employers=FULL["employers"], requests=200,
                 options=(("--url", {"help": "Measure this existing database instead of building one."}),))


if __name__ == "__main__":
    main()
