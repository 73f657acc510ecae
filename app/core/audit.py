"""Audit trail: every flush of an audited model writes who changed what (G1), plus explicit events."""

from __future__ import annotations

import contextlib
import contextvars
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import after_this_request, has_request_context
from flask_login import current_user
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, event, insert, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core.db import utcnow, wants_immediate, write_intent
from app.core.privacy import CODE, declare
from app.extensions import db

MASK = "***"
ALWAYS_SKIPPED = frozenset({"created_at", "updated_at", "version", "password_hash"})
_actor_override: contextvars.ContextVar[tuple[int | None, int | None] | None] = contextvars.ContextVar(
    "audit_actor", default=None)
_via: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_via", default=None)


class AuditEvent(db.Model):
    """One append-only line of the audit log."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40), nullable=False, info=CODE)
    entity: Mapped[str] = mapped_column(String(60), nullable=False, info=CODE)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(300), default="", nullable=False,
                                         info=declare("organisation", "personal"))
    changes: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=declare("organisation", "personal"))
    via: Mapped[str | None] = mapped_column(String(40), info=CODE)  # how the actor came in, e.g. "api_token:12"

    __table_args__ = (db.Index("ix_audit_events_entity", "entity", "entity_id"),)

    @property
    def change_dict(self) -> dict:
        """The changed fields as a dict."""
        try:
            return json.loads(self.changes or "{}")
        except ValueError:
            return {}


@contextlib.contextmanager
def acting_as(user_id: int | None, organisation_id: int | None, via: str | None = None):
    """Attribute audit events in this block to a user (CLI commands, import jobs), and name the way in (`via`, e.g.
    the API token the request came with)."""
    token, via_token = _actor_override.set((user_id, organisation_id)), _via.set(via)
    try:
        yield
    finally:
        _actor_override.reset(token)
        _via.reset(via_token)


def set_via(via: str | None) -> None:
    """Name the way in for the rest of this request or context (the API names the token of each request)."""
    _via.set(via)


def current_via() -> str | None:
    """How the current actor came in (an API token), or None for the web and the CLI."""
    return _via.get()


def current_actor() -> tuple[int | None, int | None]:
    """The (user id, organisation id) that audit events are attributed to."""
    override = _actor_override.get()
    if override is not None:
        return override
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        return current_user.id, getattr(current_user, "organisation_id", None)
    return None, None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def _audited_columns(obj) -> list[str]:
    skipped = ALWAYS_SKIPPED | set(getattr(obj, "__audit_exclude__", ()))
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in skipped]


def _masked(obj, key: str, value: Any) -> Any:
    return MASK if key in getattr(obj, "__audit_masked__", ()) and value not in (None, "") else _plain(value)


def _diff(obj, action: str) -> dict:
    state = inspect(obj)
    changes = {}
    for key in _audited_columns(obj):
        if action == "update":
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
            changes[key] = [_masked(obj, key, old), _masked(obj, key, new)]
        else:
            value = state.dict.get(key)
            if value is not None and value != "":
                changes[key] = _masked(obj, key, value)
    return changes


def _event_row(obj, action: str, changes: dict) -> dict:
    actor_id, actor_org = current_actor()
    org = getattr(obj, "organisation_id", None)
    return {
        "created_at": utcnow(), "actor_id": actor_id, "organisation_id": org if org is not None else actor_org,
        "action": action, "entity": obj.__tablename__, "entity_id": getattr(obj, "id", None),
        "summary": str(getattr(obj, "audit_label", "") or "")[:300], "changes": json.dumps(changes, ensure_ascii=False),
        "via": current_via(),
    }


@event.listens_for(Session, "after_flush")
def _audit_after_flush(session: Session, _flush_context) -> None:
    """Write one audit row per inserted, updated or deleted object of an audited model."""
    if session.info.get("skip_auto_audit"):
        return
    rows = []
    for action, objects in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not getattr(obj, "__audit__", False):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            changes = _diff(obj, action)
            if action == "update" and not changes:
                continue
            rows.append(_event_row(obj, action, changes))
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)


def audit_record(*, action: str, entity: str, entity_id: int | None, summary: str = "",
                 changes: dict | None = None, organisation_id: int | None = None) -> None:
    """Record an explicit audit event (snooze, erase, read of sensitive data, login, ...)."""
    actor_id, actor_org = current_actor()
    db.session.add(AuditEvent(
        actor_id=actor_id, organisation_id=organisation_id if organisation_id is not None else actor_org,
        action=action, entity=entity, entity_id=entity_id, summary=summary[:300],
        changes=json.dumps({k: _plain(v) for k, v in (changes or {}).items()}, ensure_ascii=False), via=current_via(),
    ))


def audit_scrub(*, entity: str, entity_id: int) -> int:
    """Mask every stored value of one record's past audit events (GDPR erasure); return rows touched."""
    return audit_scrub_many(entity=entity, entity_ids=[entity_id])


def audit_scrub_many(*, entity: str, entity_ids: list[int], keys: set[str] | None = None) -> int:
    """Mask the stored values of many records' past audit events, keeping who did what and when: every value and
    the summary, or only the values of `keys` (a record that stays but loses its link to an erased person)."""
    touched = 0
    for start in range(0, len(entity_ids), 500):
        for audit_event in db.session.scalars(db.select(AuditEvent).where(
                AuditEvent.entity == entity, AuditEvent.entity_id.in_(entity_ids[start:start + 500]))):
            changes = audit_event.change_dict
            if keys is None:
                audit_event.changes, audit_event.summary = json.dumps({key: MASK for key in changes}), MASK
            elif keys & set(changes):
                audit_event.changes = json.dumps({k: MASK if k in keys else v for k, v in changes.items()},
                                                 ensure_ascii=False)
            else:
                continue
            touched += 1
    return touched


def audit_now(*, action: str, entity: str, entity_id: int | None, summary: str, changes: dict,
              organisation_id: int | None = None) -> None:
    """Write one audit row that must survive the request's outcome (reads of sensitive data): at once in a short
    transaction of its own when the request only reads, just after the request's transaction when it writes (a
    second writer would wait for our own lock), and in the caller's transaction outside a request (CLI, jobs)."""
    actor_id, actor_org = current_actor()
    row = {"created_at": utcnow(), "actor_id": actor_id,
           "organisation_id": organisation_id if organisation_id is not None else actor_org,
           "action": action, "entity": entity, "entity_id": entity_id, "summary": summary[:300],
           "changes": json.dumps(changes, ensure_ascii=False), "via": current_via()}
    if not has_request_context():
        db.session.execute(insert(AuditEvent.__table__), [row])
        return

    def write(response=None):
        with write_intent(), db.engine.connect() as connection, connection.begin():
            connection.execute(insert(AuditEvent.__table__), [row])
        return response

    if wants_immediate():
        after_this_request(write)
    else:
        write()
