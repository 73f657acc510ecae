"""Export of the directory: its filters, my organisation's relationship data only, typed and safe cells, audit,
rate limit, and a round trip (export, import the file, nothing changes)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.extensions import db

NASTY = ["=HYPERLINK(\"http://x\",\"y\")", "+358 40 123", "-2+3", "@SUM(A1)", "\tTab Oy", "=1+1", "#N/A"]


def _world(factory, coordinator, org):
    other_org = factory.org("muu", "Muu organisaatio")
    other = factory.user(other_org, email="other@example.test", name="Olli Other")
    a = factory.employer("Pielisen Puutyö Oy", business_id="0112038-9", municipality="Joensuu", industry_code="16",
                         size_class="small", website="https://puutyo.fi", address="Teollisuustie 5",
                         tags=["puu", "vienti"])
    factory.contact(a, name="Liisa Laine", title="Tuotantopäällikkö", phone="+358401234567",
                    email="liisa@puutyo.fi")
    factory.contact(a, name="Pasi Puu")
    factory.relationship(a, coordinator, status="active_partner", started_on=date(2023, 3, 1))
    factory.relationship(a, other, status="do_not_contact", private_note="SALAINEN muistiinpano")
    b = factory.employer("Kahvila Karjalanhelmi", municipality="Lieksa")
    factory.relationship(b, other, status="dormant")
    return a, b


def _sheets(data: bytes) -> list[list[tuple]]:
    workbook = load_workbook(io.BytesIO(data))
    return [[tuple(cell.value for cell in row) for row in sheet.iter_rows()] for sheet in workbook.worksheets]


def test_export_has_my_relationship_contacts_typed_cells_and_an_audit_row(app, importer, factory, coordinator,
                                                                           org):
    _world(factory, coordinator, org)
    response = importer.get("/exports/employers.xlsx?sort=name")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and re.search(r"employers-\d{4}-\d{2}-\d{2}\.xlsx", disposition)
    employers, contacts = _sheets(response.data)
    assert employers[0][:3] == ("Employer", "Y-tunnus", "Municipality")
    puutyo = employers[2]
    assert puutyo[0] == "Pielisen Puutyö Oy" and puutyo[3] == "16" and puutyo[8] == "puu, vienti"
    assert puutyo[9] == "Active partner" and puutyo[10] == "Kaija Koordinaattori"
    assert puutyo[11].date() == date(2023, 3, 1)
    kahvila = employers[1]
    assert kahvila[0] == "Kahvila Karjalanhelmi" and kahvila[9] is None and kahvila[10] is None
    assert [c[3] for c in contacts[1:]] == ["Liisa Laine", "Pasi Puu"]
    assert contacts[1][5] == "+358401234567"  # E.164: unambiguous, imports back as it is
    text = response.data.decode("latin-1")
    assert "Olli Other" not in text and "Do not contact" not in text and "Dormant" not in text
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "SALAINEN" not in sheet and "Olli" not in sheet
        assert '<pane ySplit="1"' in sheet and "<autoFilter" in sheet
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.actor_id == coordinator.id
        assert event.change_dict == {"filters": "", "employers": 2, "contacts": 2}


def test_export_uses_exactly_the_directory_filters(app, importer, factory, coordinator, org):
    _world(factory, coordinator, org)
    only_lieksa = _sheets(importer.get("/exports/employers.xlsx?municipality=Lieksa").data)[0]
    assert [r[0] for r in only_lieksa[1:]] == ["Kahvila Karjalanhelmi"]
    searched = _sheets(importer.get("/exports/employers.xlsx?q=liisa").data)[0]
    assert [r[0] for r in searched[1:]] == ["Pielisen Puutyö Oy"]
    mine = _sheets(importer.get("/exports/employers.xlsx?status=none").data)[0]
    assert [r[0] for r in mine[1:]] == ["Kahvila Karjalanhelmi"]
    with app.app_context():
        filters = [e.change_dict["filters"] for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id))]
    assert filters == ["municipality=Lieksa", "q=liisa", "status=none"]


def test_cells_that_look_like_formulas_are_written_as_text(app, importer, factory, runner):
    for index, name in enumerate(NASTY):
        employer = factory.employer(name, municipality="Joensuu")
        factory.contact(employer, name=f"{name} henkilö", title=NASTY[-1 - index])
    response = importer.get("/exports/employers.xlsx")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/"):
                xml = archive.read(part).decode()
                assert "<f>" not in xml and "<f " not in xml, part
                assert 't="e"' not in xml
    employers, contacts = _sheets(response.data)
    with app.app_context():
        from app.employers.models import Employer

        stored = sorted(db.session.scalars(select(Employer.name)))
    assert sorted(r[0] for r in employers[1:]) == stored
    assert "=HYPERLINK(\"http://x\",\"y\")" in stored and "#N/A" in stored
    batch_id = runner.upload(response.data, "export.xlsx")
    runner.preview(batch_id)
    rows = runner.rows(batch_id)
    assert sorted(r.values["employer_name"] for r in rows.values()) == stored
    assert {r.kind for r in rows.values()} == {"unchanged"}


def test_export_then_import_changes_nothing(app, importer, factory, coordinator, org, runner):
    _world(factory, coordinator, org)
    factory.employer("Vaaran Pesula Ky", business_id="0201256-6", municipality="Lieksa", industry_code="96")
    data = importer.get("/exports/employers.xlsx").data
    for sheet in ("Employers", "Contact persons"):
        batch_id = runner.upload(data, "export.xlsx", sheet=sheet)
        batch = runner.preview(batch_id)
        assert "" not in [m for m, h in zip(batch.mapping, batch.headers, strict=True)
                          if h not in ("Industry name", "Last touchpoint", "Cadence")], batch.mapping
        kinds = {number: row.kind for number, row in runner.rows(batch_id).items()}
        assert set(kinds.values()) == {"unchanged"}, (sheet, runner.rows(batch_id))
    again = importer.get("/exports/employers.xlsx").data
    assert _sheets(again) == _sheets(data)


def test_exports_are_rate_limited(app, importer, factory):
    app.config["EXPORT_RATE_LIMIT"], previous = 2, app.config["EXPORT_RATE_LIMIT"]
    try:
        assert importer.get("/exports/employers.xlsx").status_code == 200
        assert importer.get("/exports/employers.xlsx").status_code == 200
        assert importer.get("/exports/employers.xlsx").status_code == 429
    finally:
        app.config["EXPORT_RATE_LIMIT"] = previous


def test_export_shows_my_last_touchpoint_and_cadence_state(app, importer, factory, coordinator, org):
    from datetime import timedelta

    from app.auth.models import User
    from app.core.dates import today as local_today
    from app.employers.selectors import employer_get_or_404
    from app.touchpoints.services.touchpoints import touchpoint_log

    employer = factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    when = local_today() - timedelta(days=400)
    with app.app_context():
        touchpoint_log(author=db.session.get(User, coordinator.id), employer=employer_get_or_404(employer.id),
                       data={"occurred_on": when, "channel": "call", "summary": "Soitto", "purpose": "keep_in_touch"})
        db.session.commit()
    employers, _contacts = _sheets(importer.get("/exports/employers.xlsx").data)
    assert employers[0][12:] == ("Last touchpoint", "Cadence")
    assert employers[1][12].date() == when
    assert employers[1][13] == "Overdue"
