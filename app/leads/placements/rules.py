"""Pure rules for placements: what a placement must say for its type, the three-T check (seed 571-588), follow-up
due dates, the support plan's default phases and the pay-subsidy alert. No database, no Flask."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from app.leads.placements.models import FOLLOW_UP_MONTHS, PAID_TYPES, PHASES, SUBSIDY_ALERT_DAYS, TYPES

MAX_TRIAL_WEEKS = 52
MAX_HOURS = 60


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_dates(starts_on: date) -> list[tuple[int, date]]:
    """(months, due date) of the follow-ups at 1, 3, 6 and 12 months from the start."""
    return [(months, add_months(starts_on, months)) for months in FOLLOW_UP_MONTHS]


def default_phases(starts_on: date) -> list[tuple[str, date, date]]:
    """The support plan's phases with default dates: orientation two weeks, learning to two months, stabilising to
    four, fading to six, then follow-up to twelve months."""
    bounds = [starts_on, starts_on + timedelta(days=14), add_months(starts_on, 2), add_months(starts_on, 4),
              add_months(starts_on, 6), add_months(starts_on, 12)]
    return [(phase, bounds[i], bounds[i + 1] - timedelta(days=1)) for i, phase in enumerate(PHASES)]


def problems(data: dict) -> list[tuple[str, str]]:
    """Rule violations of a placement's data as (field, reason code); empty when it may be saved."""
    found = []
    kind = data.get("type")
    if kind not in TYPES:
        found.append(("type", "unknown_type"))
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts_on, date):
        found.append(("starts_on", "start_required"))
    elif isinstance(ends_on, date) and ends_on < starts_on:
        found.append(("ends_on", "end_before_start"))
    if kind == "pay_subsidy":
        subsidy = data.get("subsidy_ends_on")
        if not isinstance(subsidy, date):
            found.append(("subsidy_ends_on", "subsidy_end_required"))
        elif isinstance(starts_on, date) and subsidy < starts_on:
            found.append(("subsidy_ends_on", "subsidy_end_before_start"))
    if kind == "work_trial":
        if not (data.get("employment_goal") or "").strip():
            found.append(("employment_goal", "goal_required"))
        weeks = data.get("planned_weeks")
        if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_TRIAL_WEEKS:
            found.append(("planned_weeks", "length_required"))
    if kind in PAID_TYPES and data.get("equal_pay") is None:
        found.append(("equal_pay", "equal_pay_required"))
    hours = data.get("hours_per_week")
    if hours is not None and not 0 < hours <= MAX_HOURS:
        found.append(("hours_per_week", "hours_range"))
    return found


@dataclass(frozen=True)
class ThreeT:
    """One of the three T's and whether this placement meets it."""

    code: str  # ordinary_workplace | equal_pay | appropriate_support
    ok: bool
    reason: str  # a reason code for the label


def three_t(*, type: str, ordinary_workplace: bool, equal_pay: bool | None,
            phases: list[tuple[str, int | None, str | None]]) -> list[ThreeT]:
    """The three-T check: an ordinary workplace, equal pay, appropriate support. `phases` are (phase, coach id,
    workplace person) of the support plan."""
    workplace = ThreeT("ordinary_workplace", bool(ordinary_workplace),
                       "ordinary" if ordinary_workplace else "not_ordinary")
    if type == "work_trial":
        pay = ThreeT("equal_pay", False, "unpaid_trial")
    else:
        pay = ThreeT("equal_pay", equal_pay is True, "equal" if equal_pay else "not_equal")
    staffed = [p for p in phases if p[1] or (p[2] or "").strip()]
    if phases and len(staffed) == len(phases):
        support = ThreeT("appropriate_support", True, "planned")
    else:
        support = ThreeT("appropriate_support", False, "no_plan" if not staffed else "partly_planned")
    return [workplace, pay, support]


def subsidy_alert_state(*, subsidy_ends_on: date | None, handled_on: date | None, today: date) -> str | None:
    """The pay-subsidy alert: None before 30 days ahead (or once handled), "due" in the last 30 days, "overdue"
    after the subsidy has ended unhandled."""
    if subsidy_ends_on is None or handled_on is not None:
        return None
    if today > subsidy_ends_on:
        return "overdue"
    if today >= subsidy_ends_on - timedelta(days=SUBSIDY_ALERT_DAYS):
        return "due"
    return None


def subsidy_alert_on(subsidy_ends_on: date) -> date:
    """The day the pay-subsidy alert starts."""
    return subsidy_ends_on - timedelta(days=SUBSIDY_ALERT_DAYS)
