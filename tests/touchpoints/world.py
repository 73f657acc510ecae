"""Touchpoint records for the access tests: B's touchpoint on the shared employer with every private field marked,
A's own touchpoint, relationship and follow-up (the walk visits A's pages too), A's calendar token."""

from __future__ import annotations

from datetime import timedelta

from app.auth.models import User
from app.core.dates import today as local_today
from app.extensions import db
from app.touchpoints import services
from tests.touchpoints.conftest import TouchpointFactory


def build(world) -> None:
    """B logs a contact full of secrets with the shared employer; A logs one of its own."""
    tp = TouchpointFactory(world.app, world.factory)
    employer = type("E", (), {"id": world.shared["employer_id"]})
    today = local_today()
    secret = {field: world.marker(field) for field in (
        "private_note", "needs_extra_hands", "needs_outlook", "needs_criteria", "needs_undone_work",
        "feedback_good", "feedback_improve")}
    theirs = tp.log(employer, world.b, days_ago=3, channel="visit", summary="B visited (network-visible)",
                    promises=[{"text": world.marker("promise"), "due_on": today + timedelta(days=2)}],
                    next_step={"text": world.marker("next-step"), "due_on": today + timedelta(days=5)}, **secret)
    ours = tp.log(employer, world.a, days_ago=1, channel="call", summary="A called",
                  promises=[{"text": "A's promise", "due_on": today}])
    world.private["touchpoint_id"] = theirs.id
    world.private["follow_up_id"] = theirs.follow_ups[0].id
    world.private["relationship_id"] = tp.relationship_id(employer, world.b)
    world.own["touchpoint_id"] = ours.id
    world.own["follow_up_id"] = ours.follow_ups[0].id
    world.own["relationship_id"] = tp.relationship_id(employer, world.a)
    with world.app.app_context():
        from app.employers.models import Relationship

        services.relationship_snooze(relationship=db.session.get(Relationship, world.private["relationship_id"]),
                                     until=today + timedelta(days=10), reason=world.marker("snooze"), today=today)
        world.own["token"] = services.calendar_token_issue(user=db.session.get(User, world.a.id))
        services.calendar_token_issue(user=db.session.get(User, world.b.id))
        db.session.commit()
