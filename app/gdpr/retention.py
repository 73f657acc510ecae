"""Retention rules: how long each record type is kept and which records are due for deletion now (reads only).

- job seeker data: N months (default 24) after the last activity or the end of consent: the latest date of any
  record of the seeker (the schema walk of `subject.py`: consents and their end dates, assessments, wishes,
  proposals, placements, follow-ups); never while a placement is active;
- ended placements: N months (default 60) after they ended;
- uploaded import files: N days (default 30) after the upload: the file and the rows read from it (the import's
  history line stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import exists, func, or_, select

from app.extensions import db
from app.gdpr.models import RetentionPeriod
from app.gdpr.subject import date_columns, root_column, subject_links
from app.leads.placements.models import Placement
from app.leads.placements.rules import add_months
from app.seekers.models import JobSeeker
from app.spreadsheets.models import RUNNING, ImportBatch, ImportFile, ImportRow


@dataclass(frozen=True)
class RetentionType:
    """A record type with a retention period: its unit, default, the table it deletes from and its wording."""

    code: str
    table: str
    unit: str  # "months" or "days"
    default: int
    maximum: int
    label: object
    rule: object


TYPES = {t.code: t for t in (
    RetentionType("seeker", "job_seekers", "months", 24, 240, _l("Job seeker data"),
                  _l("after the job seeker's last activity or the end of their consent; never while a placement is "
                     "active")),
    RetentionType("placement", "placements", "months", 60, 240, _l("Ended placements"),
                  _l("after the placement ended")),
    RetentionType("import_file", "import_batches", "days", 30, 3650, _l("Uploaded import files"),
                  _l("after the upload: the file and the rows read from it (who imported what and when stays)")),
)}


@dataclass(frozen=True)
class DueRecord:
    """A record whose period has passed. `label` is organisation-private: show it to its own organisation only."""

    record_type: str
    id: int
    organisation_id: int
    label: str
    since: date
    due_on: date


def period_text(record_type: str, period: int) -> str:
    """"24 months", "30 days" in the user's language."""
    if TYPES[record_type].unit == "days":
        return ngettext("%(num)d day", "%(num)d days", period)
    return ngettext("%(num)d month", "%(num)d months", period)


def retention_periods() -> dict[str, int]:
    """The period of every record type: the network administrator's choice, else the default."""
    stored = dict(db.session.execute(select(RetentionPeriod.record_type, RetentionPeriod.period)).all())
    return {code: stored.get(code, kind.default) for code, kind in TYPES.items()}


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def seekers_last_activity(ids: list[int] | None = None) -> dict[int, date]:
    """The latest date on any record of each seeker (one grouped query per table of the seeker's records)."""
    links = subject_links(JobSeeker.__tablename__)
    latest: dict[int, date] = {}
    for link in links:
        columns = date_columns(link.table)
        if not columns:
            continue
        source, key = root_column(links, link)
        stmt = select(key, *[func.max(column) for column in columns]).select_from(source).where(
            key.is_not(None)).group_by(key)
        if ids is not None:
            stmt = stmt.where(key.in_(ids))
        for seeker_id, *values in db.session.execute(stmt):
            days = [_day(value) for value in values if value is not None]
            if days:
                latest[seeker_id] = max(latest.get(seeker_id, date.min), *days)
    return latest


def seekers_due(*, today: date, months: int, ids: list[int] | None = None) -> list[DueRecord]:
    """Seekers without activity or consent for `months` months and no active placement."""
    latest = seekers_last_activity(ids)
    active = select(Placement.seeker_id).where(Placement.status == "active")
    stmt = select(JobSeeker.id, JobSeeker.organisation_id, JobSeeker.code).where(
        JobSeeker.id.not_in(active)).order_by(JobSeeker.organisation_id, JobSeeker.id)
    if ids is not None:
        stmt = stmt.where(JobSeeker.id.in_(ids))
    cutoff = add_months(today, -months)
    return [DueRecord("seeker", seeker_id, org, code, latest[seeker_id], add_months(latest[seeker_id], months))
            for seeker_id, org, code in db.session.execute(stmt)
            if seeker_id in latest and latest[seeker_id] <= cutoff]


def placements_due(*, today: date, months: int, ids: list[int] | None = None) -> list[DueRecord]:
    """Placements that ended at least `months` months ago."""
    stmt = select(Placement.id, Placement.organisation_id, Placement.job_title, Placement.ended_on).where(
        Placement.status == "ended", Placement.ended_on <= add_months(today, -months)).order_by(
        Placement.organisation_id, Placement.id)
    if ids is not None:
        stmt = stmt.where(Placement.id.in_(ids))
    return [DueRecord("placement", pid, org, title, ended_on, add_months(ended_on, months))
            for pid, org, title, ended_on in db.session.execute(stmt)]


def imports_due(*, today: date, days: int, ids: list[int] | None = None) -> list[DueRecord]:
    """Imports uploaded at least `days` days before `today` that still hold the file or rows read from it."""
    cutoff = datetime.combine(today - timedelta(days=days - 1), time.min)  # uploaded on or before today - days
    holds = or_(exists().where(ImportFile.batch_id == ImportBatch.id),
                exists().where(ImportRow.batch_id == ImportBatch.id), ImportBatch.samples_json != "[]")
    stmt = select(ImportBatch.id, ImportBatch.organisation_id, ImportBatch.file_name, ImportBatch.created_at).where(
        ImportBatch.created_at < cutoff, ImportBatch.status.not_in(RUNNING), holds).order_by(
        ImportBatch.organisation_id, ImportBatch.id)
    if ids is not None:
        stmt = stmt.where(ImportBatch.id.in_(ids))
    return [DueRecord("import_file", bid, org, name, created.date(), (created + timedelta(days=days)).date())
            for bid, org, name, created in db.session.execute(stmt)]


def due_of(record_type: str, *, today: date, period: int, ids: list[int] | None = None) -> list[DueRecord]:
    """The due records of one type (optionally only among `ids`)."""
    if record_type == "seeker":
        return seekers_due(today=today, months=period, ids=ids)
    if record_type == "placement":
        return placements_due(today=today, months=period, ids=ids)
    return imports_due(today=today, days=period, ids=ids)


def due_records(*, today: date, organisation_id: int | None = None) -> dict[str, list[DueRecord]]:
    """Every due record by type; only one organisation's when `organisation_id` is given."""
    periods = retention_periods()
    result = {}
    for code in TYPES:
        records = due_of(code, today=today, period=periods[code])
        result[code] = [r for r in records if organisation_id is None or r.organisation_id == organisation_id]
    return result


def seeker_retention(seeker_id: int, *, today: date) -> dict:
    """When one seeker's data falls due: the last activity, the period, the date (None while a placement is active)."""
    months = retention_periods()["seeker"]
    last = seekers_last_activity([seeker_id]).get(seeker_id)
    active = db.session.scalar(select(exists().where(Placement.seeker_id == seeker_id, Placement.status == "active")))
    due_on = add_months(last, months) if last is not None and not active else None
    return {"last_activity": last, "months": months, "due_on": due_on, "active_placement": bool(active),
            "overdue": due_on is not None and due_on <= today}
