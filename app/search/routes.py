"""/search: the header box's answers as you type, and the full results page (works without JavaScript)."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from app.core.htmx import hx_target, render, render_fragment
from app.core.pagination import Page
from app.search import bp
from app.search.selectors import KINDS, kinds_for, search
from app.search.text import parse_query

SUGGESTIONS = 5  # per kind, under the header box
PER_GROUP = 10  # per kind, on the results page
PER_PAGE = 25  # one kind's own list ("Show all")
BLOCKS = {"search-page-results": "search_page_results"}


def _page_number() -> int:
    page = request.args.get("page", "1")
    return min(int(page), 10_000) if page.isdigit() and int(page) > 0 else 1


@bp.get("/search")
def index():
    """Search every kind of record I may see; one kind with paging when `kind` is given."""
    query, kinds = parse_query(request.args.get("q")), kinds_for(current_user)
    if hx_target() == "search-suggestions":
        results = search(user=current_user, query=query, kinds=kinds, limit=SUGGESTIONS)
        return render_fragment("search/_suggestions.html", results=results)
    kind = request.args.get("kind", "") if request.args.get("kind") in kinds else ""
    number = _page_number() if kind else 1
    limit = PER_PAGE if kind else PER_GROUP
    results = search(user=current_user, query=query, kinds=(kind,) if kind else kinds, limit=limit,
                     offset=(number - 1) * limit)
    page = Page(items=[], page=number, per_page=limit, total=results.total) if kind else None
    return render("search/index.html", blocks=BLOCKS, results=results, kind=kind, page=page, kinds=KINDS)
