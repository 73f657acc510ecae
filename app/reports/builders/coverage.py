"""Coverage report: where the network's employers are, which of them we work with, and collisions."""

from __future__ import annotations

from flask_babel import gettext as _

from app.employers.reference import industries
from app.reports import charts
from app.reports.periods import Period, month_ends, months_between
from app.reports.selectors import coverage
from app.reports.selectors.common import Scope
from app.reports.tables import Col, Figure, Report, Section, Table, ratio


def build(scope: Scope, period: Period) -> Report:
    """Employers by municipality and industry, new relationships by month, unworked employers, collisions."""
    places, industries_ = coverage.directory(scope)
    sections = _sections(industries_)
    months = months_between(month_ends(period.as_of(scope.today), 12)[0], period.as_of(scope.today))
    new = coverage.new_relationships(scope, months[0], period.as_of(scope.today))
    in_period, in_previous = coverage.new_counts(scope, period)
    (hits, hit_touches), (prev_hits, _prev_touches) = coverage.collisions(scope, period)
    total, worked, unworked = (sum(r[i] for r in places) for i in (1, 2, 3))
    report = Report("coverage", _("Coverage of the employer network"), figures=[
        Figure(_("Employers in the directory"), total, better=""),
        Figure(_("Employers we work with") if not scope.network else _("Employers someone works with"),
               worked, better=""),
        Figure(_("Employers no organisation works with"), unworked, better="down"),
        Figure(_("New relationships"), in_period, in_previous),
        Figure(_("Collisions"), hits, prev_hits, better="down",
               note=_("Employers contacted within %(n)d days of another organisation.", n=30)),
    ], notes=[_("A relationship counts as worked with unless it is dormant or do-not-contact. Collisions: %(n)d "
                "contacts made within 30 days after another organisation's contact with the same employer.",
                n=hit_touches)])
    report.sections.append(_directory_section("coverage_municipalities", _("Employers by municipality"),
                                              _("Municipality"), places, scope))
    report.sections.append(_directory_section("coverage_industries", _("Employers by industry (TOL 2008)"),
                                              _("Industry"), sections, scope))
    report.sections.append(_new_section(new, months))
    rows = [list(r) for r in coverage.collision_employers(scope, period)]
    report.sections.append(Section(_("Collisions in the period"), Table(
        "coverage_collisions", _("Collisions in the period"),
        [Col(_("Employer"), "text"), Col(_("Municipality"), "text"), Col(_("Organisations in touch")),
         Col(_("Last contact"), "date")], rows, note=_("The first 50, most organisations first."))))
    return report


def _sections(rows) -> list[tuple]:
    """Fold industry codes (divisions) into their TOL 2008 sections."""
    reference, folded = industries(), {}
    for code, n, worked, unworked in rows:
        item = reference.get(code or "")
        section = (item.code if item and item.level == "section" else item.parent if item else None)
        key = reference[section].name() if section in reference else _("Not given")
        label = f"{section} {key}" if section in reference else key
        totals = folded.setdefault(label, [0, 0, 0])
        for i, value in enumerate((n, worked, unworked)):
            totals[i] += value
    return [(label, *values) for label, values in folded.items()]


def _directory_section(key: str, title, who, rows, scope: Scope) -> Section:
    table_rows = sorted(([label or _("Not given"), n, worked, ratio(worked, n), unworked]
                         for label, n, worked, unworked in rows), key=lambda r: (-r[1], str(r[0])))
    worked_label = _("Someone works with") if scope.network else _("We work with")
    table = Table(key, title, [Col(who, "text"), Col(_("Employers")), Col(worked_label), Col(_("Share"), "pct"),
                               Col(_("No organisation"))], table_rows)
    chart = charts.bar_chart(title, [(r[0], [r[1], r[2]]) for r in table_rows[:10]],
                             [_("Employers"), worked_label])
    return Section(title, table, chart, intro=_("The ten largest in the chart; every row in the table."))


def _new_section(new: dict, months) -> Section:
    rows = [[m.strftime("%Y-%m"), new.get(m.strftime("%Y-%m"), 0)] for m in months]
    table = Table("coverage_new", _("New relationships by month"), [Col(_("Month"), "text"),
                                                                    Col(_("New relationships"))], rows)
    chart = charts.bar_chart(table.title, [(r[0], [r[1]]) for r in rows], [_("New relationships")])
    return Section(table.title, table, chart, intro=_("The twelve months up to the end of the period."))
