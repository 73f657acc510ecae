"""Hours arithmetic: parsing, the 40 h/week rule, monthly conversion, bundle totals and freed time per role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.ratko.hours import (
    HoursError,
    bundle_summary,
    check_hours,
    freed_time,
    freed_total,
    parse_hours,
    per_week,
)
from app.ratko.models import WEEKS_PER_MONTH


def _task(role, hours, period="week", bundle_id=None, category="extra", qualification=False):
    value = hours / WEEKS_PER_MONTH if period == "month" else hours
    return SimpleNamespace(role=role, hours_per_week=value, bundle_id=bundle_id, category=category,
                           needs_qualification=qualification, collective_agreement=False)


@pytest.mark.parametrize("raw, expected", [("1,5", 1.5), ("1.5", 1.5), (" 2 h ", 2.0), ("", 0.0), (None, 0.0),
                                           (3, 3.0), ("0", 0.0), ("4h/vko", 4.0)])
def test_parse_hours_reads_finnish_and_english_numbers(app, raw, expected):
    assert parse_hours(raw) == expected


@pytest.mark.parametrize("raw", ["kaksi", "1,5,5", "nan", "inf"])
def test_parse_hours_refuses_text(app, raw):
    with pytest.raises(HoursError):
        parse_hours(raw)


def test_monthly_hours_convert_with_52_over_12_weeks():
    assert per_week(52 / 12, "month") == pytest.approx(1.0)
    assert per_week(13, "month") == pytest.approx(3.0)
    assert per_week(13, "week") == 13


@pytest.mark.parametrize("value, period", [(-0.5, "week"), (40.5, "week"), (174, "month")])
def test_negative_or_absurd_hours_are_refused(app, value, period):
    with pytest.raises(HoursError):
        check_hours(value, period)


@pytest.mark.parametrize("value, period", [(0, "week"), (40, "week"), (173, "month")])
def test_plausible_hours_pass(app, value, period):
    check_hours(value, period)


def test_bundle_summary_totals_and_whose_work():
    tasks = [_task("ward nurse", 2), _task("Ward  nurse", 1.5), _task("secretary", 2),
             _task("secretary", 0), _task("ward nurse", 4, category="core", qualification=True)]
    summary = bundle_summary(tasks)
    assert summary.hours == pytest.approx(9.5)
    assert summary.count == 5
    assert [(g.role, g.hours, g.tasks) for g in summary.by_role] == [("ward nurse", 7.5, 3), ("secretary", 2.0, 2)]
    assert summary.core == 1 and summary.qualification == 1


def test_freed_time_per_role_counts_only_carved_hours():
    tasks = [_task("lähihoitaja", 3, bundle_id=1), _task("lähihoitaja", 4), _task("osastonsihteeri", 13, "month",
                                                                                     bundle_id=2),
             _task("sairaanhoitaja", 10)]
    rows = freed_time(tasks)
    assert [(r.role, round(r.inventoried, 2), round(r.carved, 2)) for r in rows] == [
        ("lähihoitaja", 7.0, 3.0), ("osastonsihteeri", 3.0, 3.0), ("sairaanhoitaja", 10.0, 0.0)]
    assert rows[0].share == pytest.approx(3 / 7) and rows[1].share == pytest.approx(1.0)
    assert freed_total(rows) == pytest.approx(6.0)
