"""Geometry of the report charts (pure): horizontal bars, lines and a funnel, drawn as SVG by `reports/_chart.html`.

Every chart has its table next to it. Meaning never rests on colour alone: the previous period is a hatched bar or a
dashed line with square markers, values are written as text, and the view box is narrow enough (320 units, scaled
to the width) that a 375-px phone shows it whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from app.reports.tables import SMALL

WIDTH = 320
LEFT = 8
BAR_AREA = 250
BAR_ROW = 44
BAR_HEIGHT = 11
LINE_HEIGHT = 190
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 16, 150, 34, 298


def _number(value) -> float:
    return 0.0 if value is None or value is SMALL else float(value)


def _label(value, kind: str = "int") -> str:
    if value is SMALL:
        return "< 5"
    if value is None:
        return "–"
    if kind == "pct":
        return f"{round(value * 100)} %"
    if kind == "num":
        return f"{value:.1f}".replace(".0", "") if float(value).is_integer() else f"{value:.1f}"
    return f"{int(round(value))}"


def nice_max(value: float) -> float:
    """A round upper bound for an axis (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


@dataclass(frozen=True)
class Bar:
    """One bar: series index, position, length and the value written after it."""

    series: int
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class BarRow:
    """A category with its label and bars."""

    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one row per category, one bar per series."""

    title: Any
    series: tuple[Any, ...]
    rows: tuple[BarRow, ...]
    height: float
    kind: str = "bars"
    width: int = WIDTH


def bar_chart(title, categories: list[tuple[str, list]], series: list, *, kind: str = "int") -> BarChart:
    """Bars for [(label, [value per series])]; the longest bar spans the drawing area."""
    top = max([_number(v) for _label_text, values in categories for v in values] or [0])
    scale = BAR_AREA / nice_max(top) if top else 0
    rows, y = [], 4.0
    for label, values in categories:
        bars = []
        for index, value in enumerate(values):
            bar_y = y + 16 + index * (BAR_HEIGHT + 3)
            length = _number(value) * scale
            bars.append(Bar(index, LEFT, bar_y, max(length, 1.0 if value not in (None, 0, SMALL) else 0.0),
                            BAR_HEIGHT, _label(value, kind), LEFT + length + 4, bar_y + BAR_HEIGHT - 1))
        rows.append(BarRow(str(label), y + 11, tuple(bars)))
        y += 16 + len(values) * (BAR_HEIGHT + 3) + 8
    return BarChart(title, tuple(series), tuple(rows), y + 2)


@dataclass(frozen=True)
class Point:
    """A point of a line with its value text (for the tooltip title)."""

    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Line:
    """One series: its points and an SVG path."""

    series: int
    label: Any
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        """The polyline's points attribute."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis."""

    position: float
    text: str


@dataclass(frozen=True)
class LineChart:
    """Lines over labelled x positions, with an optional reference line (e.g. the IPS figure)."""

    title: Any
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    reference: Tick | None = None
    reference_label: Any = None
    kind: str = "line"
    width: int = WIDTH
    height: int = LINE_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM


def line_chart(title, labels: list[str], series: list[tuple[Any, list]], *, reference: float | None = None,
               reference_label=None, kind: str = "int") -> LineChart:
    """Lines for [(series label, [value per x label])] over `labels`."""
    values = [_number(v) for _name, vs in series for v in vs] + [reference or 0]
    top = nice_max(max(values or [0]))
    span_x = (PLOT_RIGHT - PLOT_LEFT) / max(1, len(labels) - 1)

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top

    lines = tuple(Line(index, name, tuple(Point(PLOT_LEFT + i * span_x, y_of(_number(v)), _label(v, kind))
                                          for i, v in enumerate(vs) if v is not None and v is not SMALL))
                  for index, (name, vs) in enumerate(series))
    every = max(1, math.ceil(len(labels) / 6))
    last = len(labels) - 1
    x_ticks = tuple(Tick(PLOT_LEFT + i * span_x, text) for i, text in enumerate(labels)
                    if i == last or (i % every == 0 and last - i >= max(2, every * 0.6)))
    y_ticks = tuple(Tick(y_of(top * f), _label(top * f, "num" if kind != "pct" else kind)) for f in (0, .5, 1))
    ref = Tick(y_of(reference), _label(reference, "num")) if reference is not None else None
    return LineChart(title, lines, x_ticks, y_ticks, ref, reference_label)


@dataclass(frozen=True)
class Stage:
    """One step of a funnel: a centred bar whose width is its share of the first step."""

    label: str
    value_text: str
    x: float
    y: float
    width: float
    label_y: float


@dataclass(frozen=True)
class Funnel:
    """Stages from the widest to the narrowest."""

    title: Any
    stages: tuple[Stage, ...] = field(default_factory=tuple)
    height: float = 0
    kind: str = "funnel"
    width: int = WIDTH
    bar_height: int = 16


def funnel(title, stages: list[tuple[str, Any]]) -> Funnel:
    """A funnel of [(label, value)]; every stage keeps a sliver so a zero still shows."""
    top = max([_number(v) for _l, v in stages] or [0]) or 1.0
    result, y = [], 2.0
    for label, value in stages:
        width = max(4.0, (WIDTH - 2 * LEFT) * _number(value) / top)
        result.append(Stage(str(label), _label(value), (WIDTH - width) / 2, y + 16, width, y + 12))
        y += 40
    return Funnel(title, tuple(result), y + 2)
