"""Reads for the GDPR tools: everything held about a job seeker or an employer's contact person (GDPR art. 15).

The records come from the schema walk of `subject.py`; the audit trail is every audit row about one of those records
(changes and reads, including reads logged for several records at once); "mentions" are `personal` columns elsewhere
(found through the declarations of `app.core.privacy`) whose text names the person. What an organisation may see
bounds every part: `organisation_id` keeps other organisations' records out (None = the whole network, for the
network administrator).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import LargeBinary, and_, or_, select
from sqlalchemy.orm import aliased

from app.auth.models import Organisation, User
from app.core.audit import AuditEvent
from app.core.privacy import PERSONAL, TABLE_PURPOSES, columns_with
from app.core.scoping import get_or_404
from app.core.search import like_pattern
from app.employers.models import ContactPerson, Employer
from app.extensions import db
from app.gdpr.subject import SKIPPED_PURPOSES, owner_column, single_key, subject_links
from app.profiles.models import Characteristic

CHUNK = 900
LIKE_IDS = 40  # ids of one person's records up to which audit rows are pre-filtered in SQL
MENTION_LIMIT = 200  # rows per table: a common name must not turn the export into the whole table
# Copies made for finding records (every contact's name is in their employer's search text): not mentions of anyone.
MENTION_SKIPPED_PURPOSES = (*SKIPPED_PURPOSES, "search")
DERIVED_COLUMNS = frozenset({"employers.search_text"})
NAMED_TABLES = {"users": User, "employers": Employer, "organisations": Organisation,
                "characteristics": Characteristic}


@dataclass
class SubjectData:
    """Everything held about one person, as plain rows (column -> value) by table."""

    kind: str  # "job_seeker" | "contact_person"
    root: str
    root_id: int
    label: str
    organisation_id: int | None
    records: dict[str, list[dict]] = field(default_factory=dict)
    audit: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    names: dict[str, dict[int, str]] = field(default_factory=dict)


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def contact_get_or_404(contact_id: int) -> ContactPerson:
    """A contact person of the shared directory, or 404."""
    return get_or_404(ContactPerson, contact_id)


def subject_records(root: str, root_id: int, *, organisation_id: int | None) -> dict[str, list[dict]]:
    """The rows of the person's own record and of every table composed into or referring to it (one query per table),
    leaving out rows of other organisations when `organisation_id` is given."""
    records: dict[str, list[dict]] = {}
    for link in subject_links(root):
        key = single_key(link.table)
        order = list(link.table.primary_key.columns)
        if link.fk is None:
            records[link.name] = [dict(row) for row in db.session.execute(
                select(link.table).where(key == root_id)).mappings()]
            continue
        parents = sorted({row[link.fk.column.name] for row in records.get(link.parent, [])} - {None})
        rows = []
        for chunk in _chunks(parents):
            stmt = select(link.table).where(link.fk.parent.in_(chunk)).order_by(*order)
            if organisation_id is not None and "organisation_id" in link.table.c:
                stmt = stmt.where(link.table.c.organisation_id == organisation_id)
            rows += [dict(row) for row in db.session.execute(stmt).mappings()]
        if rows:
            records[link.name] = rows
    return records


def record_keys(records: dict[str, list[dict]]) -> dict[str, set[int]]:
    """The ids of the loaded rows by table (tables with a one-column key)."""
    keys = {}
    for table_name, rows in records.items():
        key = single_key(db.metadata.tables[table_name])
        if key is not None:
            keys[table_name] = {row[key.name] for row in rows}
    return keys


def _target(table_name: str, stem: str) -> str | None:
    """Which table an id under `stem` ("seeker_id", "profile_id") in an audit row about `table_name` points to."""
    table = db.metadata.tables.get(table_name)
    if table is None:
        return None
    if stem in table.c:
        targets = [fk.column.table.name for fk in table.c[stem].foreign_keys]
        return targets[0] if targets else None
    return table_name if table_name.endswith(stem.removesuffix("_id") + "s") else None


def _refers(entity: str, changes: dict, keys: dict[str, set[int]]) -> bool:
    """Whether an audit row without a record id (a read of several records, a row of a link table) names one of the
    loaded records among its changed values."""
    for name, value in changes.items():
        stem = name[:-1] if name.endswith("_ids") else name
        target = _target(entity, stem) if stem.endswith("_id") else None
        if target is None or target not in keys:
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, int) and v in keys[target] for v in values):
            return True
    return False


def _mentions_any_id(keys: dict[str, set[int]]) -> list:
    """A cheap first filter for audit rows without a record id: their JSON holds one of the ids as a number (the
    exact check is `_refers`). Skipped when there are too many ids for one statement."""
    ids = sorted({value for values in keys.values() for value in values})
    if not ids or len(ids) > LIKE_IDS:
        return []
    patterns = [pattern.format(n) for n in ids for pattern in ("%[{},%", "%[{}]%", "% {},%", "% {}]%", "% {}}}%")]
    return [or_(*[AuditEvent.changes.like(pattern) for pattern in patterns])]


def audit_trail(records: dict[str, list[dict]]) -> list[dict]:
    """Every audit row about the loaded records: who changed or viewed what, when, from which organisation."""
    keys = record_keys(records)
    conditions = [and_(AuditEvent.entity == table_name, AuditEvent.entity_id.in_(chunk))
                  for table_name, ids in keys.items() for chunk in _chunks(sorted(ids))]
    loose = db.session.execute(select(AuditEvent.id, AuditEvent.entity, AuditEvent.changes).where(
        AuditEvent.entity.in_(list(records)), AuditEvent.entity_id.is_(None), *_mentions_any_id(keys)))
    matched = [row_id for row_id, entity, changes in loose if _refers(entity, _loads(changes), keys)]
    conditions += [AuditEvent.id.in_(chunk) for chunk in _chunks(matched)]
    if not conditions:
        return []
    actor, organisation = aliased(User), aliased(Organisation)
    stmt = select(AuditEvent, actor.name, organisation.name).outerjoin(actor, actor.id == AuditEvent.actor_id) \
        .outerjoin(organisation, organisation.id == AuditEvent.organisation_id) \
        .where(or_(*conditions)).order_by(AuditEvent.created_at, AuditEvent.id)
    return [{"at": event.created_at, "actor": actor_name or "", "organisation": org_name or "",
             "action": event.action, "entity": event.entity, "entity_id": event.entity_id,
             "summary": event.summary, "changes": event.change_dict}
            for event, actor_name, org_name in db.session.execute(stmt)]


def _loads(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _excerpt(text, patterns: list[re.Pattern]) -> str | None:
    """Some text around the first whole-word match, or None when only a longer word contained the value."""
    if not isinstance(text, str):
        return None
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            start, end = max(0, found.start() - 120), min(len(text), found.end() + 120)
            return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return None


def mentions(values: list[str], *, organisation_id: int | None, exclude: dict[str, set[int]]) -> list[dict]:
    """`personal` text elsewhere that names the person (their name, e-mail, phone or code as a whole word): one
    query per table, only tables and rows the organisation may see."""
    wanted = sorted({value.strip() for value in values if value and len(value.strip()) >= 4})
    if not wanted:
        return []
    patterns = [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE) for value in wanted]
    by_table = defaultdict(list)
    for declaration in columns_with(PERSONAL):
        column = db.metadata.tables[declaration.table].c[declaration.column]
        if TABLE_PURPOSES.get(declaration.table) not in MENTION_SKIPPED_PURPOSES and not isinstance(
                column.type, LargeBinary) and f"{declaration.table}.{declaration.column}" not in DERIVED_COLUMNS:
            by_table[declaration.table].append(column)
    insensitive = db.engine.dialect.name != "sqlite"  # SQLite's LIKE already ignores case (lower() adds nothing)
    found = []
    for table_name, columns in sorted(by_table.items()):
        table = db.metadata.tables[table_name]
        key = single_key(table)
        if key is None:
            continue
        source, owner = owner_column(table)
        stmt = select(key, *columns).select_from(source).where(or_(*[
            (column.ilike if insensitive else column.like)(like_pattern(value), escape="\\")
            for column in columns for value in wanted]))
        if organisation_id is not None and owner is not None:
            stmt = stmt.where(owner == organisation_id)
        for row_id, *texts in db.session.execute(stmt.order_by(key).limit(MENTION_LIMIT)):
            if row_id in exclude.get(table_name, ()):
                continue
            for column, text in zip(columns, texts, strict=True):
                excerpt = _excerpt(text, patterns)
                if excerpt is not None:
                    found.append({"table": table_name, "id": row_id, "column": column.name, "excerpt": excerpt})
    return found


def _names(table_name: str, ids: list[int]) -> dict[int, str]:
    if table_name == "characteristics":
        return {item.id: item.name() for item in db.session.scalars(select(Characteristic).where(
            Characteristic.id.in_(ids)))}
    model = NAMED_TABLES[table_name]
    return dict(db.session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def referenced_names(records: dict[str, list[dict]]) -> dict[str, dict[int, str]]:
    """Names of the users, employers, organisations and catalogue items the rows point to (one query per kind)."""
    wanted = defaultdict(set)
    for table_name, rows in records.items():
        for column in db.metadata.tables[table_name].columns:
            for fk in column.foreign_keys:
                if fk.column.table.name in NAMED_TABLES:
                    wanted[fk.column.table.name] |= {row[column.name] for row in rows} - {None}
    return {table_name: _names(table_name, sorted(ids)) for table_name, ids in wanted.items()}


def subject_data(*, kind: str, root: str, root_id: int, label: str, organisation_id: int | None,
                 search: list[str]) -> SubjectData:
    """Records, audit trail, mentions and referenced names of one person."""
    records = subject_records(root, root_id, organisation_id=organisation_id)
    audit = audit_trail(records)
    found = mentions(search, organisation_id=organisation_id, exclude=record_keys(records))
    return SubjectData(kind=kind, root=root, root_id=root_id, label=label, organisation_id=organisation_id,
                       records=records, audit=audit, mentions=found, names=referenced_names(records))
