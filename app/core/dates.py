"""Calendar dates in Europe/Helsinki, whatever the server's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def today() -> date:
    """Today's date in Helsinki."""
    return datetime.now(HELSINKI).date()


def local_date(utc_naive: datetime) -> date:
    """The Helsinki calendar date of a stored (naive UTC) timestamp."""
    return utc_naive.replace(tzinfo=ZoneInfo("UTC")).astimezone(HELSINKI).date()
