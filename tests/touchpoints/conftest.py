"""Touchpoint factories: log contacts through the real services, return plain namespaces."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from app.core.dates import today as local_today
from app.extensions import db


class TouchpointFactory:
    """Builders for touchpoints (wraps the shared Factory)."""

    def __init__(self, app, factory):
        self.app = app
        self.factory = factory

    def log(self, employer, user, *, days_ago: int = 0, channel: str = "call", summary: str = "Soitin kuulumisia",
            **data):
        from app.auth.models import User
        from app.employers import selectors
        from app.touchpoints import services

        with self.app.app_context():
            author = db.session.get(User, user.id)
            touchpoint = services.touchpoint_log(
                author=author, employer=selectors.employer_get_or_404(employer.id),
                data={"channel": channel, "occurred_on": local_today() - timedelta(days=days_ago),
                      "summary": summary, **data})
            db.session.commit()
            follow_ups = [SimpleNamespace(id=f.id, kind=f.kind, text=f.text) for f in
                          __import__("app.touchpoints.selectors", fromlist=["x"]).touchpoint_follow_ups(touchpoint)]
            return SimpleNamespace(id=touchpoint.id, employer_id=employer.id, organisation_id=author.organisation_id,
                                   follow_ups=follow_ups)

    def relationship_id(self, employer, user) -> int:
        from app.employers.models import Relationship

        with self.app.app_context():
            return db.session.scalar(db.select(Relationship.id).where(
                Relationship.employer_id == employer.id, Relationship.organisation_id == user.organisation_id))

    def cadence_row(self, employer, user):
        from app.touchpoints.models import RelationshipCadence

        with self.app.app_context():
            row = db.session.get(RelationshipCadence, self.relationship_id(employer, user))
            return SimpleNamespace(**{c.key: getattr(row, c.key) for c in row.__table__.columns}) if row else None


@pytest.fixture
def tp(app, factory):
    """Touchpoint builders."""
    return TouchpointFactory(app, factory)


@pytest.fixture
def today() -> date:
    """Today in Helsinki."""
    return local_today()
