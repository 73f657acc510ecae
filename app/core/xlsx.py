"""A small, domain-free .xlsx writer on openpyxl's write-only mode: styled frozen header, auto-filter, column
widths, typed dates and numbers, and text cells forced to strings so nothing a user typed becomes a formula
(RELIABILITY.md finding 3)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="12325A")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
MAX_TEXT = 32_767  # Excel's limit for one cell
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One column: its header, width in characters and kind ("text", "date", "datetime", "number", "percent"
    for a share 0..1, "bool")."""

    header: str
    width: int = 18
    kind: str = "text"


@dataclass(frozen=True)
class Typed:
    """A value that brings its own kind, for a column whose rows differ (a summary of counts and shares)."""

    value: object
    kind: str


def text_cell_value(value) -> str:
    """A value as cell text: control characters Excel refuses removed, cut to Excel's cell limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_TEXT]


def _cell(sheet, value, kind: str):
    """A cell for write-only append: a plain value where openpyxl's own cell does the right thing (it reuses one
    cell object per row, so plain values are the fast path), a WriteOnlyCell where the type must be forced."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    if value is None or value == "":
        return None
    if kind == "date" and isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value  # openpyxl formats a date as yyyy-mm-dd
    if kind == "datetime" and isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if kind == "percent" and isinstance(value, int | float) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = PERCENT_FORMAT
        return cell
    if kind == "bool" and isinstance(value, bool):
        return value
    text = text_cell_value(value)
    if not text.startswith("=") and text not in ERROR_CODES:
        return text  # written as an inline string: only "=..." would become a formula, "#N/A" an error cell
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # never a formula or an error, whatever the text is
    return cell


def add_sheet(workbook: Workbook, *, title: str, columns: Sequence[Column], rows: Iterable[Sequence]) -> None:
    """Append a sheet: header row (bold, filled, frozen, filtered), then one row per item of `rows`."""
    sheet = workbook.create_sheet(title=text_cell_value(title)[:31] or "Sheet")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(columns)))
    count = 0
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=text_cell_value(column.header))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(vertical="top")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value, column.kind) for value, column in zip(row, columns, strict=False)])
        count += 1
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Column], Iterable[Sequence]]]) -> bytes:
    """Write sheets of (title, columns, rows) to an .xlsx file in memory and return its bytes."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        add_sheet(workbook, title=title, columns=columns, rows=rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> Response:
    """An .xlsx download: an attachment named `filename` (any letters: RFC 6266 filename*), never cached."""
    return send_file(io.BytesIO(content), mimetype=XLSX_MIME, as_attachment=True, download_name=filename, max_age=0)
