"""RATKO funnel report."""

from __future__ import annotations

from flask_babel import gettext as _

from app.ratko.labels import PHASE_LABELS, STATUS_LABELS
from app.ratko.models import PHASES, STATUSES
from app.reports import charts
from app.reports.periods import Period
from app.reports.selectors import ratko
from app.reports.selectors.common import Scope
from app.reports.tables import Col, Figure, Report, Section, Table, protect


def build(scope: Scope, period: Period) -> Report:
    """From presentation to placement, freed hours, engagements by phase."""
    counts = ratko.funnel_counts(scope, period)
    persons = counts["placed_persons"]
    placements = [protect(counts["placements"][i], persons[i], network=scope.network) for i in (0, 1)]
    freed = ratko.freed_hours(scope, period)
    stages = [
        ("presented", _("Engagements presented")), ("go", _("Go decisions")), ("no_go", _("No-go decisions")),
        ("workshops", _("Workshops held")), ("tasks", _("Tasks inventoried")), ("carved", _("Tasks carved")),
        ("bundles", _("Bundles created")), ("leads", _("Bundles made into leads")),
        ("filled", _("Bundle leads filled")), ("placements", _("Placements from bundles")),
    ]
    values = {key: (placements if key == "placements" else counts[key]) for key, _label in stages}
    report = Report("ratko", _("RATKO funnel"), figures=[
        Figure(_("Engagements presented"), *counts["presented"]),
        Figure(_("Workshops held"), *counts["workshops"]),
        Figure(_("Bundles created"), *counts["bundles"]),
        Figure(_("Placements from bundles"), *placements),
        Figure(_("Freed hours per week"), *freed, kind="num"),
    ], notes=[_("Each step counts what happened in the period: engagements started, decisions taken, workshops "
                "held, tasks and bundles created, leads made from bundles and filled, placements started. Freed "
                "hours: the weekly hours of the tasks carved into the bundles created in the period.")])
    rows = [[label, *values[key]] for key, label in stages]
    table = Table("ratko_funnel", _("From presentation to placement"),
                  [Col(_("Step"), "text"), Col(_("This period")), Col(_("Previous period"))], rows)
    chart = charts.funnel(_("RATKO funnel"), [(label, values[key][0]) for key, label in stages
                                              if key not in ("no_go", "tasks", "carved")])
    report.sections.append(Section(table.title, table, chart))
    by_phase = ratko.phases(scope)
    phase_rows = [[str(PHASE_LABELS[phase]), *(by_phase.get((phase, status), 0) for status in STATUSES)]
                  for phase in PHASES]
    phase_table = Table("ratko_phases", _("Engagements by phase and status today"),
                        [Col(_("Phase"), "text"), *(Col(str(STATUS_LABELS[s])) for s in STATUSES)], phase_rows)
    phase_chart = charts.bar_chart(phase_table.title, [(r[0], [r[1]]) for r in phase_rows],
                                   [STATUS_LABELS["active"]])
    report.sections.append(Section(phase_table.title, phase_table, phase_chart))
    return report
