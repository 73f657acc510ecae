"""Builders for the leads tests: leads, proposals and placements through the real services, as plain namespaces."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from app.auth.models import User
from app.core.audit import acting_as
from app.core.dates import today
from app.employers.models import Employer
from app.extensions import db
from app.leads import services
from app.leads.models import Lead, LeadProposal
from app.leads.placements import services as placement_services
from app.seekers.models import JobSeeker


def lead(app, user, *, employer_id: int, title: str = "Varastoapulainen", kind: str = "open_vacancy",
         visibility: str = "network", hold_days: int | None = None, expires_on: date | None = None,
         now=None, **data) -> SimpleNamespace:
    """A lead of `user`'s organisation at an employer."""
    with app.app_context(), acting_as(user.id, user.organisation_id):
        author = db.session.get(User, user.id)
        found = services.lead_create(user=author, employer=db.session.get(Employer, employer_id), now=now, data={
            "title": title, "kind": kind, "visibility": visibility, "hold_days": hold_days,
            "expires_on": expires_on or today() + timedelta(days=30), **data})
        db.session.commit()
        return SimpleNamespace(id=found.id, title=found.title, organisation_id=found.organisation_id,
                               employer_id=employer_id)


def propose(app, user, *, lead_id: int, seeker_id: int) -> SimpleNamespace:
    """A proposal of `user`'s organisation's seeker for a lead."""
    with app.app_context(), acting_as(user.id, user.organisation_id):
        proposal = services.proposal_create(lead=db.session.get(Lead, lead_id),
                                            seeker=db.session.get(JobSeeker, seeker_id),
                                            user=db.session.get(User, user.id))
        db.session.commit()
        return SimpleNamespace(id=proposal.id, lead_id=lead_id, seeker_id=seeker_id)


def accept(app, user, *, proposal_id: int) -> None:
    """The lead owner accepts a proposal."""
    with app.app_context(), acting_as(user.id, user.organisation_id):
        proposal = db.session.get(LeadProposal, proposal_id)
        services.proposal_accept(proposal=proposal, lead=db.session.get(Lead, proposal.lead_id),
                                 user=db.session.get(User, user.id))
        db.session.commit()


def placement(app, user, *, seeker_id: int, employer_id: int, lead_id: int | None = None,
              starts_on: date | None = None, type: str = "ordinary", **data) -> SimpleNamespace:
    """A placement of `user`'s organisation."""
    values = {"type": type, "job_title": "Varastoapulainen", "starts_on": starts_on or today(), "equal_pay": True,
              "ordinary_workplace": True, "hours_per_week": 25.0, **data}
    with app.app_context(), acting_as(user.id, user.organisation_id):
        found = placement_services.placement_create(
            user=db.session.get(User, user.id), seeker=db.session.get(JobSeeker, seeker_id),
            employer=db.session.get(Employer, employer_id), data=values,
            lead=db.session.get(Lead, lead_id) if lead_id else None)
        db.session.commit()
        return SimpleNamespace(id=found.id, seeker_id=seeker_id, employer_id=employer_id)
