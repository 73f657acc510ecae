"""Excel's "Unicode text" (UTF-16 with a byte-order mark, tab-separated) is read like any CSV (issue 14 item 5)."""

from __future__ import annotations

import codecs

import pytest

from app.spreadsheets import readers
from app.spreadsheets.files import Limits, detect_kind
from tests.spreadsheets.conftest import batch_id_of, upload

ROWS = "Nimi\tY-tunnus\tKunta\r\nKärkkäisen Kone Oy\t1234567-8\tJoensuu\r\nÅlands Ö-butik Ab\t\tMaarianhamina\r\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(app, encoding):
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    content = bom + ROWS.encode(encoding)
    assert detect_kind(content, "lista.txt") == "csv"
    with app.app_context():
        table = readers.read_table(content, "lista.txt", Limits())
    assert table.headers == ["Nimi", "Y-tunnus", "Kunta"]
    assert table.rows == [(2, ["Kärkkäisen Kone Oy", "1234567-8", "Joensuu"]),
                          (3, ["Ålands Ö-butik Ab", "", "Maarianhamina"])]
    assert {"code": "delimiter", "params": {"name": "tab"}} in table.notices


def test_unicode_text_upload_is_accepted(app, importer):
    response = upload(importer, codecs.BOM_UTF16_LE + ROWS.encode("utf-16-le"), name="Työnantajat.txt")
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    page = importer.get(f"/imports/{batch_id_of(response)}").get_data(as_text=True)
    assert "Kärkkäisen Kone Oy" in page and "not a spreadsheet" not in page


def test_broken_utf16_is_a_clear_refusal(app):
    with app.app_context(), pytest.raises(readers.FileProblem) as refused:
        readers.read_table(codecs.BOM_UTF16_LE + "Nimi\tKunta\r\n".encode("utf-16-le") + b"\x00", "x.txt", Limits())
    assert refused.value.code == "not_text"
