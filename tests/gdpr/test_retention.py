"""Retention: periods set by the network administrator, the page listing what is due, and `flask retention run`:
a dry run changes nothing, a run deletes exactly the due records and audits them, a failure half-way leaves every
record either kept whole or fully deleted."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from app.core.audit import AuditEvent, acting_as
from app.core.dates import today
from app.extensions import db
from app.gdpr import services as gdpr_services
from app.gdpr.models import RetentionPeriod
from app.gdpr.retention import due_records, retention_periods
from app.gdpr.subject import date_columns
from app.leads.placements import services as placement_services
from app.leads.placements.models import Placement
from app.seekers import services as seeker_services
from app.seekers.models import Consent, ConsentEvent, JobSeeker
from app.spreadsheets.models import ImportBatch, ImportFile, ImportRow
from app.spreadsheets.services import staging
from tests.fixtures.make_fixtures import xlsx
from tests.gdpr.conftest import plant_seeker
from tests.leads import builders as lead_builders
from tests.profiles import builders

AGE = timedelta(days=40 * 31)  # everything made before the shift happened 40 months ago


def _shift_every_date(app, delta: timedelta) -> None:
    """Move every date and timestamp of every row in the database `delta` into the past."""
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = date_columns(table)
            keys = list(table.primary_key.columns)
            if not columns or not keys:
                continue
            for row in db.session.execute(select(table)).mappings().all():
                values = {c.name: row[c.name] - delta for c in columns if row[c.name] is not None}
                if values:
                    db.session.execute(update(table).where(*[k == row[k.name] for k in keys]).values(**values))
        db.session.commit()


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def _exists(app, model, row_id) -> bool:
    with app.app_context():
        return db.session.get(model, row_id) is not None


@pytest.fixture
def aged(app, gdpr):
    """Records made 40 months ago (two idle seekers, one of B, one with a placement that ended then; one with a
    consent still valid 10 months ago; one with an active placement; an old upload), then a seeker of today with a
    placement that ended six years ago."""
    idle = plant_seeker(app, gdpr, code="IDLE-0001")
    with app.app_context():
        placement_services.placement_end(placement=db.session.get(Placement, idle.placement_id), ended_on=today(),
                                         reason="trial_completed")
        db.session.commit()
    idle_b = builders.seeker(app, gdpr.b, code="IDLE-B-01", consent=None)
    valid = builders.seeker(app, gdpr.coach, code="VALID-001", consent=None)
    with app.app_context(), acting_as(gdpr.coach.id, gdpr.org_a.id):
        seeker_services.consent_record(seeker=db.session.get(JobSeeker, valid.id), data={
            "scope": "network_matching", "signed_on": today(), "written": True,
            "valid_until": today() + timedelta(days=900)}, employer_ids=[], recorded_by_id=gdpr.coach.id)
        db.session.commit()
    working = builders.seeker(app, gdpr.coach, code="WORK-0001", consent=None)
    lead_builders.placement(app, gdpr.coach, seeker_id=working.id, employer_id=gdpr.employer.id)
    from app.auth.models import User

    with app.app_context():
        batch = staging.batch_create(user=db.session.get(User, gdpr.coordinator.id), file_name="vanha-lista.xlsx",
                                     content=xlsx([["Yritys"], ["Vanha Oy"]]))
        db.session.add(ImportRow(batch_id=batch.id, row_number=2, raw_json='["Vanha Oy"]'))
        db.session.commit()
        batch_id = batch.id
    _shift_every_date(app, AGE)
    recent = builders.seeker(app, gdpr.coach, code="RECENT-01", consent=None)
    ended = lead_builders.placement(app, gdpr.coach, seeker_id=recent.id, employer_id=gdpr.employer.id)
    with app.app_context():
        db.session.execute(update(Placement).where(Placement.id == ended.id).values(
            status="ended", starts_on=today() - timedelta(days=2300), ended_on=today() - timedelta(days=2200),
            end_reason="contract_ended"))
        db.session.commit()
    return SimpleNamespace(idle=idle, idle_b=idle_b, valid=valid, working=working, recent=recent, ended=ended,
                           batch_id=batch_id)


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["retention", "run", *args])


def test_dry_run_lists_the_due_records_and_changes_nothing(app, aged):
    before = _counts(app)
    result = _run(app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "seeker: 2 due" in result.output and "placement: 1 due" in result.output
    assert "import_file: 1 due" in result.output and "Dry run: nothing was changed." in result.output
    assert f"would delete seeker {aged.idle.id} " in result.output and "IDLE-0001" not in result.output
    assert _counts(app) == before


def test_run_deletes_exactly_the_due_records_and_audits_each(app, aged):
    before = _counts(app)
    result = _run(app)
    assert result.exit_code == 0, result.output
    assert not _exists(app, JobSeeker, aged.idle.id) and not _exists(app, JobSeeker, aged.idle_b.id)
    assert not _exists(app, Placement, aged.ended.id) and not _exists(app, Placement, aged.idle.placement_id)
    for kept in (aged.valid, aged.working, aged.recent):
        assert _exists(app, JobSeeker, kept.id)
    after = _counts(app)
    assert after["job_seekers"] == before["job_seekers"] - 2
    assert after["import_batches"] == before["import_batches"]  # who imported what and when stays
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportRow)) == 0
        assert db.session.get(ImportFile, aged.batch_id) is None
        assert db.session.get(ImportBatch, aged.batch_id).samples_json == "[]"
        audited = set(db.session.execute(select(AuditEvent.entity, AuditEvent.entity_id).where(
            AuditEvent.action == "retention_delete")).all())
    assert audited == {("job_seekers", aged.idle.id), ("job_seekers", aged.idle_b.id),
                       ("placements", aged.ended.id), ("import_batches", aged.batch_id)}
    again = _run(app)
    assert "seeker: 0 due" in again.output and "placement: 0 due" in again.output


def test_a_failure_half_way_leaves_the_record_whole_and_the_others_deleted(app, aged, monkeypatch):
    real = gdpr_services.audit_record

    def failing(**kwargs):
        if kwargs["entity"] == "job_seekers" and kwargs["entity_id"] == aged.idle.id:
            raise RuntimeError("disk full")  # after the seeker's rows were deleted in this transaction
        return real(**kwargs)

    with app.app_context():
        consents = [c.id for c in db.session.scalars(select(Consent).where(Consent.seeker_id == aged.idle.id))]
        events = db.session.scalar(select(func.count()).select_from(ConsentEvent).where(
            ConsentEvent.consent_id.in_(consents)))
    before = _counts(app)
    monkeypatch.setattr(gdpr_services, "audit_record", failing)
    result = _run(app)
    assert result.exit_code == 1 and f"FAILED seeker {aged.idle.id}" in result.output
    assert _exists(app, JobSeeker, aged.idle.id) and _exists(app, Placement, aged.idle.placement_id)
    with app.app_context():
        assert [c.id for c in db.session.scalars(select(Consent).where(Consent.seeker_id == aged.idle.id))] == consents
        assert db.session.scalar(select(func.count()).select_from(ConsentEvent).where(
            ConsentEvent.consent_id.in_(consents))) == events
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "erase", AuditEvent.entity_id == aged.idle.id,
            AuditEvent.entity == "job_seekers")) == 0
    assert not _exists(app, JobSeeker, aged.idle_b.id) and not _exists(app, Placement, aged.ended.id)
    assert _counts(app)["job_seekers"] == before["job_seekers"] - 1


def test_the_administrator_sets_periods_and_the_run_uses_them(app, make_client, gdpr, aged):
    admin = make_client(login=gdpr.admin.email)
    refused = admin.post("/retention/periods", data={"seeker": "0", "placement": "60", "import_file": "30"})
    assert refused.status_code == 422 and 'value="0"' in refused.get_data(as_text=True)  # the input is kept
    assert make_client(login=gdpr.manager.email).post("/retention/periods", data={
        "seeker": "60", "placement": "60", "import_file": "30"}).status_code == 403
    response = admin.post("/retention/periods", data={"seeker": "48", "placement": "120", "import_file": "30"})
    assert response.status_code == 303
    with app.app_context():
        assert retention_periods() == {"seeker": 48, "placement": 120, "import_file": 30}
        assert db.session.get(RetentionPeriod, "seeker").updated_by_id == gdpr.admin.id
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "retention_periods")) == 2
    result = _run(app, "--dry-run")
    assert "seeker: 0 due" in result.output and "placement: 0 due" in result.output


def test_the_page_lists_what_is_due_and_keeps_other_organisations_codes_out(app, make_client, gdpr, aged):
    page = make_client(login=gdpr.admin.email).get("/retention").get_data(as_text=True)
    assert "IDLE-0001" in page and f"#{aged.idle_b.id}" in page and "IDLE-B-01" not in page
    assert 'id="due-count-seeker">2<' in page and 'id="due-count-placement">1<' in page
    mine = make_client(login=gdpr.manager.email).get("/retention").get_data(as_text=True)
    assert "IDLE-0001" in mine and 'id="due-count-seeker">1<' in mine and f"#{aged.idle_b.id}" not in mine
    assert "/retention/periods" not in mine  # only the network administrator changes the periods
    theirs = make_client(login=gdpr.b.email).get("/retention").get_data(as_text=True)
    assert "IDLE-B-01" in theirs and "IDLE-0001" not in theirs
    assert make_client(login=gdpr.coach.email).get("/retention").status_code == 403


def test_the_seeker_page_says_when_the_data_falls_due(app, make_client, gdpr, aged):
    region = make_client(login=gdpr.coach.email).get(f"/seekers/{aged.idle.id}/data-protection")
    text = region.get_data(as_text=True)
    assert region.status_code == 200 and "due for deletion" in text and "access-export" not in text
    manager = make_client(login=gdpr.manager.email).get(f"/seekers/{aged.working.id}/data-protection")
    assert "While the placement is active" in manager.get_data(as_text=True)
    assert f"/seekers/{aged.working.id}/access-export" in manager.get_data(as_text=True)
    assert make_client(login=gdpr.b.email).get(f"/seekers/{aged.idle.id}/data-protection").status_code == 404


def test_the_demo_has_one_idle_seeker_for_the_retention_page(app, factory):
    from app.gdpr import demo

    factory.user(factory.org("joensuu", "Joensuu"), email="coach@example.org", roles=("coach",))
    with app.app_context():
        demo.load()
        demo.load()  # a second run adds nothing
        db.session.commit()
        due = due_records(today=today())
        assert [record.label for record in due["seeker"]] == [demo.CODE]


def test_the_service_refuses_a_period_outside_the_limits_like_any_other_refusal(app):
    from app.core.refusals import Refusal
    from app.gdpr import services

    with app.app_context(), app.test_request_context():
        with pytest.raises(Refusal) as refused:
            services.retention_periods_save(periods={"seeker": 10_000}, user_id=None)
        assert refused.value.field == "seeker" and "between 1 and" in refused.value.text
        assert retention_periods()["seeker"] == 24  # nothing stored
