"""Organisation scoping for selectors: private rows are filtered by the acting user's organisation."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from flask import abort
from sqlalchemy import Select

from app.extensions import db

log = logging.getLogger("ratko.security")
T = TypeVar("T")


def scope(stmt: Select, model: Any, user: Any) -> Select:
    """Restrict `stmt` to rows of `model` that belong to the user's organisation."""
    return stmt.where(model.organisation_id == user.organisation_id)


def get_or_404(model: type[T], object_id: Any) -> T:
    """Load a network-shared row by primary key or answer 404."""
    obj = db.session.get(model, object_id) if _valid_id(object_id) else None
    if obj is None:
        abort(404)
    return obj


def get_scoped_or_404(model: type[T], object_id: Any, user: Any) -> T:
    """Load an organisation-private row of the user's organisation, or 404 (never 403: no existence leak)."""
    obj = db.session.get(model, object_id) if _valid_id(object_id) else None
    if obj is None:
        abort(404)
    if obj.organisation_id != user.organisation_id:
        log.warning("cross-organisation access refused: user=%s entity=%s id=%s",
                    getattr(user, "id", None), getattr(model, "__tablename__", model), object_id)
        abort(404)
    return obj


def _valid_id(object_id: Any) -> bool:
    return isinstance(object_id, int) and 0 < object_id < 2**63
