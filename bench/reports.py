"""Benchmark the report pages at regional scale on SQLite and PostgreSQL.

    python -m bench.reports [--database sqlite|postgresql|both] [--employers 30000] [--requests 15]
                            [--periods month,year]

Builds a fresh database per engine (migrations, `bench.synthetic` plus the RATKO and placement records below), then
measures every report of one organisation (as its manager) and of the whole network (as the administrator),
in-process: median, p95 and SQL queries per request, printed with the scale. Target (issue 12): median <= 300 ms
and a query count that does not grow with the data.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import timedelta

from sqlalchemy import func, insert, select, text

from app.core.db import utcnow
from app.leads.placements.models import Placement, PlacementFollowUp
from app.ratko.models import Bundle, Engagement, Task, Workshop
from bench.run import PASSWORD, _app, _build, _login, _measure, _postgres_database, _sqlite_database, release
from bench.synthetic import FULL, Context, _next_id, bulk_insert, register_step

TARGET_MEDIAN = 300.0
ENGAGEMENTS_AT_FULL_SCALE = 1_000
PLACEMENTS_AT_FULL_SCALE = 1_500
PHASES = ("commitment", "coaching", "matching", "consolidation")
TYPES = ("ordinary", "ordinary", "pay_subsidy", "work_trial", "apprenticeship")


def step_ratko_and_placements(ctx: Context) -> None:
    """RATKO engagements with workshops, tasks and bundles; placements with their follow-ups (Core inserts)."""
    rng, now, factor = ctx.rng, utcnow(), ctx.scale["employers"] / FULL["employers"]
    orgs, employers, by_org = ctx.ids["organisations"], ctx.ids["employers"], ctx.ids["users_by_org"]
    ids = {name: _next_id(model) for name, model in (("e", Engagement), ("b", Bundle), ("p", Placement))}
    engagements, workshops, tasks, bundles = [], [], [], []
    for n in range(max(4, round(ENGAGEMENTS_AT_FULL_SCALE * factor))):
        org, engagement_id = orgs[n % len(orgs)], ids["e"] + n
        created = now - timedelta(days=rng.randint(0, 400))
        engagements.append({"id": engagement_id, "organisation_id": org, "employer_id": rng.choice(employers),
                            "title": f"RATKO {n}", "phase": rng.choice(PHASES), "status": "active",
                            "decision": rng.choice(("pending", "go", "go", "no_go")),
                            "decided_on": (created + timedelta(days=14)).date(), "language": "fi",
                            "checklist_json": "{}", "created_at": created, "updated_at": created, "version": 1})
        workshops.append({"engagement_id": engagement_id, "organisation_id": org, "session_number": 1,
                          "held_on": (created + timedelta(days=30)).date(), "duration_minutes": 90,
                          "created_at": created, "updated_at": created, "version": 1})
        bundle_id = ids["b"] + len(bundles)
        bundles.append({"id": bundle_id, "engagement_id": engagement_id, "organisation_id": org,
                        "title": f"Tehtäväkori {n}", "status": rng.choice(("draft", "agreed", "filled")),
                        "position": 0, "created_at": created + timedelta(days=35),
                        "updated_at": created, "version": 1})
        for k in range(10):
            tasks.append({"engagement_id": engagement_id, "organisation_id": org, "role": "Myyjä",
                          "description": f"Tehtävä {k}", "category": "extra", "hours_value": float(rng.randint(1, 6)),
                          "hours_period": "week", "bundle_id": bundle_id if k < 4 else None, "position": k,
                          "left_undone": False, "burdens_staff": False, "needs_qualification": False,
                          "collective_agreement": False, "created_at": created + timedelta(days=30),
                          "updated_at": created, "version": 1})
    for table, rows, name in ((Engagement, engagements, "ratko_engagements"), (Workshop, workshops, "workshops"),
                              (Bundle, bundles, "bundles"), (Task, tasks, "tasks")):
        bulk_insert(table.__table__, rows, ctx, name)
    _placements(ctx, ids["p"], factor, orgs, employers, by_org, now)


def _placements(ctx, start, factor, orgs, employers, by_org, now) -> None:
    from app.extensions import db
    from app.seekers.models import JobSeeker

    rng, seekers = ctx.rng, {}
    for seeker_id, org in db.session.execute(select(JobSeeker.id, JobSeeker.organisation_id)):
        seekers.setdefault(org, []).append(seeker_id)
    placements, follow_ups = [], []
    for n in range(max(4, round(PLACEMENTS_AT_FULL_SCALE * factor))):
        org = orgs[n % len(orgs)]
        if not seekers.get(org):
            continue
        starts_on = ctx.today - timedelta(days=rng.randint(0, 420))
        kind = rng.choice(TYPES)
        placements.append({"id": start + len(placements), "organisation_id": org,
                           "seeker_id": rng.choice(seekers[org]), "employer_id": rng.choice(employers),
                           "coach_id": rng.choice(by_org[org]), "type": kind, "job_title": "Avustaja",
                           "starts_on": starts_on, "ordinary_workplace": True, "equal_pay": True,
                           "subsidy_ends_on": starts_on + timedelta(days=300) if kind == "pay_subsidy" else None,
                           "status": "active", "created_at": now, "updated_at": now, "version": 1})
        for months in (1, 3, 6, 12):
            due_on = starts_on + timedelta(days=30 * months)
            done = due_on <= ctx.today
            follow_ups.append({"placement_id": placements[-1]["id"], "organisation_id": org, "months": months,
                               "due_on": due_on, "done_on": due_on if done else None,
                               "still_employed": (rng.random() < 0.8) if done else None})
    bulk_insert(Placement.__table__, placements, ctx, "placements")
    bulk_insert(PlacementFollowUp.__table__, follow_ups, ctx, "placement_follow_ups")
    if db.engine.dialect.name == "postgresql":
        for table in ("ratko_engagements", "ratko_bundles", "placements"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed
                                    f"COALESCE((SELECT MAX(id) FROM {table}), 1))"))


register_step("ratko_and_placements", step_ratko_and_placements)


def _people(app) -> dict:
    """A manager of the organisation with the most relationships, and an administrator (made from a user)."""
    from app.auth.models import User, UserRole
    from app.employers.models import Relationship
    from app.extensions import db

    with app.app_context():
        org = db.session.execute(select(Relationship.organisation_id, func.count()).group_by(
            Relationship.organisation_id).order_by(func.count().desc()).limit(1)).first()[0]
        manager = db.session.scalar(select(User).join(UserRole, UserRole.user_id == User.id).where(
            User.organisation_id == org, UserRole.role == "manager").order_by(User.id).limit(1))
        other = db.session.scalar(select(User).where(User.organisation_id != org).order_by(User.id).limit(1))
        db.session.execute(insert(UserRole.__table__), [{"user_id": other.id, "role": "admin"}])
        db.session.commit()
        return {"manager": manager.email, "admin": other.email}


def _first(client, url: str) -> float:
    """The first request of a page, in ms: it stores the closed months nothing has read yet."""
    start = time.perf_counter()
    assert client.get(url).status_code == 200
    return (time.perf_counter() - start) * 1000


def _after_a_back_dated_write(app, people: dict, periods: list[str]) -> None:
    """One touchpoint of the manager's organisation dated in the middle of last month (a Core insert, as the import
    makes): the network pages' next request reads that organisation's forgotten months again."""
    from app.auth.models import User
    from app.extensions import db
    from app.touchpoints.models import Touchpoint, TouchpointParticipant

    with app.app_context():
        manager = db.session.scalar(select(User).where(User.email == people["manager"]))
        employer_id = db.session.scalar(select(Touchpoint.employer_id).where(
            Touchpoint.organisation_id == manager.organisation_id).limit(1))
        day, now = (utcnow().date().replace(day=1) - timedelta(days=1)).replace(day=15), utcnow()
        touch_id = db.session.execute(insert(Touchpoint.__table__).values(
            organisation_id=manager.organisation_id, employer_id=employer_id, occurred_on=day, channel="visit",
            purpose="keep_in_touch", client_present=False, summary="Jälkikäteen", created_at=now, updated_at=now,
            version=1)).inserted_primary_key[0]
        db.session.execute(insert(TouchpointParticipant.__table__).values(touchpoint_id=touch_id,
                                                                          user_id=manager.id))
        db.session.commit()
    client = app.test_client()
    _login(client, people["admin"])
    for period in periods:
        for name in ("cadence", "work", "coverage"):
            first = _first(client, f"/reports/network/{name}?period={period}")
            print(f"  after a touchpoint dated {day}: network {period:7s} {name:11s} first {first:7.1f} ms",
                  flush=True)


def run(database: str, *, employers: int, requests: int, periods: list[str], keep: bool) -> list[dict]:
    """Build one database and measure every report page in both views."""
    from app.reports.catalogue import NAMES

    opener = _sqlite_database if database == "sqlite" else _postgres_database
    results = []
    with opener(keep) as url:
        app = _app(url)
        counts = _build(app, employers)
        people = _people(app)
        scale = (f"{counts.get('organisations', 0)} orgs, {counts.get('employers', 0):,} employers, "
                 f"{counts.get('relationships', 0):,} relationships, {counts.get('touchpoints', 0):,} touchpoints, "
                 f"{counts.get('leads', 0):,} leads, {counts.get('ratko_engagements', 0):,} engagements, "
                 f"{counts.get('placements', 0):,} placements (built in {counts['seconds']} s)")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n== {database}: {scale}; load average before measuring {load} on {os.cpu_count()} cores", flush=True)
        for view, who, prefix in (("organisation", "manager", "/reports/"), ("network", "admin", "/reports/network/")):
            client = app.test_client()
            _login(client, people[who])
            for period in periods:
                for name in NAMES:
                    url = f"{prefix}{name}?period={period}"
                    first = _first(client, url)
                    figures = _measure(app, client, lambda _i, u=url: u, requests)
                    low, high = figures["queries"]
                    ok = figures["median"] <= TARGET_MEDIAN
                    print(f"  {view:12s} {period:7s} {name:11s} median {figures['median']:7.1f} ms  "
                          f"p95 {figures['p95']:7.1f} ms  queries {low if low == high else f'{low}-{high}'}  "
                          f"first {first:7.1f} ms  {'ok' if ok else 'MISSES TARGET'}", flush=True)
                    results.append({"database": database, "view": view, "period": period, "report": name,
                                    **figures, "first": first, "scale": scale})
        _after_a_back_dated_write(app, people, periods)
        release(app)
    return results


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--employers", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--periods", default="month,year")
    parser.add_argument("--keep", action="store_true", help="Keep the generated databases.")
    args = parser.parse_args()
    assert PASSWORD
    for database in (("sqlite", "postgresql") if args.database == "both" else (args.database,)):
        run(database, employers=args.employers, requests=args.requests, periods=args.periods.split(","),
            keep=args.keep)


if __name__ == "__main__":
    main()
