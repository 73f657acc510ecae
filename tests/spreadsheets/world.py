"""Import records for the access tests: B's batch is organisation-private (A gets 404 and never sees its file name
or cells); A has a batch of its own so A's routes are walked too."""

from app.auth.models import User
from app.extensions import db
from app.spreadsheets.services import staging
from tests.fixtures.make_fixtures import xlsx


def _batch(world, user, file_name: str, cell: str) -> int:
    content = xlsx([["Yritys", "Kunta", "Muistiinpanot"], ["Yksityinen Oy", "Joensuu", cell]])
    with world.app.app_context():
        batch = staging.batch_create(user=db.session.get(User, user.id), file_name=file_name, content=content)
        db.session.commit()
        return batch.id


def build(world) -> None:
    """B's batch with markers in its file name and a cell; A's own batch."""
    world.private["batch_id"] = _batch(world, world.b, f"{world.marker('import-file')}.xlsx",
                                       world.marker("import-cell"))
    world.own["batch_id"] = _batch(world, world.a, "oma-lista.xlsx", "oma")
