"""Profile records for the access tests: B's bundle with a rated task and a bundle profile; A's own bundle."""

from app.core.audit import acting_as
from app.extensions import db
from app.profiles import services
from app.ratko.models import Bundle, Task
from tests.profiles import builders


def build(world) -> None:
    """B's private demand profiles carry markers; catalogue items are network-wide (shared)."""
    app = world.app
    codes = builders.catalogue(app)
    theirs = builders.bundle(app, world.b, title="B:n nippu", tasks=[("B:n tehtävä", {"lifting": 3})])
    with app.app_context(), acting_as(world.b.id, world.b.organisation_id):
        task = db.session.get(Task, theirs.task_ids[0])
        task.description = world.marker("task")
        services.task_demand_save(task=task, header={"note": world.marker("task-note")},
                                  ratings={codes["lifting"]: 3})
        services.bundle_profile_save(bundle=db.session.get(Bundle, theirs.id), header={"note": world.marker("bn")},
                                     overrides={codes["reading"]: (2, world.marker("override"))}, key=set())
        db.session.commit()
    mine = builders.bundle(app, world.a, title="A:n nippu", tasks=[("A:n tehtävä", {"lifting": 2})])
    world.private.setdefault("bundle_id", theirs.id)
    world.private.setdefault("task_id", theirs.task_ids[0])
    world.own.setdefault("bundle_id", mine.id)
    world.own.setdefault("task_id", mine.task_ids[0])
    world.shared["item_id"] = codes["lifting"]
    world.profiles = {"b_bundle": theirs, "a_bundle": mine}
