"""Report pages of my organisation and of the network, their .xlsx exports and print views, and the dashboard's
weekly summary."""

from __future__ import annotations

from flask import Response, request
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.dates import today
from app.core.htmx import render, render_fragment
from app.core.xlsx import xlsx_response
from app.reports import bp, catalogue, weekly
from app.reports.exports import report_workbook
from app.reports.periods import Period
from app.reports.selectors.common import Scope

READERS = ("manager", "coordinator")
REPORT = "<any(" + ", ".join(catalogue.NAMES) + "):report>"
BLOCKS = {"report-body": "report_body"}


def _scope(network: bool) -> Scope:
    return Scope(None if network else current_user.organisation_id, today())


def _scope_label(network: bool) -> str:
    return _("The whole network") if network else current_user.organisation.name


def _page(report: str, *, network: bool, template: str = "reports/report.html"):
    period = Period.from_args(request.args, today())
    built = catalogue.build(report, _scope(network), period)
    return render(template, blocks=BLOCKS, report=built, name=report, period=period, network=network,
                  scope_label=_scope_label(network), tabs=catalogue.tabs(), period_labels=catalogue.PERIOD_LABELS)


def _export(report: str, *, network: bool) -> Response:
    period = Period.from_args(request.args, today())
    built = catalogue.build(report, _scope(network), period)
    body = report_workbook(built, period, _scope_label(network))
    return xlsx_response(body, f"ratko-{'network-' if network else ''}{report}-{period.start}-{period.end}.xlsx")


@bp.get("/reports")
@role_required(*READERS)
def index():
    """My organisation's reports, opening on cadence health."""
    return _page("cadence", network=False)


@bp.get(f"/reports/{REPORT}")
@role_required(*READERS)
def report(report: str):
    """One report of my organisation for a period, compared with the previous period."""
    return _page(report, network=False)


@bp.get(f"/reports/{REPORT}.xlsx")
@role_required(*READERS)
def export(report: str):
    """One report of my organisation as .xlsx."""
    return _export(report, network=False)


@bp.get(f"/reports/{REPORT}/print")
@role_required(*READERS)
def print_view(report: str):
    """One report of my organisation laid out for print."""
    return _page(report, network=False, template="reports/print.html")


@bp.get("/reports/network")
@role_required("admin")
def network_index():
    """The network administrator's reports over every organisation."""
    return _page("cadence", network=True)


@bp.get(f"/reports/network/{REPORT}")
@role_required("admin")
def network_report(report: str):
    """One report over the whole network (small counts about people protected)."""
    return _page(report, network=True)


@bp.get(f"/reports/network/{REPORT}.xlsx")
@role_required("admin")
def network_export(report: str):
    """One network report as .xlsx (protected small counts stay out)."""
    return _export(report, network=True)


@bp.get(f"/reports/network/{REPORT}/print")
@role_required("admin")
def network_print(report: str):
    """One network report laid out for print."""
    return _page(report, network=True, template="reports/print.html")


@bp.get("/reports/weekly")
def weekly_region():
    """Dashboard card: what changed in my organisation since last week (empty for other roles)."""
    if not weekly.may_read(current_user):
        return render_fragment("reports/_empty.html")
    return render_fragment("reports/_weekly.html", figures=weekly.summary(_scope(False)))
