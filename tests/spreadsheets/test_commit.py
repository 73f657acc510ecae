"""Commit (all rows or none, in chunks), undo (with refusals), re-import without duplicates, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.employers import selectors as employer_selectors
from app.employers import services as employer_services
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.extensions import db
from app.spreadsheets import jobs
from app.spreadsheets.models import ImportChange
from app.spreadsheets.services import commit as commit_service
from tests.fixtures import make_fixtures as fx

HEADERS = ["Yritys", "Y-tunnus", "Kunta", "Osoite", "Tunnisteet", "Yhteyshenkilö", "Sähköposti", "Puhelin", "Tila"]


def _rows() -> list[list]:
    return [HEADERS,
            ["Pielisen Puutyö Oy", "0112038-9", "Joensuu", "Teollisuustie 5", "puu, vienti", "Liisa Laine",
             "liisa@puutyo.fi", "040 1234567", "Aktiivinen yhteistyökumppani"],
            ["Pielisen Puutyö Oy", "0112038-9", "Joensuu", "", "", "Pasi Puu", "pasi@puutyo.fi", "", ""],
            ["Uusi Kahvila", "", "Lieksa", "Torikatu 1", "kahvila", "Anna Aalto", "anna@kahvila.fi", "", ""],
            ["Uusi Kahvila", "", "Lieksa", "", "", "Mikko Aalto", "mikko@kahvila.fi", "", ""],
            ["Botnia Bygg Ab", "2345678-0", "Vaasa", "", "", "Karin Berg", "karin@botnia.fi", "06 1234567", ""],
            ["Vaaran Pesula Ky", "0201256-6", "Lieksa", "", "", "", "", "", "Prospect"]]


def _snapshot(app) -> dict:
    """The directory's data (ids and values, not versions or timestamps)."""
    with app.app_context():
        return {
            "employers": sorted((e.id, e.name, e.business_id, e.municipality, e.address, e.search_text)
                                for e in db.session.scalars(select(Employer))),
            "tags": sorted(tuple(t) for t in db.session.execute(select(EmployerTag.employer_id, EmployerTag.tag))),
            "contacts": sorted((c.id, c.employer_id, c.name, c.email, c.phone)
                               for c in db.session.scalars(select(ContactPerson))),
            "relationships": sorted((r.id, r.employer_id, r.owner_id, r.status)
                                    for r in db.session.scalars(select(Relationship))),
        }


@pytest.fixture
def existing(factory):
    """An employer already in the directory (the file updates it)."""
    employer = factory.employer("Pielisen Puutyö Oy", business_id="0112038-9", municipality="Joensuu",
                                address="Vanha tie 1")
    factory.contact(employer, name="Liisa Laine", email="liisa@puutyo.fi")
    return employer


def test_commit_creates_updates_stamps_and_audits(app, runner, existing, coordinator):
    batch = runner.run(fx.xlsx(_rows()))
    assert batch.status == "committed", batch.message
    assert batch.counts["employer_create"] == 3 and batch.counts["employer_update"] == 1
    with app.app_context():
        employer = db.session.get(Employer, existing.id)
        assert employer.address == "Teollisuustie 5" and employer.tags == ["puu", "vienti"]
        assert "pasi puu" in employer.search_text
        created = db.session.scalars(select(Employer).where(Employer.import_batch_id == batch.id)).all()
        assert sorted(e.name for e in created) == ["Botnia Bygg Ab", "Uusi Kahvila", "Vaaran Pesula Ky"]
        kahvila = next(e for e in created if e.name == "Uusi Kahvila")
        assert sorted(c.name for c in employer_selectors.employer_contacts(kahvila)) == ["Anna Aalto", "Mikko Aalto"]
        assert kahvila.created_by_id == coordinator.id
        relationships = db.session.scalars(select(Relationship)).all()
        assert len(relationships) == 4
        assert all(r.owner_id == coordinator.id and r.import_batch_id == batch.id for r in relationships)
        assert {r.status for r in relationships if r.employer_id == existing.id} == {"active_partner"}
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == coordinator.id)).all()
        kinds = {(e.action, e.entity) for e in events}
        assert {("create", "employers"), ("update", "employers"), ("create", "contact_persons"),
                ("create", "relationships"), ("import", "import_batches")} <= kinds
        assert all(e.organisation_id == coordinator.organisation_id for e in events)


def test_failure_in_the_last_chunk_leaves_nothing(app, runner, existing, monkeypatch):
    before = _snapshot(app)
    monkeypatch.setattr(jobs, "APPLY_CHUNK", 2)
    original = commit_service.rows_apply

    def failing(*, rows, state):
        original(rows=rows, state=state)
        if any(row.row_number == 7 for row in rows):
            raise RuntimeError("disk full")

    monkeypatch.setattr(commit_service, "rows_apply", failing)
    batch = runner.run(fx.xlsx(_rows()))
    assert batch.status == "failed"
    assert batch.message["code"] == "job_failed"
    assert (batch.message["params"]["first"], batch.message["params"]["last"]) == (6, 7)
    assert batch.message["params"]["reason"]["code"] == "reason_error"
    assert _snapshot(app) == before
    with app.app_context():
        assert db.session.scalar(select(Employer).where(Employer.import_batch_id == batch.id)) is None
        deletes = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "delete")).all()
        assert deletes and all(f"undo of import #{batch.id}" in e.summary for e in deletes)
    rows = runner.rows(batch.id)
    assert not any(r.applied for r in rows.values())


def test_a_failed_commit_can_be_previewed_and_committed_again(app, runner, existing, monkeypatch):
    monkeypatch.setattr(commit_service, "rows_apply", lambda **_: (_ for _ in ()).throw(RuntimeError("x")))
    batch = runner.run(fx.xlsx(_rows()))
    assert batch.status == "failed"
    monkeypatch.undo()
    runner.preview(batch.id)
    assert runner.commit(batch.id).status == "committed"


def test_reimport_of_the_same_file_creates_no_duplicates(app, runner, existing):
    content = fx.xlsx(_rows())
    runner.run(content)
    after_first = _snapshot(app)
    again = runner.run(content)
    assert again.status == "committed"
    assert again.counts["unchanged"] == 6 and again.counts["new"] == 0 and again.counts["update"] == 0
    assert _snapshot(app) == after_first


def test_errors_block_the_commit_unless_skipped(app, runner):
    rows = [HEADERS, ["Hyvä Oy", "", "Joensuu", "", "", "", "", "", ""],
            ["", "1234567-8", "Joensuu", "", "", "", "", "", ""]]  # no name, and the Y-tunnus is not valid
    batch_id = runner.upload(fx.xlsx(rows))
    runner.preview(batch_id)
    with app.app_context():
        from app.spreadsheets.models import ImportBatch
        from app.spreadsheets.services import lifecycle

        batch = db.session.get(ImportBatch, batch_id)
        assert not lifecycle.batch_queue_commit(batch=batch, user=batch, skip_errors=False)
    batch = runner.commit(batch_id, skip_errors=True)
    assert batch.status == "committed" and batch.counts["error"] == 1
    with app.app_context():
        assert db.session.scalars(select(Employer.name)).all() == ["Hyvä Oy"]


def test_commit_refuses_a_stale_preview(app, runner, factory):
    batch_id = runner.upload(fx.xlsx(_rows()))
    runner.preview(batch_id)
    factory.employer("Uusi Kahvila", municipality="Lieksa")
    batch = runner.commit(batch_id)
    assert batch.status == "previewed"
    assert batch.message["code"] == "stale_preview" and batch.message["params"]["count"] == 2
    with app.app_context():
        assert db.session.scalar(select(ImportChange).where(ImportChange.batch_id == batch_id)) is None
    assert runner.commit(batch_id).status == "committed"


def test_undo_removes_what_was_created_and_restores_what_was_updated(app, runner, existing):
    before = _snapshot(app)
    batch = runner.run(fx.xlsx(_rows()))
    undone = runner.undo(batch.id)
    assert undone.status == "undone"
    assert undone.undo_report == []
    assert _snapshot(app) == before
    with app.app_context():
        assert db.session.get(Employer, existing.id).tags == []
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "undo")) is not None


def test_undo_keeps_records_changed_since_and_lists_them(app, runner, existing, factory, coordinator):
    batch = runner.run(fx.xlsx(_rows()))
    with app.app_context():
        anna = db.session.scalar(select(ContactPerson).where(ContactPerson.name == "Anna Aalto"))
        employer_services.contact_update(contact=anna, data={"title": "Yrittäjä"}, expected_version=anna.version)
        puutyo = db.session.get(Employer, existing.id)
        employer_services.employer_update(employer=puutyo, data={"website": "https://puutyo.fi"},
                                          expected_version=puutyo.version)
        botnia = db.session.scalar(select(Employer).where(Employer.name == "Botnia Bygg Ab"))
        employer_services.contact_add(employer=botnia, data={"name": "Käsin Lisätty"})
        db.session.commit()
        botnia_id = botnia.id
    undone = runner.undo(batch.id)
    refused = {(item["entity"], item["label"], item["code"]) for item in undone.undo_report}
    assert ("contact_persons", "Anna Aalto", "changed_unknown") in refused or \
        ("contact_persons", "Anna Aalto", "changed") in refused
    assert ("employers", "Pielisen Puutyö Oy", "changed") in refused
    assert ("employers", "Uusi Kahvila", "linked") in refused
    # contact_add happens to bump the employer's version too, so either reason keeps Botnia
    assert refused & {("employers", "Botnia Bygg Ab", "linked"), ("employers", "Botnia Bygg Ab", "changed_unknown")}
    changed = next(i for i in undone.undo_report if i["label"] == "Pielisen Puutyö Oy")
    assert changed["params"]["who"] == coordinator.name or changed["params"]["who"] == "?"
    with app.app_context():
        names = set(db.session.scalars(select(ContactPerson.name)))
        assert names == {"Liisa Laine", "Anna Aalto", "Käsin Lisätty"}
        assert db.session.get(Employer, existing.id).address == "Teollisuustie 5"
        assert db.session.get(Employer, botnia_id) is not None
        assert db.session.scalar(select(Employer).where(Employer.name == "Vaaran Pesula Ky")) is None


def test_resume_after_a_crash_continues_where_it_stopped(app, runner, existing, monkeypatch):
    monkeypatch.setattr(jobs, "APPLY_CHUNK", 2)
    batch_id = runner.upload(fx.xlsx(_rows()))
    runner.preview(batch_id)
    calls = []
    original = commit_service.rows_apply

    def crash_after_first_chunk(*, rows, state):
        calls.append(len(rows))
        if len(calls) == 2:
            raise SystemExit  # the worker dies: nothing rolls back what earlier chunks committed
        original(rows=rows, state=state)

    monkeypatch.setattr(commit_service, "rows_apply", crash_after_first_chunk)
    with pytest.raises(SystemExit):
        runner.commit(batch_id)
    monkeypatch.setattr(commit_service, "rows_apply", original)
    assert runner.batch(batch_id).status == "committing"
    jobs.run(app, batch_id, "commit")
    batch = runner.batch(batch_id)
    assert batch.status == "committed"
    with app.app_context():
        assert len(db.session.scalars(select(Employer)).all()) == 4
        assert len(db.session.scalars(select(ContactPerson)).all()) == 5


def test_uploaded_files_are_removed_after_commit_and_after_a_day(app, runner):
    from datetime import timedelta

    from app.core.db import utcnow
    from app.spreadsheets.models import ImportFile

    old_id = runner.upload(fx.swedish())
    with app.app_context():
        db.session.get(ImportFile, old_id).created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
    batch = runner.run(fx.xlsx(_rows()))
    with app.app_context():
        assert db.session.get(ImportFile, batch.id) is None
        assert db.session.get(ImportFile, old_id) is None
