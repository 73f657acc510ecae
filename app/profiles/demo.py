"""Demo step 50: the characteristic catalogue, and demand profiles for the demo network's task bundles.

Task demands are derived from words in the task descriptions (cleaning, customers, lifting, ...) plus a small,
seeded variation, so they look plausible whatever bundles the RATKO demo step (40) carved. No bundles: skipped.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.extensions import db
from app.profiles import selectors, services
from app.profiles.catalogue import catalogue_load
from app.profiles.models import DemandProfile
from app.ratko.models import Bundle, Task

BASE = {"comprehension": 2, "attention": 2, "carefulness": 2, "punctuality": 3, "teamwork": 2, "independence": 2,
        "stamina": 2, "accepting_criticism": 2}
KEYWORDS = (
    (("asiak", "custom", "palvel", "kassa", "vastaano", "neuvo"),
     {"interpersonal_contact": 3, "customer_contact": 3, "speaking": 3, "adapting_to_change": 2}),
    (("siivo", "clean", "pyyh", "imur", "puhdist"),
     {"standing": 3, "bending_stooping": 3, "walking": 3, "dust_odours": 2, "wet_conditions": 2}),
    (("kuljet", "carry", "posti", "jakel", "varast", "hyll", "tavara", "kärr"),
     {"lifting": 3, "carrying": 3, "walking": 3, "pushing_pulling": 3, "work_planning": 2}),
    (("tieto", "kirjaa", "arkist", "excel", "tallen", "skann", "paper", "lasku"),
     {"sitting": 4, "reading": 3, "writing": 3, "concentration": 3, "hand_finger_use": 3, "self_checking": 3}),
    (("keitti", "ruoka", "astia", "tiski", "kahvi", "leipo"),
     {"standing": 4, "heat_cold": 2, "wet_conditions": 3, "time_pressure": 3, "hand_finger_use": 2}),
    (("lajit", "pakka", "kokoa", "merkit", "hinnoit", "etiket"),
     {"fine_motor_skills": 3, "concentration": 3, "standing": 3, "orderliness": 3}),
    (("piha", "ulko", "lumi", "haravo", "ruoho", "kasvi"),
     {"walking": 4, "heat_cold": 3, "lifting": 2, "working_alone": 2, "bending_stooping": 3}),
)


def task_ratings(description: str, rng: random.Random, codes: dict[str, int]) -> dict[int, int]:
    """Plausible demand ratings for a task from the words of its description."""
    text = description.lower()
    ratings = dict(BASE)
    for stems, demands in KEYWORDS:
        if any(stem in text for stem in stems):
            for code, level in demands.items():
                ratings[code] = max(ratings.get(code, 0), level)
    result = {}
    for code, level in ratings.items():
        if code in codes:
            result[codes[code]] = max(1, min(5, level + rng.choice((-1, 0, 0, 0, 1))))
    return result


def load() -> None:
    """Load the catalogue, then demand profiles for bundles that have none yet."""
    catalogue_load()
    codes = {item.code: item.id for item in selectors.catalogue()}
    bundles = list(db.session.scalars(select(Bundle).order_by(Bundle.id)))
    if not bundles or not codes:
        return
    profiled = set(db.session.scalars(select(DemandProfile.bundle_id).where(DemandProfile.bundle_id.is_not(None))))
    for index, bundle in enumerate(b for b in bundles if b.id not in profiled):
        _bundle(bundle, index, codes)


def _bundle(bundle: Bundle, index: int, codes: dict[str, int]) -> None:
    rng = random.Random(1000 + bundle.id)
    assessor = _assessor(bundle.organisation_id)
    header = {"assessed_on": today() - timedelta(days=7 + index * 5), "assessed_by_id": assessor,
              "licensed": index % 2 == 0}
    tasks = list(db.session.scalars(select(Task).where(Task.bundle_id == bundle.id).order_by(Task.id)))
    for task in tasks:
        services.task_demand_save(task=task, header=header, ratings=task_ratings(task.description, rng, codes))
    demand = selectors.bundle_demand_profile(bundle)
    top = sorted(demand.computed.items(), key=lambda pair: (-pair[1], pair[0]))[:2]
    services.bundle_profile_save(bundle=bundle, header=header, overrides={}, key={item for item, _ in top})


def _assessor(organisation_id: int) -> int | None:
    users = auth_selectors.users_of_organisation(organisation_id, role="consultant")
    return users[0].id if users else None
