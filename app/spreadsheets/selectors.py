"""Reads for imports: batches (organisation-private), their rows, remembered mappings and the directory lookups a
preview matches against."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import or_, select

from app.auth.models import User
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.extensions import db
from app.spreadsheets.classify import Lookups, name_key
from app.spreadsheets.models import ImportBatch, ImportChange, ImportMapping, ImportRow

IN_CHUNK = 500
ROW_FILTERS = ("all", "error", "noted", "new", "update", "unchanged", "duplicate")
NOTED = '%"field":%'  # a note on one value (normalisation); row-level notes (duplicates) have no field


def chunked(items: Iterable, size: int = IN_CHUNK) -> Iterator[list]:
    """Split a sequence into lists of at most `size` items (bounded IN lists)."""
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def batch_list(*, user, page: int, per_page: int = 25) -> Page:
    """My organisation's import batches, newest first."""
    stmt = (select(ImportBatch, User.name.label("user_name")).outerjoin(User, User.id == ImportBatch.user_id)
            .where(ImportBatch.organisation_id == user.organisation_id)
            .order_by(ImportBatch.created_at.desc(), ImportBatch.id.desc()))
    return paginate(stmt, page=page, per_page=per_page, scalars=False)


def batch_get_or_404(batch_id: int, *, user) -> ImportBatch:
    """One of my organisation's batches, or 404."""
    return get_scoped_or_404(ImportBatch, batch_id, user)


def batch_get(batch_id: int) -> ImportBatch | None:
    """A batch by id, unscoped (background jobs and the CLI, which act for the batch's organisation)."""
    return db.session.get(ImportBatch, batch_id)


def batch_rows(*, batch: ImportBatch, kind: str = "all", page: int = 1, per_page: int = 50) -> Page:
    """One page of a batch's staged rows, optionally only one kind."""
    stmt = select(ImportRow).where(ImportRow.batch_id == batch.id)
    if kind == "noted":
        stmt = stmt.where(ImportRow.warnings_json.like(NOTED))
    elif kind in ROW_FILTERS and kind != "all":
        stmt = stmt.where(ImportRow.kind == kind)
    return paginate(stmt.order_by(ImportRow.row_number), page=page, per_page=per_page)


def batch_rows_all(batch_id: int, *, kinds: tuple[str, ...] | None = None, columns=None) -> list:
    """Every staged row of a batch in file order (optionally some kinds, or some columns only)."""
    stmt = select(*columns) if columns else select(ImportRow)
    stmt = stmt.where(ImportRow.batch_id == batch_id)
    if kinds:
        stmt = stmt.where(ImportRow.kind.in_(kinds))
    stmt = stmt.order_by(ImportRow.row_number)
    return list(db.session.execute(stmt)) if columns else list(db.session.scalars(stmt))


def batch_rows_to_fix(batch_id: int) -> list[ImportRow]:
    """The rows with errors or with notes on their values, in file order (the error report)."""
    return list(db.session.scalars(select(ImportRow).where(
        ImportRow.batch_id == batch_id, or_(ImportRow.kind == "error", ImportRow.warnings_json.like(NOTED)))
        .order_by(ImportRow.row_number)))


def batch_changes(batch_id: int, *, before_id: int | None = None, limit: int = IN_CHUNK) -> list[ImportChange]:
    """Records a batch created or updated and not yet undone, newest first (the order an undo works in)."""
    stmt = select(ImportChange).where(ImportChange.batch_id == batch_id, ImportChange.undone.is_(False))
    if before_id is not None:
        stmt = stmt.where(ImportChange.id < before_id)
    return list(db.session.scalars(stmt.order_by(ImportChange.id.desc()).limit(limit)))


def created_ids(model, batch_id: int, *, before_id: int | None = None, limit: int = IN_CHUNK) -> list[int]:
    """Ids of records of `model` a batch created (stamped with its id), newest first."""
    stmt = select(model.id).where(model.import_batch_id == batch_id)
    if before_id is not None:
        stmt = stmt.where(model.id < before_id)
    return list(db.session.scalars(stmt.order_by(model.id.desc()).limit(limit)))


def earlier_import(*, organisation_id: int, sha256: str, exclude_id: int | None = None) -> ImportBatch | None:
    """The last committed batch of my organisation with the same file contents."""
    stmt = (select(ImportBatch).where(ImportBatch.organisation_id == organisation_id, ImportBatch.sha256 == sha256,
                                      ImportBatch.status == "committed")
            .order_by(ImportBatch.committed_at.desc()))
    if exclude_id:
        stmt = stmt.where(ImportBatch.id != exclude_id)
    return db.session.scalars(stmt.limit(1)).first()


def remembered_mapping(*, organisation_id: int, fingerprint: str) -> dict | None:
    """The mapping my organisation confirmed for this header set, if any."""
    row = db.session.scalar(select(ImportMapping).where(ImportMapping.organisation_id == organisation_id,
                                                        ImportMapping.fingerprint == fingerprint))
    return row.mapping if row else None


def user_name(user_id: int | None) -> str:
    """A user's name for the batch page (uploader, committer), or "" when unknown."""
    return (db.session.scalar(select(User.name).where(User.id == user_id)) or "") if user_id else ""


def organisation_people(organisation_id: int) -> list[tuple[int, str, str]]:
    """(id, name, e-mail) of the organisation's active users, for owner columns."""
    return list(db.session.execute(select(User.id, User.name, User.email).where(
        User.organisation_id == organisation_id, User.active.is_(True))))


EMPLOYER_COLUMNS = (Employer.id, Employer.name, Employer.name_key, Employer.business_id, Employer.municipality,
                    Employer.industry_code, Employer.size_class, Employer.address, Employer.website,
                    Employer.archived_at, Employer.version)


def _employer_dict(row) -> dict:
    data = row._asdict()
    data["archived"] = data.pop("archived_at") is not None
    data["tags"] = []
    return data


def lookups_for(values: list[dict], *, organisation_id: int) -> Lookups:
    """Existing employers the rows may match, plus those employers' contacts and my relationships."""
    lookups = Lookups()
    business_ids = {v["business_id"] for v in values if v.get("business_id")}
    keys = {name_key(v) for v in values if v.get("employer_name")}
    employers: dict[int, dict] = {}
    for part in chunked(business_ids):
        for row in db.session.execute(select(*EMPLOYER_COLUMNS).where(Employer.business_id.in_(part))):
            employers.setdefault(row.id, _employer_dict(row))
    for part in chunked(keys):
        for row in db.session.execute(select(*EMPLOYER_COLUMNS).where(Employer.name_key.in_(part))):
            employers.setdefault(row.id, _employer_dict(row))
    for employer in employers.values():
        if employer["business_id"]:
            lookups.by_business_id[employer["business_id"]] = employer
        lookups.by_name_key.setdefault(employer["name_key"], []).append(employer)
    for part in chunked(employers):
        for employer_id, tag in db.session.execute(select(EmployerTag.employer_id, EmployerTag.tag)
                                                   .where(EmployerTag.employer_id.in_(part))
                                                   .order_by(EmployerTag.tag)):
            employers[employer_id]["tags"].append(tag)
        for row in db.session.execute(
                select(ContactPerson.id, ContactPerson.employer_id, ContactPerson.name, ContactPerson.title,
                       ContactPerson.phone, ContactPerson.email, ContactPerson.version)
                .where(ContactPerson.employer_id.in_(part)).order_by(ContactPerson.archived_at.is_not(None),
                                                                     ContactPerson.id)):
            lookups.contacts.setdefault(row.employer_id, []).append(row._asdict())
        for row in db.session.execute(
                select(Relationship.id, Relationship.employer_id, Relationship.owner_id, Relationship.status,
                       Relationship.started_on, Relationship.private_note, Relationship.version)
                .where(Relationship.employer_id.in_(part), Relationship.organisation_id == organisation_id)):
            data = row._asdict()
            data["started_on"] = data["started_on"].isoformat() if data["started_on"] else None
            lookups.relationships[row.employer_id] = data
    return lookups
