"""Demo touchpoints over the past 18 months for the demo relationships: some overdue, some due, promises and next
steps, a few other-organisation contacts in the last month (network coordination). Goes through the services."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from app.auth.models import User
from app.core import dates
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from app.touchpoints import selectors, services
from app.touchpoints.models import Touchpoint

HISTORY_DAYS = 540
COUNTED = ("call", "visit", "walk_in", "meeting", "fair", "workshop")
SUMMARIES = (
    "Kävin esittäytymässä ja kerroin työhönvalmennuksesta. Esimies kiinnostunut jatkokeskustelusta.",
    "Soitin kuulumisia: kevään rekrytoinnit alkavat maaliskuussa.",
    "Tapasimme tuotantopäällikön kanssa, kävimme läpi tehtäviä joihin kaivataan lisäapua.",
    "Tyhjä käynti: esimies oli lomalla, jätin esitteen ja sovin soittavani.",
    "Työkokeilun seurantakäynti, asiakas viihtyy ja työnantaja tyytyväinen.",
    "Rekrytointimessuilla juttelimme henkilöstöpäällikön kanssa kesätöistä.",
    "Työyhteisön valmennustyöpaja pidettiin, osallistujia kahdeksan.",
)
EXTRA_HANDS = ("Varaston järjestely ja pakkausten purku aamuisin.", "Asiakastilojen siistiminen ja tiskikone.",
               "Tuotteiden hyllytys ja hintalaput.")
PROMISES = ("Lähetetään esite palkkatuesta", "Tuodaan valmennettavan CV tutustuttavaksi",
            "Selvitetään työkokeilun vakuutusasiat")
NEXT_STEPS = ("Soita ja sovi tapaaminen", "Käy esittelemässä valmennettava", "Tarkista rekrytointitilanne")


def load() -> None:
    """Add touchpoints to every demo relationship that has none yet (idempotent per relationship)."""
    today = dates.today()
    rows = db.session.execute(select(Relationship, Employer).join(Employer, Employer.id == Relationship.employer_id)
                              .order_by(Relationship.id)).all()
    logged = {tuple(row) for row in db.session.execute(
        select(Touchpoint.employer_id, Touchpoint.organisation_id).distinct())}
    for index, (relationship, employer) in enumerate(rows):
        if (employer.id, relationship.organisation_id) in logged or relationship.status == "prospect":
            continue
        _history(relationship, employer, index, random.Random(relationship.id * 7919), today)


def _author(relationship: Relationship) -> User:
    owner = db.session.get(User, relationship.owner_id) if relationship.owner_id else None
    if owner is not None and owner.active:
        return owner
    return db.session.scalar(select(User).where(User.organisation_id == relationship.organisation_id,
                                                User.active.is_(True)).order_by(User.id))


def _history(relationship: Relationship, employer: Employer, index: int, rng: random.Random, today: date) -> None:
    pattern = index % 6
    last_gap = {0: rng.randint(20, 90), 1: rng.randint(125, 170), 2: rng.randint(200, 420),
                3: rng.randint(110, 118), 4: rng.randint(40, 80), 5: rng.randint(60, 110)}[pattern]
    if relationship.status in ("dormant", "do_not_contact"):
        last_gap = rng.randint(300, 500)
    days = [last_gap]
    while days[-1] + 100 < HISTORY_DAYS and len(days) < 6:
        days.append(min(HISTORY_DAYS, days[-1] + rng.randint(90, 160)))
    author = _author(relationship)
    contacts = list(db.session.scalars(select(ContactPerson.id).where(ContactPerson.employer_id == employer.id)))
    for position, ago in enumerate(sorted(days, reverse=True)):
        occurred_on = today - timedelta(days=ago)
        latest = position == len(days) - 1
        data = {
            "channel": rng.choice(COUNTED) if pattern != 4 or not latest else "email",
            "occurred_on": occurred_on, "summary": rng.choice(SUMMARIES), "client_present": rng.random() < 0.3,
            "purpose": "first_contact" if position == 0 else rng.choice(("keep_in_touch", "needs_mapping",
                                                                         "placement_follow_up")),
            "outcome": rng.choice(("meeting_booked", "lead_found", "empty_visit", None, None)),
            "contact_id": rng.choice(contacts) if contacts else None,
            "private_note": "Esimies toivoo yhteydenottoa sähköpostitse." if rng.random() < 0.3 else None,
            "promises": _promises(rng, occurred_on, today, latest),
            "next_step": _next_step(rng, occurred_on, today) if latest else {},
        }
        if data["purpose"] == "needs_mapping":
            data["needs_extra_hands"] = rng.choice(EXTRA_HANDS)
            data["needs_outlook"] = "Kasvua odotetaan ensi vuonna."
        touchpoint = services.touchpoint_log(author=author, employer=employer, data=data, today=today)
        for follow_up in selectors.touchpoint_follow_ups(touchpoint):  # older promises were kept in time
            if follow_up.kind == "promise" and (not latest or follow_up.due_on < today - timedelta(days=30)):
                services.follow_up_done(follow_up=follow_up, on=min(today, follow_up.due_on))


def _promises(rng: random.Random, occurred_on: date, today: date, latest: bool) -> list[dict]:
    if rng.random() > (0.6 if latest else 0.2):
        return []
    due = occurred_on + timedelta(days=rng.randint(7, 40))
    return [{"text": rng.choice(PROMISES), "due_on": due}]


def _next_step(rng: random.Random, occurred_on: date, today: date) -> dict:
    if rng.random() < 0.4:
        return {}
    due = max(occurred_on + timedelta(days=rng.randint(14, 60)), today - timedelta(days=rng.randint(0, 10)))
    return {"text": rng.choice(NEXT_STEPS), "due_on": due}
