"""Synthetic job seekers for the regional scale (2,000 at 30,000 employers): codes and aliases only, consents (most
for matching, some withdrawn), one or two capability assessments each and a few traffic-light workplaces.

Registered as the `seekers` step of `bench.synthetic` (Core bulk inserts, fixed seed, no per-row audit).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.db import utcnow
from app.extensions import db
from app.profiles.catalogue import catalogue_load
from app.profiles.models import Characteristic
from app.seekers.models import CapabilityProfile, CapabilityRating, Consent, ConsentEvent, JobSeeker, Workplace
from bench.synthetic import FULL, Context, _next_id, bulk_insert, register_step

SEEKERS_AT_FULL_SCALE = 2_000
STATUS_WEIGHTS = (("engaged", 30), ("job_finding", 40), ("in_work", 15), ("follow_up", 10), ("ended", 5))


def step_seekers(ctx: Context) -> None:
    """Job seekers spread over the organisations, with consents, assessments and workplaces."""
    rng, now = ctx.rng, utcnow()
    catalogue_load()
    items = list(db.session.scalars(select(Characteristic.id).where(Characteristic.active.is_(True))))
    total = max(10, round(SEEKERS_AT_FULL_SCALE * ctx.scale["employers"] / FULL["employers"]))
    by_org = ctx.ids["users_by_org"]
    orgs = sorted(by_org)
    employers = ctx.ids.get("employers") or [0]
    ids = {name: _next_id(model) for name, model in (("seekers", JobSeeker), ("consents", Consent),
                                                      ("events", ConsentEvent), ("profiles", CapabilityProfile),
                                                      ("workplaces", Workplace))}
    rows = {name: [] for name in ("seekers", "consents", "events", "profiles", "ratings", "workplaces")}
    for n in range(total):
        org = orgs[n % len(orgs)]
        seeker_id = ids["seekers"] + n
        rows["seekers"].append({
            "id": seeker_id, "organisation_id": org, "code": f"S-{seeker_id:05d}", "alias": f"{chr(65 + n % 26)}. "
            f"{chr(65 + (n * 7) % 26)}.", "coach_id": rng.choice(by_org[org]),
            "status": rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS])[0],
            "industries": "", "municipalities": "", "hours_min": 10, "hours_max": 30, "travel_minutes": 45,
            "created_at": now, "updated_at": now, "version": 1})
        if rng.random() < 0.85:
            _consent(ctx, rows, ids, seeker_id, org, withdrawn=rng.random() < 0.1, now=now)
        for k in range(rng.choice((1, 1, 2))):
            profile_id = ids["profiles"] + len(rows["profiles"])
            rows["profiles"].append({"id": profile_id, "seeker_id": seeker_id, "organisation_id": org,
                                     "assessed_on": ctx.today - timedelta(days=30 + 180 * k), "licensed": False,
                                     "created_at": now, "updated_at": now})
            rows["ratings"].extend({"profile_id": profile_id, "characteristic_id": item, "level": rng.randint(1, 5)}
                                   for item in rng.sample(items, k=min(len(items), 30)))
        for light in rng.sample(("green", "yellow", "orange"), k=rng.randint(0, 3)):
            rows["workplaces"].append({"id": ids["workplaces"] + len(rows["workplaces"]), "seeker_id": seeker_id,
                                       "organisation_id": org, "employer_id": rng.choice(employers), "light": light,
                                       "created_at": now, "updated_at": now})
    _dedupe_workplaces(rows)
    for name, table in (("seekers", JobSeeker), ("consents", Consent), ("events", ConsentEvent),
                        ("profiles", CapabilityProfile), ("ratings", CapabilityRating), ("workplaces", Workplace)):
        bulk_insert(table.__table__, rows[name], ctx, table.__tablename__)
    _fix_sequences()
    ctx.ids["seekers"] = [row["id"] for row in rows["seekers"]]


def _consent(ctx: Context, rows: dict, ids: dict, seeker_id: int, org: int, *, withdrawn: bool, now) -> None:
    consent_id = ids["consents"] + len(rows["consents"])
    signed_on = ctx.today - timedelta(days=ctx.rng.randint(10, 400))
    rows["consents"].append({"id": consent_id, "seeker_id": seeker_id, "organisation_id": org,
                             "scope": "network_matching", "signed_on": signed_on, "written": True,
                             "withdrawn_on": ctx.today - timedelta(days=3) if withdrawn else None,
                             "created_at": now, "updated_at": now})
    for kind, day in (("granted", signed_on), *((("withdrawn", ctx.today - timedelta(days=3)),) if withdrawn
                                                 else ())):
        rows["events"].append({"id": ids["events"] + len(rows["events"]), "consent_id": consent_id,
                               "organisation_id": org, "kind": kind, "happened_on": day, "recorded_at": now})


def _dedupe_workplaces(rows: dict) -> None:
    seen, unique = set(), []
    for row in rows["workplaces"]:
        if (row["seeker_id"], row["employer_id"]) not in seen:
            seen.add((row["seeker_id"], row["employer_id"]))
            unique.append(row)
    rows["workplaces"] = unique


def _fix_sequences() -> None:
    if db.engine.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in ("job_seekers", "seeker_consents", "seeker_consent_events", "capability_profiles",
                  "seeker_workplaces"):
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed
                                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"))


register_step("seekers", step_seekers)
