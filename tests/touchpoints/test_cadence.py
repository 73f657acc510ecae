"""Cadence rules, table-driven: boundaries exactly at 365/target and 365/minimum days, leap years, DST, paused
statuses, never-contacted relationships, counted channels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.core.dates import local_date
from app.touchpoints import cadence
from app.touchpoints.models import CHANNELS


@pytest.mark.parametrize(("per_year", "days"), [(1, 365), (2, 183), (3, 122), (4, 92), (5, 73), (6, 61), (12, 31),
                                                (0, 365)])
def test_interval_is_the_smallest_whole_day_count_reaching_365_over_the_target(per_year, days):
    assert cadence.interval_days(per_year) == days
    if per_year:
        assert days * per_year >= 365 and (days - 1) * per_year < 365


LAST = date(2025, 1, 10)


@pytest.mark.parametrize(("days_since", "target", "minimum", "expected"), [
    (0, 3, 2, "ok"),
    (107, 3, 2, "ok"),        # due in 15 days: not yet "soon"
    (108, 3, 2, "upcoming"),  # due in exactly 14 days
    (121, 3, 2, "upcoming"),  # 121 days: still below 365/3 = 121.67
    (122, 3, 2, "due"),       # exactly the first whole day at or past 365/3
    (182, 3, 2, "due"),
    (183, 3, 2, "overdue"),   # 365/2 = 182.5 -> 183
    (72, 5, 5, "upcoming"),
    (73, 5, 5, "overdue"),    # 365/5 = 73 exactly; target == minimum: due and overdue on the same day
    (364, 1, 1, "upcoming"),
    (365, 1, 1, "overdue"),
    (365, 2, 1, "overdue"),
    (364, 2, 1, "due"),
])
def test_due_and_overdue_boundaries(days_since, target, minimum, expected):
    today = LAST + timedelta(days=days_since)
    status = cadence.evaluate(today=today, last_counted_on=LAST, started_on=date(2020, 1, 1), target=target,
                              minimum=minimum)
    assert status.state == expected
    assert status.days_since == days_since


@pytest.mark.parametrize(("last", "today", "expected"), [
    (date(2023, 3, 1), date(2024, 2, 28), "due"),      # 364 days across 29 Feb 2024
    (date(2023, 3, 1), date(2024, 2, 29), "overdue"),  # 365 days: 29 Feb 2024 is the overdue day, not 1 March
    (date(2024, 2, 29), date(2025, 2, 27), "due"),
    (date(2024, 2, 29), date(2025, 2, 28), "overdue"),  # a year of 365 days after a leap day
    (date(2024, 1, 1), date(2024, 5, 2), "due"),       # 122 days in a leap spring: 1.1. + 122 = 2.5.
    (date(2023, 1, 1), date(2023, 5, 3), "due"),       # ... and 3.5. in an ordinary year
    (date(2023, 1, 1), date(2023, 5, 2), "upcoming"),
])
def test_leap_years_count_days_not_calendar_years(last, today, expected):
    status = cadence.evaluate(today=today, last_counted_on=last, started_on=last, target=3, minimum=1)
    assert status.state == expected


@pytest.mark.parametrize(("utc", "helsinki_date"), [
    (datetime(2025, 3, 29, 21, 59, tzinfo=UTC), date(2025, 3, 29)),  # 23:59 EET, the night clocks go forward
    (datetime(2025, 3, 29, 22, 0, tzinfo=UTC), date(2025, 3, 30)),   # 00:00 EET
    (datetime(2025, 3, 30, 20, 59, tzinfo=UTC), date(2025, 3, 30)),  # 23:59 EEST (UTC+3 from 03:00)
    (datetime(2025, 3, 30, 21, 0, tzinfo=UTC), date(2025, 3, 31)),   # midnight is now at 21:00 UTC
    (datetime(2025, 10, 25, 20, 59, tzinfo=UTC), date(2025, 10, 25)),
    (datetime(2025, 10, 25, 21, 0, tzinfo=UTC), date(2025, 10, 26)),  # summer midnight, the night clocks go back
    (datetime(2025, 10, 26, 21, 59, tzinfo=UTC), date(2025, 10, 26)),  # 23:59 EET again
    (datetime(2025, 10, 26, 22, 0, tzinfo=UTC), date(2025, 10, 27)),
    (datetime(2025, 6, 30, 22, 30), date(2025, 7, 1)),                # naive datetimes are UTC
])
def test_today_is_the_helsinki_date_across_dst_changes(utc, helsinki_date):
    assert local_date(utc) == helsinki_date


def test_a_contact_logged_late_on_dst_night_falls_due_at_helsinki_midnight_not_utc_midnight():
    last = local_date(datetime(2025, 3, 29, 21, 30, tzinfo=UTC))  # 23:30 EET on 29 March
    assert last == date(2025, 3, 29)
    before = local_date(datetime(2025, 7, 28, 20, 59, tzinfo=UTC))  # 23:59 EEST, 28 July: 121 days
    after = local_date(datetime(2025, 7, 28, 21, 0, tzinfo=UTC))  # 00:00 EEST, 29 July: 122 days
    args = {"last_counted_on": last, "started_on": last, "target": 3, "minimum": 2}
    assert cadence.evaluate(today=before, **args).state == "upcoming"
    assert cadence.evaluate(today=after, **args).state == "due"


@pytest.mark.parametrize("status", ["dormant", "do_not_contact"])
def test_paused_statuses_never_fall_due(status):
    result = cadence.evaluate(today=LAST + timedelta(days=1000), last_counted_on=LAST, started_on=LAST, target=3,
                              minimum=2, status=status)
    assert result.state == "paused"


@pytest.mark.parametrize("status", ["prospect", "contacted", "meeting_agreed", "active_partner"])
def test_active_statuses_fall_due(status):
    result = cadence.evaluate(today=LAST + timedelta(days=200), last_counted_on=LAST, started_on=LAST, target=3,
                              minimum=2, status=status)
    assert result.state == "overdue"


@pytest.mark.parametrize(("started_days_ago", "expected"), [(0, "ok"), (121, "upcoming"), (122, "due"),
                                                            (183, "overdue")])
def test_never_contacted_relationships_count_from_their_start(started_days_ago, expected):
    today = date(2025, 6, 1)
    result = cadence.evaluate(today=today, last_counted_on=None, started_on=today - timedelta(days=started_days_ago),
                              target=3, minimum=2)
    assert result.state == expected and result.days_since is None


def test_snooze_hides_until_its_date_then_the_state_returns():
    args = {"due_on": date(2025, 1, 1), "overdue_on": date(2025, 2, 1), "snoozed_until": date(2025, 3, 1)}
    assert cadence.state_of(today=date(2025, 2, 28), **args) == "snoozed"
    assert cadence.state_of(today=date(2025, 3, 1), **args) == "overdue"


def test_minimum_above_target_never_makes_overdue_earlier_than_due():
    due_on, overdue_on = cadence.due_dates(last_counted_on=LAST, started_on=LAST, target=2, minimum=3)
    assert overdue_on == due_on


@pytest.mark.parametrize(("settings", "expected"), [
    ({}, ("call", "visit", "walk_in", "fair", "meeting", "workshop")),
    (None, ("call", "visit", "walk_in", "fair", "meeting", "workshop")),
    ({"counted_channels": ["email", "call", "bogus"]}, ("call", "email")),
    ({"counted_channels": "call"}, ("call", "visit", "walk_in", "fair", "meeting", "workshop")),
    ({"counted_channels": []}, ()),
])
def test_counted_channels_default_to_all_but_email_and_other(settings, expected):
    assert cadence.counted_channels(settings) == expected


def test_channel_lists_agree_with_the_model():
    assert cadence.ALL_CHANNELS == CHANNELS


@pytest.mark.parametrize(("due_on", "done_on", "expected"), [
    (date(2025, 1, 9), None, "overdue"), (date(2025, 1, 10), None, "due"), (date(2025, 1, 11), None, "upcoming"),
    (date(2025, 1, 9), date(2025, 1, 9), "done")])
def test_follow_up_states(due_on, done_on, expected):
    assert cadence.follow_up_state(today=date(2025, 1, 10), due_on=due_on, done_on=done_on) == expected


def test_urgency_orders_overdue_then_due_then_upcoming_then_by_date():
    items = [("upcoming", date(2025, 1, 2), "a"), ("overdue", date(2025, 1, 5), "b"), ("due", date(2025, 1, 1), "c"),
             ("overdue", date(2024, 12, 1), "d")]
    assert [i[2] for i in sorted(items, key=lambda i: cadence.urgency_key(*i))] == ["d", "b", "c", "a"]
