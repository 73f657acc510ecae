"""flask reports store: store the figures of closed months ahead (nightly, or on the first night of a month), so no
report page pays for storing them on its first request."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import AppGroup

from app.core.dates import today
from app.reports import snapshot
from app.reports.models import CADENCE, COLLISIONS, WORK
from app.reports.periods import month_ends
from app.reports.selectors import cadence, coverage, work

reports = AppGroup("reports", help="Stored report figures of closed months.")
FILLS = {"cadence": (CADENCE, cadence.fill_months), "work": (WORK, work.fill_months),
         "collisions": (COLLISIONS, coverage.fill_months)}


@reports.command("store")
@click.option("--months", default=25, show_default=True, help="Closed months back from today.")
def store(months: int) -> None:
    """Store every organisation's figures of the closed months not stored yet (each kind in its own transaction)."""
    last_closed = today().replace(day=1) - timedelta(days=1)
    wanted = [end.replace(day=1) for end in month_ends(last_closed, months)]
    for name, (kind, fill) in FILLS.items():
        with snapshot.reading(kind, None, wanted, fill) as (_connection, stored):
            click.echo(f"{name}: {len(stored)} of {len(wanted)} months stored")
