"""The import's date parsing, property-based: a date written as d.m.yyyy, dd.mm.yyyy, d.m.yy, ISO (with or without a
time) or as an Excel serial number reads back as the same date."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.spreadsheets.values import EXCEL_EPOCH, parse_date

DATES = st.dates(min_value=date(1928, 1, 1), max_value=date(2099, 12, 31))  # Excel serials 10 000-80 000


def writings(d: date) -> list[str]:
    """The ways a spreadsheet holds the date `d`."""
    serial = (d - EXCEL_EPOCH).days
    result = [f"{d.day}.{d.month}.{d.year}", d.strftime("%d.%m.%Y"), d.isoformat(), f"{d.isoformat()} 00:00:00",
              f"{d.isoformat()}T12:30", f"{d.day}.{d.month}.{d.year} klo 9.15", str(serial), f"{serial}.0",
              f"{serial}.5", f" {d.isoformat()} "]
    if 1970 <= d.year <= 2069:
        result.append(f"{d.day}.{d.month}.{d.year % 100:02d}")
    return result


@settings(max_examples=150, deadline=None)
@given(DATES)
def test_every_writing_of_a_date_reads_back_as_that_date(d):
    found = {text: parse_date(text) for text in writings(d)}
    assert found == dict.fromkeys(found, d)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1928, max_value=2099))
def test_a_day_month_year_is_a_date_exactly_when_the_calendar_has_it(day, month, year):
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    assert parse_date(f"{day}.{month}.{year}") == expected
    assert parse_date(f"{year}-{month:02d}-{day:02d}") == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=16))
def test_anything_else_gives_a_date_or_none_never_an_error(text):
    assert parse_date(text) is None or isinstance(parse_date(text), date)
