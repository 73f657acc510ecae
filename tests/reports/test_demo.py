"""The demo network gives every report something to show over the last twelve months, and the step is idempotent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.auth.models import Organisation
from app.core.audit import acting_as
from app.core.dates import today
from app.core.registry import demo_loaders
from app.extensions import db
from app.reports import catalogue, demo
from app.reports.periods import Period
from app.reports.selectors.common import Scope
from app.seekers.models import JobSeeker

EXPECTED_EMPTY = {"coverage_collisions", "placements_ended"}  # may be empty in a given year, not always


def test_every_report_shows_the_last_twelve_months(app):
    with app.app_context(), acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()
        joensuu = db.session.scalar(select(Organisation.id).where(Organisation.slug == "joensuu"))
        period = Period.custom(today() - timedelta(days=364), today())
        with app.test_request_context():
            for organisation_id in (joensuu, None):
                for name in catalogue.NAMES:
                    report = catalogue.build(name, Scope(organisation_id, today()), period)
                    assert any(isinstance(f.value, int | float) and f.value for f in report.figures), name
                    for table in report.tables:
                        assert table.rows or table.key in EXPECTED_EMPTY, (name, table.key)
            week = catalogue.build("work", Scope(joensuu, today()), Period.custom(today() - timedelta(days=6),
                                                                                   today()))
            assert week.figures[1].value > 0  # face-to-face contacts in the last seven days
        count = db.session.scalar(select(func.count(JobSeeker.id)))
        demo.load()
        db.session.commit()
        assert db.session.scalar(select(func.count(JobSeeker.id))) == count
