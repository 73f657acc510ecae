"""Demo step 90: one job seeker of `joensuu` whose coaching ended over two years ago, so the retention page and the
nightly run have something to show (`flask retention run --dry-run` lists it)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import update

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.extensions import db
from app.seekers import selectors as seeker_selectors
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker

CODE = "JOE-090"


def load() -> None:
    """Add the idle seeker (skipped when joensuu is missing or already has it)."""
    organisation = auth_selectors.organisation_by_slug("joensuu")
    if organisation is None or seeker_selectors.seeker_by_code(organisation_id=organisation.id, code=CODE):
        return
    coach = auth_selectors.user_by_email("coach@example.org")
    seeker = seeker_services.seeker_create(organisation_id=organisation.id, data={
        "code": CODE, "alias": "R. N.", "status": "ended", "coach_id": getattr(coach, "id", None)})
    idle_since = datetime.combine(today() - timedelta(days=26 * 31), time(9))
    db.session.execute(update(JobSeeker).where(JobSeeker.id == seeker.id).values(
        created_at=idle_since, updated_at=idle_since))  # as if nothing had happened since
    db.session.expire(seeker)
