"""Periods, Helsinki days of UTC timestamps in SQL, small-count protection and chart geometry (pure parts)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from werkzeug.datastructures import MultiDict

from app.reports import charts
from app.reports.periods import Period, month_ends
from app.reports.tables import SMALL, protect, protect_with_total


def test_month_quarter_year_and_the_period_before():
    day = date(2026, 2, 14)
    assert Period.containing("month", day) == Period("month", date(2026, 2, 1), date(2026, 2, 28))
    assert Period.containing("month", day).previous() == Period("month", date(2026, 1, 1), date(2026, 1, 31))
    assert Period.containing("quarter", day) == Period("quarter", date(2026, 1, 1), date(2026, 3, 31))
    assert Period.containing("quarter", day).previous() == Period("quarter", date(2025, 10, 1), date(2025, 12, 31))
    assert Period.containing("year", day).previous() == Period("year", date(2025, 1, 1), date(2025, 12, 31))
    custom = Period.custom(date(2026, 3, 10), date(2026, 3, 1))
    assert (custom.start, custom.end, custom.days) == (date(2026, 3, 1), date(2026, 3, 10), 10)
    assert custom.previous() == Period("custom", date(2026, 2, 19), date(2026, 2, 28))
    assert Period.containing("month", date(2024, 3, 5)).previous().end == date(2024, 2, 29)


def test_period_from_a_query_string_never_fails():
    today = date(2026, 5, 20)
    assert Period.from_args(MultiDict(), today) == Period.containing("month", today)
    assert Period.from_args(MultiDict({"period": "quarter", "start": "2025-11-30"}), today).start == date(2025, 10, 1)
    assert Period.from_args(MultiDict({"period": "bogus", "start": "not a date"}), today).kind == "month"
    custom = Period.from_args(MultiDict({"period": "custom", "start": "2026-01-01", "end": "2026-01-14"}), today)
    assert (custom.start, custom.end) == (date(2026, 1, 1), date(2026, 1, 14))


def test_helsinki_bounds_in_utc_in_winter_and_summer():
    winter, summer = Period.containing("month", date(2026, 1, 5)), Period.containing("month", date(2026, 6, 5))
    assert winter.utc_bounds == (datetime(2025, 12, 31, 22), datetime(2026, 1, 31, 22))
    assert summer.utc_bounds == (datetime(2026, 5, 31, 21), datetime(2026, 6, 30, 21))


def test_running_periods_are_read_up_to_today():
    period, today = Period.containing("month", date(2026, 6, 1)), date(2026, 6, 10)
    assert period.as_of(today) == today and period.elapsed_days(today) == 10
    assert period.week_starts(today) == [date(2026, 6, 1), date(2026, 6, 8)]
    assert month_ends(date(2026, 6, 10), 3) == [date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 10)]


@pytest.mark.parametrize(("stamp", "expected"), [
    (datetime(2026, 1, 31, 21, 59), date(2026, 1, 31)), (datetime(2026, 1, 31, 22, 0), date(2026, 2, 1)),
    (datetime(2026, 6, 30, 20, 59), date(2026, 6, 30)), (datetime(2026, 6, 30, 21, 0), date(2026, 7, 1)),
    (datetime(2026, 3, 29, 0, 59), date(2026, 3, 29)),  # summer time begins at 01:00 UTC on the last Sunday
    (datetime(2026, 3, 28, 22, 0), date(2026, 3, 29)), (datetime(2026, 10, 24, 21, 0), date(2026, 10, 25)),
    (datetime(2026, 10, 25, 21, 30), date(2026, 10, 25)),  # winter time again: +2
])
def test_the_sql_helsinki_day_of_a_timestamp(app, stamp, expected):
    from sqlalchemy import literal, select

    from app.extensions import db
    from app.reports.selectors.common import local_day

    with app.app_context():
        value = db.session.scalar(select(local_day(literal(stamp))))
    assert (value if isinstance(value, date) else date.fromisoformat(value)) == expected


def test_small_counts_and_the_cell_a_total_would_give_away():
    assert protect(4, 4, network=True) is SMALL and protect(4, 4, network=False) == 4
    assert protect(0, 0, network=True) == 0 and protect(7, 5, network=True) == 7
    assert protect_with_total([3, 8, 6], network=True) == [SMALL, 8, SMALL]
    assert protect_with_total([3, 2, 9], network=True) == [SMALL, SMALL, 9]
    assert protect_with_total([3, 0, 0], network=True) == [SMALL, 0, 0]
    assert protect_with_total([3, 8], network=False) == [3, 8]


def test_chart_geometry_fits_the_phone_view_box():
    bars = charts.bar_chart("t", [("a", [10, 5]), ("b", [SMALL, 0])], ["now", "before"])
    longest = max(bar.x + bar.width for row in bars.rows for bar in row.bars)
    assert longest <= charts.WIDTH and bars.rows[1].bars[0].text == "< 5"
    line = charts.line_chart("t", ["1", "2", "3"], [("s", [1, 2, 3])], reference=6)
    assert all(charts.PLOT_TOP <= p.y <= charts.PLOT_BOTTOM for p in line.lines[0].points)
    assert line.reference.position < line.lines[0].points[-1].y  # 6 is above 3
    funnel = charts.funnel("t", [("a", 10), ("b", 5), ("c", 0)])
    assert funnel.stages[1].width == pytest.approx(funnel.stages[0].width / 2) and funnel.stages[2].width > 0
