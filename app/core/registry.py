"""Extension points that let a package contribute to another package's page without importing it.

A package registers navigation entries, page regions (loaded with hx-get from its own URL), worklist sources and
calendar sources when its blueprint is registered; `core` only keeps the lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Flask, current_app


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation."""

    endpoint: str
    label: Any  # a lazy_gettext string
    order: int = 50
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    """A region of a host page (e.g. the employer page) filled from another package's URL."""

    page: str
    endpoint: str
    order: int = 50
    arg: str = "employer_id"


@dataclass
class WorkItem:
    """One line of someone's worklist, from any package (relationship due, promise, RATKO revisit, follow-up)."""

    kind: str
    due: date
    title: str
    url: str
    state: str  # "overdue" | "due" | "upcoming"
    owner_id: int | None = None
    employer_id: int | None = None
    employer_name: str = ""
    detail: str = ""
    uid: str = ""
    extra: dict = field(default_factory=dict)
    in_feed: bool = True  # False keeps client-related items out of the external calendar feed
    feed_title: str | None = None  # the title in the external feed when `title` holds personal data (issue 11)


def _store(app: Flask) -> dict:
    return app.extensions.setdefault("ratko_registry", {"nav": [], "regions": [], "work": [], "demo": [],
                                                        "work_kinds": {}})


def register_nav(app: Flask, item: NavItem) -> None:
    """Add a main-navigation entry."""
    _store(app)["nav"].append(item)


def register_region(app: Flask, region: Region) -> None:
    """Add a lazily loaded region to a host page."""
    _store(app)["regions"].append(region)


def register_work_source(app: Flask, source: Callable[..., list[WorkItem]]) -> None:
    """Add a worklist source: fn(*, user, scope, owner_id, horizon) -> list[WorkItem]."""
    _store(app)["work"].append(source)


def register_work_kinds(app: Flask, labels: dict) -> None:
    """Name a package's work-item kinds (kind -> lazily translated label) for the worklist, exports and feeds."""
    _store(app)["work_kinds"].update(labels)


def work_kind_label(kind: str | None) -> str:
    """The translated label of a work-item kind (the code itself when no package named it)."""
    return str(_store(current_app)["work_kinds"].get(kind, kind or ""))


def register_demo_loader(app: Flask, order: int, loader: Callable[[], None]) -> None:
    """Add a step of `flask seed demo` (lower order runs first)."""
    _store(app)["demo"].append((order, loader))


def nav_items() -> list[NavItem]:
    """Navigation entries whose endpoints exist, in order."""
    return sorted((i for i in _store(current_app)["nav"] if i.endpoint in current_app.view_functions),
                  key=lambda i: i.order)


def regions(page: str) -> list[Region]:
    """Regions registered for a host page, in order."""
    return sorted((r for r in _store(current_app)["regions"] if r.page == page), key=lambda r: r.order)


def work_sources() -> list[Callable[..., list[WorkItem]]]:
    """Every registered worklist source."""
    return list(_store(current_app)["work"])


def demo_loaders() -> list[Callable[[], None]]:
    """Demo-data steps in their order."""
    return [loader for _, loader in sorted(_store(current_app)["demo"], key=lambda pair: pair[0])]
