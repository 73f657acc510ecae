"""What a report is made of (pure): headline figures with the previous period's value, tables with typed columns,
and the small-count protection of figures about people.

A figure about people (placements, seekers, retention) from fewer than five persons is never shown in the network
view: the value becomes ``SMALL`` (rendered "< 5", written as that text in exports, so the number never leaves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SMALL_LIMIT = 5


class _Small:
    """The marker of a protected small count."""

    def __repr__(self) -> str:
        return "SMALL"

    def __str__(self) -> str:
        return "< 5"


SMALL = _Small()


def is_small(persons: int | None) -> bool:
    """Whether a count of persons is too small to show (1-4; zero is shown)."""
    return persons is not None and 0 < persons < SMALL_LIMIT


def protect(value, persons: int | None, *, network: bool):
    """`value` unless this is the network view and it rests on 1-4 persons."""
    return SMALL if network and is_small(persons) else value


def protect_with_total(values: list, *, network: bool) -> list:
    """Protect a row of person counts whose total is shown too: 1-4 become SMALL, and when only one cell was
    protected the smallest other non-zero cell is protected as well, so the total cannot give it away."""
    if not network:
        return list(values)
    result = [SMALL if is_small(v) else v for v in values]
    hidden = [i for i, v in enumerate(result) if v is SMALL]
    if len(hidden) == 1:
        others = [(v, i) for i, v in enumerate(values) if i not in hidden and v]
        if others:
            result[min(others)[1]] = SMALL
    return result


def ratio(part, whole) -> float | None:
    """part / whole, or None when there is no whole (or a part is protected)."""
    if part is SMALL or whole is SMALL or not whole:
        return None
    return (part or 0) / whole


@dataclass(frozen=True)
class Col:
    """A column: header and kind ("text", "int", "num" for one decimal, "pct" for a share 0..1)."""

    label: Any
    kind: str = "int"


@dataclass
class Table:
    """A table of a report, shown beside its chart and exported as one sheet."""

    key: str
    title: Any
    columns: list[Col]
    rows: list[list] = field(default_factory=list)
    note: Any = None

    @property
    def empty(self) -> bool:
        """No rows."""
        return not self.rows


@dataclass
class Figure:
    """A headline number with the previous period's value; `better` says which way is good ("up", "down", "")."""

    label: Any
    value: Any
    previous: Any = None
    kind: str = "int"
    better: str = "up"
    note: Any = None

    @property
    def change(self):
        """value - previous, or None when either is missing or protected."""
        if self.value is None or self.previous is None or SMALL in (self.value, self.previous):
            return None
        return self.value - self.previous

    @property
    def trend(self) -> str:
        """"better", "worse" or "same" (for the arrow and its words)."""
        change = self.change
        if not change or not self.better:
            return "same"
        return "better" if (change > 0) == (self.better == "up") else "worse"


@dataclass
class Section:
    """A titled part of a report: a chart (optional) and the table it draws."""

    title: Any
    table: Table
    chart: Any = None
    intro: Any = None


@dataclass
class Report:
    """One report for one scope and period."""

    name: str
    title: Any
    figures: list[Figure] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        """Every table, in page order (the export's sheets)."""
        return [section.table for section in self.sections]
