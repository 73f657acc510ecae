"""Real lists (issue 10, items 2 and 8): free-text industries, sizes and places, phones without their +, optional
values that never reject a row, honest counts of the uploaded rows and an honest "nothing to import"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.employers import reference
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship
from app.extensions import db
from app.spreadsheets import lenient, readers
from app.spreadsheets.files import Limits
from app.spreadsheets.values import Context, normalise_row
from tests.fixtures import make_fixtures as fx
from tests.spreadsheets.conftest import batch_id_of, upload

STATE = "import-state"


@pytest.mark.parametrize(("typed", "code"), [
    ("Siivous", "81"), ("Ravintola", "56"), ("Hoiva", "87"), ("Rakennus", "F"), ("Kauppa", "47"),
    ("Metalliteollisuus", "25"), ("siivousala", "81"), ("Kiinteistösiivous", "81"), ("ravintolat", "56"),
    ("Ravintola- ja hotelliala", "I"), ("Hoiva-ala", "87"), ("Rakennusala", "F"), ("Kaupan ala", "47"),
    ("rautakauppa", "47"), ("Logistiikka", "H"), ("Kuljetusliike", "49"), ("ICT-ala", "J"), ("Koulutus", "85"),
    ("Sosiaaliala", "88"), ("Hotelli", "55"), ("Maatalous", "01"), ("Metsätalous", "02"), ("Kiinteistöala", "68"),
    ("Städning", "81"), ("Restaurang", "56"), ("Byggföretag", "F"), ("Detaljhandel", "47"), ("Äldreomsorg", "87"),
    ("Cleaning company", "81"), ("Real estate", "68"), ("Social care", "88"), ("retail", "47"),
    ("Metal industry", "25"), ("Logistics", "H"), ("Agriculture", "01"), ("Forestry", "02"), ("Hotels", "55"),
    ("Kauppa ja ravintola", None), ("Hyvinvointi", None), ("Startup", None)])
def test_common_industry_words_in_three_languages(app, typed, code):
    with app.app_context():
        assert lenient.industry_synonym(typed) == code


def test_the_synonym_list_names_only_tol_classes_and_each_word_once(app):
    path = reference.SEED_DIR / "industry_synonyms.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes: dict[str, set[str]] = {}
    for row in rows:
        assert row["code"] in reference.industries(), row
        assert row["language"] in ("fi", "sv", "en"), row
        codes.setdefault(lenient.fold(row["term"]), set()).add(row["code"])
    assert {term: found for term, found in codes.items() if len(found) > 1} == {}
    assert {row["language"] for row in rows} == {"fi", "sv", "en"} and len(rows) > 500


@pytest.mark.parametrize(("typed", "expected"), [
    ("joensuu", "Joensuu"), ("Vasa", "Vaasa"), ("HKI", "Helsinki"), ("80100 Joensuu", "Joensuu"),
    ("Hameenlinna", "Hämeenlinna"), ("S:t Karins", "Kaarina"), ("Lehmo", None), ("Joensuu, Kontiolahti", None)])
def test_municipalities_as_people_type_them(app, typed, expected):
    with app.app_context():
        assert lenient.municipality(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("n. 50 henkeä", "medium"), ("10-49", "small"), ("10–49", "small"), ("alle 10", "micro"), ("250+", "large"),
    ("yli 49", "medium"), ("1 200", "large"), ("pieni", "small"), ("Keskisuuri", "medium"), ("stor", "large"),
    ("mikroyritys", "micro"), ("PK-yritys", None)])
def test_sizes_from_words_and_headcounts(typed, expected):
    assert lenient.size_class(typed, {}) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("358401234000", "+358401234000"), ("358 40 123 4000", "+358401234000"), ("358401234000.0", "+358401234000"),
    ("0401234000", "+358401234000"), ("401234000", "+358401234000"), ("35812345", "+35835812345")])
def test_phones_without_their_plus_are_finnish_international_numbers(app, typed, expected):
    with app.app_context():
        values, errors, warnings = normalise_row(["A Oy", "Liisa", typed], ["Yritys", "Nimi", "Puhelin"],
                                                 ["employer_name", "contact_name", "phone"], Context.build([]))
    assert (values.get("phone"), errors, warnings) == (expected, [], [])


OPTIONAL = ["Yritys", "Y-tunnus", "Kunta", "Toimiala", "Koko", "Kotisivu", "Yhteyshenkilö", "Puhelin", "Sähköposti",
            "Vastuuhenkilö", "Tila", "Aloitettu"]


def test_optional_values_never_reject_a_row(app, runner, coordinator):
    """Item 2: every optional column holds something unreadable; every row is still imported, with notes."""
    content = fx.xlsx([OPTIONAL,
                       ["Kiertotalo Oy", "1234567-8", "Lehmo", "Startupit, kokeilut", "iso-ish",
                        "ei osoite", "Liisa", "12", "liisa(at)kierto", "Tuntematon Käyttäjä", "ehkä", "eilen"],
                       ["Hyvinvointi Oy", "", "?", "Hyvinvointi", "-", "", "Pasi", "ei tiedossa", "", "", "", ""],
                       ["Pesula Oy", "", "Joensuu", "Pesula", "", "", "", "", "", "", "", ""]])
    batch_id = runner.upload(content)
    batch = runner.preview(batch_id)
    rows = runner.rows(batch_id)
    assert batch.counts["error"] == 0 and batch.counts["new"] == 3 and batch.counts["noted"] == 3
    first = rows[2]
    assert sorted((w["column"], w["code"]) for w in first.warnings if w.get("left_out")) == [
        ("Aloitettu", "date"), ("Koko", "size"), ("Kotisivu", "website"), ("Kunta", "municipality"),
        ("Puhelin", "phone"), ("Sähköposti", "email"), ("Tila", "status"), ("Vastuuhenkilö", "owner"),
        ("Y-tunnus", "ytunnus")]
    tagged = next(w for w in first.warnings if w["code"] == "industry_tag")
    assert tagged["params"]["tag"] == "startupit, kokeilut"
    assert first.values["tags"] == ["startupit", "kokeilut"]
    assert rows[3].warnings == [{"field": "industry", "column": "Toimiala", "code": "industry_tag",
                                 "params": {"value": "Hyvinvointi", "tag": "hyvinvointi"}}]  # "?", "-": empty
    assert rows[4].warnings[0]["code"] == "industry_read" and rows[4].values["industry"] == "96"

    committed = runner.commit(batch_id)
    assert committed.status == "committed"
    with app.app_context():
        employers = {e.name: e for e in db.session.scalars(select(Employer))}
        assert set(employers) == {"Kiertotalo Oy", "Hyvinvointi Oy", "Pesula Oy"}
        kierto = employers["Kiertotalo Oy"]
        assert (kierto.business_id, kierto.municipality, kierto.industry_code, kierto.size_class,
                kierto.website) == (None, None, None, None, None)
        tags = db.session.scalars(select(EmployerTag.tag).where(EmployerTag.employer_id == kierto.id)
                                  .order_by(EmployerTag.tag)).all()
        assert tags == ["kokeilut", "startupit"]
        liisa = db.session.scalar(select(ContactPerson).where(ContactPerson.name == "Liisa"))
        assert (liisa.phone, liisa.email) == (None, None)
        relationship = db.session.scalar(select(Relationship).where(Relationship.employer_id == kierto.id))
        assert (relationship.owner_id, relationship.status) == (coordinator.id, "prospect")
        assert employers["Pesula Oy"].industry_code == "96"


def test_the_report_lists_rows_with_notes_next_to_their_cells(app, importer):
    content = fx.xlsx([["Yritys", "Kunta", "Toimiala"], ["A Oy", "Lehmo", "Siivous"], ["B Oy", "Joensuu", "47"]])
    batch_id = batch_id_of(upload(importer, content))
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    from tests.spreadsheets.test_views import _mapping_form

    importer.post(f"/imports/{batch_id}/mapping", data=_mapping_form(page), htmx=STATE)
    body = importer.get(f"/imports/{batch_id}?rows=noted", htmx="import-rows").get_data(as_text=True)
    assert body.count('id="row-') == 1 and "Lehmo is not a Finnish municipality" in body
    assert "The value was left out; the rest of the row is imported." in body
    assert "Siivous was read as the industry 81 " in body
    report = importer.get(f"/imports/{batch_id}/errors.xlsx")
    lines = list(load_workbook(io.BytesIO(report.data), read_only=True).active.iter_rows(values_only=True))
    assert [line[0] for line in lines[1:]] == [2]
    assert lines[1][1].startswith("Kunta: Lehmo is not a Finnish municipality") and lines[1][2:] == (
        "A Oy", "Lehmo", "Siivous")


def test_a_coordinators_real_list_counted_by_hand(app, runner, importer, factory):
    """tests/fixtures/coordinator_list.xlsx, counted by hand (the file's rows 1-18):

    rows 1-3: two title rows and a blank row; row 4: the header; row 11: blank. Data rows: 5-10 and 12-18 = 13.
    The directory already has Pielisen Puutyö Oy (0112038-9) with its contact Liisa Laine.

    row  5 Joensuun Siivous Oy, Tiina     new employer + contact + relationship   new        note: Siivous -> 81
    row  6 Joensuun Siivous Oy, Timo      same employer as row 5, new contact     new        note: Siivous -> 81
    row  7 Ravintola Kielo, Kalle         new (phone 358401234000 = +358 40...)   new        note: Ravintola -> 56
    row  8 Hoivakoti Päivänsäde, Helena   new; e-mail "...@paivansade" left out   new        notes: e-mail, Hoiva
    row  9 Rakennus Kivi Oy, Jari         new                                     new        note: Rakennus -> F
    row 10 the same cells as row 9                                                duplicate  note: Rakennus -> F
    row 12 Lähikauppa Mäkinen, Maija      new ("358 40 765 4321")                 new        note: Kauppa -> 47
    row 13 Karjalan Metalli Oy, Sari      new (401234599 lost its 0)              new        note: Metalli... -> 25
    row 14 Wellness Joensuu Oy, Pirjo     new; "Hyvinvointi" kept as a tag        new        note: tag
    row 15 Kuljetus Virtanen Ky, Ville    new; "Lehmo" is a village: left out     new        notes: Lehmo, Kuljetus
    row 16 no employer, Pekka             contact without employer                error
    row 17 Pielisen Puutyö Oy, Liisa      found by Y-tunnus; industry None -> 16  update     note: Puuteoll. -> 16
    row 18 Vaaran Pesula Ky, Anna         new; Y-tunnus check digit wrong: out    new        notes: Y-tunnus, Pesula

    new 10 (5 6 7 8 9 12 13 14 15 18), update 1 (17), unchanged 0, duplicate 1 (10), error 1 (16): 13 rows.
    Notes on a value: every row but 16 = 12. Employers: 9 new (row 6 follows row 5), 1 updated.
    Contacts: 10 new, 1 found (Liisa by e-mail, nothing changed). Relationships: 9 started (the new employers; the
    found one gets none, as no relationship column is filled on row 17).
    """
    existing = factory.employer("Pielisen Puutyö Oy", business_id="0112038-9", municipality="Joensuu")
    factory.contact(existing, name="Liisa Laine", email="liisa.laine@pielisenpuutyo.fi", phone="+358401234567")
    content = (Path(fx.__file__).parent / "coordinator_list.xlsx").read_bytes()
    assert content[:2] == b"PK" and readers.read_table(content, "x.xlsx", Limits()).header_row == 4

    batch_id = batch_id_of(upload(importer, content, "Työnantajat kevät 2025.xlsx"))
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    assert "13 data rows." in page and "Column names on row 4." in page  # item 8: was "12 data rows"
    batch = runner.preview(batch_id)
    assert batch.mapping == ["employer_name", "business_id", "municipality", "industry", "size_class",
                             "contact_name", "phone", "email", "note"]
    counts = batch.counts
    assert {k: counts[k] for k in ("rows", "new", "update", "unchanged", "duplicate", "error", "noted")} == {
        "rows": 13, "new": 10, "update": 1, "unchanged": 0, "duplicate": 1, "error": 1, "noted": 12}
    assert (counts["employer_create"], counts["employer_update"], counts["employer_match"]) == (9, 1, 0)
    assert (counts["contact_create"], counts["contact_match"], counts["relationship_create"]) == (10, 1, 9)
    rows = runner.rows(batch_id)
    assert rows[16].errors[0]["code"] == "contact_without_employer"
    assert rows[10].kind == "duplicate" and rows[17].plan["employer"]["changes"] == {"industry_code": [None, "16"]}

    committed = runner.commit(batch_id, skip_errors=True)
    assert committed.status == "committed"
    with app.app_context():
        employers = {e.name: e for e in db.session.scalars(select(Employer))}
        assert len(employers) == 10  # 1 + 9 new
        assert db.session.scalar(select(db.func.count()).select_from(ContactPerson)) == 11  # 1 + 10 new
        assert db.session.scalar(select(db.func.count()).select_from(Relationship)) == 9
        assert {name: (e.industry_code, e.size_class) for name, e in employers.items()} == {
            "Joensuun Siivous Oy": ("81", "small"), "Ravintola Kielo": ("56", "small"),
            "Hoivakoti Päivänsäde": ("87", None), "Rakennus Kivi Oy": ("F", "small"),
            "Lähikauppa Mäkinen": ("47", "micro"), "Karjalan Metalli Oy": ("25", "medium"),
            "Wellness Joensuu Oy": (None, None), "Kuljetus Virtanen Ky": ("49", None),
            "Pielisen Puutyö Oy": ("16", None), "Vaaran Pesula Ky": ("96", None)}
        assert employers["Kuljetus Virtanen Ky"].municipality is None
        assert employers["Vaaran Pesula Ky"].business_id is None
        assert db.session.scalars(select(EmployerTag.tag).where(
            EmployerTag.employer_id == employers["Wellness Joensuu Oy"].id)).all() == ["hyvinvointi"]
        phones = dict(db.session.execute(select(ContactPerson.name, ContactPerson.phone)).all())
        assert phones == {"Liisa Laine": "+358401234567", "Tiina Toivonen": "+358401234567",
                          "Timo Toivonen": "+358407651111", "Kalle Kokki": "+358401234000",
                          "Helena Heikkinen": "+358134567890", "Jari Kivi": "+358502223333",
                          "Maija Mäkinen": "+358407654321", "Sari Saarinen": "+358401234599",
                          "Pirjo Pitkänen": "+358501234567", "Ville Virtanen": "+358440987654",
                          "Anna Aalto": "+35813123456"}
        helena = db.session.scalar(select(ContactPerson).where(ContactPerson.name == "Helena Heikkinen"))
        assert helena.email is None


def test_every_row_an_error_says_so(app, importer):
    """Item 8: when nothing can be imported because every row has an error, the page says that."""
    content = fx.xlsx([["Yritys", "Yhteyshenkilö", "Sähköposti"], ["", "Liisa Laine", "liisa@example.fi"],
                       ["", "Pasi Puu", "pasi@example.fi"]])
    batch_id = batch_id_of(upload(importer, content))
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    from tests.spreadsheets.test_views import _mapping_form

    importer.post(f"/imports/{batch_id}/mapping", data=_mapping_form(page), htmx=STATE)
    body = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    assert "Nothing can be imported: every row has an error." in body
    assert "already in the directory" not in body and "Skip the rows with errors" not in body
    assert body.count('class="kind-error"') == 2


def test_nothing_to_import_when_the_rows_are_already_there(app, importer, factory):
    factory.employer("A Oy", municipality="Joensuu")
    content = fx.xlsx([["Yritys", "Kunta", "Yhteyshenkilö"], ["A Oy", "Joensuu", ""], ["", "", "Orpo"]])
    batch_id = batch_id_of(upload(importer, content))
    page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
    from tests.spreadsheets.test_views import _mapping_form

    importer.post(f"/imports/{batch_id}/mapping", data=_mapping_form(page), htmx=STATE)
    body = importer.get(f"/imports/{batch_id}", htmx=STATE).get_data(as_text=True)
    assert "Nothing can be imported: 1 row has an error and the other rows would change nothing" in body


@pytest.mark.parametrize(("rows", "expected"), [(8, 8), (40, 40), (300, 300)])
def test_uploaded_row_count_is_the_rows_under_the_header(app, importer, rows, expected):
    """Item 8: title and blank rows above the header (absent from the xlsx) no longer take one off; a CSV larger
    than the upload's sample is counted whole."""
    grid = [["Yhteystiedot 2025"], [], ["Yritys", "Kunta"]] + [[f"Yritys {n} Oy", "Joensuu"] for n in range(rows)]
    text = "Yhteystiedot 2025\n\nYritys;Kunta\n" + "".join(f"Yritys {n} Oy;Joensuu\n" for n in range(rows))
    for content, name in ((fx.xlsx(grid), "lista.xlsx"), (text.encode(), "lista.csv")):
        batch_id = batch_id_of(upload(importer, content, name))
        page = importer.get(f"/imports/{batch_id}").get_data(as_text=True)
        assert f"{expected} data rows." in page, name


def test_notes_survive_the_commits_second_look(app, runner, factory):
    """The commit classifies again when the directory changed since the preview; the notes on values stay."""
    content = fx.xlsx([["Yritys", "Kunta", "Toimiala", "Sähköposti"], ["Uusi Kahvila", "Lehmo", "Kahvila", ""],
                       ["Toinen Oy", "Joensuu", "", "info@toinen.fi"]])
    batch_id = runner.upload(content)
    runner.preview(batch_id)
    factory.employer("Toinen Oy", municipality="Joensuu")
    batch = runner.commit(batch_id)
    assert batch.status == "previewed" and batch.message["code"] == "stale_preview"
    rows = runner.rows(batch_id)
    assert [w["code"] for w in rows[2].warnings] == ["municipality", "industry_read"]
    assert [w["code"] for w in rows[3].warnings] == ["contact_name"] and rows[3].kind == "unchanged"
    assert batch.counts["noted"] == 1
