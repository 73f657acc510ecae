"""Personal access tokens for the JSON API (stored hashed, with a scope, an expiry, the last use and a per-minute
request counter shared by every worker) and the Idempotency-Key records that make a retried create answer the
same response instead of creating twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import utcnow
from app.core.privacy import CODE, declare
from app.extensions import db
from app.touchpoints.models import Touchpoint

SCOPES = ("read", "write")


class ApiToken(db.Model):
    """A personal access token: acts as its user, with the user's roles and organisation, within its scope."""

    __tablename__ = "api_tokens"
    __audit__ = True
    __audit_exclude__ = ("token_hash", "last_used_at", "window_start", "window_count")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, info=declare("personal"))
    prefix: Mapped[str] = mapped_column(String(16), nullable=False, info=CODE)  # shown to tell tokens apart
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False, info=CODE)
    scope: Mapped[str] = mapped_column(String(10), nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    window_start: Mapped[datetime | None] = mapped_column(DateTime)  # the current throttling minute
    window_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    @property
    def audit_label(self) -> str:
        return f"{self.prefix}…"

class IdempotencyKey(db.Model):
    """A create request sent with an Idempotency-Key: what it asked (a fingerprint) and what it was answered."""

    __tablename__ = "api_idempotency_keys"
    __table_args__ = (UniqueConstraint("token_id", "key"), Index("ix_api_idempotency_keys_created", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(255), nullable=False, info=CODE)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False, info=CODE)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    status: Mapped[int | None] = mapped_column(Integer)  # None while the first request is still running
    location: Mapped[str | None] = mapped_column(String(300), info=CODE)
    body: Mapped[str | None] = mapped_column(Text, info=declare("organisation", "personal"))


# The API lists an organisation's touchpoints newest first by id (cursor paging): this index answers that from its
# first entries, where the touchpoints package's indexes (by employer and date) would sort all 30,000 of them.
Index("ix_touchpoints_organisation_id_id", Touchpoint.organisation_id, Touchpoint.id)
