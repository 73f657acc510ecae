"""Bad input: every kind is refused at upload with a clear message, fast, in bounded memory, and nothing is saved."""

from __future__ import annotations

import resource
import time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.spreadsheets import readers
from app.spreadsheets.files import Limits
from app.spreadsheets.messages import FileProblem
from app.spreadsheets.models import ImportBatch, ImportFile, ImportRow
from tests.fixtures import make_fixtures as fx
from tests.spreadsheets.conftest import upload

BAD = [
    ("not_a_spreadsheet.xlsx", fx.fake_pdf, "PDF document, not a spreadsheet"),
    ("empty.xlsx", lambda: b"", "The file is empty"),
    ("header_only.xlsx", fx.header_only, "no data rows"),
    ("password.xlsx", fx.encrypted_xlsx, "password-protected"),
    ("macros.xlsm", fx.xlsm, "macros (.xlsm) are not accepted"),
    ("bomb.xlsx", fx.zip_bomb, "expands to more than 100 MB"),
    ("million.xlsx", fx.million_rows, "more than 100000 rows"),
    ("far.xlsx", fx.far_column, "16384 columns"),
    ("laughs.xlsx", fx.billion_laughs, "not allowed"),
    ("binary.csv", lambda: bytes(range(256)) * 40, "not a spreadsheet"),
    ("photo.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 20, "not a spreadsheet"),
]


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (ImportBatch, ImportRow, ImportFile))


@pytest.mark.parametrize(("name", "build", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_refused_with_a_clear_message_and_nothing_saved(app, importer, name, build, message):
    content = build()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = upload(importer, content, name)
    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _counts(app) == (0, 0, 0)
    assert elapsed < 2.0, elapsed
    assert grown_mb < 200, grown_mb


def test_file_over_the_size_limit_gets_413_with_a_message(app, importer):
    response = upload(importer, b"a;b\n" * (3 * 1024 * 1024), "huge.csv")
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert _counts(app) == (0, 0, 0)


def test_configured_byte_limit_below_the_request_limit_is_a_friendly_422(app, importer):
    previous = app.config["IMPORT_MAX_BYTES"]
    app.config["IMPORT_MAX_BYTES"] = 1024 * 1024
    try:
        response = upload(importer, b"Yritys;Kunta\n" + b"A Oy;Joensuu\n" * 100_000, "big.csv")
    finally:
        app.config["IMPORT_MAX_BYTES"] = previous
    assert response.status_code == 422
    assert "larger than 1 MB" in response.get_data(as_text=True)


def test_no_file_chosen(importer):
    response = importer.post("/imports/new", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose a file" in response.get_data(as_text=True)


def _read(content: bytes, **kwargs) -> readers.Table:
    return readers.read_table(content, "x.xlsx", Limits(), **kwargs)


def test_lying_dimension_header_still_gives_every_row(app):
    with app.app_context():
        table = _read(fx.lying_dimension(5000))
    assert len(table.rows) == 5000
    assert table.rows[-1] == (5001, ["Yritys 4999 Oy", "0400004999"])


def test_formula_cells_give_their_cached_value_and_a_notice(app):
    with app.test_request_context():
        table = _read(fx.cached_formulas())
        notice = [n for n in table.notices if n["code"] == "formulas"][0]
    assert table.rows == [(2, ["Pielisen Puutyö Oy", "401234567"]), (3, ["Kahvila Karjalanhelmi", ""])]
    assert notice["params"]["count"] == 3
    assert notice["params"]["rows"] == "2, 3"


def test_values_arrive_exactly_as_typed(app):
    content = fx.xlsx([["Sukunimi", "Puhelin", "Huom", "Numero", "Päivä"],
                       ["NA", "0401234567", "None", 401234567, 45352],
                       ["null", "+358401234567", "N/A", 1.5, "1.3.2024"]])
    with app.app_context():
        table = _read(content)
    assert table.rows == [(2, ["NA", "0401234567", "None", "401234567", "45352"]),
                          (3, ["null", "+358401234567", "N/A", "1.5", "1.3.2024"])]


def test_merged_title_row_is_skipped_and_reported(app):
    with app.test_request_context():
        table = _read(fx.messy_finnish())
    assert table.header_row == 2
    assert table.headers[:3] == ["Yritys", "Y-tunnus", "Kunta"]
    assert {n["code"] for n in table.notices} >= {"merged", "title_rows"}
    assert table.rows[0][0] == 3


def test_merged_cells_inside_the_data_keep_the_value_in_the_first_cell(app):
    content = fx.xlsx([["Yritys", "Kunta", "Yhteyshenkilö"], ["Iso Oy", "Joensuu", "A"], ["", "", "B"]],
                      merged=("A2:A3",))
    with app.app_context():
        table = _read(content)
    assert table.rows == [(2, ["Iso Oy", "Joensuu", "A"]), (3, ["", "", "B"])]


def test_hidden_sheets_are_skipped_and_another_sheet_can_be_chosen(app):
    content = fx.xlsx([["Yritys"], ["Näkyvä Oy"]], extra_sheets=[("Piilo", [["Yritys"], ["Piilo Oy"]], True),
                                                                  ("Toinen", [["Company"], ["Other Ltd"]], False)])
    with app.test_request_context():
        table = _read(content)
        assert table.sheet_names == ["Lista", "Toinen"]
        assert table.rows == [(2, ["Näkyvä Oy"])]
        assert any(n["code"] == "hidden_sheets" for n in table.notices)
        assert _read(content, sheet="Toinen").rows == [(2, ["Other Ltd"])]
        with pytest.raises(FileProblem) as problem:
            _read(content, sheet="Piilo")
        assert problem.value.code == "no_sheet"


def test_csv_encodings_separators_and_mixed_line_endings(app):
    with app.test_request_context():
        cp1252 = readers.read_table(fx.finnish_cp1252_csv(), "x.csv", Limits())
        bom = readers.read_table(fx.outlook_csv(), "x.csv", Limits())
        tabs = readers.read_table(fx.tab_csv(), "x.csv", Limits())
    assert [r[1][3] for r in cp1252.rows] == ["Liisa Laine", "Örjan Åberg", "Pekka Pää"]
    assert cp1252.rows[1][1][0] == "Äänekosken Sähkö Oy"
    assert {"cp1252", "delimiter"} <= {n["code"] for n in cp1252.notices}
    assert bom.headers[0] == "First Name"
    assert bom.rows[0][1][4] == "Pielisen Puutyö Oy"
    assert tabs.headers == ["Company", "City", "Contact", "Email"]


def test_csv_row_with_more_cells_than_the_header_gets_unnamed_columns(app):
    with app.test_request_context():
        table = readers.read_table(b"Yritys;Kunta\nA Oy;Joensuu\nB Oy;Lieksa;extra;cells\n", "x.csv", Limits())
    assert table.headers == ["Yritys", "Kunta", "", ""]
    assert table.rows == [(2, ["A Oy", "Joensuu", "", ""]), (3, ["B Oy", "Lieksa", "extra", "cells"])]


def test_header_row_can_be_given(app):
    with app.test_request_context():
        table = _read(fx.messy_finnish(), header_row=3)
    assert table.headers[0] == "Pielisen Puutyö Oy"
    assert table.rows[0][0] == 4


COMMITTED = {"messy_finnish.xlsx": None, "coordinator_list.xlsx": None, "swedish.xlsx": None, "outlook.csv": None,
             "finnish_cp1252.csv": None, "tab_separated.csv": None, "cached_formulas.xlsx": None,
             "header_only.xlsx": "header_only", "not_a_spreadsheet.xlsx": "pdf", "macros.xlsm": "macros",
             "billion_laughs.xlsx": "unsafe_xml", "far_column.xlsx": "too_many_columns", "password.xlsx": "encrypted",
             "empty.xlsx": "empty_file"}


@pytest.mark.parametrize(("name", "problem"), sorted(COMMITTED.items()))
def test_committed_fixture_files(app, name, problem):
    from pathlib import Path

    content = (Path(fx.__file__).parent / name).read_bytes()
    with app.test_request_context():
        if problem is None:
            assert readers.read_table(content, name, Limits()).rows
        else:
            with pytest.raises(FileProblem) as raised:
                readers.read_table(content, name, Limits())
            assert raised.value.code == problem
