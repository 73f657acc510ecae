"""Placements and retention report (figures about people: protected below five persons in the network view)."""

from __future__ import annotations

from flask_babel import gettext as _

from app.leads.labels import END_LABELS, TYPE_LABELS
from app.leads.placements.models import FOLLOW_UP_MONTHS, TYPES
from app.reports import charts
from app.reports.periods import Period
from app.reports.selectors import placements
from app.reports.selectors.common import Scope
from app.reports.tables import SMALL, Col, Figure, Report, Section, Table, protect, protect_with_total, ratio


def build(scope: Scope, period: Period) -> Report:
    """Placements by type, retention at 1/3/6/12 months, pay-subsidy ends, running and ended placements."""
    net = scope.network
    by_type = placements.started_by_type(scope, period)
    as_of, prev_as_of = period.as_of(scope.today), period.previous().as_of(scope.today)
    running = placements.active_at(scope, [as_of, prev_as_of])
    started = [_masked([by_type.get(t, (0, 0, 0, 0)) for t in TYPES], i, net) for i in (0, 1)]
    totals = [_total(by_type, i, net) for i in (0, 1)]
    subsidy = placements.subsidy_ends(scope, period)
    report = Report("placements", _("Placements and retention"), figures=[
        Figure(_("Placements started"), *totals),
        Figure(_("Placements running"), *(protect(running[d][0], running[d][1], network=net)
                                          for d in (as_of, prev_as_of)), better=""),
        Figure(_("Pay subsidies ending"), protect(subsidy[0], subsidy[3], network=net), better=""),
    ], notes=[_("Retention: the follow-ups due in the period, one, three, six and twelve months after a placement "
                "began, and whether the person was still employed.")])
    if net:
        report.notes.append(_("Figures about fewer than five persons are shown as \u201c< 5\u201d and left out of "
                              "exports."))
    rows = [[str(TYPE_LABELS.get(t, t)), started[0][i], started[1][i]] for i, t in enumerate(TYPES)]
    table = Table("placements_types", _("Placements started by type"),
                  [Col(_("Type"), "text"), Col(_("This period")), Col(_("Previous period"))], rows)
    report.sections.append(Section(table.title, table, charts.bar_chart(
        table.title, [(r[0], [r[1], r[2]]) for r in rows], [_("This period"), _("Previous period")])))
    report.sections.append(_retention_section(placements.retention(scope, period), net))
    report.sections.append(_subsidy_section(subsidy, net))
    ended = placements.ended_by_reason(scope, period)
    end_rows = [[str(END_LABELS.get(reason, reason or _("Not given"))), protect(n, persons, network=net)]
                for reason, (n, persons) in sorted(ended.items(), key=lambda kv: -kv[1][0])]
    report.sections.append(Section(_("Placements ended in the period"), Table(
        "placements_ended", _("Placements ended in the period"), [Col(_("Reason"), "text"), Col(_("Placements"))],
        end_rows)))
    return report


def _masked(values: list[tuple], index: int, network: bool) -> list:
    """Counts of one period column, protected by the persons behind each (with the total shown)."""
    persons = protect_with_total([v[index + 2] for v in values], network=network)
    return [SMALL if p is SMALL else v[index] for v, p in zip(values, persons, strict=True)]


def _total(by_type: dict, index: int, network: bool):
    count = sum(v[index] for v in by_type.values())
    return protect(count, sum(v[index + 2] for v in by_type.values()), network=network)


def _retention_section(retention: dict, network: bool) -> Section:
    rows = []
    for months in FOLLOW_UP_MONTHS:
        due, recorded, employed, persons = retention.get(months, (0, 0, 0, 0))
        small = network and 0 < persons < 5
        rows.append([_("%(n)d months", n=months), protect(due, due, network=network), SMALL if small else recorded,
                     SMALL if small else employed, SMALL if small else ratio(employed, recorded)])
    table = Table("placements_retention", _("Still employed at the follow-ups"),
                  [Col(_("Follow-up"), "text"), Col(_("Due in the period")), Col(_("Recorded")),
                   Col(_("Still employed")), Col(_("Share still employed"), "pct")], rows)
    chart = charts.bar_chart(_("Share still employed"), [(r[0], [r[4]]) for r in rows], [_("This period")],
                             kind="pct")
    return Section(table.title, table, chart)


def _subsidy_section(subsidy, network: bool) -> Section:
    ending, handled, active, persons = subsidy
    values = [protect(v, persons, network=network) for v in (ending, handled, active)]
    table = Table("placements_subsidy", _("Pay subsidies ending in the period"),
                  [Col(_("Ending"), "int"), Col(_("Handled in time")), Col(_("Still in the job"))], [values])
    return Section(table.title, table)
