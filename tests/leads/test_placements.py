"""Placements: rules per type (a work trial needs a goal and a length), follow-ups at 1/3/6/12 months on the worklist
with "still employed?", the pay-subsidy alert, the three-T check and support plan, and outcomes that flow back (lead
and bundle filled, engagement completed, a touchpoint on the employer's timeline, the seeker in work)."""

from __future__ import annotations

from datetime import timedelta

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.leads import services
from app.leads.models import Lead
from app.leads.placements.models import Placement, PlacementFollowUp
from app.leads.placements.rules import add_months
from app.ratko.models import Bundle, Engagement
from app.seekers.models import JobSeeker
from app.touchpoints.models import Touchpoint
from tests.leads import builders
from tests.profiles import builders as profile_builders


def _form(seeker_id, employer_id, **overrides) -> dict:
    data = {"seeker_id": seeker_id, "employer_id": employer_id, "type": "ordinary", "job_title": "Puutarha-apulainen",
            "starts_on": today().isoformat(), "hours_per_week": "25", "equal_pay": "yes", "ordinary_workplace": "y",
            "coach_id": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_work_trial_without_an_employment_goal_or_length_is_refused(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-1")
    a = make_client(login=net.a.email)
    response = a.post("/placements/new", data=_form(seeker.id, net.employer.id, type="work_trial", equal_pay=None))
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A work trial needs an employment goal" in body and "A work trial needs a planned length" in body
    response = a.post("/placements/new", data=_form(seeker.id, net.employer.id, type="work_trial", equal_pay=None,
                                                     employment_goal="Palkkatyö kauden jälkeen",
                                                     planned_weeks="60"))
    assert response.status_code == 422 and "(1–52 weeks)" in response.get_data(as_text=True)
    subsidy = a.post("/placements/new", data=_form(seeker.id, net.employer.id, type="pay_subsidy"))
    assert subsidy.status_code == 422 and "needs the date the subsidy ends" in subsidy.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Placement)) == 0
    ok = a.post("/placements/new", data=_form(seeker.id, net.employer.id, type="work_trial", equal_pay=None,
                                              employment_goal="Palkkatyö kauden jälkeen", planned_weeks="8"))
    assert ok.status_code == 303
    with app.app_context():
        trial = db.session.scalar(db.select(Placement))
        assert trial.equal_pay is None and trial.ends_on == today() + timedelta(weeks=8) - timedelta(days=1)


def test_follow_ups_are_scheduled_shown_on_the_worklist_and_record_retention(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-2")
    start = today() - timedelta(days=40)
    placement = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id, starts_on=start)
    with app.app_context():
        rows = db.session.scalars(db.select(PlacementFollowUp).where(PlacementFollowUp.placement_id == placement.id)
                                  .order_by(PlacementFollowUp.months)).all()
        assert [(r.months, r.due_on) for r in rows] == [(m, add_months(start, m)) for m in (1, 3, 6, 12)]
        first = rows[0].id
        assert db.session.get(JobSeeker, seeker.id).status == "in_work"
    a = make_client(login=net.a.email)
    worklist = a.get("/worklist").get_data(as_text=True)
    assert "Placement follow-up" in worklist and "1-month follow-up: Varastoapulainen" in worklist
    assert a.get(f"/placement-follow-ups/{first}", htmx="modal-body").status_code == 200
    bad = a.post(f"/placement-follow-ups/{first}", data={"done_on": today().isoformat()})
    assert bad.status_code == 422 and "Say whether the person is still employed." in bad.get_data(as_text=True)
    done = a.post(f"/placement-follow-ups/{first}", data={"done_on": today().isoformat(), "still_employed": "yes",
                                                        "note": "Viihtyy"})
    assert done.status_code == 303
    assert "1-month follow-up" not in a.get("/worklist").get_data(as_text=True)
    page = a.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "Still employed" in page and "Viihtyy" in page
    assert "1 (100 %)" in a.get("/placements").get_data(as_text=True)


def test_a_new_start_date_moves_the_open_follow_ups(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-3")
    placement = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id)
    new_start = today() + timedelta(days=10)
    a = make_client(login=net.a.email)
    with app.app_context():
        version = db.session.get(Placement, placement.id).version
    response = a.post(f"/placements/{placement.id}/edit", data=_form(
        seeker.id, net.employer.id, starts_on=new_start.isoformat(), version=str(version)))
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    with app.app_context():
        dues = db.session.scalars(db.select(PlacementFollowUp.due_on).where(
            PlacementFollowUp.placement_id == placement.id).order_by(PlacementFollowUp.months)).all()
        assert dues == [add_months(new_start, m) for m in (1, 3, 6, 12)]
    stale = a.post(f"/placements/{placement.id}/edit", data=_form(seeker.id, net.employer.id, version=str(version)))
    assert stale.status_code == 409


def test_pay_subsidy_alert_30_days_before_the_end(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-4")
    near = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id, type="pay_subsidy",
                              subsidy_ends_on=today() + timedelta(days=20), job_title="Tukityö")
    far_seeker = profile_builders.seeker(app, net.a, code="A-5")
    builders.placement(app, net.a, seeker_id=far_seeker.id, employer_id=net.employer.id, type="pay_subsidy",
                       subsidy_ends_on=today() + timedelta(days=120), job_title="Kaukainen tukityö")
    a = make_client(login=net.a.email)
    worklist = a.get("/worklist").get_data(as_text=True)
    assert "Pay subsidy ending" in worklist and "Tukityö" in worklist and "Kaukainen tukityö" not in worklist
    page = a.get(f"/placements/{near.id}").get_data(as_text=True)
    assert 'id="subsidy-alert"' in page
    assert a.post(f"/placements/{near.id}/subsidy-handled").status_code == 303
    assert "Pay subsidy ending" not in a.get("/worklist").get_data(as_text=True)
    assert 'id="subsidy-alert"' not in a.get(f"/placements/{near.id}").get_data(as_text=True)


def test_three_t_check_and_support_plan(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-6")
    placement = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id)
    a = make_client(login=net.a.email)
    page = a.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "Ordinary workplace" in page and "Equal pay" in page
    assert "No responsible persons in the support plan yet." in page
    plan = {f"{p}_workplace_person": "Esimies Eeva" for p in
            ("orientation", "learning", "stabilising", "fading", "follow_up")}
    plan["orientation_coach_id"] = str(net.a.id)
    plan["fading_starts_on"], plan["fading_ends_on"] = "2026-05-01", "2026-04-01"
    refused = a.post(f"/placements/{placement.id}/plan", data=plan)
    assert refused.status_code == 422 and "The end cannot be before the start." in refused.get_data(as_text=True)
    plan["fading_ends_on"] = "2026-06-01"
    assert a.post(f"/placements/{placement.id}/plan", data=plan).status_code == 303
    page = a.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "Every phase of the support plan has a responsible person." in page and "Esimies Eeva" in page


def test_filling_a_bundle_lead_across_organisations_flows_back(app, make_client, net):
    bundle = profile_builders.bundle(app, net.a, title="Puutarhan aamuvuoro", employer_id=net.employer.id,
                                     tasks=[("Kastelu", {"lifting": 2})])
    a, b = make_client(login=net.a.email), make_client(login=net.b.email)
    region = a.get(f"/leads/bundle/{bundle.id}").get_data(as_text=True)
    assert "Make this bundle a lead" in region
    assert a.post(f"/leads/from-bundle/{bundle.id}").status_code == 303
    with app.app_context():
        lead = db.session.scalar(db.select(Lead).where(Lead.bundle_id == bundle.id))
        assert (lead.kind, lead.visibility, lead.title) == ("ratko_bundle", "organisation", "Puutarhan aamuvuoro")
        assert "Kastelu" in lead.tasks
        lead.visibility, lead.opens_at = "network", lead.created_at
        db.session.commit()
        lead_id = lead.id
    assert a.post(f"/leads/from-bundle/{bundle.id}").status_code == 303, "a second click returns the same lead"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Lead)) == 1
    page = b.get(f"/leads/{lead_id}").get_data(as_text=True)
    assert "From the RATKO bundle’s demand profile." in page and "Kastelu" in page
    assert f"/ratko/bundles/{bundle.id}" not in page, "the bundle itself stays private"

    seeker = profile_builders.seeker(app, net.b, code="B-PUU", alias="Puutarhuri", ratings={"lifting": 3})
    refused = b.post("/placements/new", data=_form(seeker.id, net.employer.id, lead_id=lead_id))
    assert refused.status_code == 422 and "only by a candidate it accepted" in refused.get_data(as_text=True)
    proposal = builders.propose(app, net.b, lead_id=lead_id, seeker_id=seeker.id)
    builders.accept(app, net.a, proposal_id=proposal.id)
    response = b.post("/placements/new", data=_form(seeker.id, net.employer.id, lead_id=lead_id))
    assert response.status_code == 303
    with app.app_context():
        lead = db.session.get(Lead, lead_id)
        assert (lead.status, lead.filled_by_organisation_id) == ("filled", net.b.organisation_id)
        assert db.session.get(Bundle, bundle.id).status == "filled"
        engagement = db.session.get(Engagement, bundle.engagement_id)
        assert (engagement.status, engagement.outcome) == ("completed", "filled")
        touch = db.session.scalar(db.select(Touchpoint).where(Touchpoint.employer_id == net.employer.id))
        assert touch.organisation_id == net.b.organisation_id and touch.outcome == "hire"
        assert "Puutarha" not in touch.summary  # issue 11: the placement type only, never the job title
        summary = touch.summary
    timeline = a.get(f"/employers/{net.employer.id}/timeline").get_data(as_text=True)
    assert summary in timeline and "Puutarha-apulainen" not in timeline
    assert "B-PUU" not in timeline and "Puutarhuri" not in timeline
    a_ledger = a.get("/leads").get_data(as_text=True)
    assert "Leads of ours filled by other organisations</dt><dd>1" in a_ledger.replace("\n", "")
    b_ledger = b.get("/leads").get_data(as_text=True)
    assert "Leads of others we filled</dt><dd>1" in b_ledger.replace("\n", "")


def test_placement_with_a_bundle_of_mine_completes_the_engagement(app, make_client, net):
    bundle = profile_builders.bundle(app, net.a, title="Oma nippu", employer_id=net.employer.id)
    seeker = profile_builders.seeker(app, net.a, code="A-7")
    a = make_client(login=net.a.email)
    form = a.get(f"/placements/new?bundle={bundle.id}").get_data(as_text=True)
    assert "Oma nippu" in form and "Pielisen Puutarha Oy" in form
    assert a.post("/placements/new", data=_form(seeker.id, net.employer.id, bundle_id=bundle.id)).status_code == 303
    with app.app_context():
        engagement = db.session.get(Engagement, bundle.engagement_id)
        assert (engagement.status, engagement.outcome) == ("completed", "filled")
    assert make_client(login=net.b.email).get(f"/placements/new?bundle={bundle.id}").status_code == 404


def test_ending_a_placement_takes_its_follow_ups_off_the_worklist(app, make_client, net):
    seeker = profile_builders.seeker(app, net.a, code="A-8")
    placement = builders.placement(app, net.a, seeker_id=seeker.id, employer_id=net.employer.id,
                                   starts_on=today() - timedelta(days=40))
    a = make_client(login=net.a.email)
    assert a.post(f"/placements/{placement.id}/end", data={"ended_on": (today() - timedelta(days=50)).isoformat(),
                                                            "reason": "moved_on"}).status_code == 422
    assert a.post(f"/placements/{placement.id}/end", data={"ended_on": today().isoformat(),
                                                            "reason": "moved_on"}).status_code == 303
    assert "1-month follow-up" not in a.get("/worklist").get_data(as_text=True)
    assert make_client(login=net.b.email).get(f"/placements/{placement.id}").status_code == 404
    assert a.post(f"/placements/{placement.id}/delete").status_code == 303
    with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
        assert db.session.get(Placement, placement.id) is None
        assert db.session.scalar(db.select(db.func.count()).select_from(PlacementFollowUp)) == 0


def test_marking_a_lead_filled_without_a_placement(app, make_client, net):
    lead = builders.lead(app, net.a, employer_id=net.employer.id)
    a = make_client(login=net.a.email)
    assert a.get(f"/leads/{lead.id}/fill", htmx="modal-body").status_code == 200
    assert a.post(f"/leads/{lead.id}/fill", data={"by_organisation_id": str(net.org_b.id)}).status_code == 303
    with app.app_context():
        stored = db.session.get(Lead, lead.id)
        assert (stored.status, stored.filled_by_organisation_id) == ("filled", net.org_b.id)
    page = a.get(f"/leads/{lead.id}").get_data(as_text=True)
    assert "Työvalmennussäätiö" in page
    with app.app_context(), acting_as(net.a.id, net.a.organisation_id):
        try:
            services.lead_close(lead=db.session.get(Lead, lead.id), reason=None)
        except services.LeadRefused as error:
            assert error.field == "status"
