"""Issue 11 for leads and placements: network output built from network fields only (the automatic placement
touchpoint, the timeline, the calendar feed), the guard on the employment goal, the support-plan notes and the
message to the proposing organisation, and cross-organisation proposals only under a consent given in writing."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from sqlalchemy import select

from app.auth.models import User
from app.core.audit import AuditEvent, acting_as
from app.core.dates import today
from app.extensions import db
from app.leads.labels import TYPE_LABELS
from app.leads.models import LeadProposal
from app.leads.placements.models import Placement, PlacementPhase
from app.leads.services.common import stored_text
from app.seekers import services as seeker_services
from app.seekers.models import Consent, JobSeeker
from app.touchpoints import services as touchpoint_services
from app.touchpoints.models import Touchpoint
from tests.leads import builders
from tests.profiles import builders as profile_builders

TITLE = "Työkokeilu PRIVATE-TITLE-7"


def _text(response) -> str:
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


def test_a_placement_reaches_the_network_only_as_its_type(app, make_client, net):
    seeker = profile_builders.seeker(app, net.b, code="B-SEC-1", alias="Salainen")
    placement = builders.placement(app, net.b, seeker_id=seeker.id, employer_id=net.employer.id, type="work_trial",
                                   job_title=TITLE, employment_goal="Varastotyö", planned_weeks=4,
                                   notes="PRIVATE-NOTE-7")
    with app.app_context():
        touch = db.session.scalar(select(Touchpoint).where(Touchpoint.employer_id == net.employer.id))
        expected = stored_text("Placement agreed (%(type)s)", language=None, type=TYPE_LABELS["work_trial"])
        assert touch.summary == expected and touch.private_note is None
        token = touchpoint_services.calendar_token_issue(user=db.session.get(User, net.b.id))
        db.session.commit()
    a = make_client(login=net.a.email)
    for url in (f"/employers/{net.employer.id}", f"/employers/{net.employer.id}/timeline", "/leads",
                "/leads/export.xlsx"):
        response = a.get(url)
        body = _text(response)
        assert response.status_code == 200 and "PRIVATE" not in body and "B-SEC-1" not in body, url
    assert expected in a.get(f"/employers/{net.employer.id}/timeline").get_data(as_text=True)
    feed = make_client().get(f"/calendar/{token}.ics").get_data(as_text=True)
    assert "1-month follow-up" in feed and "PRIVATE" not in feed  # the coach's own feed: no job title either
    b = make_client(login=net.b.email)
    assert TITLE in b.get(f"/placements/{placement.id}").get_data(as_text=True)  # my organisation still sees it


def test_employment_goal_and_plan_notes_refuse_diagnosis_words_and_keep_the_text(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-1")
    c = make_client(login=net.a.email)
    data = {"seeker_id": seeker.id, "employer_id": net.employer.id, "type": "work_trial", "job_title": "Apulainen",
            "starts_on": today().isoformat(), "planned_weeks": "4", "coach_id": net.a.id,
            "employment_goal": "Skitsofreeniselle sopiva varastotyö", "diagnosis_reason": "Pyydetty"}
    refused = c.post("/placements/new", data=data)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "names a diagnosis (Skitsofreeniselle)" in body
    assert "Skitsofreeniselle sopiva varastotyö</textarea>" in body
    with app.app_context():
        assert db.session.scalar(select(Placement)) is None
    placement = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id)
    plan = c.post(f"/placements/{placement.id}/plan", data={"orientation_note": "Masennuksen vuoksi lyhyet päivät"})
    assert plan.status_code == 422 and 'value="Masennuksen vuoksi lyhyet päivät"' in plan.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(PlacementPhase.note).where(PlacementPhase.phase == "orientation")) is None
    saved = c.post(f"/placements/{placement.id}/plan", data={"orientation_note": "Lyhyet päivät ensin"})
    assert saved.status_code == 303


def test_placement_notes_naming_a_diagnosis_are_kept_with_a_logged_reason(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-2")
    c = make_client(login=net.a.email)
    data = {"seeker_id": seeker.id, "employer_id": net.employer.id, "type": "ordinary", "job_title": "Apulainen",
            "starts_on": today().isoformat(), "coach_id": net.a.id, "equal_pay": "yes", "ordinary_workplace": "y",
            "notes": "Epilepsia: kohtausohje taukotilassa."}
    warned = c.post("/placements/new", data=data)
    assert warned.status_code == 422 and "<mark>Epilepsia</mark>" in warned.get_data(as_text=True)
    saved = c.post("/placements/new", data={**data, "diagnosis_reason": "Työturvallisuus"})
    assert saved.status_code == 303
    with app.app_context():
        placement = db.session.scalar(select(Placement))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override"))
        assert (event.entity, event.entity_id, event.change_dict["fields"]) == ("placements", placement.id, "notes")


def _proposal(app, net, *, written: bool):
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Puutarhan kausityö")
    seeker = profile_builders.seeker(app, net.b, code="B-ORAL", consent=None, ratings={"lifting": 3})
    with app.app_context(), acting_as(net.b.id, net.b.organisation_id):
        consent = seeker_services.consent_record(seeker=db.session.get(JobSeeker, seeker.id), data={
            "scope": "network_matching", "signed_on": today() - timedelta(days=3), "written": written},
            employer_ids=[], recorded_by_id=net.b.id)
        db.session.commit()
        return lead, seeker, consent.id


def test_the_message_to_the_proposing_organisation_refuses_diagnosis_words(app, make_client, net):
    lead, seeker, _consent = _proposal(app, net, written=True)
    proposal = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    a = make_client(login=net.a.email)
    refused = a.post(f"/proposals/{proposal.id}/decline", data={"note": "Emme ota autistista hakijaa"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "names a diagnosis (autistista)" in body
    assert 'value="Emme ota autistista hakijaa"' in body
    with app.app_context():
        assert db.session.get(LeadProposal, proposal.id).status == "pending"
    assert a.post(f"/proposals/{proposal.id}/decline", data={"note": "Paikka täyttyi"}).status_code == 303
    with app.app_context():
        assert db.session.get(LeadProposal, proposal.id).decision_note == "Paikka täyttyi"


def test_an_oral_consent_proposes_nobody_until_confirmed_in_writing(app, make_client, net):
    lead, seeker, consent_id = _proposal(app, net, written=False)
    b = make_client(login=net.b.email)
    refused = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id})
    assert refused.status_code == 422 and "record the written consent" in refused.get_data(as_text=True)
    page = b.get(f"/seekers/{seeker.id}").get_data(as_text=True)
    assert "Oral — get it in writing" in page and f"/seekers/consents/{consent_id}/confirm" in page
    assert b.post(f"/seekers/consents/{consent_id}/confirm",
                  data={"happened_on": today().isoformat(), "note": "Kansiossa"}).status_code == 303
    with app.app_context():
        consent = db.session.get(Consent, consent_id)
        assert consent.confirmed_on == today() and consent.confirmed_by_id == net.b.id and not consent.written
    assert b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id}).status_code == 303
    page = b.get(f"/seekers/{seeker.id}").get_data(as_text=True)
    assert "Oral — get it in writing" not in page and "confirmed in writing on" in page
