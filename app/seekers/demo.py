"""Demo step 60: job seekers of `joensuu` (and one of `tyovalmennus`) with consents and capability profiles.

Profiles are built against the first open demo bundle with a demand profile, so that JOE-001 is a clean fit for it and
JOE-002 has a gap that one task causes (moving that task out of the bundle closes it). JOE-003's consent was
withdrawn and JOE-004 has no consent for matching: rankings skip both and say why.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.employers.models import Employer, Relationship
from app.extensions import db
from app.profiles import selectors as profile_selectors
from app.profiles.comparison import drivers
from app.seekers import services
from app.seekers.models import JobSeeker

SEEKERS = (
    # code, alias, status, coach e-mail, consents, profile kind
    ("JOE-001", "A. K.", "job_finding", "coach@example.org", ("network_matching", "employer_disclosure"), "fit"),
    ("JOE-002", "M. L.", "job_finding", "coach@example.org", ("network_matching",), "gap"),
    ("JOE-003", "T. R.", "engaged", "consultant@example.org", ("network_matching!",), "fit"),
    ("JOE-004", "S. H.", "engaged", "coach@example.org", ("information_exchange",), "gap"),
    ("JOE-005", "E. V.", "in_work", "coach@example.org", ("network_matching",), "history"),
    ("JOE-006", "J. P.", "engaged", "consultant@example.org", ("network_matching",), None),
)
DISCLOSURE = ("Tarkka ja täsmällinen, viihtyy rauhallisissa tehtävissä ja oppii parhaiten, kun työ näytetään. "
              "Tukena työhönvalmentaja ensimmäiset viikot; selkeä päivärytmi auttaa.")
BASELINE = {"psychosocial": 3, "physical": 2}


def load() -> None:
    """Create the demo seekers (skipped when joensuu already has some)."""
    organisation = auth_selectors.organisation_by_slug("joensuu")
    if organisation is None or db.session.scalar(select(func.count(JobSeeker.id)).where(
            JobSeeker.organisation_id == organisation.id)):
        return
    items = profile_selectors.catalogue()
    target = _target_bundle(organisation.id)
    employers = _employers(organisation.id)
    for index, (code, alias, status, coach, consents, kind) in enumerate(SEEKERS):
        coach_user = auth_selectors.user_by_email(coach)
        seeker = services.seeker_create(organisation_id=organisation.id, data={
            "code": code, "alias": alias, "status": status, "coach_id": getattr(coach_user, "id", None),
            "hours_min": 10 + index * 2, "hours_max": 25, "travel_minutes": 40, "municipalities": ["Joensuu"],
            "industries": ["47", "88"] if index % 2 else ["86", "91"]})
        for light, employer in zip(("green", "yellow", "orange"), employers[index % 2::2][:3], strict=False):
            services.workplace_add(seeker=seeker, employer_id=employer.id, light=light)
        for scope in consents:
            _consent(seeker, scope, employers, getattr(coach_user, "id", None))
        if kind:
            _profiles(seeker, kind, items, target, getattr(coach_user, "id", None))
    _other_organisation(items)


def _target_bundle(organisation_id: int):
    bundles = profile_selectors.bundle_demands(sorted(profile_selectors.open_bundles_of(organisation_id),
                                                      key=lambda b: b.id))
    return next((d for d in bundles.values() if d.assessed and len(d.rated_tasks) >= 2), None) or \
        next((d for d in bundles.values() if d.assessed), None)


def _employers(organisation_id: int) -> list[Employer]:
    return list(db.session.scalars(select(Employer).join(Relationship, Relationship.employer_id == Employer.id)
                                   .where(Relationship.organisation_id == organisation_id)
                                   .order_by(Employer.id).limit(8)))


def _consent(seeker: JobSeeker, scope: str, employers: list[Employer], coach_id: int | None) -> None:
    withdrawn = scope.endswith("!")
    scope = scope.rstrip("!")
    named = [e.id for e in employers[:2]] if scope == "employer_disclosure" else []
    if scope == "employer_disclosure" and not named:
        return
    consent = services.consent_record(seeker=seeker, data={
        "scope": scope, "signed_on": today() - timedelta(days=60), "written": True,
        "disclosure_text": DISCLOSURE if scope == "employer_disclosure" else None,
        "parties": "TE-toimisto, Kela" if scope == "information_exchange" else None}, employer_ids=named,
        recorded_by_id=coach_id)
    services.consent_review(consent=consent, on=today() - timedelta(days=20), note="Käyty läpi suullisesti",
                            recorded_by_id=coach_id)
    if withdrawn:
        services.consent_withdraw(consent=consent, on=today() - timedelta(days=5), note="Asiakas perui luvan",
                                  recorded_by_id=coach_id)


def _profiles(seeker: JobSeeker, kind: str, items, target, coach_id: int | None) -> None:
    ratings = {item.id: BASELINE.get(item.group.family, 2) for item in items}
    demand = target.effective if target else {}
    for item_id, level in demand.items():
        ratings[item_id] = min(5, level + (1 if item_id % 3 == 0 else 0)) if level else ratings.get(item_id, 2)
    if kind == "gap" and target:
        _add_gap(ratings, target)
    elif kind == "gap":
        ratings.update({item.id: 1 for item in items[:3]})
    header = {"assessed_by_id": coach_id, "licensed": kind == "fit"}
    if kind == "history":
        older = {item_id: max(0, level - 1) for item_id, level in ratings.items()}
        services.capability_record(seeker=seeker, header={**header, "assessed_on": today() - timedelta(days=200)},
                                   ratings=older)
    services.capability_record(seeker=seeker, header={**header, "assessed_on": today() - timedelta(days=14)},
                               ratings=ratings)


def _add_gap(ratings: dict[int, int], target) -> None:
    """A gap on an item that one task alone drives, so moving that task out of the bundle closes it."""
    for item_id, level in sorted(target.computed.items(), key=lambda pair: -pair[1]):
        top = drivers(target.task_demands, item_id)
        if len(top) != 1 or item_id in target.overrides or level < 2:
            continue
        others = max((r.get(item_id, 0) for t, r in target.task_demands.items() if t != top[0]), default=0)
        ratings[item_id] = max(others, level - 1)
        return


def _other_organisation(items) -> None:
    organisation = auth_selectors.organisation_by_slug("tyovalmennus")
    if organisation is None:
        return
    coach = auth_selectors.user_by_email("coach2@example.org")
    seeker = services.seeker_create(organisation_id=organisation.id, data={
        "code": "TYO-101", "alias": "R. N.", "status": "job_finding", "coach_id": getattr(coach, "id", None)})
    _consent(seeker, "network_matching", [], getattr(coach, "id", None))
    services.capability_record(seeker=seeker, header={"assessed_on": today() - timedelta(days=30)},
                               ratings={item.id: 3 for item in items})
