"""Demo touchpoints (18 months, some overdue, some due, promises) and the synthetic scale generator at small scale."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.auth.models import Organisation
from app.core import dates
from app.core.audit import acting_as
from app.employers.models import Employer, Relationship
from app.employers.ytunnus import is_valid
from app.extensions import db
from app.touchpoints import cadence
from app.touchpoints.models import RelationshipCadence, Touchpoint, TouchpointFollowUp


def test_demo_loader_builds_a_believable_history(app):
    from app.auth import demo as auth_demo
    from app.employers import demo as employer_demo
    from app.touchpoints import demo

    with app.app_context(), acting_as(None, None):
        auth_demo.load()
        employer_demo.load()
        db.session.commit()
        demo.load()
        db.session.commit()
        first = db.session.scalar(select(func.count()).select_from(Touchpoint))
        demo.load()  # idempotent
        assert db.session.scalar(select(func.count()).select_from(Touchpoint)) == first > 100
        today = dates.today()
        oldest = db.session.scalar(select(func.min(Touchpoint.occurred_on)))
        assert today - timedelta(days=560) <= oldest <= today - timedelta(days=300)
        states = [cadence.state_of(today=today, due_on=c.due_on, overdue_on=c.overdue_on, status=r.status)
                  for r, c in db.session.execute(select(Relationship, RelationshipCadence).join(
                      RelationshipCadence, RelationshipCadence.relationship_id == Relationship.id))]
        for state in ("overdue", "due", "ok", "paused"):
            assert state in states, state
        open_promises = db.session.scalar(select(func.count()).select_from(TouchpointFollowUp).where(
            TouchpointFollowUp.kind == "promise", TouchpointFollowUp.done_on.is_(None)))
        next_steps = db.session.scalar(select(func.count()).select_from(TouchpointFollowUp).where(
            TouchpointFollowUp.kind == "next_step", TouchpointFollowUp.done_on.is_(None)))
        assert open_promises > 0 and next_steps > 0


def test_synthetic_generator_small_scale(app):
    from bench.synthetic import generate, scale_for

    with app.app_context():
        counts = generate(employers=60, seed=7, password="x" * 12, log=lambda _line: None)
        scale = scale_for(60)
        assert counts["employers"] == 60 and counts["touchpoints"] == scale["touchpoints"] == 1200
        assert counts["contacts"] == 180 and counts["relationship_cadence"] == counts["relationships"]
        assert all(is_valid(b) for b in db.session.scalars(select(Employer.business_id)))
        assert db.session.scalar(select(func.count()).select_from(RelationshipCadence)) == counts["relationships"]
        from app.auth import services

        services.organisation_create(slug="after-synthetic", name="After")  # ids continue after the bulk insert
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Organisation)) == scale["organisations"] + 1
