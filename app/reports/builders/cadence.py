"""Cadence health report."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.i18n import fmt_date
from app.reports import charts
from app.reports.periods import Period
from app.reports.selectors import cadence
from app.reports.selectors.common import Scope, organisation_names, user_names
from app.reports.tables import Col, Figure, Report, Section, Table, ratio


def build(scope: Scope, period: Period) -> Report:
    """Share in cadence, overdue and its monthly trend, by owner or organisation; thin contact coverage."""
    as_of, prev_as_of = period.as_of(scope.today), period.previous().as_of(scope.today)
    trend = cadence.trend_dates(as_of)
    states = cadence.states_at(scope, [*trend, prev_as_of])
    now, before = cadence.totals(states, as_of), cadence.totals(states, prev_as_of)
    coverage = cadence.contact_coverage(scope)
    none_total, one_total = (sum(v[i] for v in coverage.values()) for i in (0, 1))
    report = Report("cadence", _("Cadence health"), figures=[
        Figure(_("Active relationships"), now[0], before[0], better=""),
        Figure(_("In cadence"), ratio(now[1], now[0]), ratio(before[1], before[0]), kind="pct"),
        Figure(_("Overdue"), now[2], before[2], better="down"),
        Figure(_("Employers with one contact person"), one_total, better="down"),
        Figure(_("Employers with no contact person"), none_total, better="down"),
    ], notes=[_("Read at %(date)s and, for comparison, at %(previous)s. Which relationships are active is today's "
                "state.", date=fmt_date(as_of), previous=fmt_date(prev_as_of))])
    report.sections.append(_trend_section(states, trend))
    report.sections.append(_group_section(scope, states, as_of, prev_as_of))
    report.sections.append(_contacts_section(scope, coverage))
    return report


def _trend_section(states, trend) -> Section:
    rows, labels, overdue, share = [], [], [], []
    for day in trend:
        active, ok, late = cadence.totals(states, day)
        rows.append([day, active, ok, ratio(ok, active), late])
        labels.append(f"{day.month}/{day.year % 100:02d}")
        overdue.append(late)
        share.append(ratio(ok, active))
    table = Table("cadence_trend", _("Overdue relationships by month"),
                  [Col(_("Month end"), "date"), Col(_("Active")), Col(_("In cadence")),
                   Col(_("Share in cadence"), "pct"), Col(_("Overdue"))], rows)
    chart = charts.line_chart(_("Overdue relationships at each month end"), labels, [(_("Overdue"), overdue)])
    return Section(table.title, table, chart)


def _group_section(scope: Scope, states, as_of, prev_as_of) -> Section:
    names = organisation_names() if scope.network else user_names(scope)
    current, previous = cadence.by_group(states, as_of), cadence.by_group(states, prev_as_of)
    rows = []
    for grp, (active, ok, late) in current.items():
        name = names.get(grp) or _("No owner")
        prev = previous.get(grp, (0, 0, 0))
        rows.append([name, active, ok, ratio(ok, active), ratio(prev[1], prev[0]), late])
    rows.sort(key=lambda r: (-(r[3] or 0), r[0]))
    who = _("Organisation") if scope.network else _("Owner")
    table = Table("cadence_by_owner", _("By organisation") if scope.network else _("By owner"),
                  [Col(who, "text"), Col(_("Active")), Col(_("In cadence")), Col(_("Share in cadence"), "pct"),
                   Col(_("Share in the previous period"), "pct"), Col(_("Overdue"))], rows)
    chart = charts.bar_chart(_("Share in cadence"), [(r[0], [r[3], r[4]]) for r in rows[:12]],
                             [_("This period"), _("Previous period")], kind="pct")
    return Section(table.title, table, chart)


def _contacts_section(scope: Scope, coverage) -> Section:
    if scope.network:
        names = organisation_names()
        rows = sorted([[names.get(grp, "?"), none, one] for grp, (none, one) in coverage.items()], key=lambda r: r[0])
        table = Table("cadence_contacts", _("Employers reached through one person at most"),
                      [Col(_("Organisation"), "text"), Col(_("No contact person")), Col(_("One contact person"))],
                      rows)
        return Section(table.title, table)
    rows = [[name, municipality or ""] for _id, name, municipality in cadence.single_contact_employers(scope)]
    table = Table("cadence_contacts", _("Employers with one contact person"),
                  [Col(_("Employer"), "text"), Col(_("Municipality"), "text")], rows,
                  note=_("If that person leaves, the employer is lost to the network: find a second contact. The "
                         "first 50 by name."))
    return Section(table.title, table)
