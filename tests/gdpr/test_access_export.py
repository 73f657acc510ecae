"""Access export (GDPR art. 15): a .zip with an .xlsx and a .json of everything held about a seeker or a contact
person, including who viewed or changed what; opened with zipfile, openpyxl and json and checked against what was
planted through the services."""

from __future__ import annotations

from datetime import date, datetime

from app.core.audit import AuditEvent, acting_as
from app.extensions import db
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker
from tests.gdpr.conftest import log_touchpoint, open_export, plant_seeker, sheet_values
from tests.helpers import count_queries
from tests.profiles import builders


def _all_text(document) -> str:
    import json

    return json.dumps(document, ensure_ascii=False)


def test_seeker_export_holds_every_planted_value_in_json_and_xlsx(app, make_client, gdpr):
    seeker = plant_seeker(app, gdpr)
    make_client(login=gdpr.coach.email).get(f"/seekers/{seeker.id}")  # a read of the capability profile, logged
    document, workbook = open_export(make_client(login=gdpr.manager.email).get(f"/seekers/{seeker.id}/access-export"))

    text = _all_text(document)
    for name, value in seeker.texts.items():
        assert value in text, name
    records = document["records"]
    assert records["job_seekers"]["rows"][0]["code"] == seeker.code
    assert records["job_seekers"]["rows"][0]["coach_name"] == "Kalle Koutsi"
    assert {row["kind"] for row in records["seeker_consent_events"]["rows"]} >= {"granted", "reviewed"}
    assert records["placements"]["rows"][0]["job_title"] == seeker.texts["job_title"]
    assert records["lead_proposals"]["rows"][0]["id"] == seeker.proposal_id
    assert {"placement_phases", "placement_follow_ups", "seeker_workplaces", "capability_profiles",
            "seeker_consent_employers"} <= set(records)
    reads = [e for e in document["audit_trail"] if e["action"] == "read" and e["entity"] == "capability_profiles"]
    assert reads and reads[0]["actor"] == "Kalle Koutsi" and reads[0]["organisation"] == "Joensuun palvelut"
    assert any(e["action"] == "create" and e["entity"] == "job_seekers" for e in document["audit_trail"])

    titles = workbook.sheetnames
    assert titles[0] == "About" and {"Job seekers", "Placements", "Audit trail", "Fields"} <= set(titles)
    seekers_sheet = sheet_values(workbook, "Job seekers")
    header = seekers_sheet[0]
    row = dict(zip(header, seekers_sheet[1], strict=True))
    assert row["Code"] == seeker.code and row["Internal notes"] == seeker.texts["notes"]
    assert isinstance(row["Created at"], datetime)  # typed cells, not text
    placements = dict(zip(*sheet_values(workbook, "Placements")[:2], strict=True))
    assert isinstance(placements["Starts on"], datetime | date)
    audit = sheet_values(workbook, "Audit trail")
    assert any(r[3] == "read" and r[1] == "Kalle Koutsi" for r in audit[1:])


def test_formulas_typed_by_a_user_stay_text_in_the_workbook(app, make_client, gdpr):
    seeker = builders.seeker(app, gdpr.coach, code="FORM-1", notes='=HYPERLINK("http://evil.test","x")')
    _document, workbook = open_export(make_client(login=gdpr.manager.email).get(f"/seekers/{seeker.id}/access-export"))
    cells = [c for r in workbook["Job seekers"].iter_rows(min_row=2) for c in r if c.value and str(c.value)[:1] == "="]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_export_is_audited_and_names_no_other_organisation(app, make_client, gdpr):
    seeker = plant_seeker(app, gdpr)
    other = builders.seeker(app, gdpr.b, code="B-0001", notes=f"Mentions {seeker.code} but is B's own note")
    sibling = builders.seeker(app, gdpr.coach, code="A-0002", notes=f"Same family as {seeker.code}.")
    near = builders.seeker(app, gdpr.coach, code="A-0003", notes=f"Code {seeker.code}9 is someone else")
    document, _ = open_export(make_client(login=gdpr.manager.email).get(f"/seekers/{seeker.id}/access-export"))
    mentioned = {(m["table"], m["id"]) for m in document["mentions"]}
    assert ("job_seekers", sibling.id) in mentioned
    assert ("job_seekers", other.id) not in mentioned and ("job_seekers", near.id) not in mentioned
    assert "B's own note" not in _all_text(document)
    with app.app_context():
        logged = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "access_export")).all()
        assert [(e.entity, e.entity_id, e.actor_id) for e in logged] == [("job_seekers", seeker.id, gdpr.manager.id)]


def test_another_organisation_gets_404_and_a_coach_may_not_download(app, make_client, gdpr):
    seeker = plant_seeker(app, gdpr)
    assert make_client(login=gdpr.b.email).get(f"/seekers/{seeker.id}/access-export").status_code == 404
    assert make_client(login=gdpr.coach.email).get(f"/seekers/{seeker.id}/access-export").status_code == 403
    assert make_client(login=gdpr.coach.email).get("/contacts/1/access-export").status_code == 403


def test_contact_export_holds_the_directory_and_my_organisations_records_only(app, make_client, factory, gdpr):
    contact = factory.contact(gdpr.employer, name="Pirkko Puutarhuri", email="pirkko@puutarha.test")
    mine = log_touchpoint(app, factory, gdpr.employer, gdpr.coordinator, contact_id=contact.id,
                          private_note="A's own note on Pirkko")
    theirs = log_touchpoint(app, factory, gdpr.employer, gdpr.b, contact_id=contact.id,
                            private_note="B's private note on Pirkko")
    plant_seeker(app, gdpr)
    with app.app_context(), acting_as(gdpr.coach.id, gdpr.org_a.id):
        seeker = builders.seeker(app, gdpr.coach, code="A-0009", notes="Talk to pirkko@puutarha.test about a trial")
    document, workbook = open_export(make_client(login=gdpr.coordinator.email).get(
        f"/contacts/{contact.id}/access-export"))
    assert document["records"]["contact_persons"]["rows"][0]["email"] == "pirkko@puutarha.test"
    assert [row["id"] for row in document["records"]["touchpoints"]["rows"]] == [mine.id]
    assert "B's private note" not in _all_text(document) and "A's own note on Pirkko" in _all_text(document)
    assert ("job_seekers", seeker.id) in {(m["table"], m["id"]) for m in document["mentions"]}
    assert any(e["entity"] == "contact_persons" and e["action"] == "create" for e in document["audit_trail"])
    assert "Possible mentions" in workbook.sheetnames

    document, _ = open_export(make_client(login=gdpr.admin.email).get(f"/contacts/{contact.id}/access-export"))
    assert {row["id"] for row in document["records"]["touchpoints"]["rows"]} == {mine.id, theirs.id}


def test_export_queries_do_not_grow_with_the_records(app, make_client, gdpr):
    small, large = plant_seeker(app, gdpr, code="SIZE-0001", tag="S"), plant_seeker(app, gdpr, code="SIZE-0002",
                                                                                    tag="L")
    with app.app_context(), acting_as(gdpr.coach.id, gdpr.org_a.id):
        found = db.session.get(JobSeeker, large.id)
        for n in range(15):
            seeker_services.consent_record(seeker=found, data={
                "scope": "network_matching", "signed_on": date(2026, 1, 1), "written": True, "note": f"n{n}"},
                employer_ids=[], recorded_by_id=gdpr.coach.id)
        db.session.commit()
    client = make_client(login=gdpr.manager.email)
    counts = []
    for seeker in (small, large):
        with count_queries(app) as queries:
            assert client.get(f"/seekers/{seeker.id}/access-export").status_code == 200
        counts.append(queries[0])
    assert counts[0] == counts[1], counts


def test_the_export_is_linked_from_the_contact_row_and_the_seeker_page(app, make_client, factory, gdpr):
    contact = factory.contact(gdpr.employer, name="Pirkko Puutarhuri")
    link = f"/contacts/{contact.id}/access-export"
    assert link in make_client(login=gdpr.coordinator.email).get(f"/contacts/{contact.id}").get_data(as_text=True)
    assert link not in make_client(login=gdpr.coach.email).get(f"/contacts/{contact.id}").get_data(as_text=True)
    seeker = builders.seeker(app, gdpr.coach, code="LINK-0001")
    page = make_client(login=gdpr.manager.email).get(f"/seekers/{seeker.id}").get_data(as_text=True)
    assert "/data-protection" in page  # the region that holds the export button for managers
    assert "/privacy" in make_client().get("/auth/login").get_data(as_text=True)


def test_the_export_covers_every_record_the_erasure_would_touch(app, make_client, factory, gdpr):
    """The export's schema walk and app.core.erasure's agree: whatever erasing the person deletes or unlinks is in
    their access export (the export reads the rows, the erasure removes them)."""
    from app.core.erasure import erasure_plan

    seeker = plant_seeker(app, gdpr)
    contact = factory.contact(gdpr.employer, name="Pirkko Puutarhuri")
    log_touchpoint(app, factory, gdpr.employer, gdpr.coordinator, contact_id=contact.id)
    exported = {}
    for root, row_id, url, login in (("job_seekers", seeker.id, f"/seekers/{seeker.id}/access-export",
                                      gdpr.manager.email),
                                     ("contact_persons", contact.id, f"/contacts/{contact.id}/access-export",
                                      gdpr.admin.email)):
        document, _ = open_export(make_client(login=login).get(url))
        exported[root] = {table for table, body in document["records"].items() if body["rows"]}
        with app.app_context():
            plan = erasure_plan(root, row_id)
        assert set(plan.counts()) | set(plan.unlinked_counts()) <= exported[root], root
    assert {"placements", "seeker_consent_events", "lead_proposals"} <= exported["job_seekers"]
    assert "touchpoints" in exported["contact_persons"]


def test_a_read_of_several_seekers_at_once_is_in_each_ones_trail_only(app, make_client, gdpr):
    first = builders.seeker(app, gdpr.coach, code="MANY-0001", ratings={"lifting": 2})
    second = builders.seeker(app, gdpr.coach, code="MANY-0002", ratings={"lifting": 3})
    third = builders.seeker(app, gdpr.coach, code="MANY-0003", ratings={"lifting": 1})
    with app.app_context(), acting_as(gdpr.coach.id, gdpr.org_a.id):
        seeker_services.capability_read_log(seeker_ids=[first.id, second.id], profile_ids=[first.profile_id,
                                                                                            second.profile_id],
                                            context="bundle ranking")
        db.session.commit()
    manager = make_client(login=gdpr.manager.email)
    for seeker, expected in ((first, True), (second, True), (third, False)):
        document, _ = open_export(manager.get(f"/seekers/{seeker.id}/access-export"))
        found = [e for e in document["audit_trail"] if e["summary"] == "bundle ranking"]
        assert bool(found) is expected, seeker.code
