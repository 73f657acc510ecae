"""A report as an .xlsx workbook: a summary sheet of the headline figures, then one sheet per table. Numbers are
numbers, shares are percentages, protected small counts are the text "< 5" (the number never leaves)."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.i18n import fmt_date
from app.core.xlsx import Column, Typed, workbook_bytes
from app.reports.periods import Period
from app.reports.tables import SMALL, Report

KINDS = {"text": "text", "int": "number", "num": "number", "pct": "percent", "date": "date"}


def _value(value, kind: str):
    if value is SMALL:
        return "< 5"
    if kind == "num" and isinstance(value, float):
        return round(value, 2)
    return value


def report_workbook(report: Report, period: Period, scope_label: str) -> bytes:
    """The .xlsx bytes of a report."""
    previous = period.previous()
    summary_columns = [Column(_("Figure"), 44), Column(_("This period"), 16, "number"),
                       Column(_("Previous period"), 16, "number"), Column(_("Difference"), 14, "number")]
    pct_rows = [[str(f.label), *(Typed(_value(v, f.kind), KINDS.get(f.kind, "number"))
                                 for v in (f.value, f.previous, f.change))] for f in report.figures]
    sheets = [(_("Summary"), summary_columns, [
        [str(report.title)], [scope_label],
        [_("%(start)s–%(end)s compared with %(previous_start)s–%(previous_end)s", start=fmt_date(period.start),
           end=fmt_date(period.end), previous_start=fmt_date(previous.start), previous_end=fmt_date(previous.end))],
        [], *pct_rows, [], *([str(note)] for note in report.notes)])]
    for index, table in enumerate(report.tables, start=1):
        columns = [Column(str(c.label), 34 if c.kind == "text" else 16, KINDS.get(c.kind, "number"))
                   for c in table.columns]
        rows = [[_value(v, c.kind) for v, c in zip(row, table.columns, strict=False)] for row in table.rows]
        sheets.append((f"{index} {table.title}"[:31], columns, rows))
    return workbook_bytes(sheets)
