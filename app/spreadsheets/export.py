"""Export of the employer directory with exactly its filters: employers with my organisation's relationship (status,
owner, start, last touchpoint, cadence state) on the first sheet, their contact persons on the second.

Columns carry the same labels the import recognises, so an exported file imports back without changes. Exports are
audited (who, which filters, how many rows) and limited per user and minute (RELIABILITY.md F6).
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.auth.models import User
from app.core.audit import AuditEvent, audit_record
from app.core.dates import today
from app.core.db import utcnow
from app.core.xlsx import Column, workbook_bytes
from app.employers.labels import SIZE_LABELS, STATUS_LABELS
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.employers.reference import industries
from app.employers.selectors import DirectoryFilters, directory_statement
from app.extensions import db
from app.spreadsheets.mapping import EXPORT_ONLY, FIELD_BY_KEY

__all__ = ["employers_export", "export_limited"]


def _cadence():
    """The touchpoints package's cadence table, state function and labels, when that package is installed."""
    try:
        from app.touchpoints import cadence
        from app.touchpoints.labels import STATE_LABELS
        from app.touchpoints.models import RelationshipCadence
    except ImportError:  # pragma: no cover - the touchpoints package is part of the app
        return None
    return RelationshipCadence, cadence.state_of, STATE_LABELS


def _label(key: str) -> str:
    return str(FIELD_BY_KEY[key].label) if key in FIELD_BY_KEY else str(EXPORT_ONLY[key])


def employer_columns() -> list[Column]:
    """The employer sheet's columns (labels the import maps back)."""
    return [Column(_label("employer_name"), 36), Column(_label("business_id"), 12), Column(_label("municipality"), 16),
            Column(_label("industry"), 9), Column(_label("industry_name"), 30), Column(_label("size_class"), 16),
            Column(_label("address"), 30), Column(_label("website"), 28), Column(_label("tags"), 24),
            Column(_label("status"), 18), Column(_label("owner"), 22), Column(_label("started_on"), 14, "date"),
            Column(_label("last_touchpoint"), 14, "date"), Column(_label("cadence"), 14)]


def contact_columns() -> list[Column]:
    """The contact sheet's columns: the employer's identifying columns, then the person."""
    return [Column(_label("employer_name"), 36), Column(_label("business_id"), 12), Column(_label("municipality"), 16),
            Column(_label("contact_name"), 26), Column(_label("title"), 24), Column(_label("phone"), 16),
            Column(_label("email"), 30)]


def _employer_query(*, user, filters: DirectoryFilters, cadence):
    stmt = directory_statement(user=user, filters=filters)
    columns = [Employer.id, Employer.name, Employer.business_id, Employer.municipality, Employer.industry_code,
               Employer.size_class, Employer.address, Employer.website, Relationship.status,
               User.name.label("owner_name"), Relationship.started_on]
    if cadence:
        table = cadence[0]
        columns += [table.last_touch_on, table.due_on, table.overdue_on, table.snoozed_until]
        stmt = stmt.outerjoin(table, table.relationship_id == Relationship.id)
    return stmt.with_only_columns(*columns, maintain_column_froms=True)


def employer_sheets(*, user, filters: DirectoryFilters) -> tuple[list[list], list[list]]:
    """Rows of the employer sheet and of the contact sheet, in the directory's order."""
    cadence = _cadence()
    connection = db.session.connection()  # Core rows: no ORM loading for 100,000+ plain rows
    rows = connection.execute(_employer_query(user=user, filters=filters, cadence=cadence)).all()
    ids = select(_employer_query(user=user, filters=filters, cadence=None).with_only_columns(Employer.id)
                 .order_by(None).subquery().c.id)
    tags: dict[int, list[str]] = {}
    for employer_id, tag in connection.execute(select(EmployerTag.employer_id, EmployerTag.tag)
                                               .where(EmployerTag.employer_id.in_(ids))
                                               .order_by(EmployerTag.tag)).all():
        tags.setdefault(employer_id, []).append(tag)
    contacts: dict[int, list] = {}
    for employer_id, name, title, phone, email in connection.execute(
            select(ContactPerson.employer_id, ContactPerson.name, ContactPerson.title, ContactPerson.phone,
                   ContactPerson.email).where(ContactPerson.employer_id.in_(ids), ContactPerson.archived_at.is_(None))
            .order_by(ContactPerson.employer_id, ContactPerson.name, ContactPerson.id)).all():
        contacts.setdefault(employer_id, []).append((name, title, phone, email))
    sizes = {code: str(label) for code, label in SIZE_LABELS.items()}
    statuses = {code: str(label) for code, label in STATUS_LABELS.items()}
    names = {code: industry.name() for code, industry in industries().items()}
    state_labels = {code: str(label) for code, label in cadence[2].items()} if cadence else {}
    state_of, on = (cadence[1] if cadence else None), today()
    employer_rows, contact_rows = [], []
    for employer_id, name, business_id, municipality, industry, size, address, website, status, owner, started, \
            *touch in rows:
        last_touch, due_on, overdue_on, snoozed = touch if touch else (None, None, None, None)
        state = state_labels.get(state_of(today=on, due_on=due_on, overdue_on=overdue_on, status=status,
                                          snoozed_until=snoozed), "") if status and due_on else ""
        employer_rows.append([name, business_id, municipality, industry, names.get(industry) or
                              names.get((industry or "")[:2], ""), sizes.get(size, ""), address, website,
                              ", ".join(tags.get(employer_id, ())), statuses.get(status, ""), owner, started,
                              last_touch, state])
        for person, title, phone, email in contacts.get(employer_id, ()):
            contact_rows.append([name, business_id, municipality, person, title, phone, email])
    return employer_rows, contact_rows


def export_name() -> str:
    """A dated file name: employers-2026-11-29.xlsx in the user's language."""
    return f"{_('employers')}-{today().isoformat()}.xlsx"


def employers_export(*, user, filters: DirectoryFilters) -> tuple[bytes, str]:
    """The export workbook's bytes and file name; records an audit event with the filters and counts."""
    employer_rows, contact_rows = employer_sheets(user=user, filters=filters)
    content = workbook_bytes([(_("Employers"), employer_columns(), employer_rows),
                              (_("Contact persons"), contact_columns(), contact_rows)])
    audit_record(action="export", entity="employers", entity_id=None,
                 summary=f"{len(employer_rows)} employers, {len(contact_rows)} contacts",
                 organisation_id=user.organisation_id,
                 changes={"filters": urlencode(filters.as_args()), "employers": len(employer_rows),
                          "contacts": len(contact_rows)})
    return content, export_name()


def export_limited(*, user) -> bool:
    """Whether the user has exported EXPORT_RATE_LIMIT times in the last minute (counted from the audit log)."""
    limit = current_app.config.get("EXPORT_RATE_LIMIT", 10)
    recent = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.actor_id == user.id, AuditEvent.action == "export",
        AuditEvent.created_at > utcnow() - timedelta(minutes=1))) or 0
    return recent >= limit
