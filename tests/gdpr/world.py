"""GDPR records for the access tests: B's records that are due for deletion (a seeker idle for years with a marker
code, an ended placement with a marker job title, B's import batch made old). A's retention page and A's exports must
show none of them; the seeker routes of this package take `seeker_id`, which the seekers world marks private."""

from datetime import timedelta

from sqlalchemy import update

from app.core.dates import today
from app.extensions import db
from app.leads.placements.models import Placement
from app.seekers.models import JobSeeker
from app.spreadsheets.models import ImportBatch
from tests.leads import builders as lead_builders
from tests.profiles import builders

LONG_AGO = timedelta(days=10 * 365)


def build(world) -> None:
    """B's due seeker, B's long-ended placement and B's old upload."""
    app = world.app
    idle = builders.seeker(app, world.b, code=world.marker("due-seeker"), alias=world.marker("due-alias"),
                           consent=None)
    placed = builders.seeker(app, world.b, code="B-PLACED", alias="B", consent=None)
    placement = lead_builders.placement(app, world.b, seeker_id=placed.id, employer_id=world.shared["employer_id"],
                                        job_title=world.marker("due-placement"))
    old = today() - LONG_AGO
    with app.app_context():
        db.session.execute(update(JobSeeker).where(JobSeeker.id == idle.id).values(
            created_at=old, updated_at=old))
        db.session.execute(update(Placement).where(Placement.id == placement.id).values(
            status="ended", starts_on=old, ended_on=old + timedelta(days=30), end_reason="contract_ended"))
        if "batch_id" in world.private:
            db.session.execute(update(ImportBatch).where(ImportBatch.id == world.private["batch_id"]).values(
                created_at=old))
        db.session.commit()
