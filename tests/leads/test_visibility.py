"""Who sees which lead: organisation-only leads, network leads (marked with the organisation that shared them, private
fields absent), the holding period of hidden jobs, expiry computed on read, editing refused to other organisations,
and "new since my last visit"."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from app.auth.models import Organisation
from app.core.audit import acting_as
from app.core.dates import today
from app.core.db import utcnow
from app.extensions import db
from app.leads import services
from app.leads.models import Lead
from tests.leads import builders


def _xlsx_text(response) -> str:
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def _set(app, lead_id: int, **values) -> None:
    with app.app_context():
        lead = db.session.get(Lead, lead_id)
        for key, value in values.items():
            setattr(lead, key, value)
        db.session.commit()


def test_organisation_only_lead_is_invisible_to_other_organisations(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Sisäinen vinkki", visibility="organisation")
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    assert "Sisäinen vinkki" in a.get("/leads").get_data(as_text=True)
    assert b.get(f"/leads/{lead.id}").status_code == 404
    for url in ("/leads", "/leads?view=board&status=all", "/leads?status=all", f"/employers/{net.employer.id}/leads",
                "/leads/dashboard"):
        assert "Sisäinen vinkki" not in b.get(url).get_data(as_text=True), url
    assert "Sisäinen vinkki" not in _xlsx_text(b.get("/leads/export.xlsx?status=all"))


def test_network_lead_shows_shared_fields_and_who_shared_it_but_not_private_ones(app, make_client, factory, net):
    contact = factory.contact(net.employer, name="Liisa Lähiesimies", phone="040 123 4567", title="Esimies")
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Kahvilatyöntekijä",
                         description="Astianpesua ja kahvinkeittoa.", private_note="Sisäinen: esimies vaihtuu",
                         contact_id=contact.id)
    b = make_client(login=net.b.email)
    page = b.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Kahvilatyöntekijä" in page and "Astianpesua ja kahvinkeittoa." in page
    assert "Shared by Joensuun työllisyyspalvelut" in page
    assert "Liisa Lähiesimies" in page and "Ville Valmentaja" in page
    assert "Sisäinen: esimies vaihtuu" not in page
    assert "+358401234567" not in page and "123 4567" not in page, "the contact person's phone stays with the owner"
    board = b.get("/leads", htmx="lead-results")
    assert "<html" not in board.get_data(as_text=True) and "HX-Request" in board.headers["Vary"]
    assert "Joensuun työllisyyspalvelut" in board.get_data(as_text=True)
    export = _xlsx_text(b.get("/leads/export.xlsx"))
    assert "Kahvilatyöntekijä" in export and "Sisäinen: esimies vaihtuu" not in export
    own = _xlsx_text(make_client(login=net.a.email).get("/leads/export.xlsx"))
    assert "Sisäinen: esimies vaihtuu" in own


def test_network_leads_are_read_only_to_other_organisations(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Lukittu")
    b = make_client(login=net.b.email)
    assert b.get(f"/leads/{lead.id}").status_code == 200
    for url in (f"/leads/{lead.id}/edit", f"/leads/{lead.id}/demand", f"/leads/{lead.id}/close",
                f"/leads/{lead.id}/fill"):
        assert b.get(url).status_code == 404, url
        assert b.post(url, data={"title": "Hijacked", "kind": "open_vacancy", "visibility": "network",
                                 "expires_on": today().isoformat(), "employer_id": net.employer.id}).status_code == 404
    for url in (f"/leads/{lead.id}/release", f"/leads/{lead.id}/reopen"):
        assert b.post(url).status_code == 404
    with app.app_context():
        stored = db.session.get(Lead, lead.id)
        assert stored.title == "Lukittu" and stored.status == "open"


def test_hidden_job_is_held_for_the_finding_organisation(app, make_client, net):
    held = builders.lead(app, net.a, employer_id=net.employer.id, title="Piilotyö varastossa", kind="hidden_job",
                         hold_days=14)
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    assert b.get(f"/leads/{held.id}").status_code == 404
    assert "Piilotyö varastossa" not in b.get("/leads").get_data(as_text=True)
    page = a.get(f"/leads/{held.id}").get_data(as_text=True)
    assert "Held for my organisation" in page and "Open to the network now" in page
    assert "Held for us" in a.get("/leads").get_data(as_text=True)
    assert a.post(f"/leads/{held.id}/release").status_code == 303
    assert b.get(f"/leads/{held.id}").status_code == 200
    assert "Piilotyö varastossa" in b.get("/leads?new=1").get_data(as_text=True)


def test_holding_period_ends_by_itself(app, make_client, net):
    past = utcnow() - timedelta(days=15)
    opened = builders.lead(app, net.a, employer_id=net.employer.id, title="Vanha piilotyö", kind="hidden_job",
                           hold_days=14, now=past)
    still = builders.lead(app, net.a, employer_id=net.employer.id, title="Tuore piilotyö", kind="hidden_job",
                          hold_days=14, now=utcnow() - timedelta(days=13))
    b = make_client(login=net.b.email)
    assert b.get(f"/leads/{opened.id}").status_code == 200
    assert b.get(f"/leads/{still.id}").status_code == 404


def test_holding_period_is_an_organisation_setting(app, make_client, net):
    manager = make_client(login=net.manager.email)
    assert manager.get("/leads/settings").status_code == 200
    assert manager.post("/leads/settings", data={"days": "70"}).status_code == 422
    assert manager.post("/leads/settings", data={"days": "5"}).status_code == 303
    with app.app_context():
        assert db.session.get(Organisation, net.org_a.id).settings["lead_hold_days"] == 5
    coach = make_client(login=net.a.email)
    assert coach.get("/leads/settings").status_code == 403
    assert 'name="hold_days" type="number" value="5"' in coach.get("/leads/new").get_data(as_text=True) or \
        'value="5"' in coach.get("/leads/new").get_data(as_text=True)


def test_expired_lead_shows_expired_everywhere_without_a_job(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Vanhentunut paikka")
    _set(app, lead.id, expires_on=today() - timedelta(days=1))
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    for client in (a, b):
        page = client.get(f"/leads/{lead.id}").get_data(as_text=True)
        assert "expired on" in page
        assert "Vanhentunut paikka" not in client.get("/leads").get_data(as_text=True), "not among active leads"
        assert "Vanhentunut paikka" in client.get("/leads?status=expired").get_data(as_text=True)
        board = client.get("/leads?view=board&status=all", htmx="lead-results").get_data(as_text=True)
        expired_column = board[board.index('id="column-expired"'):]
        assert "Vanhentunut paikka" in expired_column
    with app.app_context():
        assert db.session.get(Lead, lead.id).status == "open", "expiry is computed, never written by a job"


def test_new_since_my_last_visit(app, make_client, net):
    b = make_client(login=net.b.email)
    b.get("/leads")
    first = builders.lead(app, net.a, employer_id=net.employer.id, title="Ensimmäinen vinkki")
    dashboard = b.get("/leads/dashboard").get_data(as_text=True)
    assert "Ensimmäinen vinkki" in dashboard and "1 lead opened to the network since my last visit" in dashboard
    b.get("/leads")
    assert "Ensimmäinen vinkki" not in b.get("/leads/dashboard").get_data(as_text=True)
    assert "Ensimmäinen vinkki" in b.get("/leads?new=1").get_data(as_text=True), \
        "the board keeps marking what was new at the start of this visit"
    with app.app_context():
        from app.leads.models import LeadBoardVisit

        visit = db.session.get(LeadBoardVisit, net.b.id)
        visit.seen_at = visit.seen_at - timedelta(hours=1)  # that visit, after the lead opened, was an hour ago
        db.session.get(Lead, first.id).opens_at -= timedelta(hours=3)
        db.session.commit()
    b.get("/leads")
    assert "Ensimmäinen vinkki" not in b.get("/leads?new=1").get_data(as_text=True)


def test_lead_from_another_organisation_cannot_be_edited_through_the_service_route_either(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id)
    with app.app_context(), acting_as(net.b.id, net.b.organisation_id):
        stored = db.session.get(Lead, lead.id)
        assert stored.organisation_id == net.a.organisation_id
    response = make_client(login=net.b.email).post(f"/leads/{lead.id}/edit", htmx="main", data={"title": "x"})
    assert response.status_code == 404


def test_taking_a_lead_back_from_the_network_hides_it(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Takaisin omaksi")
    with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
        from app.auth.models import User

        stored = db.session.get(Lead, lead.id)
        services.lead_update(lead=stored, user=db.session.get(User, net.a.id), expected_version=stored.version,
                             data={"title": stored.title, "kind": stored.kind, "visibility": "organisation",
                                   "expires_on": stored.expires_on})
        db.session.commit()
    assert make_client(login=net.b.email).get(f"/leads/{lead.id}").status_code == 404
