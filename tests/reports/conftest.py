"""A small fixed network whose every report figure is computed by hand in the tests (June 2025 against May 2025,
read on 15 July 2025).

Organisation A (coordinator Cora, coach Carl), B (coach Bea), C (coordinator Cid, who places six people).
Counted channels are the default (everything but e-mail and "other"); targets 3 a year (122 days), minimum 2
(183 days). At 30.6.2025: in cadence from 28.2., overdue unless touched after 29.12.2024. At 31.5.2025: in cadence
from 29.1., overdue unless touched after 29.11.2024.

A's employers (all through A's touchpoints; the first touch starts the relationship):
  E1 Joensuu     visit 10.1.2025, visit 20.5.2025                    30.6. in cadence   31.5. in cadence
  E2 Joensuu     call 1.12.2024                                      overdue            due
  E3 Joensuu     call 1.6.2024, e-mail 1.5.2025 (not counted)        overdue            overdue
  E4 Outokumpu   call 1.2.2025                                       due                in cadence (new)
  E5 Outokumpu   call 28.2.2025 (exactly 122 days before 30.6.)      due                in cadence (new)
  E6 Outokumpu   walk-in 31.5. (Cora), visit 2.6. (Cora + Carl), call 10.6. (Cora), meeting 30.6. (Carl),
                 e-mail 1.7. (Carl, next period)                     in cadence         in cadence
  E7 Joensuu     nobody works with it
B: visit at E1 on 10.6.2025 (Bea): a collision with A's visit of 20.5. (21 days earlier).
C: placements at E8 (Liperi): five ordinary jobs starting 1.5.2025 (one-month follow-ups due 1.6.: four still
   employed, one not), one pay-subsidy job starting 2.6.2025 with the subsidy ending 20.6.2025.
A's leads: a hidden job created 31.5.2025 21:30 UTC (1.6. 00:30 in Helsinki: June) shared at once and filled by B
   on 11.6. (10 days in Helsinki, 11 in UTC); an open vacancy created 30.6.2025 21:30 UTC (1.7. in Helsinki: July).
A's RATKO: an engagement presented 3.6.2025 (go on 4.6.), a workshop on 5.6., three tasks inventoried in June, two
   carved (4 h/week and 13 h/month = 3 h/week) into a bundle created in June, made into a lead in June and filled on
   20.6.
"""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from app.core.audit import acting_as
from app.extensions import db

TODAY = date(2025, 7, 15)
JUNE = date(2025, 6, 1)


def _log(app, user, employer_id, occurred_on, channel, participants=None):
    from app.auth.models import User
    from app.employers.models import Employer
    from app.touchpoints import services

    with app.app_context(), acting_as(user.id, user.organisation_id):
        data = {"channel": channel, "occurred_on": occurred_on, "summary": "Kävin kylässä"}
        if participants:
            data["participant_ids"] = participants
        services.touchpoint_log(author=db.session.get(User, user.id), employer=db.session.get(Employer, employer_id),
                                data=data)
        db.session.commit()


def _placements(app, coordinator, employer_id):
    from app.leads.placements import services as placement_services
    from app.leads.placements.models import PlacementFollowUp
    from tests.leads import builders
    from tests.profiles.builders import seeker

    ids = []
    for n in range(5):
        person = seeker(app, coordinator, code=f"S-{n}", consent=None)
        ids.append(builders.placement(app, coordinator, seeker_id=person.id, employer_id=employer_id,
                                      starts_on=date(2025, 5, 1)).id)
    sixth = seeker(app, coordinator, code="S-6", consent=None)
    builders.placement(app, coordinator, seeker_id=sixth.id, employer_id=employer_id, starts_on=date(2025, 6, 2),
                       type="pay_subsidy", subsidy_ends_on=date(2025, 6, 20))
    from app.auth.models import User

    with app.app_context(), acting_as(coordinator.id, coordinator.organisation_id):
        user = db.session.get(User, coordinator.id)
        for index, placement_id in enumerate(ids):
            follow_up = db.session.scalar(db.select(PlacementFollowUp).where(
                PlacementFollowUp.placement_id == placement_id, PlacementFollowUp.months == 1))
            placement_services.follow_up_record(follow_up=follow_up, done_on=date(2025, 6, 3),
                                                still_employed=index != 4, note=None, user=user)
        db.session.commit()


def _leads(app, cora, b_org_id, employer_id):
    from app.leads.models import Lead
    from app.leads.services import lead_fill
    from tests.leads import builders

    hidden = builders.lead(app, cora, employer_id=employer_id, kind="hidden_job", expires_on=date(2099, 1, 1))
    later = builders.lead(app, cora, employer_id=employer_id, title="Myyjä", expires_on=date(2099, 1, 1))
    with app.app_context(), acting_as(cora.id, cora.organisation_id):
        first = db.session.get(Lead, hidden.id)
        first.created_at = first.opens_at = datetime(2025, 5, 31, 21, 30)
        lead_fill(lead=first, by_organisation_id=b_org_id, on=date(2025, 6, 11))
        second = db.session.get(Lead, later.id)
        second.created_at = second.opens_at = datetime(2025, 6, 30, 21, 30)
        db.session.commit()


def _ratko(app, cora, employer_id):
    from app.leads.models import Lead
    from app.ratko.models import Bundle, Engagement, Task, Workshop

    org, june = cora.organisation_id, datetime(2025, 6, 3, 9, 0)
    with app.app_context(), acting_as(cora.id, org):
        engagement = Engagement(organisation_id=org, employer_id=employer_id, title="Kauppa", decision="go",
                                decided_on=date(2025, 6, 4), phase="coaching", created_at=june, updated_at=june)
        db.session.add(engagement)
        db.session.flush()
        db.session.add(Workshop(engagement_id=engagement.id, organisation_id=org, held_on=date(2025, 6, 5)))
        bundle = Bundle(engagement_id=engagement.id, organisation_id=org, title="Hyllyttäjä", created_at=june,
                        updated_at=june, status="filled")
        db.session.add(bundle)
        db.session.flush()
        for description, hours, period, bundle_id in (("Hyllytys", 4, "week", bundle.id),
                                                      ("Pahvit", 13, "month", bundle.id), ("Kassa", 10, "week", None)):
            db.session.add(Task(engagement_id=engagement.id, organisation_id=org, role="Myyjä",
                                description=description, category="extra", hours_value=hours, hours_period=period,
                                bundle_id=bundle_id, created_at=june, updated_at=june))
        db.session.add(Lead(organisation_id=org, employer_id=employer_id, bundle_id=bundle.id, kind="ratko_bundle",
                            title="Hyllyttäjä", visibility="organisation", status="filled",
                            filled_on=date(2025, 6, 20), filled_by_organisation_id=org, created_at=june,
                            updated_at=june))
        db.session.commit()


@pytest.fixture
def world(app, factory):
    """The fixed network described in this module's docstring."""
    return build(app, factory)


def build(app, factory) -> SimpleNamespace:
    """Create the fixed network described in this module's docstring."""
    org_a, org_b, org_c = factory.org("rep-a", "Alpha"), factory.org("rep-b", "Beta"), factory.org("rep-c", "Gamma")
    cora = factory.user(org_a, email="cora@example.test", roles=("coordinator", "manager"), name="Cora")
    carl = factory.user(org_a, email="carl@example.test", roles=("coach",), name="Carl")
    bea = factory.user(org_b, email="bea@example.test", roles=("coach",), name="Bea")
    cid = factory.user(org_c, email="cid@example.test", roles=("coordinator", "coach"), name="Cid")
    admin = factory.user(org_b, email="root@example.test", roles=("admin",), name="Root")
    places = ("Joensuu", "Joensuu", "Joensuu", "Outokumpu", "Outokumpu", "Outokumpu", "Joensuu", "Liperi")
    e = [factory.employer(f"E{n + 1} Oy", municipality=place) for n, place in enumerate(places)]
    for employer, touches in ((e[0], [(date(2025, 1, 10), "visit"), (date(2025, 5, 20), "visit")]),
                              (e[1], [(date(2024, 12, 1), "call")]),
                              (e[2], [(date(2024, 6, 1), "call"), (date(2025, 5, 1), "email")]),
                              (e[3], [(date(2025, 2, 1), "call")]), (e[4], [(date(2025, 2, 28), "call")])):
        for day, channel in touches:
            _log(app, cora, employer.id, day, channel)
    _log(app, cora, e[5].id, date(2025, 5, 31), "walk_in")
    _log(app, cora, e[5].id, date(2025, 6, 2), "visit", participants=[cora.id, carl.id])
    _log(app, cora, e[5].id, date(2025, 6, 10), "call")
    _log(app, carl, e[5].id, date(2025, 6, 30), "meeting")
    _log(app, carl, e[5].id, date(2025, 7, 1), "email")
    _log(app, bea, e[0].id, date(2025, 6, 10), "visit")
    _placements(app, cid, e[7].id)
    _leads(app, cora, org_b.id, e[6].id)
    _ratko(app, cora, e[6].id)
    return SimpleNamespace(a=org_a, b=org_b, c=org_c, cora=cora, carl=carl, bea=bea, cid=cid, admin=admin,
                           employers=e)
