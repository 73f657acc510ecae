"""Reads for administration: users and organisations visible to the acting admin or manager, the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from app.auth.models import User
from app.core.audit import AuditEvent
from app.core.filters import FilterSet, text
from app.core.pagination import Page, paginate
from app.core.scoping import get_or_404
from app.extensions import db

NETWORK_ENTITIES = ("employers", "sites", "contact_persons", "organisations", "users", "employer_tags")


def managed_users(*, user) -> list[User]:
    """Users an admin (all) or a manager (own organisation) may manage."""
    stmt = select(User).order_by(User.active.desc(), User.name)
    if not user.is_admin:
        stmt = stmt.where(User.organisation_id == user.organisation_id)
    return list(db.session.scalars(stmt))


def managed_user_or_404(*, user, user_id: int) -> User:
    """A user the acting admin or manager may manage, or 404."""
    target = get_or_404(User, user_id)
    if not user.is_admin and target.organisation_id != user.organisation_id:
        from flask import abort

        abort(404)
    return target


@dataclass
class AuditFilters(FilterSet):
    """The audit log's query string: one record type (an entity name as stored; unknown names list nothing)."""

    entity: str = text(max_len=60)


def audit_page(*, user, filters: AuditFilters, page: int = 1) -> Page:
    """The audit log visible to `user`: own organisation's events, plus network-shared records for admins."""
    stmt = select(AuditEvent, User.name).outerjoin(User, User.id == AuditEvent.actor_id)
    visible = AuditEvent.organisation_id == user.organisation_id
    if user.is_admin:
        visible = or_(visible, AuditEvent.entity.in_(NETWORK_ENTITIES), AuditEvent.organisation_id.is_(None))
    stmt = stmt.where(visible)
    if filters.entity:
        stmt = stmt.where(AuditEvent.entity == filters.entity)
    return paginate(stmt.order_by(AuditEvent.id.desc()), page=page, per_page=50, scalars=False)


def audit_entities() -> list[str]:
    """Entity names that appear in the audit log (for the filter)."""
    return list(db.session.scalars(select(AuditEvent.entity).distinct().order_by(AuditEvent.entity)))
