"""Apply a previewed batch, one chunk at a time. Never commits: the job commits after each chunk.

Every created record is stamped with the batch id; for every updated record the values before are kept, and for
every record its version afterwards, so an undo can tell whether someone changed it since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, String, Text, bindparam, column, delete, select, update, values

from app.core.audit import audit_record
from app.core.db import utcnow
from app.core.search_index import index_refresh
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship, search_keys
from app.employers.normalise import company_key
from app.extensions import db
from app.spreadsheets.models import ImportBatch, ImportChange, ImportFile, ImportRow, dumps
from app.spreadsheets.services.bulk import insert_audited, many
from app.touchpoints import cadence
from app.touchpoints.models import RelationshipCadence


@dataclass
class ApplyState:
    """What earlier chunks created that later rows refer to (leader row number -> employer id)."""

    batch_id: int
    organisation_id: int
    user_id: int | None
    employers: dict[int, int] = field(default_factory=dict)
    group_contacts: dict[int, list[str]] = field(default_factory=dict)  # leader row -> new employer's contacts


def apply_state(batch: ImportBatch) -> ApplyState:
    """What the commit needs across chunks: the names of every new employer's contacts in the file (so its search
    text is right when it is created) and, when a commit resumes, the employers it already created (found by their
    stamp and matched to their leader rows by Y-tunnus or name and municipality)."""
    state = ApplyState(batch_id=batch.id, organisation_id=batch.organisation_id, user_id=batch.committed_by_id)
    created = db.session.execute(select(Employer.id, Employer.business_id, Employer.name_key, Employer.municipality)
                                 .where(Employer.import_batch_id == batch.id)).all()
    by_key = {}
    for row in created:
        by_key[("bid", row.business_id)] = row.id
        by_key[("name", row.name_key, row.municipality or "")] = row.id
    for number, values_json, plan_json, applied in db.session.execute(select(
            ImportRow.row_number, ImportRow.values_json, ImportRow.plan_json, ImportRow.applied).where(
            ImportRow.batch_id == batch.id, ImportRow.kind.in_(("new", "update")))):
        plan = json.loads(plan_json)
        employer = plan.get("employer", {})
        if plan.get("contact", {}).get("action") == "create" and not employer.get("id"):
            state.group_contacts.setdefault(employer.get("ref", number), []).append(
                json.loads(values_json)["contact_name"])
        if applied and by_key and employer.get("action") == "create":
            values = json.loads(values_json)
            key = ("bid", values["business_id"]) if values.get("business_id") else \
                ("name", company_key(values.get("employer_name"))[:200], values.get("municipality", ""))
            if key in by_key:
                state.employers[number] = by_key[key]
    return state


@dataclass
class Staged:
    """A staged row as the commit needs it (plain values: no ORM object per row)."""

    id: int
    row_number: int
    values: dict
    plan: dict


def staged_rows(ids: list[int]) -> list[Staged]:
    """The staged rows with these ids, in file order."""
    return [Staged(row_id, number, json.loads(values), json.loads(plan)) for row_id, number, values, plan in
            db.session.execute(select(ImportRow.id, ImportRow.row_number, ImportRow.values_json, ImportRow.plan_json)
                               .where(ImportRow.id.in_(ids)).order_by(ImportRow.row_number))]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _employer_row(number: int, values: dict, state: ApplyState) -> dict:
    name_key, search_text = search_keys(values["employer_name"], values.get("business_id"),
                                        values.get("municipality"), state.group_contacts.get(number, []))
    return {"name": values["employer_name"], "name_key": name_key, "search_text": search_text,
            "business_id": values.get("business_id"), "municipality": values.get("municipality"),
            "industry_code": values.get("industry"), "size_class": values.get("size_class"),
            "address": values.get("address"), "website": values.get("website"), "pwa_experience": "unknown",
            "created_by_id": state.user_id, "import_batch_id": state.batch_id}


def _load(model, ids: list[int]) -> dict[int, object]:
    if not ids:
        return {}
    return {obj.id: obj for obj in db.session.scalars(select(model).where(model.id.in_(ids)))}


def _update(obj, changes: dict, before: dict) -> None:
    for key, (_old, new) in changes.items():
        if key == "tags":
            current = {row.tag for row in obj.tag_rows}
            added = [tag for tag in new if tag not in current]
            before["tags_added"] = added
            obj.tag_rows = list(obj.tag_rows) + [EmployerTag(tag=tag) for tag in added]
            continue
        before[key] = getattr(obj, key).isoformat() if isinstance(getattr(obj, key), date) else getattr(obj, key)
        setattr(obj, key, _date(new) if key == "started_on" else new)


class _Chunk:
    """The records one chunk creates (by id) and updates (ORM objects), in the order their changes are recorded."""

    def __init__(self):
        self.created: list[tuple[str, int, int]] = []
        self.updated: list[tuple[str, object, int, dict]] = []
        self.touched: set[int] = set()

    def create(self, model, items: list[tuple[Staged, dict]]) -> list[int]:
        ids = insert_audited(model, [data for _row, data in items])
        index_refresh(model.__tablename__, ids)  # bulk inserts go around the search index's flush hook
        self.created += [(model.__tablename__, new_id, row.row_number) for (row, _d), new_id in zip(items, ids,
                                                                                                    strict=True)]
        return ids

    def updates(self, plans: list[tuple[Staged, dict]], part: str, model) -> None:
        wanted = {p[part]["id"]: (row, p[part]) for row, p in plans if p.get(part, {}).get("action") == "update"}
        for obj_id, obj in _load(model, list(wanted)).items():
            row, plan = wanted[obj_id]
            before: dict = {}
            _update(obj, plan["changes"], before)
            self.updated.append((model.__tablename__, obj, row.row_number, before))


def rows_apply(*, rows: list[Staged], state: ApplyState) -> None:
    """Create and update the records one chunk of rows plans, record the changes and mark the rows applied."""
    chunk = _Chunk()
    plans = [(row, row.plan) for row in rows]
    values = {row.id: row.values for row in rows}
    new = [(row, _employer_row(row.row_number, values[row.id], state)) for row, plan in plans
           if plan.get("employer", {}).get("action") == "create"]
    for (row, _data), employer_id in zip(new, chunk.create(Employer, new), strict=True):
        state.employers[row.row_number] = employer_id  # its search text already has its contacts from the file
    many(EmployerTag.__table__, [{"employer_id": state.employers[row.row_number], "tag": tag} for row, _d in new
                                  for tag in values[row.id].get("tags", [])])
    chunk.updates(plans, "employer", Employer)
    _contacts(plans, values, state, chunk)
    _relationships(plans, state, chunk)
    db.session.flush()
    _refresh_search(chunk.touched)
    _record(chunk, state)
    db.session.execute(update(ImportRow).where(ImportRow.id.in_([row.id for row in rows])).values(applied=True))


def _employer_id(row: Staged, plan: dict, state: ApplyState) -> int:
    employer = plan["employer"]
    if employer.get("id"):
        return employer["id"]
    return state.employers[employer.get("ref", row.row_number)]


def _contacts(plans, values, state: ApplyState, chunk: _Chunk) -> None:
    new = []
    for row, plan in plans:
        if plan.get("contact", {}).get("action") == "create":
            data = values[row.id]
            new.append((row, {"employer_id": _employer_id(row, plan, state), "name": data["contact_name"],
                              "title": data.get("title"), "phone": data.get("phone"), "email": data.get("email"),
                              "ambassador": False, "import_batch_id": state.batch_id}))
    chunk.create(ContactPerson, new)
    chunk.touched.update(data["employer_id"] for row, data in new if row.plan["employer"].get("id"))
    chunk.updates(plans, "contact", ContactPerson)
    db.session.flush()
    chunk.touched.update(obj.employer_id for _n, obj, _r, _b in chunk.updated if isinstance(obj, ContactPerson))


def _relationships(plans, state: ApplyState, chunk: _Chunk) -> None:
    new = []
    for row, plan in plans:
        wanted = plan.get("relationship", {})
        if wanted.get("action") == "create":
            new.append((row, {"organisation_id": state.organisation_id, "employer_id": _employer_id(row, plan, state),
                              "owner_id": wanted.get("owner_id"), "status": wanted.get("status") or "prospect",
                              "cadence_target": 3, "cadence_minimum": 2,
                              "started_on": _date(wanted.get("started_on")) or utcnow().date(),
                              "private_note": wanted.get("private_note"), "import_batch_id": state.batch_id}))
    ids = chunk.create(Relationship, new)
    _cadence_rows([{**data, "id": new_id} for (_row, data), new_id in zip(new, ids, strict=True)])
    chunk.updates(plans, "relationship", Relationship)


def _cadence_rows(relationships: list[dict]) -> None:
    """The cadence row every new relationship gets, as the touchpoints package's after_insert listener writes it
    for ORM inserts (no touchpoints counted yet; paused statuses and archived employers are off the worklist)."""
    if not relationships:
        return
    archived = set(db.session.scalars(select(Employer.id).where(
        Employer.id.in_({r["employer_id"] for r in relationships}), Employer.archived_at.is_not(None))))
    rows = []
    for relationship in relationships:
        due_on, overdue_on = cadence.due_dates(last_counted_on=None, started_on=relationship["started_on"],
                                               target=relationship["cadence_target"],
                                               minimum=relationship["cadence_minimum"])
        rows.append({"relationship_id": relationship["id"], "organisation_id": relationship["organisation_id"],
                     "employer_id": relationship["employer_id"], "owner_id": relationship["owner_id"],
                     "active": relationship["status"] not in cadence.PAUSED_STATUSES
                     and relationship["employer_id"] not in archived,
                     "due_on": due_on, "overdue_on": overdue_on, "people_count": 0})
    many(RelationshipCadence.__table__, rows)


def _refresh_search(employer_ids: set[int]) -> None:
    """Recompute name keys and search texts (derived data: no version bump, as employer_refresh_search)."""
    if not employer_ids:
        return
    ids = sorted(employer_ids)
    names: dict[int, list[str]] = {}
    for employer_id, name in db.session.execute(select(ContactPerson.employer_id, ContactPerson.name).where(
            ContactPerson.employer_id.in_(ids), ContactPerson.archived_at.is_(None))):
        names.setdefault(employer_id, []).append(name)
    params = []
    for row in db.session.execute(select(Employer.id, Employer.name, Employer.business_id, Employer.municipality)
                                  .where(Employer.id.in_(ids))):
        name_key, search_text = search_keys(row.name, row.business_id, row.municipality, names.get(row.id, []))
        params.append({"eid": row.id, "st": search_text, "nk": name_key})
    if not params:
        return
    table = Employer.__table__
    if db.session.get_bind().dialect.name != "postgresql":  # SQLite: an executemany is cheap in-process
        db.session.execute(update(table).where(table.c.id == bindparam("eid"))
                           .values(search_text=bindparam("st"), name_key=bindparam("nk")), params)
        return
    rows = values(column("eid", Integer), column("st", Text), column("nk", String), name="fresh").data(
        [(p["eid"], p["st"], p["nk"]) for p in params])  # PostgreSQL: one UPDATE ... FROM (VALUES ...)
    db.session.execute(update(table).where(table.c.id == rows.c.eid)
                       .values(search_text=rows.c.st, name_key=rows.c.nk))


def _record(chunk: _Chunk, state: ApplyState) -> None:
    """Keep the before-image and resulting version of every updated record (created ones carry the batch stamp)."""
    rows = [{"batch_id": state.batch_id, "entity": entity, "entity_id": obj.id, "row_number": number,
             "action": "update", "before_json": dumps(before), "version_after": obj.version, "undone": False}
            for entity, obj, number, before in chunk.updated]
    many(ImportChange.__table__, rows)


def batch_committed(*, batch: ImportBatch) -> ImportBatch:
    """Every chunk is applied: record the outcome, audit it and drop the uploaded file."""
    batch.status, batch.committed_at, batch.message_json = "committed", utcnow(), None
    batch.progress_done = batch.progress_total
    db.session.execute(delete(ImportFile).where(ImportFile.batch_id == batch.id))
    audit_record(action="import", entity="import_batches", entity_id=batch.id, summary=batch.file_name,
                 organisation_id=batch.organisation_id, changes={"sha256": batch.sha256, **batch.counts})
    db.session.flush()
    return batch

