"""Bundles: the job description page with optimistic locking, the printable A4 view in the engagement's language
with every field, and the freed-time summary for management."""

from __future__ import annotations

from app.extensions import db
from app.ratko.models import Engagement


def _bundle_form(**overrides):
    data = {"title": "Osastoavustaja", "purpose": "Vapauttaa hoitajien aikaa potilastyöhön",
            "hours_per_week": "20", "schedule": "ma–pe klo 8–12", "place": "Sisätautien osasto 3",
            "working_conditions": "Kevyitä nostoja, paljon kävelyä", "status": "agreed", "version": "1",
            "guided_by": "Johanna Lappalainen, osastonhoitaja", "requirements": "Hygieniapassi"}
    data.update(overrides)
    return data


def test_bundle_edit_and_stale_save(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    b = ratko.bundle(e)
    c = make_client(login=consultant.email)
    assert c.post(f"/ratko/bundles/{b.id}", data=_bundle_form()).status_code == 303
    stale = c.post(f"/ratko/bundles/{b.id}", data=_bundle_form(title="Vanha otsikko"))
    text = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "Someone else saved this job description" in text
    assert 'value="Vanha otsikko"' in text
    too_many = c.post(f"/ratko/bundles/{b.id}", data=_bundle_form(version="2", hours_per_week="70"))
    assert too_many.status_code == 422


def test_print_view_renders_every_field_in_the_engagement_language(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant, language="sv")
    b = ratko.bundle(e)
    t1 = ratko.task(e, "Liinavaatteiden täydennys osastolle", role="lähihoitaja", hours=3.5, frequency="daily",
                    left_undone=True, flag_note="Aamuisin")
    t2 = ratko.task(e, "Postin kuljetus", role="osastonsihteeri", hours=13, hours_period="month",
                    category="supplementary")
    for t in (t1, t2):
        ratko.move(t.id, b.id)
    c = make_client(login=consultant.email)
    c.post(f"/ratko/bundles/{b.id}", data=_bundle_form())
    page = c.get(f"/ratko/bundles/{b.id}/print")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="sv">' in text
    for value in ("Osastoavustaja", "Vapauttaa hoitajien aikaa potilastyöhön", "ma–pe klo 8–12", "Sisätautien osasto 3",
                  "Kevyitä nostoja, paljon kävelyä", "Liinavaatteiden täydennys osastolle", "Postin kuljetus",
                  "Johanna Lappalainen, osastonhoitaja", "Hygieniapassi", "6,5", "20", "Riikka Konsultti"):
        assert value in text, value
    sheet = text[text.index('id="job-description"'):]
    for internal in ("Aamuisin", "lähihoitaja", "osastonsihteeri", "cat-badge", "Extra", "Supplementary"):
        assert internal not in sheet, internal  # the employer's document: no internal flags, categories, origins
    assert "ratko.css" in text and 'class="sheet job-sheet"' in text


def test_print_view_names_the_inductor_when_the_bundle_does_not(app, make_client, ratko, consultant):
    from app.ratko import services

    e = ratko.engagement(consultant, language="en")
    b = ratko.bundle(e)
    with app.app_context():
        engagement = db.session.get(Engagement, e.id)
        services.key_person_add(engagement=engagement, role="supervisor", name="Sanna Esimies")
        db.session.commit()
    c = make_client(login=consultant.email)
    assert "Sanna Esimies" in c.get(f"/ratko/bundles/{b.id}/print").get_data(as_text=True)
    with app.app_context():
        services.consolidation_save(engagement=db.session.get(Engagement, e.id),
                                    data={"inductor_name": "Pekka Perehdyttäjä"})
        db.session.commit()
    text = c.get(f"/ratko/bundles/{b.id}/print").get_data(as_text=True)
    assert "Pekka Perehdyttäjä" in text and "Sanna Esimies" not in text


def test_print_view_follows_a_changed_language(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant, language="en")
    b = ratko.bundle(e)
    c = make_client(login=consultant.email)
    assert '<html lang="en">' in c.get(f"/ratko/bundles/{b.id}/print").get_data(as_text=True)
    with app.app_context():
        db.session.get(Engagement, e.id).language = "fi"
        db.session.commit()
    assert '<html lang="fi">' in c.get(f"/ratko/bundles/{b.id}/print").get_data(as_text=True)


def test_freed_time_summary_per_role(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    b = ratko.bundle(e, "Myymäläavustaja")
    carved = ratko.task(e, "Hyllyjen täyttö ja päiväysten tarkistus", role="myyjä", hours=6)
    ratko.task(e, "Tilausten tekeminen", role="kauppias", hours=5, category="core")
    ratko.move(carved.id, b.id)
    c = make_client(login=consultant.email)
    page = c.get(f"/ratko/engagements/{e.id}/freed-time").get_data(as_text=True)
    assert "Freed time for the core work" in page and "myyjä" in page and "kauppias" in page
    assert "100 %" in page and "Myymäläavustaja" in page and "Frees 6 h/week from myyjä" in page
    printable = c.get(f"/ratko/engagements/{e.id}/freed-time?print=1").get_data(as_text=True)
    assert '<html lang="fi">' in printable and 'class="sheet"' in printable


def test_bundle_and_freed_time_export_to_xlsx(app, make_client, ratko, consultant):
    import io

    from openpyxl import load_workbook

    e = ratko.engagement(consultant, language="en")
    b = ratko.bundle(e, "=HYPERLINK(\"http://evil\")")
    t = ratko.task(e, "Hyllyjen täyttö ja päiväysten tarkistus", role="myyjä", hours=6, left_undone=True)
    ratko.move(t.id, b.id)
    c = make_client(login=consultant.email)
    response = c.get(f"/ratko/bundles/{b.id}/export.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    book = load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Job description", "Tasks", "Freed time"]
    facts = {row[0]: row[1] for row in book["Job description"].iter_rows(min_row=2, values_only=True)}
    assert facts["Title"] == '=HYPERLINK("http://evil")'
    assert book["Job description"]["B4"].data_type == "s"  # text, never a formula
    assert facts["Where the tasks come from"] == "Frees 6 h/week from myyjä"
    tasks = list(book["Tasks"].iter_rows(min_row=2, values_only=True))
    assert tasks == [("Hyllyjen täyttö ja päiväysten tarkistus", "myyjä", "Extra", 6, None, "Left undone")]
    freed = c.get(f"/ratko/engagements/{e.id}/freed-time.xlsx")
    rows = list(load_workbook(io.BytesIO(freed.get_data()))["Freed time"].iter_rows(min_row=2, values_only=True))
    assert rows == [("myyjä", 1, 6, 6, 1)]


def test_exports_have_real_cell_types(app, make_client, ratko, consultant):
    """Hours are numbers, shares are percentages, dates are dates: read back with openpyxl."""
    import io
    from datetime import date, datetime

    from openpyxl import load_workbook

    from app.core.dates import today
    from app.ratko import services

    e = ratko.engagement(consultant, language="en")
    with app.app_context():
        engagement = db.session.get(Engagement, e.id)
        services.engagement_decide(engagement=engagement, decision="go", expected_version=engagement.version,
                                   decided_by="Auli Hämäläinen, kauppias", decided_on=date(2026, 3, 2))
        db.session.commit()
    b = ratko.bundle(e, "Myymäläavustaja", hours_per_week="17,5")
    for text, hours in (("Hyllyjen täyttö", 6), ("Pahvien litistys", 1.5)):
        ratko.move(ratko.task(e, text, role="myyjä", hours=hours).id, b.id)
    ratko.task(e, "Kassatyö", role="myyjä", hours=12.5)  # stays uncarved: 7.5 of 20 h carved
    c = make_client(login=consultant.email)
    book = load_workbook(io.BytesIO(c.get(f"/ratko/bundles/{b.id}/export.xlsx").get_data()))
    facts = {row[0].value: row[1] for row in book["Job description"].iter_rows(min_row=2)}
    assert facts["Agreed hours per week"].value == 17.5 and facts["Agreed hours per week"].data_type == "n"
    assert facts["h/week from the tasks"].value == 7.5 and facts["h/week from the tasks"].data_type == "n"
    assert facts["Management's go on"].is_date and facts["Management's go on"].value == datetime(2026, 3, 2)
    assert facts["Exported on"].is_date and facts["Exported on"].value.date() == today()
    assert facts["Title"].data_type == "s"
    hours = [row[3] for row in book["Tasks"].iter_rows(min_row=2)]
    assert [h.value for h in hours] == [6, 1.5] and {h.data_type for h in hours} == {"n"}
    share = book["Freed time"]["E2"]
    assert share.data_type == "n" and share.value == 0.375 and share.number_format.endswith("%")
    assert book["Freed time"]["C2"].value == 20 and book["Freed time"]["D2"].value == 7.5
    freed = load_workbook(io.BytesIO(c.get(f"/ratko/engagements/{e.id}/freed-time.xlsx").get_data()))
    assert freed["Freed time"]["E2"].number_format.endswith("%") and freed["Freed time"]["E2"].value == 0.375
    bundle_row = freed["Bundles"][2]
    assert bundle_row[1].value == 7.5 and bundle_row[1].data_type == "n" and bundle_row[2].value == 2
