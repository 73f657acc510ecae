"""Idempotency-Key on creates: the first request with a key claims it (in the same transaction as what it creates)
and stores its response; a retry with the same key and the same request gets that response again and creates
nothing. The same key with a different request is refused (422); keys are kept for a day."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import wraps

from flask import Response, current_app, g, request
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.api.models import IdempotencyKey
from app.api.problems import Problem
from app.core.db import utcnow
from app.extensions import db

HEADER = "Idempotency-Key"
KEPT = timedelta(hours=24)


def _key() -> str | None:
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    key = raw.strip()
    if not 1 <= len(key) <= 255 or not key.isascii() or not key.isprintable():
        raise Problem(400, _("An Idempotency-Key is 1 to 255 printable ASCII characters, e.g. a UUID."),
                      errors=[{"field": HEADER, "in": "header", "message": _("Not a valid key.")}])
    return key


def _fingerprint() -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def idempotency_record(*, token_id: int, key: str) -> IdempotencyKey | None:
    """The stored record of a key of this token, if any."""
    return db.session.scalar(select(IdempotencyKey).where(IdempotencyKey.token_id == token_id,
                                                          IdempotencyKey.key == key))


def idempotency_claim(*, token_id: int, key: str, fingerprint: str) -> IdempotencyKey | None:
    """Claim a key for this request (in a savepoint); None when another request holds it already. A concurrent
    request with the same key waits here until the first one ends (the unique index), then finds its record."""
    db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.token_id == token_id,
                                                    IdempotencyKey.created_at < utcnow() - KEPT))
    record = IdempotencyKey(token_id=token_id, key=key, fingerprint=fingerprint, created_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:
        return None
    return record


def idempotency_store(*, record: IdempotencyKey, response: Response) -> None:
    """Keep the response of the request that claimed the key."""
    record.status, record.location = response.status_code, response.headers.get("Location")
    record.body = response.get_data(as_text=True)
    db.session.flush()


def _replay(record: IdempotencyKey | None, fingerprint: str) -> Response:
    if record is None or record.status is None:
        raise Problem(409, _("A request with this Idempotency-Key is still being processed. Try again shortly."))
    if record.fingerprint != fingerprint:
        raise Problem(422, _("This Idempotency-Key was already used for a different request. Use a new key for a "
                             "new request."), kind="idempotency-key-reused")
    response = Response(record.body, status=record.status, mimetype="application/json")
    if record.location:
        response.headers["Location"] = record.location
    response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent(view):
    """Make a create view answer a retried request (same Idempotency-Key) with the first response."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = _key()
        if key is None:
            return view(*args, **kwargs)
        token_id, fingerprint = g.api_token.token_id, _fingerprint()
        record = idempotency_record(token_id=token_id, key=key)
        if record is None:
            record = idempotency_claim(token_id=token_id, key=key, fingerprint=fingerprint)
            if record is None:
                return _replay(idempotency_record(token_id=token_id, key=key), fingerprint)
        else:
            return _replay(record, fingerprint)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code < 300:
            idempotency_store(record=record, response=response)
        return response

    return wrapped
