"""RATKO test helpers: a consultant with an engagement, workshops, tasks and bundles built through the services."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.extensions import db


class RatkoFactory:
    """Builders for RATKO records (each commits and returns plain ids)."""

    def __init__(self, app, factory):
        self.app = app
        self.factory = factory

    def _user(self, user_id):
        from app.auth.models import User

        return db.session.get(User, user_id)

    def engagement(self, user, employer=None, **data):
        from app.employers import selectors as employer_selectors
        from app.ratko import services

        employer = employer or self.factory.employer()
        with self.app.app_context():
            engagement = services.engagement_create(
                organisation_id=user.organisation_id, employer=employer_selectors.employer_get_or_404(employer.id),
                data={"title": data.pop("title", "Osasto 3"), **data}, actor=self._user(user.id))
            db.session.commit()
            return SimpleNamespace(id=engagement.id, employer_id=employer.id, organisation_id=user.organisation_id)

    def workshop(self, engagement, **data):
        from datetime import date

        from app.ratko import services
        from app.ratko.models import Engagement

        with self.app.app_context():
            workshop = services.workshop_create(engagement=db.session.get(Engagement, engagement.id),
                                                data={"held_on": data.pop("held_on", date(2026, 3, 12)), **data})
            db.session.commit()
            return SimpleNamespace(id=workshop.id, engagement_id=engagement.id)

    def participant(self, workshop, name="Maija Meikäläinen", role="sairaanhoitaja"):
        from app.ratko import services
        from app.ratko.models import Workshop

        with self.app.app_context():
            participant = services.participant_add(workshop=db.session.get(Workshop, workshop.id), name=name,
                                                   role=role)
            db.session.commit()
            return SimpleNamespace(id=participant.id, workshop_id=workshop.id, role=role)

    def task(self, engagement, description="Liinavaatteiden täydennys", role="sairaanhoitaja", hours=2,
             workshop=None, **data):
        from app.ratko import services
        from app.ratko.models import Engagement, Workshop

        with self.app.app_context():
            task = services.task_add(
                engagement=db.session.get(Engagement, engagement.id),
                workshop=db.session.get(Workshop, workshop.id) if workshop else None,
                data={"description": description, "role": role, "hours_value": hours, **data})
            db.session.commit()
            return SimpleNamespace(id=task.id, version=task.version, engagement_id=engagement.id)

    def bundle(self, engagement, title="Osastoavustaja", **data):
        from app.ratko import services
        from app.ratko.models import Engagement

        with self.app.app_context():
            bundle = services.bundle_create(engagement=db.session.get(Engagement, engagement.id),
                                            data={"title": title, **data})
            db.session.commit()
            return SimpleNamespace(id=bundle.id, engagement_id=engagement.id)

    def move(self, task_id, bundle_id):
        from app.ratko import services
        from app.ratko.models import Bundle, Task

        with self.app.app_context():
            task = db.session.get(Task, task_id)
            services.task_move(task=task, bundle=db.session.get(Bundle, bundle_id) if bundle_id else None,
                               expected_version=task.version)
            db.session.commit()
            return task.version


@pytest.fixture
def ratko(app, factory):
    """RATKO record builders."""
    return RatkoFactory(app, factory)


@pytest.fixture
def consultant(factory):
    """A consultant (who is also a coach) in their own organisation."""
    return factory.user(roles=("consultant", "coach"), name="Riikka Konsultti")
