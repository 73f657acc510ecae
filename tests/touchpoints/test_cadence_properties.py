"""Cadence rules, property-based: the interval reaches a year, the due dates are ordered, and as the days pass a
relationship only ever grows more urgent."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.touchpoints import cadence

PER_YEAR = st.integers(min_value=1, max_value=400)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
URGENCY = ("ok", "upcoming", "due", "overdue")


@settings(max_examples=200, deadline=None)
@given(PER_YEAR)
def test_the_interval_times_the_target_reaches_a_year_and_no_shorter_interval_does(per_year):
    days = cadence.interval_days(per_year)
    assert days * per_year >= cadence.YEAR_DAYS
    assert (days - 1) * per_year < cadence.YEAR_DAYS
    assert days >= 1


@settings(max_examples=100, deadline=None)
@given(PER_YEAR, PER_YEAR)
def test_a_higher_target_never_gives_a_longer_interval(a, b):
    low, high = sorted((a, b))
    assert cadence.interval_days(high) <= cadence.interval_days(low)


@settings(max_examples=100, deadline=None)
@given(DAYS, st.one_of(st.none(), DAYS), PER_YEAR, PER_YEAR)
def test_due_comes_no_later_than_overdue_and_both_after_the_base(started_on, last, target, minimum):
    due_on, overdue_on = cadence.due_dates(last_counted_on=last, started_on=started_on, target=target,
                                           minimum=minimum)
    base = last or started_on
    assert base < due_on <= overdue_on
    assert due_on - base == timedelta(days=cadence.interval_days(target))


@settings(max_examples=100, deadline=None)
@given(DAYS, PER_YEAR, PER_YEAR, st.integers(min_value=0, max_value=800), st.integers(min_value=0, max_value=400))
def test_as_days_pass_the_state_only_grows_more_urgent(last, target, minimum, days_since, more):
    def state(days: int) -> str:
        return cadence.evaluate(today=last + timedelta(days=days), last_counted_on=last, started_on=last,
                                target=target, minimum=minimum).state

    earlier, later = state(days_since), state(days_since + more)
    assert URGENCY.index(later) >= URGENCY.index(earlier)
