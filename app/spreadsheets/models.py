"""Import batches and their staging rows, the changes a commit made (for undo), remembered column mappings."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import TimestampMixin, utcnow
from app.core.privacy import CODE, declare
from app.extensions import db

# mapping -> previewing -> previewed -> committing -> committed -> undoing -> undone
# "failed": a job stopped with a reason (a failed commit was rolled back first); "discarded": given up before commit.
RUNNING = ("previewing", "committing", "undoing")
STATUSES = RUNNING + ("mapping", "previewed", "committed", "undone", "failed", "discarded")
ROW_KINDS = ("new", "update", "unchanged", "duplicate", "error")


def _loads(text: str | None, default):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def dumps(value) -> str:
    """Compact JSON for the staging columns."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class ImportBatch(TimestampMixin, db.Model):
    """One uploaded file of one organisation: its options, mapping, progress, counts and outcome."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    file_name: Mapped[str] = mapped_column(String(255), nullable=False, info=declare("organisation"))
    file_size: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True, info=CODE)
    file_kind: Mapped[str] = mapped_column(String(10), nullable=False, info=CODE)
    sheet_names_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False, info=declare("organisation"))
    sheet_name: Mapped[str | None] = mapped_column(String(100), info=declare("organisation"))
    header_row: Mapped[int | None] = mapped_column(Integer)
    headers_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False, info=declare("organisation"))
    samples_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False,
                                              info=declare("organisation", "personal"))
    mapping_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False, info=CODE)
    options_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=CODE)
    fingerprint: Mapped[str | None] = mapped_column(String(64), info=CODE)
    status: Mapped[str] = mapped_column(String(20), default="mapping", nullable=False, index=True, info=CODE)
    progress_done: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    progress_total: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    row_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    counts_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=CODE)
    notices_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False, info=declare("organisation"))
    message_json: Mapped[str | None] = mapped_column(Text, info=declare("organisation"))
    undo_report_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False,
                                                  info=declare("organisation", "personal"))
    previewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    committed_at: Mapped[datetime | None] = mapped_column(DateTime)
    committed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def sheet_names(self) -> list[str]:
        """Sheet names of a workbook (empty for CSV)."""
        return _loads(self.sheet_names_json, [])

    @property
    def headers(self) -> list[str]:
        """The header cells as found in the file."""
        return _loads(self.headers_json, [])

    @property
    def samples(self) -> list[list[str]]:
        """The first data rows as read at upload (shown next to the column mapping)."""
        return _loads(self.samples_json, [])

    @property
    def mapping(self) -> list[str]:
        """The field each column is mapped to ("" = ignored), aligned with `headers`."""
        return _loads(self.mapping_json, [])

    @property
    def options(self) -> dict:
        """Import options: update policy, default owner, relationship start, skip errors."""
        return _loads(self.options_json, {})

    @property
    def counts(self) -> dict:
        """Row and record counts of the last preview or commit."""
        return _loads(self.counts_json, {})

    @property
    def notices(self) -> list[dict]:
        """File-level warnings found while reading (encoding fallback, formulas, merged cells)."""
        return _loads(self.notices_json, [])

    @property
    def message(self) -> dict | None:
        """The reason a job failed or stopped, as {"code": ..., "params": {...}}."""
        return _loads(self.message_json, None)

    @property
    def undo_report(self) -> list[dict]:
        """Records the undo refused to touch, with reasons."""
        return _loads(self.undo_report_json, [])

    @property
    def running(self) -> bool:
        """A background job is working on this batch."""
        return self.status in RUNNING


class ImportFile(db.Model):
    """The uploaded bytes, kept only until the batch is committed or discarded (or 24 hours)."""

    __tablename__ = "import_files"

    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False, index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, info=declare("organisation", "personal"))


class ImportRow(db.Model):
    """One data row of the file: raw cells, normalised values, classification and errors."""

    __tablename__ = "import_rows"
    __table_args__ = (Index("ix_import_rows_batch_row", "batch_id", "row_number"),
                      Index("ix_import_rows_batch_kind", "batch_id", "kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False)
    row_number: Mapped[int] = mapped_column(Integer, nullable=False)
    raw_json: Mapped[str] = mapped_column(Text, nullable=False, info=declare("organisation", "personal"))
    values_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False,
                                             info=declare("organisation", "personal"))
    kind: Mapped[str | None] = mapped_column(String(12), info=CODE)
    plan_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False, info=declare("organisation", "personal"))
    errors_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False,
                                             info=declare("organisation", "personal"))
    warnings_json: Mapped[str] = mapped_column(Text, default="[]", nullable=False,
                                               info=declare("organisation", "personal"))
    applied: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    @property
    def raw(self) -> list[str]:
        """The row's cells as text, exactly as read."""
        return _loads(self.raw_json, [])

    @property
    def values(self) -> dict:
        """Normalised values by field."""
        return _loads(self.values_json, {})

    @property
    def plan(self) -> dict:
        """What the commit will do: employer/contact/relationship actions, matched ids, changed fields."""
        return _loads(self.plan_json, {})

    @property
    def errors(self) -> list[dict]:
        """Problems that stop this row, as {"field", "column", "code", "params"}."""
        return _loads(self.errors_json, [])

    @property
    def warnings(self) -> list[dict]:
        """Problems that do not stop this row."""
        return _loads(self.warnings_json, [])


class ImportChange(db.Model):
    """A record a commit created or updated, with its version afterwards and, for updates, the values before."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False,
                                          index=True)
    entity: Mapped[str] = mapped_column(String(40), nullable=False, info=CODE)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    row_number: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10), nullable=False, info=CODE)
    before_json: Mapped[str] = mapped_column(Text, default="{}", nullable=False,
                                             info=declare("organisation", "personal"))
    version_after: Mapped[int | None] = mapped_column(Integer)
    undone: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)

    @property
    def before(self) -> dict:
        """Field values before the import (updates), or the tag (tag additions)."""
        return _loads(self.before_json, {})


class ImportMapping(TimestampMixin, db.Model):
    """A column mapping an organisation confirmed, offered again for files with the same header set."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("organisation_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False, info=CODE)
    mapping_json: Mapped[str] = mapped_column(Text, nullable=False, info=declare("organisation"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def mapping(self) -> dict:
        """Normalised header -> field."""
        return _loads(self.mapping_json, {})
