"""What an uploaded file really is, checked by its bytes before any parser sees it (RELIABILITY.md F1-F3).

Zip-bomb guards work on the declared sizes in the zip directory; the sheet scan streams the XML in small chunks and
finds the real extent of the data (the `<dimension>` element may lie), formula cells and merged ranges.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import join, normpath

from defusedxml import ElementTree

from app.spreadsheets.messages import FileProblem

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CHUNK = 1 << 20
HEAD_ROWS = 60  # row numbers kept from the top of a sheet (the header is looked for in the first 15, chosen <= 50)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})\d+"[^>]*?(?<!/)>')
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?<!/)>")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z0-9:]+)"')


@dataclass
class Limits:
    """Caps applied before and while parsing."""

    max_rows: int = 100_000
    max_columns: int = 100
    max_uncompressed: int = 100 * 1024 * 1024
    max_members: int = 100
    max_ratio: int = 100


@dataclass
class SheetInfo:
    """A worksheet of a workbook: its name, whether it is hidden, and its part in the zip (xlsx)."""

    name: str
    hidden: bool = False
    part: str | None = None


@dataclass
class SheetScan:
    """What a streaming pass over a sheet's XML found."""

    rows: int = 0
    head_rows: list[int] = field(default_factory=list)  # numbers of the first rows present (rows above a header)
    max_row: int = 0
    max_column: int = 0
    formula_rows: list[int] = field(default_factory=list)
    formula_cells: int = 0
    merged: list[str] = field(default_factory=list)


def detect_kind(content: bytes, file_name: str = "") -> str:
    """"xlsx", "xls" or "csv" by the file's bytes; raises FileProblem for anything else."""
    if not content:
        raise FileProblem("empty_file")
    if content.startswith(b"%PDF"):
        raise FileProblem("pdf")
    if content.startswith(UTF16_BOMS):  # Excel's "Unicode text": tab-separated UTF-16 with a byte-order mark
        return "csv"
    if content.startswith(OLE2):
        if any(marker in content for marker in ENCRYPTED_MARKERS):
            raise FileProblem("encrypted")
        return "xls"
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(content)
    head = content[:8192]
    if b"\x00" in head.replace(b"\x00\x00", b"") or _looks_binary(head):
        raise FileProblem("not_spreadsheet")
    return "csv"


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 50 + 1


def _zip_kind(content: bytes) -> str:
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem("not_spreadsheet") from None
    if "xl/vbaProject.bin" in names or any(n.lower().endswith(".bin") and n.startswith("xl/") for n in names):
        raise FileProblem("macros")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            raise FileProblem("ods")
        if "word/document.xml" in names or "ppt/presentation.xml" in names or "mimetype" in names:
            raise FileProblem("other_office")
        raise FileProblem("not_spreadsheet")
    if b"macroEnabled" in archive.read("[Content_Types].xml"):
        raise FileProblem("macros")
    return "xlsx"


def check_zip(content: bytes, limits: Limits) -> zipfile.ZipFile:
    """Refuse zip bombs by the directory's declared sizes, member count and compression ratio."""
    archive = zipfile.ZipFile(BytesIO(content))
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise FileProblem("zip_members", count=len(members))
    total = sum(m.file_size for m in members)
    limit_mb = limits.max_uncompressed // (1024 * 1024)
    if total > limits.max_uncompressed:
        raise FileProblem("zip_bomb", limit=limit_mb)
    for member in members:
        if member.file_size > CHUNK and member.file_size > limits.max_ratio * max(member.compress_size, 1):
            raise FileProblem("zip_bomb", limit=limit_mb)
    return archive


def workbook_sheets(archive: zipfile.ZipFile) -> list[SheetInfo]:
    """The worksheets of an xlsx in workbook order, with their zip parts."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        targets = {}
        if "xl/_rels/workbook.xml.rels" in archive.namelist():
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
                targets[rel.get("Id")] = path
    except (ElementTree.ParseError, ValueError, KeyError) as error:
        if "DTD" in type(error).__name__ or "Entities" in type(error).__name__:
            raise FileProblem("unsafe_xml") from None
        raise FileProblem("corrupt") from None
    except Exception as error:  # defusedxml raises its own DTDForbidden/EntitiesForbidden
        if type(error).__module__.startswith("defusedxml"):
            raise FileProblem("unsafe_xml") from None
        raise
    sheets = []
    for sheet in workbook.iter(f"{MAIN_NS}sheet"):
        sheets.append(SheetInfo(name=sheet.get("name", ""), hidden=sheet.get("state", "visible") != "visible",
                                part=targets.get(sheet.get(f"{REL_NS}id"))))
    return sheets


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def scan_sheet(archive: zipfile.ZipFile, part: str, limits: Limits) -> SheetScan:
    """Stream a worksheet's XML: real row and column extent, formula cells, merged ranges; stop early past a cap."""
    scan = SheetScan()
    if part not in archive.namelist():
        raise FileProblem("corrupt")
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            _scan_chunk(scan, data)
            if scan.max_row > limits.max_rows + 50 or scan.rows > limits.max_rows + 50:
                raise FileProblem("too_many_rows", limit=limits.max_rows)
            if scan.max_column > limits.max_columns:
                raise FileProblem("too_many_columns", count=scan.max_column, limit=limits.max_columns)
    return scan


def _scan_chunk(scan: SheetScan, data: bytes) -> None:
    """Count rows, find the widest cell reference, formulas and merges in one chunk (regexes run in C)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise FileProblem("unsafe_xml")
    first_row = scan.max_row
    scan.rows += len(_ROW.findall(data))
    numbers = _ROW_NUMBER.findall(data)
    if len(scan.head_rows) < HEAD_ROWS:
        scan.head_rows += [int(n) for n in numbers[:HEAD_ROWS - len(scan.head_rows)]]
    scan.max_row = max(scan.max_row, int(numbers[-1]) if numbers else scan.rows)
    letters = set(_CELL_REF.findall(data))
    if letters:
        scan.max_column = max(scan.max_column, max(_column_number(col) for col in letters))
    elif b"<c" in data:  # cells without references (some generators): count them per row
        widest = max(len(_CELL.findall(part)) for part in data.split(b"</row>"))
        scan.max_column = max(scan.max_column, widest)
    for match in _FORMULA.finditer(data):
        scan.formula_cells += 1
        if len(scan.formula_rows) < 20:
            start = data.rfind(b"<row", 0, match.start())
            found = _ROW_NUMBER.match(data, start) if start >= 0 else None
            row = int(found.group(1)) if found else first_row
            if not scan.formula_rows or scan.formula_rows[-1] != row:
                scan.formula_rows.append(row)
    for ref in _MERGE.findall(data)[:max(0, 20 - len(scan.merged))]:
        scan.merged.append(ref.decode())
