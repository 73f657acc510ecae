"""Retention periods per record type, set by the network administrator (issue 11, item 6)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import TimestampMixin
from app.core.privacy import CODE
from app.extensions import db


class RetentionPeriod(TimestampMixin, db.Model):
    """How long one record type is kept (in the unit its rule uses: months or days); absent = the default."""

    __tablename__ = "retention_periods"
    __audit__ = True

    record_type: Mapped[str] = mapped_column(String(30), primary_key=True, info=CODE)
    period: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def audit_label(self) -> str:
        return self.record_type
