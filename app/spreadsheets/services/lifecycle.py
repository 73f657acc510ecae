"""State changes a user asks for: re-read, map, commit, undo, discard, re-map, resume. Each checks the batch is in
a state that allows it (a double click or a second tab gets a refusal, not a second job). Never commits."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.db import utcnow
from app.core.refusals import Refusal
from app.extensions import db
from app.spreadsheets import selectors
from app.spreadsheets.models import ImportBatch, dumps
from app.spreadsheets.services import staging

EDITABLE = ("mapping", "previewed", "failed")
JOB_OF_STATUS = {"previewing": "preview", "committing": "commit", "undoing": "undo"}


class WrongState(Refusal):
    """The batch is not in a state that allows the action (another tab, a double click); `status` is its state."""

    def __init__(self, status: str):
        super().__init__(_l("This import has moved on in the meantime. Reload the page to see where it is."))
        self.status = status


def _editable(batch: ImportBatch) -> None:
    if batch.status not in EDITABLE:
        raise WrongState(batch.status)


def _set_actor(batch: ImportBatch, user) -> None:
    batch.options_json = dumps({**batch.options, "actor_id": getattr(user, "id", None)})


def batch_reread(*, batch: ImportBatch, sheet: str | None, header_row: int | None) -> ImportBatch:
    """Stage the rows again from another sheet or header row; raises FileProblem or WrongState."""
    _editable(batch)
    return staging.batch_choose_source(batch=batch, sheet=sheet, header_row=header_row)


def batch_map(*, batch: ImportBatch, mapping: list[str], options: dict, user) -> list[dict]:
    """Confirm mapping and options and queue the preview; returns problems (nothing changes then)."""
    _editable(batch)
    owners = {user_id for user_id, _name, _email in selectors.organisation_people(batch.organisation_id)}
    if "default_owner_id" in options and options["default_owner_id"] not in owners:  # my organisation's users only
        options = {**options, "default_owner_id": None}
    problems = staging.batch_set_mapping(batch=batch, mapping=mapping, options=options, user=user)
    if not problems:
        _set_actor(batch, user)
    return problems


def batch_queue_commit(*, batch: ImportBatch, user, skip_errors: bool) -> bool:
    """Queue the commit of a previewed batch; False when it is not previewed or has errors not to be skipped."""
    counts = batch.counts
    if batch.status != "previewed" or (counts.get("error") and not skip_errors):
        return False
    batch.options_json = dumps({**batch.options, "skip_errors": bool(skip_errors), "actor_id": user.id})
    batch.status, batch.committed_by_id, batch.message_json = "committing", user.id, None
    batch.progress_done, batch.progress_total = 0, counts.get("new", 0) + counts.get("update", 0)
    batch.heartbeat_at = utcnow()
    db.session.flush()
    return True


def batch_action(*, batch: ImportBatch, action: str, user) -> str | None:
    """Apply a button's action; returns the job to start ("" for none), or None when the state does not allow it."""
    if action == "undo" and batch.status == "committed":
        _set_actor(batch, user)
        batch.status, batch.progress_done, batch.heartbeat_at = "undoing", 0, utcnow()
        result = "undo"
    elif action == "discard" and batch.status in EDITABLE and batch.committed_at is None:
        staging.batch_discard(batch=batch)
        result = ""
    elif action == "remap" and batch.status in ("previewed", "failed") and batch.headers:
        batch.status, batch.message_json = "mapping", None
        result = ""
    elif action == "resume" and batch.running and _stale(batch):
        _set_actor(batch, user)
        batch.options_json = dumps({k: v for k, v in batch.options.items() if k != "worker"})  # the dead one
        batch.heartbeat_at, batch.message_json = utcnow(), None
        result = JOB_OF_STATUS[batch.status]
    else:
        return None
    db.session.flush()
    return result


def _stale(batch: ImportBatch) -> bool:
    from app.spreadsheets.jobs import is_stale

    return is_stale(batch)
