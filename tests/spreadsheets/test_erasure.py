"""Issue 11 item 4 for an employer contact person: erasure reaches the RATKO copies (key person, participant,
inductor), the records that link to the person, staged import rows, samples and the uploaded files; a scan of every
text column of every table finds none of the planted markers afterwards."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import JSON, String, Text, func, select

from app.auth.models import User
from app.core.audit import AuditEvent, acting_as
from app.employers import services as employer_services
from app.employers.models import ContactPerson, Employer
from app.extensions import db
from app.leads import services as lead_services
from app.ratko import services as ratko_services
from app.ratko.models import KeyPerson, Participant
from app.spreadsheets.models import ImportFile
from app.touchpoints import services as touchpoint_services
from tests.fixtures import make_fixtures as fx

HEADERS = ["Yritys", "Y-tunnus", "Kunta", "Yhteyshenkilö", "Sähköposti"]


def _scan(needle: str) -> list[str]:
    hits = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text | JSON) and db.session.scalar(
                    select(func.count()).select_from(table).where(column.cast(Text).like(f"%{needle}%"))):
                hits.append(f"{table.name}.{column.name}")
    return hits


def test_erasing_a_contact_person_reaches_copies_links_and_imports(app, runner, factory, make_client, coordinator):
    token = secrets.token_hex(3)
    name, email = f"Eraseme Nimi{token}", f"eraseme{token}@example.test"
    keep_name = f"Keepme Nimi{token}"
    rows = [HEADERS, ["Pielisen Puutyö Oy", "0112038-9", "Joensuu", name, email],
            ["Pielisen Puutyö Oy", "0112038-9", "Joensuu", keep_name, f"keepme{token}@example.test"]]
    assert runner.run(fx.xlsx(rows)).status == "committed"
    staged = runner.upload(fx.xlsx(rows), name="toinen.xlsx")  # uploaded again, not committed
    runner.preview(staged)
    with app.app_context(), acting_as(coordinator.id, coordinator.organisation_id):
        user = db.session.get(User, coordinator.id)
        contact = db.session.scalar(select(ContactPerson).where(ContactPerson.email == email))
        employer = db.session.get(Employer, contact.employer_id)
        employer_services.contact_update(contact=contact, data={"name": name, "title": f"Eraseme-title{token}",
                                                                "source": f"Eraseme-source{token}",
                                                                "email": email}, expected_version=contact.version)
        engagement = ratko_services.engagement_create(organisation_id=user.organisation_id, employer=employer,
                                                      data={"title": "Osasto 3"}, actor=user)
        ratko_services.key_person_add(engagement=engagement, role="supervisor", contact=contact)
        workshop = ratko_services.workshop_create(engagement=engagement, data={"held_on": date(2026, 3, 12)})
        ratko_services.participant_add(workshop=workshop, name="", role="", contact=contact)
        ratko_services.consolidation_save(engagement=engagement, data={"induction_plan": "Kaksi viikkoa"},
                                          inductor=contact)
        touchpoint_services.touchpoint_log(author=user, employer=employer, data={
            "occurred_on": date(2026, 3, 1), "channel": "call", "summary": "Soitto", "contact_id": contact.id})
        lead_services.lead_create(user=user, employer=employer, data={
            "title": "Varastotyö", "kind": "open_vacancy", "visibility": "organisation", "contact_id": contact.id})
        db.session.commit()
        contact_id, employer_id = contact.id, employer.id
        before = set(_scan("Eraseme")) | set(_scan("eraseme"))
        assert {"contact_persons.name", "contact_persons.title", "contact_persons.source", "ratko_key_persons.name",
                "ratko_participants.name", "ratko_participants.role", "ratko_consolidations.inductor_name",
                "employers.search_text", "import_rows.raw_json", "import_batches.samples_json",
                "audit_events.changes"} <= before, sorted(before)
        assert db.session.scalar(select(func.count()).select_from(ImportFile)) == 1

    c = make_client(login=coordinator.email)
    page = c.get(f"/contacts/{contact_id}/erase").get_data(as_text=True)
    for line in ("Contact person record: 1", "RATKO key persons: 1", "RATKO workshop participants: 1",
                 "RATKO induction agreements: 1", "Contacts with employers: 1", "Vacancy leads: 1",
                 "details (masked): 2",
                 "Uploaded files that contain the person (deleted): 1"):
        assert line in page, line
    assert c.post(f"/contacts/{contact_id}/erase", data={"reason": "Pyyntö sähköpostilla"}).status_code in (200, 303)

    with app.app_context():
        assert _scan("Eraseme") == [] and _scan("eraseme") == []
        assert "contact_persons.name" in _scan("Keepme") and "employers.search_text" in _scan("keepme")
        assert db.session.get(ContactPerson, contact_id) is None and db.session.get(Employer, employer_id)
        assert db.session.scalar(select(KeyPerson.name)) == "***"
        assert db.session.scalar(select(Participant.name)) == "***"
        assert db.session.scalar(select(func.count()).select_from(ImportFile)) == 0
        erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "erase"))
        assert erased.entity == "contact_persons" and erased.change_dict["unlinked ratko_key_persons"] == 1
