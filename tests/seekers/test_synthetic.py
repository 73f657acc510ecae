"""The seekers step of the synthetic generator (bench/seekers.py) at a small scale."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.seekers import services
from app.seekers.models import CapabilityProfile, JobSeeker


def test_synthetic_seekers_small_scale(app):
    from bench.synthetic import STEPS, generate

    assert "seekers" in [name for name, _step in STEPS]
    with app.app_context():
        counts = generate(employers=300, seed=11, password="x" * 12, log=lambda _line: None)
        assert counts["job_seekers"] == 20
        assert counts["capability_ratings"] >= 20 * 30
        assert db.session.scalar(select(func.count()).select_from(CapabilityProfile)) >= 20
        seeker = services.seeker_create(organisation_id=db.session.scalar(select(JobSeeker.organisation_id)
                                                                         .limit(1)),
                                        data={"code": "AFTER-1", "alias": "x"})  # ids continue after the bulk insert
        db.session.commit()
        assert seeker.id == 21
