"""Cursor pagination for the API's lists: each page ends with a signed cursor naming the last record it held, and
the next page starts after it (keyset paging: the same cost on page 1 and page 1,000, whatever was added meanwhile).
A cursor that was tampered with answers 400, one that points past the last record 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from marshmallow import Schema, fields, validate

from app.api.jsonout import json_response
from app.api.problems import Problem
from app.extensions import db

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_SALT = "ratko.api-cursor"


class PageArgs(Schema):
    """`limit` and `cursor` of every list."""

    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"Records per page (1-{MAX_LIMIT})."})
    cursor = fields.String(load_default=None, validate=validate.Length(max=200),
                           metadata={"description": "The `next` cursor of the previous page."})


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A page of `item_schema` records with the link to the next page."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item_schema), required=True),
        "next": fields.String(allow_none=True, required=True,
                              metadata={"description": "URL of the next page; null on the last page."}),
    }, name=name)


@dataclass
class Page:
    """One page of rows and the cursor of the next page (None on the last)."""

    rows: list
    next_cursor: str | None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=_SALT)


def encode(scope: str, key: Any) -> str:
    """A signed cursor: this list (`scope`) continues after `key`."""
    return _serializer().dumps([scope, key])


def decode(cursor: str, scope: str) -> Any:
    """The key a cursor continues after; 400 when it is not one of ours for this list."""
    try:
        found_scope, key = _serializer().loads(cursor)
    except (BadSignature, ValueError, TypeError):
        found_scope, key = None, None
    if found_scope != scope:
        raise Problem(400, _("This cursor does not belong to this list. Start again from the first page."),
                      errors=[{"field": "cursor", "in": "query", "message": _("Not a cursor of this list.")}])
    return key


def keyset(stmt, *, key, scope: str, args: dict, descending: bool = False, scalars: bool = True,
           key_of=None) -> Page:
    """One page of `stmt` ordered by the unique `key` column, after the cursor in `args`."""
    limit, cursor = args["limit"], args.get("cursor")
    after = decode(cursor, scope) if cursor else None
    if after is not None:
        stmt = stmt.where(key < after if descending else key > after)
    stmt = stmt.order_by(key.desc() if descending else key.asc()).limit(limit + 1)
    rows = list(db.session.scalars(stmt)) if scalars else list(db.session.execute(stmt))
    if after is not None and not rows:
        raise Problem(404, _("There are no more records after this cursor."))
    more = len(rows) > limit
    rows = rows[:limit]
    last = (key_of or _default_key)(rows[-1]) if rows and more else None
    return Page(rows=rows, next_cursor=encode(scope, last) if last is not None else None)


def _default_key(row) -> Any:
    return row.id if hasattr(row, "id") else row[0].id


def page_number(args: dict, scope: str) -> int:
    """The page a numbered list (the worklist, computed from several sources) continues at."""
    cursor = args.get("cursor")
    number = decode(cursor, scope) if cursor else 1
    if not isinstance(number, int) or number < 1:
        raise Problem(400, _("This cursor does not belong to this list. Start again from the first page."))
    return number


def numbered(rows: list, *, scope: str, number: int, total: int, limit: int) -> Page:
    """A page of a numbered list; 404 past its end."""
    if number > 1 and (number - 1) * limit >= total:
        raise Problem(404, _("There are no more records after this cursor."))
    return Page(rows=rows, next_cursor=encode(scope, number + 1) if number * limit < total else None)


def listing(page: Page, items: list):
    """The response of a list: the items, the next page's URL, and the same URL in a Link header."""
    next_url = None
    if page.next_cursor:
        args = {**request.args.to_dict(), "cursor": page.next_cursor}
        next_url = url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    return json_response({"items": items, "next": next_url}, 200, headers)
