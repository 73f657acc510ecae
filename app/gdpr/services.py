"""Writes of the GDPR tools: retention settings, deleting one due record, logging an access export. Never commits:
the request or the `retention run` command commits (one transaction per deleted record)."""

from __future__ import annotations

import logging
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.core.audit import audit_now, audit_record
from app.core.erasure import erase
from app.core.refusals import Refusal
from app.extensions import db
from app.gdpr.models import RetentionPeriod
from app.gdpr.retention import TYPES, DueRecord, due_of, retention_periods
from app.leads.placements.models import Placement
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker
from app.spreadsheets.models import ImportBatch, ImportFile
from app.spreadsheets.services import staging

log = logging.getLogger("ratko.gdpr")
OPEN_IMPORT_STATUSES = ("mapping", "previewed")


class PeriodRefused(Refusal):
    """A retention period outside its type's limits (the field is the record type's code)."""


def retention_periods_save(*, periods: dict[str, int], user_id: int | None) -> list[str]:
    """Store the network administrator's periods (audited); return the record types that changed."""
    changed = []
    current = {row.record_type: row for row in db.session.scalars(select(RetentionPeriod))}
    for code, period in periods.items():
        kind = TYPES[code]
        if not 1 <= period <= kind.maximum:
            raise PeriodRefused(_l("Choose a period between 1 and %(maximum)s.", maximum=kind.maximum), code)
        row = current.get(code)
        if row is None and period == kind.default:
            continue
        if row is None:
            row = RetentionPeriod(record_type=code, period=period)
            db.session.add(row)
        elif row.period == period:
            continue
        row.period, row.updated_by_id = period, user_id
        changed.append(code)
    db.session.flush()
    return changed


def _seeker_delete(record: DueRecord) -> None:
    seeker = db.session.get(JobSeeker, record.id)
    seeker_services.seeker_erase(seeker=seeker, reason=f"retention: no activity since {record.since.isoformat()}")


def _placement_delete(record: DueRecord) -> None:
    """The placement with its plan and follow-ups, their audit values masked (the erasure walk of app.core)."""
    erase(Placement.__tablename__, record.id, reason=f"retention: ended on {record.since.isoformat()}",
          organisation_id=record.organisation_id)


def _import_delete(record: DueRecord) -> None:
    batch = db.session.get(ImportBatch, record.id)
    if batch.status in OPEN_IMPORT_STATUSES:
        staging.batch_discard(batch=batch)  # never committed: give it up like the user would
    staging.rows_clear(batch_id=batch.id)
    db.session.execute(delete(ImportFile).where(ImportFile.batch_id == batch.id))
    batch.samples_json = "[]"
    db.session.flush()


DELETERS = {"seeker": _seeker_delete, "placement": _placement_delete, "import_file": _import_delete}


def retention_apply(*, record_type: str, record_id: int, today: date) -> DueRecord | None:
    """Delete one record if it is (still) due, and audit it; None when it is no longer due (activity since the
    list was made). The caller commits, so a failure half-way leaves the record whole."""
    found = due_of(record_type, today=today, period=retention_periods()[record_type], ids=[record_id])
    if not found:
        return None
    record = found[0]
    DELETERS[record_type](record)
    audit_record(action="retention_delete", entity=TYPES[record_type].table, entity_id=record.id,
                 summary=f"retention: {record_type} due on {record.due_on.isoformat()}",
                 changes={"since": record.since, "due_on": record.due_on}, organisation_id=record.organisation_id)
    db.session.flush()
    log.info("retention deleted %s %s (due on %s)", record_type, record.id, record.due_on)
    return record


def access_export_log(*, entity: str, entity_id: int, organisation_id: int | None, covers: str) -> None:
    """Audit that everything held about a person was downloaded (it survives the request's outcome)."""
    audit_now(action="access_export", entity=entity, entity_id=entity_id, summary="GDPR access export",
              changes={"covers": covers}, organisation_id=organisation_id)
