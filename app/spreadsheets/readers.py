"""Read a checked upload into plain rows of text. pandas stays inside this module (STYLE.md 3.4).

Always `dtype=str, keep_default_na=False, na_filter=False` (RELIABILITY.md finding 4): "NA", "None", "0401234567"
and "+358..." arrive exactly as typed. A formula cell gives its cached value; nothing is evaluated.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from app.spreadsheets import files
from app.spreadsheets.files import HEAD_ROWS, Limits, SheetInfo
from app.spreadsheets.mapping import header_score
from app.spreadsheets.messages import FileProblem

HEADER_SEARCH_ROWS = 15
SAMPLE_EXTRA = 10
DELIMITERS = {";": "semicolon", ",": "comma", "\t": "tab"}


@dataclass
class Table:
    """A sheet read as text: header cells and data rows with their row numbers in the file (1-based)."""

    kind: str
    sheet_names: list[str]
    sheet_name: str | None
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    notices: list[dict] = field(default_factory=list)
    data_rows: int = 0  # non-empty rows under the header in the whole sheet (a sample holds fewer in `rows`)


def inspect_file(content: bytes, file_name: str, limits: Limits) -> tuple[str, list[SheetInfo]]:
    """Check the bytes (kind, zip guards) and list the sheets; raises FileProblem."""
    kind = files.detect_kind(content, file_name)
    if kind == "xlsx":
        try:
            archive = files.check_zip(content, limits)
        except (OSError, ValueError):
            raise FileProblem("corrupt") from None
        return kind, files.workbook_sheets(archive)
    if kind == "xls":
        return kind, _xls_sheets(content)
    return kind, []


def _xls_sheets(content: bytes) -> list[SheetInfo]:
    try:
        book = pd.ExcelFile(io.BytesIO(content), engine="calamine")
        metadata = book.book.sheets_metadata
    except Exception as error:  # noqa: BLE001 - calamine raises many kinds for damaged or encrypted files
        raise FileProblem("encrypted" if "Password" in type(error).__name__ else "corrupt") from None
    return [SheetInfo(name=m.name, hidden="Visible" not in str(m.visible)) for m in metadata
            if "WorkSheet" in str(m.typ)]


def read_table(content: bytes, file_name: str, limits: Limits, *, sheet: str | None = None,
               header_row: int | None = None, sample: bool = False, scan: bool = True) -> Table:
    """Read one sheet (the first visible one with data by default) or the CSV into a Table; raises FileProblem.

    `sample` reads only the first rows (enough to find the header and check there is data: the upload request);
    `scan=False` skips the streaming scan of an xlsx sheet (the staging job, for bytes the upload already checked).
    """
    kind, sheets = inspect_file(content, file_name, limits)
    notices: list[dict] = []
    nrows = HEADER_SEARCH_ROWS + SAMPLE_EXTRA if sample and kind != "xls" else None  # .xls: no scan to count
    if kind == "csv":
        grid, csv_notices = _read_csv(content, limits, nrows)
        notices += csv_notices
        return _table(kind, [], None, grid, header_row, notices, limits, complete=nrows is None)
    visible = [s for s in sheets if not s.hidden] or sheets
    if not visible:
        raise FileProblem("no_sheets")
    hidden = [s.name for s in sheets if s.hidden and s in sheets and s not in visible]
    if hidden:
        notices.append({"code": "hidden_sheets", "params": {"names": ", ".join(hidden)}})
    names = [s.name for s in visible]
    if sheet is not None and sheet not in names:
        raise FileProblem("no_sheet", name=sheet)
    candidates = [next(s for s in visible if s.name == sheet)] if sheet else visible
    for index, info in enumerate(candidates):
        grid, sheet_notices = _read_sheet(content, kind, info, limits, nrows, scan)
        if any(any(cell.strip() for cell in row) for row in grid) or index == len(candidates) - 1:
            return _table(kind, names, info.name, grid, header_row, notices + sheet_notices, limits,
                          complete=nrows is None or len(grid) < nrows)
    raise FileProblem("empty_sheet")  # pragma: no cover - the loop always returns


def _read_sheet(content: bytes, kind: str, info: SheetInfo, limits: Limits, nrows: int | None,
                scan: bool) -> tuple[list[list[str]], list[dict]]:
    notices = []
    if kind == "xlsx" and info.part and scan:
        found = files.scan_sheet(files.check_zip(content, limits), info.part, limits)
        if found.formula_cells:
            rows = ", ".join(str(r) for r in found.formula_rows[:10]) + ("…" if len(found.formula_rows) > 10 else "")
            notices.append({"code": "formulas", "params": {"count": found.formula_cells, "rows": rows}})
        if found.merged:
            notices.append({"code": "merged", "params": {"ranges": ", ".join(found.merged[:5])}})
        notices.append({"code": "_rows", "params": {"count": found.rows, "head": found.head_rows}})  # for _table
    try:
        frame = pd.read_excel(io.BytesIO(content), sheet_name=info.name, engine="calamine", header=None, dtype=str,
                              keep_default_na=False, na_filter=False, nrows=nrows or limits.max_rows + 60)
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure is a damaged file for the user
        raise FileProblem("encrypted" if "Password" in type(error).__name__ else "corrupt") from None
    return _grid(frame, limits), notices


def _grid(frame: pd.DataFrame, limits: Limits) -> list[list[str]]:
    if frame.shape[0] > limits.max_rows + 50:
        raise FileProblem("too_many_rows", limit=limits.max_rows)
    if frame.shape[1] > limits.max_columns:
        raise FileProblem("too_many_columns", count=frame.shape[1], limit=limits.max_columns)
    return [[_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "" if text == "nan" and not isinstance(value, str) else text


def _decode(content: bytes) -> tuple[str, list[dict]]:
    if content.startswith(files.UTF16_BOMS):  # Excel's "Unicode text"
        try:
            return content.decode("utf-16"), []
        except UnicodeDecodeError:
            raise FileProblem("not_text") from None
    try:
        return content.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), [{"code": "cp1252", "params": {}}]


def sniff_delimiter(text: str) -> str:
    """The separator (semicolon, comma or tab) that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ";", (-1, -1)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        common = Counter(c for c in counts if c > 1).most_common(1)
        if not common:
            continue
        width, agreeing = common[0]
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(content: bytes, limits: Limits, nrows: int | None) -> tuple[list[list[str]], list[dict]]:
    text, notices = _decode(content)
    if "\x00" in text:
        raise FileProblem("not_text")
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    if lines > 2 * (limits.max_rows + 60):
        raise FileProblem("too_many_rows", limit=limits.max_rows)
    delimiter = sniff_delimiter(text)
    notices.append({"code": "delimiter", "params": {"name": DELIMITERS[delimiter]}})
    if nrows:  # a sample: count the records with data in the whole file (the csv module is quick)
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        filled = sum(1 for record in records if any(cell.strip() for cell in record))
        notices.append({"code": "_rows", "params": {"filled": filled}})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    width = max((len(r) for _n, r in zip(range(nrows or lines + 1), reader, strict=False)), default=1)
    if width > limits.max_columns:
        raise FileProblem("too_many_columns", count=width, limit=limits.max_columns)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=list(range(max(width, 1))),
                            dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False,
                            nrows=nrows or limits.max_rows + 60, engine="c")
    except pd.errors.ParserError as error:
        found = re.search(r"line (\d+)", str(error))
        raise FileProblem("csv_ragged", row=found.group(1) if found else "?") from None
    except (pd.errors.EmptyDataError, ValueError):
        raise FileProblem("empty_file") from None
    return _grid(frame, limits), notices


def _table(kind: str, sheet_names: list[str], sheet_name: str | None, grid: list[list[str]],
           header_row: int | None, notices: list[dict], limits: Limits, *, complete: bool) -> Table:
    if not any(any(cell.strip() for cell in row) for row in grid):
        raise FileProblem("empty_sheet")
    index = header_row - 1 if header_row else find_header(grid)
    if index < 0 or index >= len(grid):
        raise FileProblem("no_header", rows=HEADER_SEARCH_ROWS)
    counted = next((n["params"] for n in notices if n["code"] == "_rows"), {})
    notices = [n for n in notices if n["code"] != "_rows"]
    if index > 0:
        notices.append({"code": "title_rows", "params": {"row": index + 1}})
    headers = [cell.strip() for cell in grid[index]]
    rows = [(number + 1, row) for number, row in enumerate(grid) if number > index and any(c.strip() for c in row)]
    width = max(_last_filled(headers), max((_last_filled(row) for _, row in rows), default=0))
    headers = (headers + [""] * width)[:width]
    rows = [(number, (row + [""] * width)[:width]) for number, row in rows]
    if not rows:
        raise FileProblem("header_only")
    if len(rows) > limits.max_rows:
        raise FileProblem("too_many_rows", limit=limits.max_rows)
    data_rows = len(rows) if complete else _rows_below(grid, index, counted, len(rows))
    return Table(kind=kind, sheet_names=sheet_names, sheet_name=sheet_name, header_row=index + 1, headers=headers,
                 rows=rows, notices=notices, data_rows=data_rows)


def _rows_below(grid: list[list[str]], index: int, counted: dict, sampled: int) -> int:
    """Data rows of a sheet read in part: the rows the scan counted less those at or above the header.

    An xlsx stores only rows with something in them (a blank row above the header is absent, not empty), so the
    rows above the header are counted by their numbers; a CSV counts the records with data."""
    if "filled" in counted:
        above = sum(1 for row in grid[:index + 1] if any(cell.strip() for cell in row))
        return max(sampled, counted["filled"] - above)
    if "count" in counted:
        head = counted.get("head") or []
        covered = len(head) < HEAD_ROWS or head[-1] > index + 1
        above = sum(1 for number in head if number <= index + 1) if covered else index + 1
        return max(sampled, counted["count"] - above)
    return sampled


def _last_filled(row: list[str]) -> int:
    for position in range(len(row), 0, -1):
        if row[position - 1].strip():
            return position
    return 0


def find_header(grid: list[list[str]]) -> int:
    """Index of the header row within the first rows: the one most like known headers, else the first full row."""
    best, best_score = -1, (0, 0)
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        filled = [cell for cell in row if cell.strip()]
        if len(filled) < 2 and not (len(grid) > index + 1 and len(filled) == 1 and header_score(filled)):
            continue
        known = header_score(filled)
        texts = sum(1 for cell in filled if not re.fullmatch(r"[\d\s.,+:-]+", cell))
        score = (known, texts if known else len(filled))
        if score > best_score:
            best, best_score = index, score
    return best
