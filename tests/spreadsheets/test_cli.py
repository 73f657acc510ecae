"""flask import-xlsx and export-xlsx."""

from __future__ import annotations

from sqlalchemy import select

from app.employers.models import Employer, Relationship
from app.extensions import db
from tests.fixtures import make_fixtures as fx


def _invoke(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def test_dry_run_prints_the_preview_counts_and_fails_on_errors(app, org, coordinator, tmp_path):
    path = tmp_path / "lista.xlsx"
    path.write_bytes(fx.messy_finnish())
    result = _invoke(app, "import-xlsx", str(path), "--org", org.slug, "--dry-run")
    assert result.exit_code == 1
    assert "Rows: 6 — new 4, updates 0, unchanged 0, duplicates 1, errors 1" in result.output
    assert "row 8: The row has a contact but no employer name or Y-tunnus." in result.output
    assert ("row 5: Sähköposti: anna(at)pesula is not a valid e-mail address. The value was left out; the rest of "
            "the row is imported.") in result.output
    with app.app_context():
        assert db.session.scalars(select(Employer)).all() == []


def test_errors_stop_the_import_unless_skipped(app, org, coordinator, tmp_path):
    path = tmp_path / "lista.xlsx"
    path.write_bytes(fx.messy_finnish())
    assert _invoke(app, "import-xlsx", str(path), "--org", org.slug).exit_code == 1
    with app.app_context():
        assert db.session.scalars(select(Employer)).all() == []
    result = _invoke(app, "import-xlsx", str(path), "--org", org.slug, "--user", coordinator.email, "--skip-errors")
    assert result.exit_code == 0, result.output
    assert "Imported." in result.output
    with app.app_context():
        assert len(db.session.scalars(select(Employer)).all()) == 4
        assert {r.owner_id for r in db.session.scalars(select(Relationship))} == {coordinator.id}


def test_clean_file_imports_and_bad_file_or_org_is_refused(app, org, coordinator, tmp_path):
    good, bad = tmp_path / "kontakter.xlsx", tmp_path / "fake.xlsx"
    good.write_bytes(fx.swedish())
    bad.write_bytes(fx.fake_pdf())
    assert _invoke(app, "import-xlsx", str(good), "--org", org.slug).exit_code == 0
    result = _invoke(app, "import-xlsx", str(bad), "--org", org.slug)
    assert result.exit_code == 2 and "PDF" in result.output
    assert _invoke(app, "import-xlsx", str(good), "--org", "nobody").exit_code == 2


def test_export_writes_what_the_web_export_gives(app, org, coordinator, factory, importer, tmp_path):
    employer = factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    factory.relationship(employer, coordinator, status="active_partner")
    path = tmp_path / "out.xlsx"
    result = _invoke(app, "export-xlsx", str(path), "--org", org.slug)
    assert result.exit_code == 0, result.output
    from tests.spreadsheets.test_export import _sheets

    assert _sheets(path.read_bytes()) == _sheets(importer.get("/exports/employers.xlsx").data)
