"""The demo steps: catalogue, demand profiles for the RATKO demo bundles, seekers with consents and profiles such
that one comparison has a gap (closed by moving one task out) and another is a clean fit."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.selectors import organisation_by_slug
from app.core.audit import acting_as
from app.core.registry import demo_loaders
from app.extensions import db
from app.profiles import selectors as profile_selectors
from app.profiles.comparison import compare
from app.seekers import selectors
from app.seekers.consent import consent_check
from app.seekers.models import JobSeeker


def test_demo_has_a_gap_and_a_clean_fit(app):
    with app.app_context(), acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()
        for loader in demo_loaders():  # idempotent
            loader()
            db.session.commit()
        joensuu = organisation_by_slug("joensuu")
        seekers = {s.code: s for s in db.session.scalars(select(JobSeeker).where(
            JobSeeker.organisation_id == joensuu.id))}
        assert {"JOE-001", "JOE-002", "JOE-003", "JOE-004", "JOE-005", "JOE-006"} <= set(seekers)
        assert consent_check(seekers["JOE-003"], "network_matching").reason == "withdrawn"
        assert consent_check(seekers["JOE-004"], "network_matching").reason == "none"
        assert consent_check(seekers["JOE-001"], "network_matching").ok
        bundles = profile_selectors.bundle_demands(profile_selectors.open_bundles_of(joensuu.id))
        assessed = [d for d in bundles.values() if d.assessed]
        assert assessed, "the RATKO demo bundles get demand profiles"
        results = {}
        for code in ("JOE-001", "JOE-002"):
            _profile, ratings = selectors.current_capability(seekers[code])
            results[code] = [compare(d.effective, ratings, key=d.key).summary for d in assessed]
        assert any(s.clean_fit for s in results["JOE-001"])
        assert any(s.gaps for s in results["JOE-002"])
        assert len(selectors.capability_profiles(seekers["JOE-005"])) == 2

        target = next(d for d in sorted(assessed, key=lambda d: d.bundle.id) if len(d.rated_tasks) >= 2)
        _profile, ratings = selectors.current_capability(seekers["JOE-002"])
        gaps = compare(target.effective, ratings).with_status("gap")
        assert len(gaps) == 1
        causing = target.causing(gaps[0].item, gaps[0].ability)
        assert len(causing) == 1
        without = profile_selectors.bundle_demand_profile(target.bundle, without=[causing[0].id])
        assert compare(without.effective, ratings).summary.gaps == 0
