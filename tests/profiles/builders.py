"""Builders for profile and seeker tests: the catalogue, a RATKO bundle with rated tasks, seekers with consent and
capability profiles. They go through the real services (RATKO records through the models: that package's services
are not ours) and return plain namespaces."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.profiles import selectors, services
from app.profiles.catalogue import catalogue_load
from app.ratko.models import Bundle, Engagement, Task


def catalogue(app) -> dict[str, int]:
    """Load the seed catalogue (idempotent); return {code: id}."""
    with app.app_context():
        catalogue_load()
        db.session.commit()
        return {item.code: item.id for item in selectors.catalogue(include_inactive=True)}


def bundle(app, user, *, title: str = "Aulan aamuvuoro", tasks=(), key=(), employer_id: int | None = None,
           status: str = "draft") -> SimpleNamespace:
    """An engagement and a bundle of `user`'s organisation with tasks [(description, {code: level}), ...]."""
    codes = catalogue(app)
    with app.app_context(), acting_as(user.id, user.organisation_id):
        if employer_id is None:
            from app.employers import services as employer_services

            employer_id = employer_services.employer_create(data={"name": f"{title} Oy"}).id
        engagement = Engagement(organisation_id=user.organisation_id, employer_id=employer_id,
                                title=f"RATKO {title}", phase="matching")
        db.session.add(engagement)
        db.session.flush()
        found = Bundle(engagement_id=engagement.id, organisation_id=user.organisation_id, title=title, status=status)
        db.session.add(found)
        db.session.flush()
        task_ids = []
        for position, (description, ratings) in enumerate(tasks):
            task = Task(engagement_id=engagement.id, organisation_id=user.organisation_id, role="staff",
                        description=description, category="extra", hours_value=2, bundle_id=found.id,
                        position=position)
            db.session.add(task)
            db.session.flush()
            task_ids.append(task.id)
            if ratings:
                services.task_demand_save(task=task, header={"assessed_on": today()},
                                          ratings={codes[c]: level for c, level in ratings.items()})
        if key:
            services.bundle_profile_save(bundle=found, header={}, overrides={}, key={codes[c] for c in key})
        db.session.commit()
        return SimpleNamespace(id=found.id, engagement_id=engagement.id, task_ids=task_ids, employer_id=employer_id,
                               title=title)


def seeker(app, user, *, code: str = "JS-1", alias: str = "A. K.", status: str = "job_finding",
           consent: str | None = "network_matching", ratings: dict[str, int] | None = None,
           assessed_on: date | None = None, **data) -> SimpleNamespace:
    """A job seeker of `user`'s organisation, optionally with a consent and a capability profile."""
    from app.seekers import services as seeker_services

    codes = catalogue(app)
    with app.app_context(), acting_as(user.id, user.organisation_id):
        found = seeker_services.seeker_create(organisation_id=user.organisation_id, data={
            "code": code, "alias": alias, "status": status, "coach_id": user.id, **data})
        consent_id = None
        if consent:
            consent_id = seeker_services.consent_record(seeker=found, data={
                "scope": consent, "signed_on": today() - timedelta(days=30), "written": True,
                "disclosure_text": "Reliable and careful." if consent == "employer_disclosure" else None,
                "parties": "TE office" if consent == "information_exchange" else None}, employer_ids=[],
                recorded_by_id=user.id).id
        profile_id = None
        if ratings is not None:
            profile_id = seeker_services.capability_record(seeker=found, header={
                "assessed_on": assessed_on or today() - timedelta(days=10), "assessed_by_id": user.id},
                ratings={codes[c]: level for c, level in ratings.items()}).id
        db.session.commit()
        return SimpleNamespace(id=found.id, code=code, alias=alias, consent_id=consent_id, profile_id=profile_id)
