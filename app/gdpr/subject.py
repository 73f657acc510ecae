"""Which tables hold a person's records, read from the schema rather than listed by hand: the person's own table,
the tables composed into it (cascading foreign keys, e.g. a seeker's consents and their events) and the tables that
refer to it (e.g. a proposal of the seeker, a touchpoint with the contact person). The access export loads these
rows; the retention rule for job seekers takes the last activity from their dates. A table added later with a foreign
key to a seeker or a contact person is part of both without a change here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Date, DateTime, ForeignKey, Table

from app.core.privacy import TABLE_PURPOSES
from app.extensions import db

SKIPPED_PURPOSES = ("accounts", "audit")  # user accounts are not about the subject; the audit trail has its own walk


@dataclass(frozen=True)
class Link:
    """A table in a subject's walk: the foreign key to its parent in the walk (None for the root), and whether its
    rows are composed into the subject (cascade-deleted with it) or only refer to it."""

    table: Table
    fk: ForeignKey | None
    parent: str | None
    owned: bool

    @property
    def name(self) -> str:
        """The table name."""
        return self.table.name


def subject_links(root: str) -> list[Link]:
    """The root table, then every table composed into it or referring to it, parents before children."""
    tables = db.metadata.tables
    first = Link(tables[root], None, None, True)
    links, queue, seen = [first], [first], {root}
    while queue:
        current = queue.pop(0)
        if not current.owned:
            continue  # a touchpoint refers to the contact; the touchpoint's own children are not about them
        for table in sorted(tables.values(), key=lambda t: t.name):
            if table.name in seen or TABLE_PURPOSES.get(table.name) in SKIPPED_PURPOSES:
                continue
            for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
                if fk.column.table is current.table:
                    link = Link(table, fk, current.name, (fk.ondelete or "").upper() == "CASCADE")
                    links.append(link)
                    queue.append(link)
                    seen.add(table.name)
                    break
    return links


def root_column(links: list[Link], link: Link):
    """(FROM clause, column holding the root id) for grouping a table's rows by the subject they belong to."""
    by_name = {item.name: item for item in links}
    if link.fk is None:
        return link.table, single_key(link.table)
    source, current = link.table, link
    while by_name[current.parent].fk is not None:
        parent = by_name[current.parent]
        source = source.join(parent.table, current.fk.parent == current.fk.column)
        current = parent
    return source, current.fk.parent


def single_key(table: Table):
    """The table's one-column primary key, or None for composite keys."""
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 else None


def date_columns(table: Table) -> list:
    """The table's date and timestamp columns (a record's activity and end dates)."""
    return [column for column in table.columns if isinstance(column.type, Date | DateTime)]


def owner_column(table: Table):
    """(FROM clause, organisation id column) of a table: its own organisation_id, or its parent's one foreign key
    away (an import row belongs to its batch's organisation); (table, None) for network-shared tables."""
    if "organisation_id" in table.c:
        return table, table.c.organisation_id
    for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
        parent = fk.column.table
        if not fk.parent.nullable and "organisation_id" in parent.c and parent.name != "users":
            return table.join(parent, fk.parent == fk.column), parent.c.organisation_id
    return table, None
