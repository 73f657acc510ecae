"""Synthetic leads for the scale benchmarks: 5,000 leads (at the full regional scale) over the organisations and
employers made by the earlier steps, every kind and status, most shared to the network, some hidden jobs still held,
some expired.

Registered as the `leads` step of `bench.synthetic` (Core bulk inserts, fixed seed, no per-row audit; ids come from
the database, so no sequence needs moving).
"""

from __future__ import annotations

from datetime import timedelta

from app.core.db import utcnow
from app.leads.models import Lead
from bench.synthetic import FULL, Context, _weighted, bulk_insert, register_step

LEADS = 5_000
KINDS = (("open_vacancy", 40), ("hidden_job", 20), ("work_trial", 15), ("apprenticeship", 8), ("summer_job", 12),
         ("ratko_bundle", 5))
STATUSES = (("open", 55), ("candidates_proposed", 10), ("filled", 22), ("closed", 13))
TITLES = ("Varastoapulainen", "Kahvilan aamuvuoro", "Siivoustyöntekijä", "Myymäläapulainen", "Pihatyöntekijä",
          "Keittiöapulainen", "Hoiva-avustaja", "Kirjaston hyllyttäjä", "Pakkaaja", "Autonpesijä", "Postinjakaja")


def step_leads(ctx: Context) -> None:
    """Leads in proportion to the employers (5,000 at 30,000 employers)."""
    rng, now = ctx.rng, utcnow()
    count = max(10, round(LEADS * ctx.scale["employers"] / FULL["employers"]))
    orgs, employers, by_org = ctx.ids["organisations"], ctx.ids["employers"], ctx.ids["users_by_org"]

    def rows():
        for n in range(count):
            org = rng.choice(orgs)
            created = now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 1440))
            kind, status = _weighted(rng, KINDS), _weighted(rng, STATUSES)
            shared = rng.random() < 0.8
            held = shared and kind == "hidden_job" and rng.random() < 0.25
            opens_at = (now + timedelta(days=rng.randint(1, 14))) if held else created if shared else None
            filled_by = (org if rng.random() < 0.6 else rng.choice(orgs)) if status == "filled" else None
            yield {"organisation_id": org, "employer_id": rng.choice(employers), "owner_id": rng.choice(by_org[org]),
                   "created_by_id": rng.choice(by_org[org]), "kind": kind, "title": f"{rng.choice(TITLES)} {n}",
                   "description": "Synteettinen vinkki", "hours_per_week": float(rng.choice((10, 15, 20, 25, 30,
                                                                                             37.5))),
                   "starts_on": (created + timedelta(days=rng.randint(7, 60))).date(),
                   "expires_on": (created + timedelta(days=rng.randint(14, 120))).date(),
                   "visibility": "network" if shared else "organisation", "opens_at": opens_at, "status": status,
                   "filled_on": created.date() + timedelta(days=20) if filled_by else None,
                   "filled_by_organisation_id": filled_by, "created_at": created, "updated_at": created,
                   "version": 1}

    bulk_insert(Lead.__table__, rows(), ctx, "leads")


register_step("leads", step_leads)
