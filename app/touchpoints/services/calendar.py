"""Per-user secret tokens for the calendar feed (only a SHA-256 of the token is stored)."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select

from app.auth.models import User
from app.auth.services import token_digest
from app.core.audit import audit_record
from app.core.db import utcnow
from app.extensions import db
from app.touchpoints.models import CalendarToken


def calendar_token_issue(*, user: User) -> str:
    """Create or regenerate my calendar-feed token (the old link stops working); return the new secret once."""
    token = secrets.token_urlsafe(32)
    row = db.session.scalar(select(CalendarToken).where(CalendarToken.user_id == user.id))
    if row is None:
        row = CalendarToken(user_id=user.id)
        db.session.add(row)
    row.token_hash, row.created_at = token_digest(token), utcnow()
    audit_record(action="calendar-token", entity="users", entity_id=user.id, summary="issued",
                 organisation_id=user.organisation_id)
    db.session.flush()
    return token


def calendar_token_revoke(*, user: User) -> None:
    """Stop my calendar feed (its link answers 404 from now on)."""
    db.session.execute(delete(CalendarToken).where(CalendarToken.user_id == user.id))
    audit_record(action="calendar-token", entity="users", entity_id=user.id, summary="revoked",
                 organisation_id=user.organisation_id)
    db.session.flush()
