"""Leads and placements for the access tests.

B has an organisation-only lead, a hidden job still held for B and a network lead: the first two are invisible to A
(their titles are markers), the network lead is visible to A but its private note is a marker. B proposes a seeker
whose code and alias are markers for A's own network lead (A sees the proposal, never who it is) and for C's lead
(a proposal A cannot reach at all). B's placement carries markers in its notes, goal and plan.
"""

from __future__ import annotations

from datetime import timedelta

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.leads import services
from app.leads.models import Lead
from app.leads.placements import services as placement_services
from app.leads.placements.models import PlacementFollowUp
from tests.leads import builders
from tests.profiles import builders as profile_builders


def build(world) -> None:
    """B's private leads, B's network lead, proposals both ways and B's placement; A's own lead and placement."""
    app, f = world.app, world.factory
    employer_id = world.shared["employer_id"]
    org_c = f.org("orgc-leads", "Organisation C")
    c = f.user(org_c, email="c-leads@example.test", roles=("coach", "coordinator"), name="Cecilia C")
    codes = profile_builders.catalogue(app)

    private = builders.lead(app, world.b, employer_id=employer_id, title=world.marker("org-only-title"),
                            visibility="organisation", private_note=world.marker("org-only-note"))
    builders.lead(app, world.b, employer_id=employer_id, title=world.marker("held-title"), kind="hidden_job",
                  hold_days=14, description=world.marker("held-description"))
    shared = builders.lead(app, world.b, employer_id=employer_id, title="Kahvilan aamuvuoro",
                           private_note=world.marker("network-lead-note"), description="Tiskiä ja kahvinkeittoa.")
    own = builders.lead(app, world.a, employer_id=employer_id, title="Pihatyöntekijä")
    theirs = builders.lead(app, c, employer_id=employer_id, title="C:n varastotyö")
    with app.app_context(), acting_as(world.a.id, world.a.organisation_id):
        services.lead_demand_save(lead=db.session.get(Lead, own.id), ratings={codes["lifting"]: 3}, key=set())
        db.session.commit()

    seeker = profile_builders.seeker(app, world.b, code=world.marker("proposed-code"),
                                     alias=world.marker("proposed-alias"), ratings={"lifting": 2},
                                     notes=world.marker("proposed-notes"))
    to_a = builders.propose(app, world.b, lead_id=own.id, seeker_id=seeker.id)
    to_c = builders.propose(app, world.b, lead_id=theirs.id, seeker_id=seeker.id)
    builders.accept(app, c, proposal_id=to_c.id)

    placement = builders.placement(app, world.b, seeker_id=seeker.id, employer_id=employer_id, lead_id=theirs.id,
                                   type="work_trial", equal_pay=None, employment_goal=world.marker("goal"),
                                   planned_weeks=8, notes=world.marker("placement-notes"),
                                   starts_on=today() - timedelta(days=40))
    with app.app_context(), acting_as(world.b.id, world.b.organisation_id):
        placement_services.plan_save(placement=_placement(placement.id), phases=[{
            "phase": "orientation", "workplace_person": world.marker("inductor"), "note": world.marker("phase-note")}])
        follow_up = db.session.scalar(db.select(PlacementFollowUp).where(
            PlacementFollowUp.placement_id == placement.id, PlacementFollowUp.months == 1))
        placement_services.follow_up_record(follow_up=follow_up, done_on=today(), still_employed=True,
                                            note=world.marker("follow-up-note"),
                                            user=_user(world.b.id))
        follow_up_id = follow_up.id
        db.session.commit()

    mine_seeker = profile_builders.seeker(app, world.a, code="A-LEAD-1", alias="Oma L", ratings={"lifting": 3})
    mine = builders.placement(app, world.a, seeker_id=mine_seeker.id, employer_id=employer_id)
    with app.app_context():
        mine_follow_up = db.session.scalar(db.select(PlacementFollowUp.id).where(
            PlacementFollowUp.placement_id == mine.id))

    world.private["lead_id"] = private.id
    world.shared["lead_id"] = shared.id
    world.own["lead_id"] = own.id
    world.private["proposal_id"] = to_c.id
    world.own["proposal_id"] = to_a.id
    world.private["placement_id"] = placement.id
    world.own["placement_id"] = mine.id
    world.private["placement_follow_up_id"] = follow_up_id
    world.own["placement_follow_up_id"] = mine_follow_up


def _placement(placement_id: int):
    from app.leads.placements.models import Placement

    return db.session.get(Placement, placement_id)


def _user(user_id: int):
    from app.auth.models import User

    return db.session.get(User, user_id)
