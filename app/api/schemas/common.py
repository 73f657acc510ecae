"""Schemas every area shares: the problem document and small helpers."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, fields, validate

MAX_ID = 2**31 - 1  # ids are 32-bit integer columns (PostgreSQL refuses a larger number in a comparison)


class UtcDateTime(fields.DateTime):
    """A timestamp (stored as naive UTC) written with its offset: 2026-12-04T16:00:00+00:00."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def text(max_length: int | None = None, **kwargs) -> fields.String:
    """An optional text input (null or empty means none)."""
    return fields.String(allow_none=True, validate=validate.Length(max=max_length) if max_length else None, **kwargs)


def one_of(choices, **kwargs) -> fields.String:
    """A code from a fixed list."""
    return fields.String(validate=validate.OneOf(list(choices)), **kwargs)


def ident(*, strict: bool = True, **kwargs) -> fields.Integer:
    """A record id (a positive integer): a JSON number in a body, digits in a query string (strict=False)."""
    return fields.Integer(strict=strict, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class FieldErrorSchema(Schema):
    """One refused value."""

    field = fields.String(allow_none=True, metadata={"description": "The field (dotted for nested fields)."})
    location = fields.String(data_key="in", metadata={"description": "body, query, header or path"})
    message = fields.String(metadata={"description": "Why, in the user's language (as the web form says it)."})


class ProblemSchema(Schema):
    """An RFC 9457 problem document (application/problem+json)."""

    type = fields.String(metadata={"description": "A link to the explanation of this kind of problem."})
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    instance = fields.String()
    errors = fields.List(fields.Nested(FieldErrorSchema))
