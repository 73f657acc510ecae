"""The index is kept current by the services that write: create, edit, archive and restore, share, delete and erase,
and the spreadsheet import's bulk commit and its undo. After every step the stored index equals a fresh rebuild
(and the SQLite FTS5 mirror passes its integrity check), and the search finds what it should."""

from __future__ import annotations

from sqlalchemy import delete

from app.auth.models import User
from app.core.audit import acting_as
from app.core.search_index import SearchEntry
from app.employers import selectors as employer_selectors
from app.employers import services as employer_services
from app.extensions import db
from app.leads import services as lead_services
from app.leads.models import Lead
from app.ratko import services as ratko_services
from app.ratko.models import Bundle
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker
from tests.fixtures import make_fixtures as fx
from tests.leads import builders as lead_builders
from tests.profiles import builders as profile_builders
from tests.ratko.conftest import RatkoFactory
from tests.search.conftest import assert_index_current, index_rows, kinds_of, search_html
from tests.spreadsheets.conftest import Runner

HEADERS = ["Yritys", "Y-tunnus", "Kunta", "Yhteyshenkilö", "Sähköposti", "Puhelin"]


def test_directory_writes_keep_the_index_current(app, make_client, factory):
    coach = factory.user(roles=("coach", "coordinator"))
    client = make_client(login=coach.email)
    employer = factory.employer("Piirakkapaja Oy", municipality="Joensuu")
    contact = factory.contact(employer, name="Kaisa Kärnä", phone="+358401234567")
    assert kinds_of(assert_index_current(app), "piirakkapaja") == {("employer", employer.id), ("contact", contact.id)}

    with app.app_context():  # edit: the employer's new name reaches its contact's entry too
        found = employer_selectors.employer_get_or_404(employer.id)
        employer_services.employer_update(employer=found, data={"name": "Pullapaja Oy"}, expected_version=found.version)
        site = employer_services.site_add(employer=found, data={"name": "Keskuskeittiö", "municipality": "Lieksa"})
        db.session.commit()
        site_id = site.id
    rows = assert_index_current(app)
    assert not kinds_of(rows, "piirakkapaja")
    assert kinds_of(rows, "pullapaja") == {("employer", employer.id), ("contact", contact.id), ("site", site_id)}
    assert "Kaisa Kärnä" in search_html(client, "pullapaja karna")

    with app.app_context():  # a contact who left and a removed site drop out
        employer_services.contact_archive(contact=employer_selectors.contact_get_or_404(contact.id))
        employer_services.site_archive(site=employer_selectors.site_get_or_404(site_id))
        db.session.commit()
    assert kinds_of(assert_index_current(app), "pullapaja") == {("employer", employer.id)}
    assert "Kaisa Kärnä" not in search_html(client, "karna")

    other = factory.contact(employer, name="Olli Oksanen")
    with app.app_context():  # archiving the employer hides it and its people; restoring brings them back
        employer_services.employer_archive(employer=employer_selectors.employer_get_or_404(employer.id))
        db.session.commit()
    assert not kinds_of(assert_index_current(app), "pullapaja")
    assert "Nothing found" in search_html(client, "pullapaja")
    with app.app_context():
        employer_services.employer_restore(employer=employer_selectors.employer_get_or_404(employer.id))
        db.session.commit()
    assert kinds_of(assert_index_current(app), "pullapaja") == {("employer", employer.id), ("contact", other.id)}


def test_erasing_a_contact_person_removes_their_entry(app, factory):
    employer = factory.employer("Erasmus Oy")
    contact = factory.contact(employer, name="Eero Erasable", email="eero@erasmus.fi", phone="+358501234567")
    assert ("contact", contact.id) in kinds_of(assert_index_current(app), "erasable")
    with app.app_context():
        employer_services.contact_erase(contact=employer_selectors.contact_get_or_404(contact.id), reason="request")
        db.session.commit()
    rows = assert_index_current(app)
    assert not kinds_of(rows, "erasable") and not kinds_of(rows, "0501234567")


def test_leads_ratko_and_seekers_keep_the_index_current(app, factory):
    ratko = RatkoFactory(app, factory)
    org = factory.org("joensuu", "Joensuu")
    coach = factory.user(org, roles=("coach", "consultant", "manager"))
    employer = factory.employer("Saimaan Leipomo Oy")
    lead = lead_builders.lead(app, coach, employer_id=employer.id, title="Leipurin apulainen",
                              visibility="organisation")
    rows = assert_index_current(app)
    assert [(r[2], r[3]) for r in rows if (r[0], r[1]) == ("lead", lead.id)] == [(org.id, None)]
    with app.app_context(), acting_as(coach.id, org.id):  # shared: it opens to the network from now on
        found = db.session.get(Lead, lead.id)
        lead_services.lead_update(lead=found, user=db.session.get(User, coach.id), expected_version=found.version,
                                  data={"title": "Leipomoapulainen", "kind": found.kind, "visibility": "network",
                                        "expires_on": found.expires_on})
        db.session.commit()
    rows = assert_index_current(app)
    assert [r[3] is not None for r in rows if (r[0], r[1]) == ("lead", lead.id)] == [True]
    assert kinds_of(rows, "leipomoapulainen") == {("lead", lead.id)}

    engagement = ratko.engagement(coach, employer=employer, title="Leipomon tehtävät")
    bundle = ratko.bundle(engagement, title="Taikinavalmistaja")
    assert kinds_of(assert_index_current(app), "saimaan leipomo") == {
        ("employer", employer.id), ("lead", lead.id), ("engagement", engagement.id), ("bundle", bundle.id)}
    with app.app_context():
        ratko_services.bundle_delete(bundle=db.session.get(Bundle, bundle.id))
        db.session.commit()
    assert not kinds_of(assert_index_current(app), "taikinavalmistaja")

    seeker = profile_builders.seeker(app, coach, code="JOE-123", alias="A. B.")
    assert kinds_of(assert_index_current(app), "joe 123") == {("seeker", seeker.id)}
    with app.app_context():
        found = db.session.get(JobSeeker, seeker.id)
        seeker_services.seeker_update(seeker=found, data={"code": "JOE-456"}, expected_version=found.version)
        db.session.commit()
    assert kinds_of(assert_index_current(app), "joe") == {("seeker", seeker.id)}
    with app.app_context():
        seeker_services.seeker_erase(seeker=db.session.get(JobSeeker, seeker.id), reason="request")
        db.session.commit()
    assert not kinds_of(assert_index_current(app), "joe")


def test_import_and_its_undo_keep_the_index_current(app, make_client, factory):
    org = factory.org("lieksa", "Lieksa")
    coordinator = factory.user(org, roles=("coordinator",))
    runner = Runner(app, coordinator)
    existing = factory.employer("Vaaran Pesula Ky", business_id="0201256-6", municipality="Lieksa")
    app.config["IMPORT_JOB_MODE"], previous = "inline", app.config.get("IMPORT_JOB_MODE")
    try:
        batch = runner.run(fx.xlsx([HEADERS,
                                    ["Pielisen Puutyö Oy", "0112038-9", "Joensuu", "Liisa Laine", "liisa@puutyo.fi",
                                     "040 1234567"],
                                    ["Vaaran Pesula Ky", "0201256-6", "Nurmes", "Pekka Pesonen", "", ""]]))
        assert batch.status == "committed", batch.message
        rows = assert_index_current(app)
        assert {kind for kind, _id in kinds_of(rows, "puutyo")} == {"employer", "contact"}
        assert ("employer", existing.id) in kinds_of(rows, "nurmes")  # the update of an existing employer
        assert kinds_of(rows, "0401234567")  # the imported phone, as digits
        client = make_client(login=coordinator.email)
        assert "Liisa Laine" in search_html(client, "040-123 4567")

        undone = runner.undo(batch.id)
        assert undone.status == "undone", undone.undo_report
        rows = assert_index_current(app)
        assert not kinds_of(rows, "puutyo") and not kinds_of(rows, "pesonen")
        assert ("employer", existing.id) in kinds_of(rows, "lieksa") and not kinds_of(rows, "nurmes")
        assert "Nothing found" in search_html(client, "puutyo")
    finally:
        app.config["IMPORT_JOB_MODE"] = previous


def test_reindex_command_rebuilds_the_index(app, factory):
    employer = factory.employer("Komentorivi Oy")
    with app.app_context():
        db.session.execute(delete(SearchEntry))
        db.session.commit()
    assert not kinds_of(index_rows(app), "komentorivi")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "employer: 1" in result.output
    assert kinds_of(assert_index_current(app), "komentorivi") == {("employer", employer.id)}
