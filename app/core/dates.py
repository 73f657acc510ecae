"""Calendar dates in Europe/Helsinki, whatever the server's time zone: the one place that turns a moment into the
date a Finnish user sees on the wall calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def local_date(moment: datetime) -> date:
    """The Helsinki calendar date of a moment: an aware datetime, or a naive one in UTC (as timestamps are stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(HELSINKI).date()


def today() -> date:
    """Today's date in Helsinki."""
    return local_date(datetime.now(UTC))
