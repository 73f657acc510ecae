"""Synthetic regional-scale data: 20 organisations, 300 users, 30,000 employers, 90,000 contacts and 600,000
touchpoints (DESIGN.md "Performance"), written with SQLAlchemy Core bulk inserts in chunks, from a fixed seed.

Later packages add their records (seekers, leads, ...) by appending a step to STEPS with `register_step`; each step
is `fn(ctx: Context) -> None` and runs after the ones before it, with ids of what they made in `ctx.ids`.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, insert, select, text

from app.auth.models import Organisation, User, UserRole
from app.auth.passwords import hash_password
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.employers.models import ContactPerson, Employer, Relationship, search_keys
from app.employers.normalise import fold
from app.employers.reference import industries, municipalities
from app.employers.ytunnus import with_check_digit
from app.extensions import db
from app.touchpoints.models import Touchpoint, TouchpointFollowUp, TouchpointParticipant

CHUNK = 5_000
FULL = {"organisations": 20, "users": 300, "employers": 30_000, "contacts": 90_000, "touchpoints": 600_000}
FIRST = ("Aino", "Eero", "Helmi", "Juho", "Kaisa", "Lauri", "Maija", "Niko", "Oona", "Pekka", "Riikka", "Sanna",
         "Tuomas", "Veera", "Ville", "Anneli", "Markku", "Leena", "Jussi", "Satu")
LAST = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
        "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Kinnunen", "Turunen", "Savolainen")
WORDS = ("Pohjois", "Karjalan", "Järvi", "Metsä", "Kivi", "Vaara", "Koski", "Saimaan", "Kuopion", "Joen", "Lieksan",
         "Pielisen", "Outokummun", "Savon", "Itä", "Länsi", "Ranta", "Tähti", "Kotka", "Haapa")
TRADES = ("Rakennus", "Puutyö", "Kuljetus", "Siivous", "Ravintola", "Kahvila", "Leipomo", "Kauppa", "Konepaja",
          "Hoiva", "Pesula", "Autokorjaamo", "Painotalo", "Logistiikka", "Sähkö", "Maalaus", "Kiinteistöhuolto")
FORMS = ("Oy", "Oy", "Oy", "Ky", "Tmi", "Oyj", "ry")
CHANNEL_WEIGHTS = (("call", 40), ("visit", 20), ("email", 15), ("meeting", 10), ("walk_in", 6), ("fair", 4),
                   ("workshop", 3), ("other", 2))
STATUSES = (("active_partner", 35), ("contacted", 25), ("meeting_agreed", 10), ("prospect", 15), ("dormant", 10),
            ("do_not_contact", 5))


@dataclass
class Context:
    """What the generator steps share."""

    scale: dict
    rng: random.Random
    today: date
    password_hash: str
    ids: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    log: Callable[[str], None] = print


def scale_for(employers: int) -> dict:
    """Counts for `employers` employers, in the proportions of the regional scale (at least 2 organisations)."""
    factor = employers / FULL["employers"]
    return {"organisations": max(2, min(FULL["organisations"], round(FULL["organisations"] * factor ** 0.5))),
            "users": max(4, round(FULL["users"] * factor)), "employers": employers,
            "contacts": round(FULL["contacts"] * factor), "touchpoints": round(FULL["touchpoints"] * factor)}


def bulk_insert(table, rows: Iterable[dict], ctx: Context, name: str) -> int:
    """Insert rows in chunks with Core executemany (no ORM objects, no per-row audit)."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            db.session.execute(insert(table), chunk)
            count, chunk = count + len(chunk), []
    if chunk:
        db.session.execute(insert(table), chunk)
        count += len(chunk)
    ctx.counts[name] = ctx.counts.get(name, 0) + count
    return count


def _next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def step_organisations(ctx: Context) -> None:
    """Coaching organisations of the region."""
    start, now = _next_id(Organisation), utcnow()
    ids = list(range(start, start + ctx.scale["organisations"]))
    bulk_insert(Organisation.__table__, ({
        "id": i, "slug": f"synth-{i}", "name": f"{WORDS[i % len(WORDS)]}n työvalmennus {i}",
        "kind": ("municipal", "ngo", "college", "private")[i % 4], "active": True, "settings_json": "{}",
        "created_at": now, "updated_at": now} for i in ids), ctx, "organisations")
    ctx.ids["organisations"] = ids


def step_users(ctx: Context) -> None:
    """Users spread evenly over the organisations; the first of each is a manager and coordinator."""
    start, now, rng = _next_id(User), utcnow(), ctx.rng
    orgs = ctx.ids["organisations"]
    users, roles, by_org = [], [], {o: [] for o in orgs}
    for n in range(ctx.scale["users"]):
        user_id, org = start + n, orgs[n % len(orgs)]
        users.append({"id": user_id, "organisation_id": org, "email": f"synth{user_id}@org{org}.example",
                      "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "password_hash": ctx.password_hash,
                      "active": True, "language": "fi", "must_change_password": False, "created_at": now,
                      "updated_at": now})
        first = not by_org[org]
        for role in (("manager", "coordinator") if first else ("coach",) if n % 5 else ("coach", "consultant")):
            roles.append({"user_id": user_id, "role": role})
        by_org[org].append(user_id)
    bulk_insert(User.__table__, users, ctx, "users")
    bulk_insert(UserRole.__table__, roles, ctx, "user_roles")
    ctx.ids["users_by_org"] = by_org


def step_employers_and_contacts(ctx: Context) -> None:
    """Employers with valid Y-tunnus and about three contact persons each (in the search text too)."""
    rng, now = ctx.rng, utcnow()
    places = sorted(municipalities()) or ["Joensuu"]
    codes = sorted(c for c, i in industries().items() if i.level != "section") or ["47"]
    employer_start, contact_start = _next_id(Employer), _next_id(ContactPerson)
    n_employers, n_contacts = ctx.scale["employers"], ctx.scale["contacts"]
    employers, contacts, digits = [], [], 1_000_000 + rng.randint(0, 500_000)
    for n in range(n_employers):
        business_id = None
        while business_id is None:
            digits += 1
            business_id = with_check_digit(f"{digits:07d}")
        name = f"{rng.choice(WORDS)}{rng.choice(TRADES).lower()} {n} {rng.choice(FORMS)}"
        municipality = rng.choice(places)
        per = n_contacts // n_employers + (1 if n < n_contacts % n_employers else 0)
        names = []
        for _ in range(per):
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            names.append(person)
            contacts.append({"id": contact_start + len(contacts), "employer_id": employer_start + n, "name": person,
                             "title": rng.choice(("Toimitusjohtaja", "Esimies", "HR-päällikkö", "Myymäläpäällikkö")),
                             "phone": f"+35840{rng.randint(1_000_000, 9_999_999)}",
                             "email": f"{fold(person).replace(' ', '.')}.{len(contacts)}@example.fi",
                             "ambassador": rng.random() < 0.05, "created_at": now, "updated_at": now, "version": 1})
        name_key, search_text = search_keys(name, business_id, municipality, names)
        employers.append({"id": employer_start + n, "name": name, "name_key": name_key,
                          "business_id": business_id, "industry_code": rng.choice(codes),
                          "size_class": rng.choice(("micro", "small", "medium", "large")),
                          "municipality": municipality, "pwa_experience": "unknown",
                          "search_text": search_text, "created_at": now, "updated_at": now, "version": 1})
    bulk_insert(Employer.__table__, employers, ctx, "employers")
    bulk_insert(ContactPerson.__table__, contacts, ctx, "contacts")
    ctx.ids["employers"] = [e["id"] for e in employers]


def step_relationships(ctx: Context) -> None:
    """Each employer has a relationship with one to three organisations."""
    rng, now, start = ctx.rng, utcnow(), _next_id(Relationship)
    by_org, rows = ctx.ids["users_by_org"], []
    for employer_id in ctx.ids["employers"]:
        for org in rng.sample(sorted(by_org), k=min(len(by_org), rng.choice((1, 1, 2, 2, 3)))):
            rows.append({"id": start + len(rows), "organisation_id": org, "employer_id": employer_id,
                         "owner_id": rng.choice(by_org[org]), "status": _weighted(rng, STATUSES),
                         "cadence_target": 3, "cadence_minimum": 2, "private_note": None,
                         "started_on": ctx.today - timedelta(days=rng.randint(60, 1500)),
                         "created_at": now, "updated_at": now, "version": 1})
    bulk_insert(Relationship.__table__, rows, ctx, "relationships")
    ctx.ids["relationships"] = [(r["id"], r["organisation_id"], r["employer_id"], r["owner_id"], r["started_on"])
                                for r in rows]


def step_touchpoints(ctx: Context) -> None:
    """Touchpoints spread over the relationships' lifetimes, latest ones 0-400 days ago; promises, next steps."""
    rng, now = ctx.rng, utcnow()
    relationships, total = ctx.ids["relationships"], ctx.scale["touchpoints"]
    touch_start, follow_start = _next_id(Touchpoint), _next_id(TouchpointFollowUp)
    participants, follow_ups = [], []

    def touchpoints():
        made = 0
        for index, (_rel_id, org, employer_id, owner, started_on) in enumerate(relationships):
            share = total // len(relationships) + (1 if index < total % len(relationships) else 0)
            latest = rng.randint(0, 400)
            span = max(1, (ctx.today - started_on).days - latest)
            for k in range(share):
                touch_id = touch_start + made
                occurred_on = ctx.today - timedelta(days=latest + (span * k) // max(1, share))
                author = owner if rng.random() < 0.8 else rng.choice(ctx.ids["users_by_org"][org])
                participants.append({"touchpoint_id": touch_id, "user_id": author})
                if rng.random() < 0.05:
                    follow_ups.append(_follow_up(follow_start + len(follow_ups), touch_id, org, employer_id, author,
                                                 "promise", occurred_on, rng, ctx.today, now))
                if k == 0 and rng.random() < 0.4:
                    follow_ups.append(_follow_up(follow_start + len(follow_ups), touch_id, org, employer_id, author,
                                                 "next_step", occurred_on, rng, ctx.today, now))
                made += 1
                yield {"id": touch_id, "organisation_id": org, "employer_id": employer_id, "occurred_on": occurred_on,
                       "channel": _weighted(rng, CHANNEL_WEIGHTS), "purpose": "keep_in_touch", "outcome": None,
                       "contact_id": None, "client_present": False, "summary": f"Yhteydenotto {touch_id}",
                       "private_note": None, "created_by_id": author, "created_at": now, "updated_at": now,
                       "version": 1}

    bulk_insert(Touchpoint.__table__, touchpoints(), ctx, "touchpoints")
    bulk_insert(TouchpointParticipant.__table__, participants, ctx, "touchpoint_participants")
    bulk_insert(TouchpointFollowUp.__table__, follow_ups, ctx, "follow_ups")


def _follow_up(follow_id, touch_id, org, employer_id, owner, kind, occurred_on, rng, today, now) -> dict:
    due_on = occurred_on + timedelta(days=rng.randint(7, 90))
    done = due_on < today - timedelta(days=14) or (due_on < today and rng.random() < 0.5)
    return {"id": follow_id, "touchpoint_id": touch_id, "organisation_id": org, "employer_id": employer_id,
            "owner_id": owner, "kind": kind, "text": "Lähetetään esite" if kind == "promise" else "Soita uudestaan",
            "due_on": due_on, "done_on": due_on if done else None, "created_at": now, "updated_at": now}


def step_cadence(ctx: Context) -> None:
    """Fill relationship_cadence for every relationship in one pass per organisation."""
    from app.touchpoints.services import cadence_rebuild

    ctx.counts["relationship_cadence"] = cadence_rebuild()


STEPS: list[tuple[str, Callable[[Context], None]]] = [
    ("organisations", step_organisations), ("users", step_users), ("employers", step_employers_and_contacts),
    ("relationships", step_relationships), ("touchpoints", step_touchpoints), ("cadence", step_cadence),
]


def register_step(name: str, fn: Callable[[Context], None], *, before: str | None = None) -> None:
    """Add a generator step (e.g. seekers, leads), at the end or before a named step."""
    index = next((i for i, (n, _) in enumerate(STEPS) if n == before), len(STEPS))
    STEPS.insert(index, (name, fn))


def _fix_sequences() -> None:
    """PostgreSQL: move the id sequences past the explicit ids we inserted."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("organisations", "users", "employers", "contact_persons", "relationships", "touchpoints",
                  "follow_ups"):
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"))


def generate(*, employers: int = FULL["employers"], seed: int = 20261129, password: str = "synthetic-password",
             log: Callable[[str], None] = print) -> dict:
    """Build the synthetic network, committing after each step; return the row counts."""
    ctx = Context(scale=scale_for(employers), rng=random.Random(seed), today=local_today(),
                  password_hash=hash_password(password), log=log)
    log(f"scale: {json.dumps(ctx.scale)}")
    for name, step in STEPS:
        started = time.perf_counter()
        step(ctx)
        _fix_sequences()
        db.session.commit()
        log(f"  {name}: {time.perf_counter() - started:.1f} s")
    if db.engine.dialect.name == "postgresql":  # the state autovacuum keeps a live database in: stats, visibility
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return ctx.counts


import bench.leads  # noqa: E402,F401  (registers the leads step)
import bench.seekers  # noqa: E402,F401  (registers the seekers step)
