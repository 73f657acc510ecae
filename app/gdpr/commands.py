"""flask retention run [--dry-run]: delete what the retention periods say is due, for cron.

Each record is deleted in its own transaction: a failure (or a kill) half-way leaves every record either kept whole or
fully deleted, and the run goes on with the next one. The output names record types, ids and dates only (cron mail
may travel), never a code or a name.
"""

from __future__ import annotations

import logging
import sys

import click
from flask.cli import AppGroup

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.gdpr import retention as rules
from app.gdpr import services

log = logging.getLogger("ratko.gdpr")
retention = AppGroup("retention", help="Delete records whose retention period has passed.")


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="List what is due and change nothing.")
def retention_run(dry_run: bool) -> None:
    """Delete every record whose retention period has passed (one transaction per record); audited."""
    day, failed = today(), 0
    due, periods = rules.due_records(today=day), rules.retention_periods()
    db.session.rollback()  # hold no transaction between records (SQLite: others may write meanwhile)
    for code, records in due.items():
        click.echo(f"{code}: {len(records)} due (period {periods[code]} {rules.TYPES[code].unit})")
        deleted = 0
        for record in records:
            if dry_run:
                click.echo(f"  would delete {code} {record.id} (organisation {record.organisation_id}, "
                           f"due on {record.due_on.isoformat()})")
                continue
            try:
                with acting_as(None, record.organisation_id):
                    done = services.retention_apply(record_type=code, record_id=record.id, today=day)
                db.session.commit()
            except Exception:  # noqa: BLE001 - one record's failure must not stop the run; it is rolled back whole
                db.session.rollback()
                log.exception("retention: deleting %s %s failed", code, record.id)
                click.echo(f"  FAILED {code} {record.id}: rolled back, kept", err=True)
                failed += 1
                continue
            deleted += done is not None
        if not dry_run:
            click.echo(f"  deleted {deleted}")
    if dry_run:
        click.echo("Dry run: nothing was changed.")
    if failed:
        sys.exit(1)
