""""We have a candidate" across two organisations: consent required, identity never exposed (HTML, fragments,
exports), accept and decline seen on both sides, refusals for expired, closed and filled leads, withdrawal of consent
withdrawing pending proposals at once."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from app.auth.models import User
from app.core.audit import AuditEvent, acting_as
from app.core.dates import today
from app.extensions import db
from app.leads import services
from app.leads.models import Lead, LeadProposal
from app.seekers import services as seeker_services
from app.seekers.models import Consent
from tests.leads import builders
from tests.profiles import builders as profile_builders

CODE, ALIAS = "TVS-SALAINEN-7", "Bertta Piilonen"


def _text(response) -> str:
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


def _setup(app, net, *, consent="network_matching", demand=True):
    codes = profile_builders.catalogue(app)
    lead = builders.lead(app, net.a, employer_id=net.employer.id, title="Puutarhan kausityö")
    if demand:
        with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
            services.lead_demand_save(lead=db.session.get(Lead, lead.id),
                                      ratings={codes["lifting"]: 3, codes["reading"]: 2}, key={codes["lifting"]})
            db.session.commit()
    seeker = profile_builders.seeker(app, net.b, code=CODE, alias=ALIAS, consent=consent,
                                     ratings={"lifting": 2, "reading": 4})
    return lead, seeker


def test_proposal_flow_across_two_organisations_never_shows_who_the_candidate_is(app, make_client, net):
    lead, seeker = _setup(app, net)
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    form = b.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "We have a candidate" in form and CODE in form, "the proposing coach sees their own seekers"
    response = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id})
    assert response.status_code == 303
    with app.app_context():
        proposal = db.session.scalar(db.select(LeadProposal))
        proposal_id = proposal.id
        assert proposal.status == "pending" and proposal.organisation_id == net.b.organisation_id

    page = a.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Työvalmennussäätiö" in page and "Sanna Säätiö" in page and "coach-b@example.test" in page
    assert "1 gap (1 on a key item)" in page and "1 possible under-challenge" in page
    assert f'id="proposal-{proposal_id}"' in page
    owner_views = [page, a.get("/leads").get_data(as_text=True), a.get("/leads?view=board").get_data(as_text=True),
                   a.get("/leads/dashboard").get_data(as_text=True),
                   a.get(f"/employers/{net.employer.id}/leads").get_data(as_text=True),
                   a.get("/worklist?scope=organisation").get_data(as_text=True),
                   a.get("/worklist/summary").get_data(as_text=True),
                   _text(a.get("/leads/export.xlsx?status=all")), _text(a.get("/leads/reciprocity.xlsx")),
                   _text(a.get("/worklist.xlsx?scope=organisation"))]
    for body in owner_views:
        assert CODE not in body and ALIAS not in body
        assert f'/seekers/{seeker.id}"' not in body and f"/seekers/{seeker.id}/" not in body
        assert "seeker_id" not in body and "seeker-" not in body
    assert "has a candidate for Puutarhan kausityö" in owner_views[5], "the owner's worklist shows the proposal"
    with app.app_context():
        read = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "read",
                                                             AuditEvent.entity == "lead_proposals"))
        assert read is not None and str(seeker.id) not in read.changes.replace(f'[{proposal_id}]', '')

    assert a.post(f"/proposals/{proposal_id}/accept", data={"note": "Soitan huomenna"}).status_code == 303
    with app.app_context():
        assert db.session.get(Lead, lead.id).status == "candidates_proposed"
    mine = b.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Accepted" in mine and "Soitan huomenna" in mine and "Record the placement" in mine
    assert "Decisions on our candidates" in b.get("/leads/dashboard").get_data(as_text=True)
    board = b.get("/leads").get_data(as_text=True)
    assert "Our candidates proposed" in board and CODE in board, "the proposing side sees its own seeker's code"
    assert "Candidates proposed" in a.get(f"/leads/{lead.id}").get_data(as_text=True)


def test_declined_candidate_is_seen_on_the_proposing_side(app, make_client, net):
    lead, seeker = _setup(app, net, demand=False)
    proposal = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    a = make_client(login=net.a.email)
    page = a.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Add a demand profile to the lead to compare candidates with it." in page
    assert a.post(f"/proposals/{proposal.id}/decline", data={"note": "Paikka täyttyi jo"}).status_code == 303
    mine = make_client(login=net.b.email).get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Declined" in mine and "Paikka täyttyi jo" in mine
    assert a.post(f"/proposals/{proposal.id}/accept").status_code == 303, "a decided proposal stays decided"
    with app.app_context():
        assert db.session.get(LeadProposal, proposal.id).status == "declined"


def test_proposing_needs_a_consent_for_network_matching(app, make_client, net):
    lead, seeker = _setup(app, net, consent="employer_disclosure")
    none = profile_builders.seeker(app, net.b, code="EI-SUOSTUMUSTA", alias="N", consent=None)
    b = make_client(login=net.b.email)
    page = b.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "no matching consent" in page
    for candidate in (seeker, none):
        response = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": candidate.id})
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "no valid consent for matching in the network" in body
        assert "No consent of this scope has been recorded." in body
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(LeadProposal)) == 0


def test_expired_closed_or_filled_leads_cannot_receive_proposals(app, make_client, net):
    lead, seeker = _setup(app, net)
    b = make_client(login=net.b.email)
    with app.app_context():
        db.session.get(Lead, lead.id).expires_on = today() - timedelta(days=1)
        db.session.commit()
    response = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id})
    assert response.status_code == 422
    assert "has expired and cannot receive candidates" in response.get_data(as_text=True)
    assert "We have a candidate" not in b.get(f"/leads/{lead.id}").get_data(as_text=True)
    for status, message in (("closed", "is closed"), ("filled", "has been filled")):
        with app.app_context():
            stored = db.session.get(Lead, lead.id)
            stored.expires_on, stored.status = today() + timedelta(days=5), status
            db.session.commit()
        response = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id})
        assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_own_leads_and_duplicates_are_refused(app, make_client, net):
    lead, seeker = _setup(app, net)
    mine = profile_builders.seeker(app, net.a, code="OMA-1", alias="Oma")
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    assert a.post(f"/leads/{lead.id}/proposals", data={"seeker_id": mine.id}).status_code == 422
    assert b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id}).status_code == 303
    again = b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id})
    assert again.status_code == 422 and "already been proposed" in again.get_data(as_text=True)
    assert b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": mine.id}).status_code == 404, \
        "another organisation's seeker cannot be proposed"


def test_withdrawing_the_consent_withdraws_pending_proposals_at_once(app, make_client, net):
    lead, seeker = _setup(app, net)
    proposal = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    with app.app_context(), acting_as(net.b.id, net.b.organisation_id):
        consent = db.session.get(Consent, seeker.consent_id)
        seeker_services.consent_withdraw(consent=consent, on=today(), note="Ei enää", recorded_by_id=net.b.id)
        db.session.commit()
        stored = db.session.get(LeadProposal, proposal.id)
        assert (stored.status, stored.status_reason) == ("withdrawn", "consent")
    page = make_client(login=net.a.email).get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Withdrawn" in page and "consent for matching is no longer valid" in page
    assert "gap" not in page.split('id="owner-proposals"')[1], "no comparison without consent"
    assert make_client(login=net.a.email).post(f"/proposals/{proposal.id}/accept").status_code == 303
    with app.app_context():
        assert db.session.get(LeadProposal, proposal.id).status == "withdrawn"


def test_expired_consent_hides_the_comparison_even_before_any_write(app, make_client, net):
    lead, seeker = _setup(app, net)
    proposal = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    with app.app_context():
        db.session.get(Consent, seeker.consent_id).valid_until = today() - timedelta(days=1)
        db.session.commit()
    a = make_client(login=net.a.email)
    page = a.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Withdrawn" in page and "gap" not in page.split('id="owner-proposals"')[1]
    assert a.post(f"/proposals/{proposal.id}/accept").status_code == 303
    with app.app_context():
        assert db.session.get(LeadProposal, proposal.id).status == "withdrawn"


def test_proposer_withdraws_and_closing_a_lead_lapses_pending_ones(app, make_client, net):
    lead, seeker = _setup(app, net)
    other = profile_builders.seeker(app, net.b, code="B-2", alias="Toinen", ratings={"lifting": 3})
    first = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    second = builders.propose(app, net.b, lead_id=lead.id, seeker_id=other.id)
    b = make_client(login=net.b.email)
    assert make_client(login=net.a.email).post(f"/proposals/{first.id}/withdraw").status_code == 404
    assert b.post(f"/proposals/{first.id}/withdraw").status_code == 303
    with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
        services.lead_close(lead=db.session.get(Lead, lead.id), reason="Työnantaja peruutti")
        db.session.commit()
        assert db.session.get(LeadProposal, first.id).status == "withdrawn"
        assert (db.session.get(LeadProposal, second.id).status,
                db.session.get(LeadProposal, second.id).status_reason) == ("lapsed", "lead_closed")
    assert b.post(f"/proposals/{second.id}/accept").status_code == 404, "only the owner decides"


def test_seeker_page_ranks_leads_and_proposes_from_there(app, make_client, net):
    lead, seeker = _setup(app, net)
    builders.lead(app, net.a, employer_id=net.employer.id, title="Ilman vaatimusprofiilia")
    b = make_client(login=net.b.email)
    region = b.get(f"/seekers/{seeker.id}/leads").get_data(as_text=True)
    assert "Puutarhan kausityö" in region and "1 gap" in region and "Ilman vaatimusprofiilia" in region
    assert b.post(f"/leads/{lead.id}/proposals", data={"seeker_id": seeker.id}).status_code == 303
    assert "Proposed" in b.get(f"/seekers/{seeker.id}/leads").get_data(as_text=True)
    refused = profile_builders.seeker(app, net.b, code="B-9", alias="Ei", consent=None, ratings={"lifting": 1})
    assert "Not ranked" in b.get(f"/seekers/{refused.id}/leads").get_data(as_text=True)
    assert make_client(login=net.a.email).get(f"/seekers/{seeker.id}/leads").status_code == 404


def test_accepting_after_the_lead_expired_is_refused(app, net):
    lead, seeker = _setup(app, net)
    proposal = builders.propose(app, net.b, lead_id=lead.id, seeker_id=seeker.id)
    with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
        stored = db.session.get(Lead, lead.id)
        stored.expires_on = today() - timedelta(days=1)
        try:
            services.proposal_accept(proposal=db.session.get(LeadProposal, proposal.id), lead=stored,
                                     user=db.session.get(User, net.a.id))
        except services.LeadRefused as error:
            assert error.field == "proposal"
        else:
            raise AssertionError("accepted for an expired lead")
