"""RATKO records for the access tests: B's engagement with the shared employer, with every private text marked
(notes, key persons, time, workshop, participant, task, bundle, consolidation, follow-up); A's own engagement."""

from __future__ import annotations

from datetime import date

from app.auth.models import User
from app.employers import selectors as employer_selectors
from app.extensions import db
from app.ratko import services


def _engagement(world, user, *, secret: bool) -> dict:
    mark = world.marker if secret else (lambda label: f"A-{label}")
    actor = db.session.get(User, user.id)
    employer = employer_selectors.employer_get_or_404(world.shared["employer_id"])
    engagement = services.engagement_create(organisation_id=user.organisation_id, employer=employer, actor=actor,
                                            data={"title": mark("engagement-title"),
                                                  "motivation_note": mark("motivation")})
    note = services.note_add(engagement=engagement, phase="commitment", body=mark("note"), actor=actor)
    person = services.key_person_add(engagement=engagement, role="supervisor", name=mark("key-person"))
    entry = services.time_add(engagement=engagement, activity="preparation", spent_on=date(2026, 3, 1), minutes=30,
                              note=mark("time-note"), actor=actor)
    workshop = services.workshop_create(engagement=engagement, actor=actor,
                                        data={"held_on": date(2026, 3, 12), "notes": mark("workshop-notes")})
    participant = services.participant_add(workshop=workshop, name=mark("participant"), role=mark("role"))
    task = services.task_add(engagement=engagement, workshop=workshop,
                             data={"participant_id": participant.id, "description": mark("task"), "hours_value": 2,
                                   "flag_note": mark("flag-note")})
    bundle = services.bundle_create(engagement=engagement, data={"title": mark("bundle-title"),
                                                                 "purpose": mark("bundle-purpose")})
    services.task_move(task=task, bundle=bundle, expected_version=task.version)
    services.consolidation_save(engagement=engagement, data={"induction_plan": mark("induction-plan"),
                                                             "instructions_from": mark("instructions")})
    follow_up = services.follow_up_add(engagement=engagement, due_on=date(2026, 4, 1), note=mark("follow-up"))
    return {"engagement_id": engagement.id, "workshop_id": workshop.id, "participant_id": participant.id,
            "task_id": task.id, "bundle_id": bundle.id, "note_id": note.id, "key_person_id": person.id,
            "time_entry_id": entry.id, "ratko_follow_up_id": follow_up.id}


def build(world) -> None:
    """B's engagement full of secrets, and A's own."""
    with world.app.app_context():
        world.private.update(_engagement(world, world.b, secret=True))
        world.own.update(_engagement(world, world.a, secret=False))
        db.session.commit()
