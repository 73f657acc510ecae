"""Geometry of the comparison chart: one small SVG per catalogue group, drawn by `profiles/_chart.html`.

Each item is a row: its name on the first line; below it the demand as a hatched bar and the ability as a solid bar
on the same 0-5 scale, with the shortfall of a gap outlined by a dashed box and the status written as a word. Meaning
never depends on colour, so the chart reads the same printed in grayscale. Rows stack vertically, so a group fits a
375-px-wide phone without sideways scrolling.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.profiles.comparison import Comparison

WIDTH = 320
SCALE_X = 8
UNIT = 38  # width of one scale step
ROW_HEIGHT = 50
TOP = 22  # room for the tick numbers
BAR_HEIGHT = 9
STATUS_X = SCALE_X + 5 * UNIT + 10


@dataclass(frozen=True)
class ChartRow:
    """One item of a group chart, with its coordinates."""

    item_id: int
    label: str
    key: bool
    status: str
    demand: int | None
    ability: int | None
    difference: int | None
    y: int

    @property
    def label_y(self) -> int:
        """Baseline of the item name."""
        return self.y + 14

    @property
    def demand_y(self) -> int:
        """Top of the demand bar."""
        return self.y + 20

    @property
    def ability_y(self) -> int:
        """Top of the ability bar."""
        return self.y + 32

    @property
    def demand_width(self) -> int:
        """Length of the demand bar."""
        return (self.demand or 0) * UNIT

    @property
    def ability_width(self) -> int:
        """Length of the ability bar."""
        return (self.ability or 0) * UNIT

    @property
    def shortfall_x(self) -> int:
        """Where the dashed shortfall box starts (end of the ability bar)."""
        return SCALE_X + (self.ability or 0) * UNIT

    @property
    def shortfall_width(self) -> int:
        """Width of the shortfall box (0 unless a gap)."""
        if self.status != "gap":
            return 0
        return ((self.demand or 0) - (self.ability or 0)) * UNIT


@dataclass(frozen=True)
class ChartGroup:
    """One group's chart."""

    code: str
    name: str
    rows: tuple[ChartRow, ...]
    hidden: int  # items of the group the bundle does not demand

    @property
    def height(self) -> int:
        """Height of the SVG."""
        return TOP + len(self.rows) * ROW_HEIGHT + 4

    @property
    def ticks(self) -> list[tuple[int, int]]:
        """(x, level) of the scale's grid lines."""
        return [(SCALE_X + n * UNIT, n) for n in range(6)]

    @property
    def width(self) -> int:
        """Width of the SVG's view box."""
        return WIDTH

    @property
    def status_x(self) -> int:
        """Where the status words start."""
        return STATUS_X

    @property
    def grid_bottom(self) -> int:
        """Lower end of the grid lines."""
        return self.height - 4


def chart_groups(grouped_items, comparison: Comparison, *, include_not_required: bool = False) -> list[ChartGroup]:
    """Chart groups for `grouped_items` ([(group, [item, ...])]); items the bundle does not demand are left out."""
    result = []
    for group, items in grouped_items:
        rows, hidden = [], 0
        for item in items:
            r = comparison.result(item.id)
            if r is None or (r.status == "not_required" and not include_not_required):
                hidden += 1
                continue
            rows.append(ChartRow(item_id=item.id, label=item.name(), key=r.key, status=r.status, demand=r.demand,
                                 ability=r.ability, difference=r.difference, y=TOP + len(rows) * ROW_HEIGHT))
        if rows:
            result.append(ChartGroup(code=group.code, name=group.name(), rows=tuple(rows), hidden=hidden))
    return result
