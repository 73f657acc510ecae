"""Browser: the printable job description is the employer's document. Printed to PDF by Chromium (A4), a bundle of
eight tasks with a purpose, working time, place, who guides and what the job needs fits on one page, in the
engagement's language, with nothing of the workshop's internal classification."""

from __future__ import annotations

import re

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.ratko.conftest import RatkoFactory

TASKS = [
    ("Liinavaatteiden ja pyyhkeiden täydennys potilashuoneisiin ja varastoon", "daily", 5, "core", {}),
    ("Vesikannujen jako ja keräys potilashuoneista", "daily", 3, "extra", {"left_undone": True}),
    ("Apuvälineiden puhdistus ja palautus apuvälinevarastoon", "weekly", 2, "supplementary",
     {"burdens_staff": True}),
    ("Potilaiden saattaminen tutkimuksiin ja takaisin osastolle", "daily", 4, "supplementary", {}),
    ("Postin ja laboratorionäytteiden kuljetus", "daily", 2, "extra", {"needs_qualification": True}),
    ("Hoitotarvikevaraston täydennys ja tilausten vastaanotto", "weekly", 3, "extra", {}),
    ("Kahvihuoneen ja taukotilan siisteydestä huolehtiminen", "daily", 1, "extra", {"collective_agreement": True}),
    ("Ruokakärryjen nouto keittiöltä ja palautus", "daily", 2.5, "extra", {"flag_note": "Jää usein tekemättä"}),
]


def _pages(pdf: bytes) -> int:
    """Pages of a PDF by its page objects (pypdf when installed)."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _bundle_with_tasks(app, factory, user, count: int, language: str = "fi"):
    ratko = RatkoFactory(app, factory)
    employer = factory.employer("Pielisjoen keskussairaala", municipality="Joensuu")
    engagement = ratko.engagement(user, employer=employer, title="Sisätautien osasto 3", language=language)
    bundle = ratko.bundle(engagement, "Osastoavustaja", purpose=(
        "Osastoavustaja huolehtii osaston arjen sujuvuudesta: tarvikkeet, kuljetukset ja saattamiset. Näin "
        "hoitajien aika vapautuu potilaiden hoitoon, ja tehtävät, jotka nyt jäävät usein tekemättä, tulevat "
        "tehdyiksi joka päivä."), hours_per_week=20, schedule="ma–pe klo 8–12", place="Sisätautien osasto 3, B-siipi",
        guided_by="Johanna Lappalainen, osastonhoitaja",
        requirements="Hygieniapassi tai valmius suorittaa se. Suomen kielen perustaito. Kyky liikkua osastolla koko "
                     "vuoron ajan.",
        working_conditions="Työvaatteet ja turvakengät työnantajalta. Osastolla on nostolaite.")
    for description, frequency, hours, category, flags in TASKS[:count]:
        task = ratko.task(engagement, description, role="lähihoitaja", hours=hours, category=category,
                          frequency=frequency, **flags)
        ratko.move(task.id, bundle.id)
    return bundle


def test_job_description_prints_on_one_a4_page_without_internal_classification(page, app, factory):
    user = factory.user(roles=("consultant",), name="Riikka Konsultti")
    bundle = _bundle_with_tasks(app, factory, user, 8)
    login(page, user.email, PASSWORD)
    page.goto(f"/ratko/bundles/{bundle.id}/print")
    sheet = page.locator("#job-description")
    text = sheet.inner_text()
    assert page.evaluate("document.documentElement.lang") == "fi"
    for expected in ("Osastoavustaja", "Pielisjoen keskussairaala", "Työnkuva", "ma–pe klo 8–12",
                     "Sisätautien osasto 3, B-siipi", "Johanna Lappalainen, osastonhoitaja", "Hygieniapassi",
                     "Ruokakärryjen nouto keittiöltä ja palautus", "Päivittäin"):
        assert expected in text, expected
    for internal in ("Lisätyö", "Ydintehtävä", "Täydentävä", "Jää tekemättä", "Kuormittaa henkilöstöä",
                     "Jää usein tekemättä", "lähihoitaja", "työehtosopimus", "Työehtosopimus", "Luonnos",
                     "pätevyys"):
        assert internal not in text, internal
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert _pages(pdf) == 1


def test_job_description_in_swedish_when_the_engagement_is(page, app, factory):
    user = factory.user(roles=("consultant",))
    bundle = _bundle_with_tasks(app, factory, user, 3, language="sv")
    login(page, user.email, PASSWORD)
    page.goto(f"/ratko/bundles/{bundle.id}/print")
    assert page.evaluate("document.documentElement.lang") == "sv"
    text = page.locator("#job-description").inner_text()
    assert "Arbetsbeskrivning" in text and "Dagligen" in text
