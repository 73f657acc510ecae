"""Report pages, exports and print views over HTTP: who may see what, the .xlsx files opened with openpyxl, the
weekly dashboard card, and a query count that does not grow with the data."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest

from app.reports.catalogue import NAMES
from tests.helpers import count_queries

JUNE = "?period=month&start=2025-06-01"


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in ("/reports", "/reports/work", "/reports/network", "/reports/network/leads.xlsx", "/reports/weekly"):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], url


def test_coaches_get_no_reports_and_only_the_administrator_sees_the_network(world, make_client):
    carl, cora = make_client(login=world.carl.email), make_client(login=world.cora.email)
    assert carl.get("/reports").status_code == 403
    assert carl.get("/reports/work.xlsx").status_code == 403
    for name in NAMES:
        assert cora.get(f"/reports/network/{name}").status_code == 403
        assert cora.get(f"/reports/network/{name}.xlsx").status_code == 403
        assert cora.get(f"/reports/network/{name}/print").status_code == 403
    assert cora.get("/reports/network").status_code == 403
    assert cora.get("/reports/unknown").status_code == 404
    admin = make_client(login=world.admin.email)
    assert admin.get("/reports/network").status_code == 200


def test_every_report_page_and_print_view_renders_with_its_charts(world, make_client):
    cora = make_client(login=world.cora.email)
    for name in NAMES:
        for url in (f"/reports/{name}{JUNE}", f"/reports/{name}/print{JUNE}"):
            response = cora.get(url)
            body = response.get_data(as_text=True)
            assert response.status_code == 200, url
            assert "<svg" in body and "<table" in body, url
            assert ' style="' not in body and "<script>" not in body, url
    response = cora.get(f"/reports/work{JUNE}", htmx="report-body")
    assert "<html" not in response.get_data(as_text=True) and "HX-Target" in response.headers["Vary"]


def test_my_organisation_never_sees_another_organisations_people(world, make_client):
    body = make_client(login=world.cora.email).get(f"/reports/work{JUNE}").get_data(as_text=True)
    assert "Carl" in body and "Bea" not in body


def _workbook(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(response.get_data()))


def test_export_has_a_sheet_per_table_with_numbers_and_percentages(world, make_client):
    cora = make_client(login=world.cora.email)
    book = _workbook(cora.get(f"/reports/cadence.xlsx{JUNE}"))
    assert book.sheetnames == ["Summary", "1 Overdue relationships by mont", "2 By owner",
                               "3 Employers with one contact pe"]
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert summary["Active relationships"][:2] == (6, 6)
    share = next(row for row in book["Summary"].iter_rows(min_row=2) if row[0].value == "In cadence")[1]
    assert share.value == pytest.approx(2 / 6) and share.number_format == "0.0%"
    trend = book["1 Overdue relationships by mont"]
    last = list(trend.iter_rows(values_only=True))[-1]
    assert last[0].date() == date(2025, 6, 30) and last[1:3] == (6, 2) and last[4] == 2
    assert trend.cell(row=13, column=4).number_format == "0.0%"
    for name in NAMES:
        assert len(_workbook(cora.get(f"/reports/{name}.xlsx{JUNE}")).sheetnames) >= 2


def test_network_export_keeps_small_counts_out(world, make_client):
    admin = make_client(login=world.admin.email)
    book = _workbook(admin.get(f"/reports/network/placements.xlsx{JUNE}"))
    types = {row[0]: row[1:] for row in book["1 Placements started by type"].iter_rows(min_row=2, values_only=True)}
    assert types["Pay-subsidy job"] == ("< 5", 0)
    assert types["Paid job on an ordinary contract"] == (0, 5)
    assert list(book[book.sheetnames[3]].iter_rows(min_row=2, values_only=True)) == [("< 5",) * 3]
    summary = {row[0]: row[1:] for row in book["Summary"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert summary["Placements started"][:2] == ("< 5", 5)
    page = admin.get(f"/reports/network/placements{JUNE}").get_data(as_text=True)
    assert "&lt; 5" in page


def test_weekly_summary_for_coordinators_and_managers_only(world, make_client, app):
    from tests.reports.conftest import _log

    today = date.today()
    _log(app, world.cora, world.employers[0].id, today - timedelta(days=1), "visit")
    card = make_client(login=world.cora.email).get("/reports/weekly", htmx=True).get_data(as_text=True)
    assert "Employer contacts logged" in card and "Overdue relationships" in card
    assert make_client(login=world.carl.email).get("/reports/weekly", htmx=True).get_data(as_text=True) == ""


def _grow(app, factory, world, n: int) -> None:
    from tests.reports.conftest import _log

    for k in range(n):
        employer = factory.employer(f"Growth {n}-{k} Oy", municipality="Kontiolahti")
        _log(app, world.cora, employer.id, date(2025, 6, 1 + k % 28), "visit")
        _log(app, world.bea, employer.id, date(2025, 6, 2 + k % 28), "call")


@pytest.mark.parametrize("network", [False, True])
def test_query_count_does_not_grow_with_the_data(app, factory, world, make_client, network):
    who = make_client(login=world.admin.email if network else world.cora.email)
    prefix = "/reports/network/" if network else "/reports/"

    def counts():
        result = {}
        for name in NAMES:
            with count_queries(app) as n:
                assert who.get(f"{prefix}{name}{JUNE}").status_code == 200
            result[name] = n[0]
        return result

    small = counts()
    _grow(app, factory, world, 12)
    assert counts() == small
