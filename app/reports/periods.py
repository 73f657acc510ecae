"""Report periods (pure): a month, quarter, year or custom range of Helsinki calendar dates, the period before it,
its month ends and weeks, and the UTC instants that bound it for timestamp columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.core.dates import HELSINKI

KINDS = ("month", "quarter", "year", "custom")
MAX_CUSTOM_DAYS = 3 * 366


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    return _add_months(day, 1) - timedelta(days=1)


def utc_start(day: date) -> datetime:
    """The naive UTC instant at which `day` begins in Helsinki."""
    return datetime.combine(day, time.min, HELSINKI).astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Period:
    """An inclusive range of Helsinki calendar dates."""

    kind: str
    start: date
    end: date

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        """The month, quarter or year that contains `day`."""
        if kind == "year":
            return cls("year", date(day.year, 1, 1), date(day.year, 12, 31))
        if kind == "quarter":
            first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
            return cls("quarter", first, _add_months(first, 3) - timedelta(days=1))
        return cls("month", _month_start(day), month_end(day))

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        """A custom range (dates swapped when given the wrong way round, at most about three years)."""
        start, end = min(start, end), max(start, end)
        return cls("custom", max(start, end - timedelta(days=MAX_CUSTOM_DAYS)), end)

    @classmethod
    def from_args(cls, args, today: date) -> Period:
        """The period asked for in a query string (?period=quarter&start=2026-04-01[&end=...]); this month else."""
        kind = args.get("period", "month")
        kind = kind if kind in KINDS else "month"
        start, end = _parse(args.get("start")), _parse(args.get("end"))
        if kind == "custom":
            start = start or (today - timedelta(days=29))
            return cls.custom(start, end or today)
        return cls.containing(kind, start or today)

    @property
    def days(self) -> int:
        """Length in days."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before this one (a custom range: the same number of days)."""
        if self.kind == "custom":
            return Period("custom", self.start - timedelta(days=self.days), self.start - timedelta(days=1))
        return Period.containing(self.kind, self.start - timedelta(days=1))

    def following(self) -> Period:
        """The period of the same kind just after this one."""
        if self.kind == "custom":
            return Period("custom", self.end + timedelta(days=1), self.end + timedelta(days=self.days))
        return Period.containing(self.kind, self.end + timedelta(days=1))

    def as_of(self, today: date) -> date:
        """The date a state is read at: the period's end, or today while the period runs."""
        return min(self.end, today)

    def elapsed_days(self, today: date) -> int:
        """Days of the period up to today (all of them once it is over; at least one)."""
        return max(1, (min(self.end, today) - self.start).days + 1)

    def weeks(self, today: date) -> float:
        """Elapsed length in weeks (days / 7)."""
        return self.elapsed_days(today) / 7

    @property
    def utc_bounds(self) -> tuple[datetime, datetime]:
        """Naive UTC [from, to) instants of the period's Helsinki days, for timestamp columns."""
        return utc_start(self.start), utc_start(self.end + timedelta(days=1))

    def args(self) -> dict:
        """Query-string arguments that give this period back."""
        result = {"period": self.kind, "start": self.start.isoformat()}
        if self.kind == "custom":
            result["end"] = self.end.isoformat()
        return result

    def week_starts(self, today: date) -> list[date]:
        """Mondays of the weeks that overlap the elapsed period."""
        first = self.start - timedelta(days=self.start.weekday())
        last = min(self.end, today)
        return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def month_ends(last: date, count: int = 12) -> list[date]:
    """The ends of the `count` months up to the month of `last`; the final one is `last` itself."""
    ends = [month_end(_add_months(last, -n)) for n in range(count - 1, 0, -1)]
    return [*ends, last]


def months_between(start: date, end: date) -> list[date]:
    """First days of the months from the month of `start` to the month of `end`."""
    months, current = [], _month_start(start)
    while current <= end:
        months.append(current)
        current = _add_months(current, 1)
    return months


def _parse(raw: str | None) -> date | None:
    try:
        return date.fromisoformat((raw or "").strip()[:10]) if raw else None
    except ValueError:
        return None
