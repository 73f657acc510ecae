"""Cadence rules, pure: when a relationship is due or overdue for contact (PRODUCT.md C2, seed 3398-3414).

A relationship is *due* when its last counted touchpoint is at least 365/target days old and *overdue* at
365/minimum days; never-contacted relationships count from their start date; paused statuses never fall due.
All dates are calendar dates in Europe/Helsinki.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

YEAR_DAYS = 365
SOON_DAYS = 14
PAUSED_STATUSES = ("dormant", "do_not_contact")
ALL_CHANNELS = ("call", "visit", "walk_in", "fair", "email", "meeting", "workshop", "other")
DEFAULT_COUNTED = tuple(c for c in ALL_CHANNELS if c not in ("email", "other"))
STATE_RANK = {"overdue": 0, "due": 1, "upcoming": 2, "ok": 3, "snoozed": 4, "paused": 5, "done": 6}


@dataclass(frozen=True)
class CadenceStatus:
    """Where one relationship stands today."""

    state: str  # overdue | due | upcoming | ok | snoozed | paused
    due_on: date
    overdue_on: date
    days_since: int | None


def interval_days(per_year: int) -> int:
    """Whole days after which a contact `per_year` times a year is needed: the smallest n with n >= 365/per_year."""
    per_year = max(1, int(per_year or 1))
    return math.ceil(YEAR_DAYS / per_year)


def due_dates(*, last_counted_on: date | None, started_on: date, target: int, minimum: int) -> tuple[date, date]:
    """(due_on, overdue_on) counted from the last counted touchpoint, or from the start of a never-contacted one."""
    base = last_counted_on or started_on
    due_on = base + timedelta(days=interval_days(target))
    overdue_on = base + timedelta(days=interval_days(minimum))
    return due_on, max(due_on, overdue_on)


def state_of(*, today: date, due_on: date, overdue_on: date, status: str = "active_partner",
             snoozed_until: date | None = None, soon_days: int = SOON_DAYS) -> str:
    """The traffic-light state on `today`."""
    if status in PAUSED_STATUSES:
        return "paused"
    if snoozed_until is not None and snoozed_until > today:
        return "snoozed"
    if today >= overdue_on:
        return "overdue"
    if today >= due_on:
        return "due"
    if due_on <= today + timedelta(days=soon_days):
        return "upcoming"
    return "ok"


def evaluate(*, today: date, last_counted_on: date | None, started_on: date, target: int, minimum: int,
             status: str = "active_partner", snoozed_until: date | None = None) -> CadenceStatus:
    """Due dates and state of a relationship in one call."""
    due_on, overdue_on = due_dates(last_counted_on=last_counted_on, started_on=started_on, target=target,
                                   minimum=minimum)
    state = state_of(today=today, due_on=due_on, overdue_on=overdue_on, status=status, snoozed_until=snoozed_until)
    days_since = (today - last_counted_on).days if last_counted_on else None
    return CadenceStatus(state=state, due_on=due_on, overdue_on=overdue_on, days_since=days_since)


def follow_up_state(*, today: date, due_on: date, done_on: date | None = None) -> str:
    """State of a promise or next step: overdue after its due date, due on it, upcoming before."""
    if done_on is not None:
        return "done"
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "due"
    return "upcoming"


def counted_channels(settings: dict | None) -> tuple[str, ...]:
    """The channels an organisation counts towards cadence (its setting, else all but e-mail and other)."""
    chosen = (settings or {}).get("counted_channels")
    if not isinstance(chosen, list):
        return DEFAULT_COUNTED
    return tuple(c for c in ALL_CHANNELS if c in chosen)


def urgency_key(state: str, due_on: date, tiebreak=()) -> tuple:
    """Sort key: overdue first, then due, then upcoming; earliest date first within a state, then `tiebreak`."""
    return (STATE_RANK.get(state, 9), due_on, tiebreak)
