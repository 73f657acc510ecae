"""Optimistic locking for forms (RELIABILITY.md finding 9) and the three-way merge of a stale save.

A form carries the record's `version` and a signed snapshot of the values it was loaded with (`loaded`, made by
`snapshot()`). A save whose version is current applies the form as it is. A stale save is merged three ways against
that snapshot (`merge_save()`): the fields this user changed since loading the form are applied, the other person's
changes are kept, and a field both changed to different values is a conflict: ConflictError carries the Merge, which
lists every field where the form and the saved record differ. `rebase_form()` then puts the other person's changes
into the form (this user's input is kept where both changed a field) and bases it on the saved version, so saving
again never reverts what the other person saved.

The snapshot is signed (itsdangerous, the app's secret key) rather than trusted from the browser or rebuilt from the
audit log: the audit log masks some values, skips derived ones and does not record every collection (tags), and an
unsigned snapshot could be edited into a wrong merge. It holds only values the user's form already shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import column, inspect, select, table

from app.core.db import utcnow
from app.core.i18n import fmt_date
from app.core.refusals import Refusal
from app.extensions import db

MINE, THEIRS, BOTH = "mine", "theirs", "both"
_SALT = "ratko.form-loaded-values"
_users = table("users", column("id"), column("name"))


class ConflictError(Refusal):
    """The record changed since the form was loaded; `current` is the record as it is now, `merge` (when the form
    carried what it was loaded with) says field by field whose value is whose. Routes answer it with 409 and the
    newer values (catch it before `Refusal`)."""

    def __init__(self, current: Any, merge: Merge | None = None):
        super().__init__(_l("Someone else changed this in the meantime."))
        self.current = current
        self.merge = merge


def check_version(obj: Any, expected: Any) -> None:
    """Raise ConflictError when the form's version is not the record's current version."""
    if not _is_current(obj, expected):
        raise ConflictError(obj)


def _is_current(obj: Any, expected: Any) -> bool:
    try:
        return int(expected) == obj.version
    except (TypeError, ValueError):
        return False


def comparable(value: Any) -> Any:
    """A value as the merge compares it: strings trimmed with "" as None and browser line ends (CRLF) as LF, dates as
    ISO text, lists as sorted sets."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted({str(comparable(v)) for v in value if comparable(v) is not None})
    return value


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=_SALT)


def snapshot(key: str, values: dict) -> str:
    """The signed snapshot of a record's values for a form's hidden `loaded` field (`key` names the record)."""
    return _serializer().dumps({"k": key, "at": utcnow().isoformat(),
                                "v": {name: comparable(value) for name, value in values.items()}})


@dataclass(frozen=True)
class Loaded:
    """What a form was loaded with: the values and when."""

    values: dict
    at: datetime


def read_snapshot(token: str | None, key: str) -> Loaded | None:
    """The values a form was loaded with, or None when the snapshot is missing, forged or of another record."""
    if not token:
        return None
    try:
        data = _serializer().loads(token)
        if data.get("k") != key:
            return None
        return Loaded(values=dict(data["v"]), at=datetime.fromisoformat(data["at"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class FieldMerge:
    """One field where the submitted form and the saved record differ."""

    name: str
    mine: Any  # the value this user submitted
    theirs: Any  # the value saved by the other person
    outcome: str  # MINE: only this user changed it (applied); THEIRS: only they did (kept); BOTH: a conflict


@dataclass
class Merge:
    """A three-way merge of a stale save: every differing field, the values to write, who saved meanwhile."""

    key: str
    theirs: dict
    fields: list[FieldMerge]
    apply: dict
    editors: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[FieldMerge]:
        """Fields both changed to different values."""
        return [f for f in self.fields if f.outcome == BOTH]

    @property
    def kept(self) -> list[FieldMerge]:
        """Fields only the other person changed (their value stays)."""
        return [f for f in self.fields if f.outcome == THEIRS]


def three_way(*, key: str, base: dict | None, mine: dict, theirs: dict) -> Merge:
    """Merge `mine` (the form) into `theirs` (saved now) against `base` (loaded); without a base every difference
    is a conflict. Only fields present in both `mine` and `theirs` take part."""
    fields, apply = [], {}
    for name in (n for n in theirs if n in mine):
        new, saved = comparable(mine[name]), comparable(theirs[name])
        if new == saved:
            continue
        if base is None or name not in base:
            outcome = BOTH
        else:
            outcome = THEIRS if new == base[name] else MINE if saved == base[name] else BOTH
        fields.append(FieldMerge(name=name, mine=mine[name], theirs=theirs[name], outcome=outcome))
        if outcome == MINE:
            apply[name] = mine[name]
    return Merge(key=key, theirs=dict(theirs), fields=fields, apply=apply)


def merge_save(obj: Any, *, expected_version: Any, loaded: str | None, key: str, mine: dict,
               theirs: dict) -> dict:
    """The values a save may write: all of `mine` when the form's version is current; after someone else's save only
    the fields this user changed since the form was loaded. Raises ConflictError (with the Merge) when both changed
    a field differently or the form's snapshot is missing. The Merge of a merged save is kept for `last_merge()`."""
    if _is_current(obj, expected_version):
        return mine
    base = read_snapshot(loaded, key)
    merge = three_way(key=key, base=base.values if base else None, mine=mine, theirs=theirs)
    merge.editors = editors_since(obj, base.at if base else None)
    if merge.conflicts:
        raise ConflictError(obj, merge)
    inspect(obj).info["merge"] = merge
    return merge.apply


def last_merge(obj: Any) -> Merge | None:
    """The Merge of this request's merged save of `obj` (None when the form was current)."""
    return inspect(obj).info.get("merge")


def editors_since(obj: Any, since: datetime | None) -> list[str]:
    """Names of the people whose audited saves of `obj` came after `since` (or the last one's, without `since`)."""
    from app.core.audit import AuditEvent

    stmt = (select(_users.c.name, AuditEvent.id).join(_users, _users.c.id == AuditEvent.actor_id)
            .where(AuditEvent.entity == obj.__tablename__, AuditEvent.entity_id == obj.id,
                   AuditEvent.action.in_(("create", "update"))).order_by(AuditEvent.id.desc()))
    stmt = stmt.where(AuditEvent.created_at >= since).limit(50) if since else stmt.limit(1)
    names: list[str] = []
    for name, _id in db.session.execute(stmt):
        if name not in names:
            names.append(name)
    return list(reversed(names))


def rebase_form(form, error: ConflictError, *, form_value: Callable[[str, Any], Any] | None = None) -> None:
    """After a conflict: show the other person's changes where this user changed nothing, keep this user's input
    where both changed a field, and base the form on the saved version (hidden `version` and `loaded` fields)."""
    merge = error.merge
    if merge is not None:
        for change in merge.kept:
            if change.name in form._fields:
                bound = form[change.name]
                value = form_value(change.name, change.theirs) if form_value else change.theirs
                bound.data = ", ".join(value) if isinstance(value, list | tuple) else value
                bound.raw_data = None
        form.loaded.data = snapshot(merge.key, merge.theirs)
    form.version.data = error.current.version


def display(form, name: str, value: Any, formatters: dict | None = None) -> str:
    """A value as a person reads it in the conflict table: a select's label, yes/no, a date, "—" for nothing."""
    if formatters and name in formatters:
        value = formatters[name](value)
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    bound = form._fields.get(name)
    for choice in getattr(bound, "choices", None) or ():
        if str(choice[0]) == str(value):
            return str(choice[1])
    return str(value)


@dataclass(frozen=True)
class ConflictRow:
    """One row of the conflict table."""

    label: str
    yours: str
    theirs: str
    outcome: str


@dataclass(frozen=True)
class ConflictView:
    """What the conflict notice shows: who saved, and every field where the two versions differ."""

    editors: str
    rows: list[ConflictRow]


def conflict_view(form, error: ConflictError, formatters: dict | None = None) -> ConflictView:
    """The conflict table of a refused save, labelled with the form's field labels."""
    merge = error.merge
    editors = ", ".join(merge.editors) if merge and merge.editors else _("someone else")
    rows = [ConflictRow(label=str(form[f.name].label.text) if f.name in form._fields else f.name,
                        yours=display(form, f.name, f.mine, formatters),
                        theirs=display(form, f.name, f.theirs, formatters), outcome=f.outcome)
            for f in (merge.fields if merge else [])]
    return ConflictView(editors=editors, rows=rows)


def merge_notice(form, obj: Any) -> str | None:
    """After a merged save: who saved meanwhile and which of their changes were kept (None after a plain save)."""
    merge = last_merge(obj)
    if merge is None:
        return None
    names = ", ".join(merge.editors) or _("someone else")
    kept = [str(form[f.name].label.text) if f.name in form._fields else f.name for f in merge.kept]
    if kept:
        return _("Your changes were saved. Meanwhile %(names)s had saved changes; theirs were kept: %(fields)s.",
                 names=names, fields=", ".join(kept))
    return _("Your changes were saved. Meanwhile %(names)s had saved changes; none of them was overwritten.",
             names=names)
