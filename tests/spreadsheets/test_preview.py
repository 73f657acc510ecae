"""The preview classifies every row against the directory and writes nothing outside the staging rows."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from tests.fixtures import make_fixtures as fx


def _directory_counts(app) -> tuple:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (Employer, ContactPerson, Relationship, AuditEvent))


def test_messy_finnish_list_is_normalised_and_classified(app, runner, factory, coordinator):
    existing = factory.employer("Pielisen Puutyö Oy", business_id="0112038-9", municipality="Joensuu")
    factory.contact(existing, name="Liisa Laine", email="liisa.laine@pielisenpuutyo.fi", phone="+358401234567",
                    title="Tuotantopäällikkö")
    before = _directory_counts(app)
    batch_id = runner.upload(fx.messy_finnish(), "työnantajat.xlsx")
    batch = runner.preview(batch_id)
    rows = runner.rows(batch_id)
    assert _directory_counts(app) == before

    assert batch.mapping == ["employer_name", "business_id", "municipality", "industry", "contact_name", "title",
                             "phone", "email", "started_on", ""]
    liisa = rows[3]
    assert liisa.values["business_id"] == "0112038-9"
    assert liisa.values["phone"] == "+358401234567"
    assert liisa.values["email"] == "liisa.laine@pielisenpuutyo.fi"
    assert liisa.values["started_on"] == "2023-03-01"
    assert liisa.plan["employer"] == {"action": "match", "id": existing.id, "by": "business_id",
                                      "name": "Pielisen Puutyö Oy", "changes": {"industry_code": [None, "16"]},
                                      "archived": False} | {"action": "update"}
    assert liisa.plan["contact"]["action"] == "match"
    assert liisa.plan["relationship"]["action"] == "create"
    assert liisa.kind == "new"

    pekka = rows[4]
    assert pekka.values["business_id"] == "2345678-0"  # FI23456780 in VAT form
    assert pekka.values["contact_name"] == "Pekka NA"
    assert pekka.values["started_on"] == "2023-03-15"  # Excel serial 45000
    assert pekka.plan["employer"]["action"] == "create"

    anna = rows[5]
    assert anna.kind == "new" and anna.errors == [] and "email" not in anna.values  # the bad e-mail is left out
    assert [(w["column"], w["code"], w.get("left_out")) for w in anna.warnings] == [("Sähköposti", "email", True)]
    assert anna.plan["contact"]["action"] == "create"

    assert rows[6].kind == "duplicate"
    assert rows[6].warnings == [{"code": "duplicate_row", "params": {"row": 4}}]

    sari = rows[7]
    assert sari.kind == "new"
    assert sari.values["industry"] == "25"
    assert sari.plan["employer"]["action"] == "create"
    assert rows[8].kind == "error" and rows[8].errors[0]["code"] == "contact_without_employer"
    assert batch.counts["error"] == 1 and batch.counts["duplicate"] == 1 and batch.counts["new"] == 4
    assert batch.counts["employer_create"] == 3 and batch.counts["employer_update"] == 1
    assert batch.counts["noted"] == 1


def test_matching_by_name_and_municipality_and_contacts_by_name(app, runner, factory):
    employer = factory.employer("Kahvila Karjalanhelmi", municipality="Joensuu")
    factory.contact(employer, name="Pekka Pää", title="Omistaja")
    content = fx.xlsx([["Yritys", "Kunta", "Yhteyshenkilö", "Titteli", "Y-tunnus"],
                       ["KAHVILA KARJALANHELMI", "joensuu", "pekka pää", "Yrittäjä", ""],
                       ["Kahvila Karjalanhelmi Oy", "Lieksa", "Pekka Pää", "Omistaja", ""]])
    batch_id = runner.upload(content)
    runner.preview(batch_id)
    rows = runner.rows(batch_id)
    first, second = rows[2], rows[3]
    assert first.plan["employer"]["by"] == "name" and first.plan["employer"]["id"] == employer.id
    assert first.plan["employer"]["action"] == "match"
    assert first.plan["contact"]["action"] == "update"
    assert first.plan["contact"]["changes"] == {"title": ["Omistaja", "Yrittäjä"]}
    assert second.plan["employer"]["action"] == "create"  # another municipality: another employer


def test_fill_and_skip_policies(app, runner, factory):
    factory.employer("Vaaran Pesula Ky", business_id="0201256-6", municipality="Lieksa", address="Vanha tie 1")
    content = fx.xlsx([["Yritys", "Y-tunnus", "Kunta", "Osoite", "WWW"],
                       ["Vaaran Pesula Ky", "0201256-6", "Joensuu", "Uusi tie 2", "pesula.fi"]])
    batch_id = runner.upload(content)
    runner.preview(batch_id, policy="fill")
    assert runner.rows(batch_id)[2].plan["employer"]["changes"] == {"website": [None, "https://pesula.fi"]}
    with app.app_context():
        from app.spreadsheets.models import ImportBatch
        db.session.get(ImportBatch, batch_id).status = "mapping"
        db.session.commit()
    runner.preview(batch_id, policy="update")
    assert runner.rows(batch_id)[2].plan["employer"]["changes"] == {
        "municipality": ["Lieksa", "Joensuu"], "address": ["Vanha tie 1", "Uusi tie 2"],
        "website": [None, "https://pesula.fi"]}
    with app.app_context():
        db.session.get(ImportBatch, batch_id).status = "mapping"
        db.session.commit()
    runner.preview(batch_id, policy="skip")
    assert runner.rows(batch_id)[2].kind == "unchanged"


def test_ambiguous_names_rows_without_an_employer_and_contacts_without_a_name(app, runner, factory):
    factory.employer("Lähikauppa", municipality="Joensuu")
    factory.employer("Lähikauppa Oy", municipality="Joensuu")
    content = fx.xlsx([["Yritys", "Kunta", "Yhteyshenkilö", "Sähköposti"],
                       ["Lähikauppa", "Joensuu", "A", ""],
                       ["", "", "Orpo Yhteyshenkilö", "orpo@example.fi"],
                       ["Uusi Oy", "Tuntematon kylä", "", ""],
                       ["Nimetön", "", "", "ei-nimeä@example.fi"]])
    batch_id = runner.upload(content)
    runner.preview(batch_id)
    rows = runner.rows(batch_id)
    assert rows[2].errors[0]["code"] == "ambiguous_employer"
    assert rows[3].errors[0]["code"] == "contact_without_employer"
    assert rows[4].kind == "new" and "municipality" not in rows[4].values  # an unknown place: left out, noted
    assert rows[4].warnings[0]["code"] == "municipality" and rows[4].warnings[0]["left_out"]
    assert rows[5].kind == "new" and rows[5].warnings[0]["code"] == "contact_name"  # e-mail without a person


def test_owner_status_and_dates(app, runner, factory, org, coordinator):
    colleague = factory.user(org, email="vv@example.test", name="Ville Valmentaja", roles=("coach",))
    outsider = factory.user(email="muu@example.test", name="Muu Organisaatio")
    content = fx.xlsx([["Yritys", "Vastuuhenkilö", "Tila", "Aloitettu"],
                       ["A Oy", "ville valmentaja", "Active partner", "15.1.2024"],
                       ["B Oy", "VV@example.test", "aktiivinen yhteistyökumppani", 45352],
                       ["C Oy", outsider.email, "prospect", "2024-02-30"],
                       ["D Oy", "", "maybe", "eilen"]])
    batch_id = runner.upload(content)
    runner.preview(batch_id)
    rows = runner.rows(batch_id)
    assert rows[2].values == {"employer_name": "A Oy", "owner": colleague.id, "status": "active_partner",
                              "started_on": "2024-01-15"}
    assert rows[3].values["owner"] == colleague.id and rows[3].values["status"] == "active_partner"
    assert rows[3].values["started_on"] == "2024-03-01"
    assert {w["code"] for w in rows[4].warnings} == {"owner", "date"} and rows[4].kind == "new"
    assert {w["code"] for w in rows[5].warnings} == {"status", "date"} and rows[5].kind == "new"
    assert rows[4].plan["relationship"]["owner_id"] == coordinator.id  # the default owner instead
    assert rows[2].plan["relationship"]["owner_id"] == colleague.id


def test_reimporting_the_same_file_says_when_and_changes_nothing(app, runner):
    content = fx.messy_finnish()
    first = runner.run(content, "lista.xlsx", skip_errors=True)
    assert first.status == "committed"
    batch_id = runner.upload(content, "lista (1).xlsx")
    batch = runner.batch(batch_id)
    assert batch.notices[0]["code"] == "already_imported"
    assert batch.notices[0]["params"]["batch"] == first.id
