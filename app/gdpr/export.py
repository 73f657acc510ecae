"""The access export file (GDPR art. 15): one .zip holding an .xlsx (a sheet per record type, typed cells, formulas
neutralised by the shared writer) and a .json of the same data, for a person to keep or a program to read."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric

from app.core.privacy import CLASS_LABELS, NONE, PURPOSES, TABLE_PURPOSES, declaration_of
from app.core.xlsx import Column, workbook_bytes
from app.extensions import db
from app.gdpr.labels import field_label, humanise, record_label
from app.gdpr.selectors import NAMED_TABLES, SubjectData

FORMAT = "ratko-access-export/1"
HIDDEN_COLUMNS = frozenset({"version", "search_text", "name_key"})  # derived or technical, nothing of the person
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MENTION_COLUMNS = ((_l("Record type"), 24, "text"), (_l("Record"), 10, "number"), (_l("Field"), 24, "text"),
                   (_l("Text"), 80, "text"))
AUDIT_COLUMNS = ((_l("When"), 18, "datetime"), (_l("Who"), 22, "text"), (_l("Organisation"), 22, "text"),
                 (_l("Action"), 14, "text"), (_l("Record type"), 24, "text"), (_l("Record"), 10, "number"),
                 (_l("Summary"), 30, "text"), (_l("Changed values"), 60, "text"))
FIELD_COLUMNS = ((_l("Record type"), 24, "text"), (_l("Field"), 28, "text"), (_l("Technical name"), 30, "text"),
                 (_l("Privacy class"), 40, "text"), (_l("Purpose"), 50, "text"))


def _columns(spec) -> list[Column]:
    return [Column(str(header), width, kind) for header, width, kind in spec]


def _kind(column) -> str:
    if isinstance(column.type, DateTime):
        return "datetime"
    if isinstance(column.type, Date):
        return "date"
    if isinstance(column.type, Boolean):
        return "bool"
    if isinstance(column.type, Integer | Float | Numeric):
        return "number"
    return "text"


def _plain(value):
    """A value for JSON: dates as ISO text, binary as its size."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    if isinstance(value, Decimal):
        return str(value)
    return value


def _cell(value):
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    if isinstance(value, Decimal):
        return float(value)
    return value


def _fields(table_name: str) -> list[tuple]:
    """(column, named table or None) for each exported column: a foreign key to a user, employer or organisation
    also gets that record's name."""
    result = []
    for column in db.metadata.tables[table_name].columns:
        if column.name in HIDDEN_COLUMNS:
            continue
        named = next((fk.column.table.name for fk in column.foreign_keys if fk.column.table.name in NAMED_TABLES),
                     None)
        result.append((column, named))
    return result


def _name_key(column) -> str:
    return f"{column.name.removesuffix('_id')}_name"


def _json_rows(data: SubjectData, table_name: str) -> list[dict]:
    rows = []
    for row in data.records[table_name]:
        item = {}
        for column, named in _fields(table_name):
            item[column.name] = _plain(row[column.name])
            if named:
                item[_name_key(column)] = data.names.get(named, {}).get(row[column.name])
        rows.append(item)
    return rows


def _record_sheet(data: SubjectData, table_name: str) -> tuple[list[Column], list[list]]:
    columns, getters = [], []
    for column, named in _fields(table_name):
        columns.append(Column(field_label(table_name, column.name), 18, _kind(column)))
        getters.append((column.name, None))
        if named:
            columns.append(Column(humanise(column.name.removesuffix("_id")), 22))
            getters.append((column.name, named))
    rows = [[_cell(row[name]) if named is None else data.names.get(named, {}).get(row[name]) for name, named in getters]
            for row in data.records[table_name]]
    return columns, rows


def _classes(column) -> str:
    declaration = declaration_of(column)
    if declaration is None or declaration.classes == {NONE}:
        return ""
    return ", ".join(str(CLASS_LABELS[c]) for c in sorted(declaration.classes) if c in CLASS_LABELS)


def _field_rows(data: SubjectData) -> list[list]:
    rows = []
    for table_name in data.records:
        for column, _named in _fields(table_name):
            declaration = declaration_of(column)
            rows.append([record_label(table_name), field_label(table_name, column.name), f"{table_name}.{column.name}",
                         _classes(column),
                         declaration.purpose_label if declaration and declaration.purpose
                         else _purpose_label(table_name)])
    return rows


def _audit_rows(data: SubjectData) -> list[list]:
    return [[event["at"], event["actor"], event["organisation"], event["action"], record_label(event["entity"]),
             event["entity_id"], event["summary"], json.dumps(event["changes"], ensure_ascii=False)]
            for event in data.audit]


def _mention_rows(data: SubjectData) -> list[list]:
    return [[record_label(m["table"]), m["id"], field_label(m["table"], m["column"]), m["excerpt"]]
            for m in data.mentions]


def _sheet_titles(names: list[str]) -> list[str]:
    titles, used = [], set()
    for name in names:
        base = SHEET_FORBIDDEN.sub(" ", name)[:28].strip() or "Sheet"
        title, n = base, 2
        while title.lower() in used:
            title, n = f"{base} {n}", n + 1
        used.add(title.lower())
        titles.append(title)
    return titles


def _purpose_label(table_name: str) -> str:
    """A table's purpose; a link table without one (capability ratings) takes its parent's."""
    table = db.metadata.tables[table_name]
    parents = sorted(table.foreign_keys, key=lambda fk: ((fk.ondelete or "").upper() != "CASCADE", fk.parent.name))
    codes = [TABLE_PURPOSES.get(table_name)] + [TABLE_PURPOSES.get(fk.column.table.name) for fk in parents]
    code = next((c for c in codes if c), None)
    return str(PURPOSES[code]) if code else ""


def _about_rows(data: SubjectData, *, generated_at: datetime, generated_by: str, scope: str) -> list[list]:
    rows = [[_("Whose data"), data.label], [_("Generated"), generated_at.strftime("%Y-%m-%d %H:%M UTC")],
            [_("Generated by"), generated_by], [_("Covers"), scope],
            [_("Possible mentions"), _("Text elsewhere that contains the name, e-mail, phone or code: check that it "
                                       "is about this person before handing the export over.")]]
    return rows + [[record_label(table_name), _purpose_label(table_name)] for table_name in data.records]


def access_export(data: SubjectData, *, generated_at: datetime, generated_by: str, scope: str) -> bytes:
    """The .zip: access-export.xlsx and access-export.json with the same records, audit trail and mentions."""
    tables = list(data.records)
    titles = _sheet_titles([_("About"), *[record_label(t) for t in tables], _("Possible mentions"),
                            _("Audit trail"), _("Fields")])
    sheets = [(titles[0], [Column(_("Information"), 28), Column(_("Value"), 80)],
               _about_rows(data, generated_at=generated_at, generated_by=generated_by, scope=scope))]
    for title, table_name in zip(titles[1:], tables, strict=False):
        sheets.append((title, *_record_sheet(data, table_name)))
    sheets.append((titles[-3], _columns(MENTION_COLUMNS), _mention_rows(data)))
    sheets.append((titles[-2], _columns(AUDIT_COLUMNS), _audit_rows(data)))
    sheets.append((titles[-1], _columns(FIELD_COLUMNS), _field_rows(data)))
    document = {
        "format": FORMAT, "subject": {"type": data.kind, "id": data.root_id, "label": data.label},
        "generated_at": generated_at.isoformat(), "generated_by": generated_by, "covers": scope,
        "records": {t: {"label": record_label(t), "rows": _json_rows(data, t)} for t in tables},
        "mentions": data.mentions,
        "audit_trail": [{**event, "at": _plain(event["at"]), "entity_label": record_label(event["entity"])}
                        for event in data.audit],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("access-export.xlsx", workbook_bytes(sheets))
        archive.writestr("access-export.json", json.dumps(document, ensure_ascii=False, default=str))
    return buffer.getvalue()
