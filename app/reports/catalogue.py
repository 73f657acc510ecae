"""The reports there are, in tab order, and how each is built."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from app.reports.builders import cadence, coverage, leads, placements, ratko, work
from app.reports.periods import Period
from app.reports.selectors.common import Scope
from app.reports.tables import Report

REPORTS: dict[str, tuple[object, Callable[[Scope, Period], Report]]] = {
    "cadence": (_l("Cadence health"), cadence.build),
    "work": (_l("Employer work"), work.build),
    "coverage": (_l("Coverage"), coverage.build),
    "ratko": (_l("RATKO funnel"), ratko.build),
    "placements": (_l("Placements and retention"), placements.build),
    "leads": (_l("Leads"), leads.build),
}
NAMES = tuple(REPORTS)
PERIOD_LABELS = {"month": _l("Month"), "quarter": _l("Quarter"), "year": _l("Year"), "custom": _l("Custom")}


def build(name: str, scope: Scope, period: Period) -> Report:
    """Build one report."""
    return REPORTS[name][1](scope, period)


def tabs() -> list[tuple[str, object]]:
    """(name, label) of every report."""
    return [(name, label) for name, (label, _build) in REPORTS.items()]
