"""The import pages through HTTP: upload, mapping, preview with filters, commit, undo; fragments; other orgs."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from app.employers.models import Employer
from app.extensions import db
from tests.fixtures import make_fixtures as fx
from tests.spreadsheets.conftest import batch_id_of, upload

STATE = "import-state"


def _mapping_form(html: str) -> dict:
    """The mapping form's current values, as a browser would submit them."""
    data = {}
    form = html[html.index('id="mapping-form"'):]
    form = form[:form.index("</form>")]
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', body)
        data[name] = next(g for g in chosen.groups() if g is not None) if chosen else ""
    for name, value in re.findall(r'<input[^>]*checked[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        data[name] = value
    for value, name in re.findall(r'<input[^>]*value="([^"]*)"[^>]*name="([^"]+)"[^>]*checked', form):
        data[name] = value
    data.setdefault("policy", "update")
    return data


def test_upload_map_preview_commit_and_undo_through_the_pages(app, importer, factory):
    factory.employer("Pielisen Puutyö Oy", business_id="0112038-9", municipality="Joensuu")
    response = upload(importer, fx.messy_finnish(), "Työnantajat 2024.xlsx")
    assert response.status_code == 303
    batch_id = batch_id_of(response)
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    assert "Which column is what?" in page and "Työnantajat 2024.xlsx" in page
    assert "The header was found on row 2" in page
    form = _mapping_form(page)
    assert form["col_0"] == "employer_name" and form["col_6"] == "phone" and form["col_9"] == ""
    form["col_8"] = ""  # "Aloitettu" is not imported this time
    fragment = importer.post(f"/imports/{batch_id}/mapping", data=form, htmx=STATE)
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert 'hx-trigger="load delay:500ms"' in fragment.get_data(as_text=True)  # the preview job was queued
    body = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)  # what the poll gets next
    assert "<html" not in body and "Preview: nothing has been saved yet" in body
    assert "anna(at)pesula is not a valid e-mail address" in body

    errors_only = importer.get(f"/imports/{batch_id}?rows=error", htmx="import-rows").get_data(as_text=True)
    assert errors_only.count('class="kind-error"') == 1 and "<html" not in errors_only
    report = importer.get(f"/imports/{batch_id}/errors.xlsx")
    assert report.headers["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(report.data), read_only=True).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][:3] == ("Row", "Problems", "Yritys") and [line[0] for line in lines[1:]] == [5, 8]
    assert "anna(at)pesula" in lines[1][1] and "was left out" in lines[1][1]  # a note: the row itself is imported
    assert "no employer name" in lines[2][1]

    refused = importer.post(f"/imports/{batch_id}/commit", data={}, htmx=STATE)
    assert refused.status_code == 409
    done = importer.post(f"/imports/{batch_id}/commit", data={"skip_errors": "y"}, htmx=STATE)
    assert done.status_code == 200
    assert "Imported on" in importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    with app.app_context():
        assert "Outokummun Metalli Oy" in db.session.scalars(select(Employer.name)).all()
    directory = importer.get("/employers?q=outokummun").get_data(as_text=True)
    assert "Outokummun Metalli Oy" in directory

    again = importer.post(f"/imports/{batch_id}/commit", data={"skip_errors": "y"}, htmx=STATE)
    assert again.status_code == 409
    undone = importer.post(f"/imports/{batch_id}/undo", data={})
    assert undone.status_code == 303
    assert "Undone" in importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Employer.name)).all() == ["Pielisen Puutyö Oy"]
    history = importer.get("/imports").get_data(as_text=True)
    assert "Työnantajat 2024.xlsx" in history and "Undone" in history


def test_mapping_problems_are_shown_with_422(app, importer):
    batch_id = batch_id_of(upload(importer, fx.swedish(), "kontakter.xlsx"))
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    form = _mapping_form(page)
    form.update({"col_0": "", "col_1": ""})
    response = importer.post(f"/imports/{batch_id}/mapping", data=form, htmx=STATE)
    assert response.status_code == 422
    assert "Map a column to the employer name or the Y-tunnus." in response.get_data(as_text=True)
    form.update({"col_0": "employer_name", "col_3": "phone", "col_5": "phone"})
    response = importer.post(f"/imports/{batch_id}/mapping", data=form, htmx=STATE)
    assert response.status_code == 422 and "Phone is mapped to more than one column" in response.get_data(as_text=True)


def test_mapping_is_remembered_for_the_next_file_with_the_same_headers(app, importer):
    batch_id = batch_id_of(upload(importer, fx.swedish(), "a.xlsx"))
    form = _mapping_form(importer.get(f"/imports/{batch_id}").get_data(as_text=True))
    form["col_4"] = ""  # do not import "Titel"
    importer.post(f"/imports/{batch_id}/mapping", data=form)
    second = batch_id_of(upload(importer, fx.swedish(), "b.xlsx"))
    page = importer.get(f"/imports/{second}").get_data(as_text=True)
    assert "used this mapping last time" in page
    assert _mapping_form(page)["col_4"] == ""


def test_another_sheet_or_header_row_can_be_chosen(app, importer):
    content = fx.xlsx([["Yritys"], ["Ensimmäinen Oy"]], extra_sheets=[("Toinen", [["Title"], ["Company"],
                                                                                   ["Other Ltd"]], False)])
    batch_id = batch_id_of(upload(importer, content, "kaksi.xlsx"))
    response = importer.post(f"/imports/{batch_id}/source", data={"sheet": "Toinen", "header_row": "2"}, htmx=STATE)
    assert response.status_code == 200
    body = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    assert "Sheet Toinen." in body and "Column names on row 2." in body and "Other Ltd" in body
    bad = importer.post(f"/imports/{batch_id}/source", data={"sheet": "Toinen", "header_row": "9"}, htmx=STATE)
    assert bad.status_code == 422 and "No header row was found" in bad.get_data(as_text=True)


def test_discard_and_state_refusals(app, importer):
    batch_id = batch_id_of(upload(importer, fx.swedish(), "kontakter.xlsx"))
    assert importer.post(f"/imports/{batch_id}/undo", data={}, htmx=STATE).status_code == 409
    assert importer.post(f"/imports/{batch_id}/resume", data={}, htmx=STATE).status_code == 409
    assert importer.post(f"/imports/{batch_id}/discard", data={}).status_code == 303
    assert "discarded" in importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    assert importer.post(f"/imports/{batch_id}/mapping", data={}, htmx=STATE).status_code == 409


def test_progress_region_polls_while_a_job_runs(app, importer, runner):
    batch_id = runner.upload(fx.swedish())
    with app.app_context():
        from app.core.db import utcnow
        from app.spreadsheets.models import ImportBatch

        batch = db.session.get(ImportBatch, batch_id)
        batch.status, batch.progress_done, batch.progress_total, batch.heartbeat_at = "previewing", 3, 10, utcnow()
        db.session.commit()
    body = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    assert 'hx-trigger="load delay:500ms"' in body and 'value="3"' in body and "<html" not in body
    with app.app_context():
        from datetime import timedelta

        batch = db.session.get(ImportBatch, batch_id)
        batch.heartbeat_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    stale = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    assert "load delay" not in stale and "Start again" in stale
    resumed = importer.post(f"/imports/{batch_id}/resume", data={}, htmx=STATE)
    assert resumed.status_code == 200
    assert "Preview: nothing has been saved yet" in importer.get(f"/imports/{batch_id}").get_data(as_text=True)


def test_other_organisations_batches_are_not_found(app, make_client, factory, runner):
    batch_id = runner.upload(fx.swedish())
    outsider = factory.user(email="ulkopuolinen@example.test", roles=("coordinator",))
    client = make_client(login=outsider.email)
    assert client.get(f"/imports/{batch_id}").status_code == 404
    assert client.get(f"/imports/{batch_id}/errors.xlsx").status_code == 404
    assert client.post(f"/imports/{batch_id}/discard", data={}).status_code == 404
    assert "kontakter" not in client.get("/imports").get_data(as_text=True)


def test_template_has_the_recognised_columns_and_instructions_in_my_language(app, importer):
    response = importer.get("/imports/template.xlsx", headers={"Accept-Language": "sv"})
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.data))
    assert len(workbook.sheetnames) == 2
    headers = [cell.value for cell in workbook.worksheets[0][1]]
    with app.app_context():
        from app.spreadsheets.mapping import detect_mapping

        assert "" not in detect_mapping(headers)
    assert workbook.worksheets[1].max_row > 10


def test_owner_from_another_organisation_is_ignored(app, importer, factory):
    outsider = factory.user(email="toinen@example.test")
    batch_id = batch_id_of(upload(importer, fx.swedish(), "kontakter.xlsx"))
    form = _mapping_form(importer.get(f"/imports/{batch_id}").get_data(as_text=True))
    form["default_owner_id"] = str(outsider.id)
    importer.post(f"/imports/{batch_id}/mapping", data=form)
    with app.app_context():
        from app.spreadsheets.models import ImportBatch

        assert db.session.get(ImportBatch, batch_id).options["default_owner_id"] is None
