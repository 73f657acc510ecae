"""Offset paging for selectors: one COUNT and one page query, whatever the table size."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from app.extensions import db

DEFAULT_PER_PAGE = 25


@dataclass
class Page:
    """A page of results with the numbers a pager needs."""

    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        """1-based index of the first item shown."""
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        """1-based index of the last item shown."""
        return min(self.total, self.page * self.per_page)


def page_number(raw: Any) -> int:
    """Parse a ?page= value; anything odd means page 1."""
    try:
        return max(1, min(int(raw), 100_000))
    except (TypeError, ValueError):
        return 1


def paginate(stmt: Select, *, page: int, per_page: int = DEFAULT_PER_PAGE, scalars: bool = True) -> Page:
    """Run `stmt` for one page and count its total rows."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(page, pages)
    paged = stmt.limit(per_page).offset((page - 1) * per_page)
    items = list(db.session.scalars(paged)) if scalars else list(db.session.execute(paged))
    return Page(items=items, page=page, per_page=per_page, total=total)
