"""Leads report: sharing, holding, filling, hidden against advertised, and reciprocity between organisations."""

from __future__ import annotations

from flask_babel import gettext as _

from app.leads.labels import KIND_LABELS
from app.leads.models import KINDS
from app.reports import charts
from app.reports.periods import Period
from app.reports.selectors import leads
from app.reports.selectors.common import Scope, organisation_names
from app.reports.tables import Col, Figure, Report, Section, Table, ratio


def build(scope: Scope, period: Period) -> Report:
    """Leads by kind, time to fill, and who shares and fills whose leads."""
    kinds = leads.by_kind(scope, period)

    def total(i):
        return sum(v[i] for v in kinds.values())

    days, filled = total(8), total(5)
    hidden = kinds.get("hidden_job", (0,) * 10)
    report = Report("leads", _("Leads"), figures=[
        Figure(_("Leads found"), total(0), total(1)),
        Figure(_("Hidden jobs found"), hidden[0], hidden[1]),
        Figure(_("Shared with the network"), total(2), total(3)),
        Figure(_("Filled"), filled, total(6)),
        Figure(_("Average days to fill"), ratio(days, filled), kind="num", better="down"),
    ], notes=[_("Found: leads created in the period. Held: hidden jobs kept for the finding organisation before "
                "they opened to the network. Days to fill: from the day a lead was created to the day it was "
                "filled, for the leads filled in the period.")])
    rows = [[str(KIND_LABELS.get(k, k)), *(kinds[k][i] for i in (0, 1, 2, 4, 5, 7)),
             ratio(kinds[k][8], kinds[k][5])] for k in KINDS if k in kinds]
    table = Table("leads_kinds", _("Leads by kind"),
                  [Col(_("Kind"), "text"), Col(_("Found")), Col(_("Found in the previous period")), Col(_("Shared")),
                   Col(_("Held first")), Col(_("Filled")), Col(_("Expired")), Col(_("Average days to fill"), "num")],
                  rows)
    chart = charts.bar_chart(_("Found and filled"), [(r[0], [r[1], r[5]]) for r in rows],
                             [_("Found"), _("Filled")])
    report.sections.append(Section(table.title, table, chart))
    report.sections.append(_reciprocity(scope, period))
    return report


def _reciprocity(scope: Scope, period: Period) -> Section:
    names, shared, fills = organisation_names(), leads.shared_by_organisation(period), leads.fills(scope, period)
    if scope.network:
        rows = [[name, shared.get(org, 0),
                 sum(n for (owner, filler), n in fills.items() if filler == org and owner != org),
                 sum(n for (owner, filler), n in fills.items() if owner == org and filler != org),
                 fills.get((org, org), 0)] for org, name in sorted(names.items(), key=lambda kv: kv[1])]
        columns = [Col(_("Organisation"), "text"), Col(_("Shared with the network")), Col(_("Filled others' leads")),
                   Col(_("Its leads filled by others")), Col(_("Filled its own"))]
    else:
        mine = scope.organisation_id
        rows = [[name, shared.get(org, 0), fills.get((org, mine), 0), fills.get((mine, org), 0)]
                for org, name in sorted(names.items(), key=lambda kv: kv[1]) if org != mine]
        rows = [r for r in rows if any(r[1:])]
        rows.insert(0, [_("We shared"), shared.get(mine, 0), fills.get((mine, mine), 0), 0])
        columns = [Col(_("Organisation"), "text"), Col(_("Shared with the network")),
                   Col(_("We filled their leads")), Col(_("They filled ours"))]
    table = Table("leads_reciprocity", _("Reciprocity between organisations"), columns, rows,
                  note=None if scope.network else _("The first row is us: leads we shared and filled ourselves."))
    chart = charts.bar_chart(table.title, [(r[0], [r[1], r[2]]) for r in rows[:12]],
                             [columns[1].label, columns[2].label])
    return Section(table.title, table, chart)
