"""Fixtures for the GDPR tools: two organisations, a job seeker of A with a marker in every personal field (through the
real services), a contact person of the shared directory with touchpoints of both organisations."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from app.auth.models import User
from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.leads.placements import services as placement_services
from app.leads.placements.models import Placement, PlacementFollowUp
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker
from tests.leads import builders as lead_builders
from tests.profiles import builders
from tests.touchpoints.conftest import TouchpointFactory


@pytest.fixture
def gdpr(factory):
    """Organisations A and B: a manager, a coach and a coordinator in A, a coach-coordinator-manager in B, the
    network administrator (in A), a shared employer."""
    org_a, org_b = factory.org("gdpr-a", "Joensuun palvelut"), factory.org("gdpr-b", "Säätiö B")
    return SimpleNamespace(
        org_a=org_a, org_b=org_b,
        manager=factory.user(org_a, email="manager@a.test", roles=("manager",), name="Maija Manageri"),
        coach=factory.user(org_a, email="coach@a.test", roles=("coach",), name="Kalle Koutsi"),
        coordinator=factory.user(org_a, email="coord@a.test", roles=("coordinator",), name="Kaisa Koordinaattori"),
        b=factory.user(org_b, email="b@b.test", roles=("coach", "coordinator", "manager"), name="Bertta B"),
        admin=factory.user(org_a, email="admin@a.test", roles=("admin",), name="Aino Admin"),
        employer=factory.employer("Pielisen Puutarha Oy", municipality="Joensuu"))


def plant_seeker(app, gdpr, *, code: str = "GDPR-0001", tag: str = "X") -> SimpleNamespace:
    """A's seeker with a unique text in every personal field, a placement with plan and follow-up, a proposal to B's
    lead; returns the ids and the planted texts."""
    texts = {name: f"{name}-{tag}-marker" for name in (
        "alias", "notes", "wishes", "consent_note", "disclosure", "review", "workplace", "cap_note", "job_title",
        "placement_notes", "goal", "workplace_person", "phase_note", "follow_up")}
    seeker = builders.seeker(app, gdpr.coach, code=code, alias=texts["alias"], ratings={"lifting": 2},
                             notes=texts["notes"], preferences_note=texts["wishes"])
    lead = lead_builders.lead(app, gdpr.b, employer_id=gdpr.employer.id, title=f"Puutarhuri {tag}")
    proposal = lead_builders.propose(app, gdpr.coach, lead_id=lead.id, seeker_id=seeker.id)
    placement = lead_builders.placement(app, gdpr.coach, seeker_id=seeker.id, employer_id=gdpr.employer.id,
                                        job_title=texts["job_title"], notes=texts["placement_notes"],
                                        type="work_trial", planned_weeks=8, employment_goal=texts["goal"])
    with app.app_context(), acting_as(gdpr.coach.id, gdpr.org_a.id):
        found = db.session.get(JobSeeker, seeker.id)
        consent = seeker_services.consent_record(seeker=found, data={
            "scope": "employer_disclosure", "signed_on": today() - timedelta(days=5), "written": True,
            "disclosure_text": texts["disclosure"], "note": texts["consent_note"]},
            employer_ids=[gdpr.employer.id], recorded_by_id=gdpr.coach.id)
        seeker_services.consent_review(consent=consent, on=today(), note=texts["review"], recorded_by_id=gdpr.coach.id)
        seeker_services.workplace_add(seeker=found, employer_id=gdpr.employer.id, light="green",
                                      note=texts["workplace"])
        seeker_services.capability_record(seeker=found, header={"assessed_on": today(), "note": texts["cap_note"]},
                                          ratings={})
        row = db.session.get(Placement, placement.id)
        placement_services.plan_save(placement=row, phases=[{
            "phase": "orientation", "starts_on": today(), "workplace_person": texts["workplace_person"],
            "note": texts["phase_note"]}])
        follow_up = db.session.scalars(db.select(PlacementFollowUp).where(
            PlacementFollowUp.placement_id == placement.id)).first()
        placement_services.follow_up_record(follow_up=follow_up, done_on=today(), still_employed=True,
                                            note=texts["follow_up"], user=db.session.get(User, gdpr.coach.id))
        db.session.commit()
        consent_id = consent.id
    return SimpleNamespace(id=seeker.id, code=code, texts=texts, lead_id=lead.id, proposal_id=proposal.id,
                           placement_id=placement.id, consent_id=consent_id)


def log_touchpoint(app, factory, employer, user, **data):
    """A touchpoint through the real service."""
    return TouchpointFactory(app, factory).log(employer, user, **data)


def open_export(response) -> tuple[dict, object]:
    """The downloaded .zip: (the JSON document, the openpyxl workbook)."""
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        assert sorted(archive.namelist()) == ["access-export.json", "access-export.xlsx"]
        document = json.loads(archive.read("access-export.json"))
        workbook = load_workbook(io.BytesIO(archive.read("access-export.xlsx")))
    return document, workbook


def sheet_values(workbook, title: str) -> list[tuple]:
    """Every row of a sheet as values (header first)."""
    return list(workbook[title].iter_rows(values_only=True))
