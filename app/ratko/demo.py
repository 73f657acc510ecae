"""Demo RATKO engagements (flask seed demo, step 40): every phase and status, built through the services."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.employers.models import Employer, Site
from app.extensions import db
from app.ratko import checklists, services
from app.ratko.demo_data import ENGAGEMENTS
from app.ratko.models import Engagement

log = logging.getLogger("ratko.ratko")


def _employer(name: str, industry: str) -> Employer | None:
    """The demo employer by name, or any employer of the industry (the demo list may change)."""
    employer = db.session.scalar(select(Employer).where(Employer.name == name))
    return employer or db.session.scalar(select(Employer).where(Employer.industry_code.like(f"{industry}%"))
                                         .order_by(Employer.id).limit(1))


def _site_id(employer: Employer, name: str | None) -> int | None:
    if not name:
        return None
    return db.session.scalar(select(Site.id).where(Site.employer_id == employer.id, Site.name == name))


def load() -> None:
    """Create the demo engagements (skipped when the demo organisations already have some)."""
    organisations = {o.slug: o for o in auth_selectors.organisation_list()}
    if "joensuu" not in organisations:
        return
    existing = db.session.scalar(select(func.count(Engagement.id))
                                 .where(Engagement.organisation_id == organisations["joensuu"].id))
    if existing:
        return
    for spec in ENGAGEMENTS:
        organisation = organisations.get(spec["org"])
        employer = _employer(spec["employer"], spec["industry"])
        if organisation is None or employer is None:
            continue
        _engagement(spec, organisation, employer)
    log.info("demo RATKO engagements loaded")


def _engagement(spec: dict, organisation, employer: Employer) -> None:
    now = today()
    consultant = auth_selectors.user_by_email(spec["consultant"])
    coach = auth_selectors.user_by_email(spec["coach"]) if spec.get("coach") else None
    engagement = services.engagement_create(
        organisation_id=organisation.id, employer=employer, actor=consultant,
        data={"title": spec["title"], "site_id": _site_id(employer, spec.get("site")),
              "consultant_id": getattr(consultant, "id", None), "coach_id": getattr(coach, "id", None),
              "motivation": spec["motivation"], "motivation_note": spec["motivation_note"], "language": "fi"})
    if spec.get("decision"):
        decision, days, who = spec["decision"]
        services.engagement_decide(engagement=engagement, decision=decision, expected_version=engagement.version,
                                   actor=consultant, decided_on=now + timedelta(days=days), decided_by=who)
    for phase_code, count in spec.get("ticks", {}).items():
        phase = checklists.phase(phase_code)
        for item in (phase.items if phase else ())[:count]:
            services.engagement_tick(engagement=engagement, item=f"{phase_code}:{item.code}", done=True, on=now)
    for name, role in spec.get("key_persons", []):
        services.key_person_add(engagement=engagement, role=role, name=name)
    _workshops_and_tasks(spec, engagement, consultant)
    for phase_code, body in spec.get("notes", []):
        services.note_add(engagement=engagement, phase=phase_code, body=body, actor=consultant)
    for activity, days, minutes in spec.get("time", []):
        services.time_add(engagement=engagement, activity=activity, spent_on=now + timedelta(days=days),
                          minutes=minutes, actor=consultant)
    if spec.get("consolidation"):
        services.consolidation_save(engagement=engagement, data=spec["consolidation"])
    for days, note, done in spec.get("follow_ups", []):
        follow_up = services.follow_up_add(engagement=engagement, due_on=now + timedelta(days=days), note=note)
        if done:
            services.follow_up_done(follow_up=follow_up, on=now + timedelta(days=days))
    _state(spec, engagement, consultant)


def _workshops_and_tasks(spec: dict, engagement, consultant) -> None:
    now = today()
    workshops = [services.workshop_create(engagement=engagement, actor=consultant, data={
        "held_on": now + timedelta(days=days), "duration_minutes": minutes, "notes": notes or None})
        for days, minutes, notes in spec.get("workshops", [])]
    participants = {}
    if workshops:
        for name, role in spec.get("participants", []):
            participants[role] = services.participant_add(workshop=workshops[0], name=name, role=role)
    bundles = [services.bundle_create(engagement=engagement, data=data) for data in spec.get("bundles", [])]
    for role, description, category, hours, period, frequency, flags, bundle_index in spec.get("tasks", []):
        participant = participants.get(role)
        task = services.task_add(engagement=engagement, workshop=workshops[0] if workshops else None, data={
            "participant_id": participant.id if participant else None, "role": role, "description": description,
            "category": category, "hours_value": hours, "hours_period": period, "frequency": frequency,
            "left_undone": "u" in flags, "burdens_staff": "b" in flags, "needs_qualification": "q" in flags,
            "collective_agreement": "c" in flags})
        if bundle_index is not None and bundle_index < len(bundles):
            services.task_move(task=task, bundle=bundles[bundle_index], expected_version=task.version)


def _state(spec: dict, engagement, consultant) -> None:
    if spec["phase"] != "commitment":
        services.engagement_set_phase(engagement=engagement, phase=spec["phase"], expected_version=engagement.version,
                                      actor=consultant)
    if spec["status"] != "active":
        services.engagement_set_status(
            engagement=engagement, status=spec["status"], expected_version=engagement.version, actor=consultant,
            revisit_on=today() + timedelta(days=spec.get("revisit", 30)) if spec["status"] == "seeded" else None,
            outcome=spec.get("outcome"))
