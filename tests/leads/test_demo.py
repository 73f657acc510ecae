"""The demo step: leads of every kind from all three organisations, a hidden job still held, candidates proposed
across organisations, placements with follow-ups due and a pay subsidy ending; idempotent."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import Organisation, User
from app.core.audit import acting_as
from app.core.dates import today
from app.core.db import utcnow
from app.core.registry import demo_loaders
from app.extensions import db
from app.leads import demo
from app.leads.models import KINDS, Lead, LeadProposal
from app.leads.placements.models import Placement, PlacementFollowUp


def test_demo_leads_proposals_and_placements(app, make_client):
    with app.app_context(), acting_as(None, None):
        for loader in demo_loaders():
            loader()
            db.session.commit()
        leads = db.session.scalars(select(Lead)).all()
        assert set(KINDS) <= {lead.kind for lead in leads}
        slugs = dict(db.session.execute(select(Organisation.id, Organisation.slug)).all())
        assert {"joensuu", "tyovalmennus", "vaara"} <= {slugs[lead.organisation_id] for lead in leads}
        now = utcnow()
        assert any(lead.kind == "hidden_job" and lead.opens_at and lead.opens_at > now for lead in leads)
        assert any(lead.expires_on and lead.expires_on < today() for lead in leads)
        statuses = set(db.session.scalars(select(LeadProposal.status)))
        assert {"pending", "accepted"} <= statuses
        assert db.session.scalar(select(func.count()).select_from(Placement)) >= 2
        due = db.session.scalar(select(func.count()).select_from(PlacementFollowUp).where(
            PlacementFollowUp.done_on.is_(None), PlacementFollowUp.due_on <= today()))
        assert due >= 2
        count = len(leads)
        demo.load()
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Lead)) == count
    coach2 = make_client(login="coach2@example.org", password="demo-password")
    worklist = coach2.get("/worklist").get_data(as_text=True)
    assert 'id="work-pay-subsidy-' in worklist and 'id="work-placement-follow-up-' in worklist
    assert coach2.get("/leads").status_code == 200


def test_synthetic_leads_step(app, make_client):
    from bench.synthetic import generate

    with app.app_context():
        counts = generate(employers=600, seed=11, password="x" * 12, log=lambda _line: None)
        assert counts["leads"] == 100
        kinds = set(db.session.scalars(select(Lead.kind)))
        assert set(KINDS) <= kinds
        assert db.session.scalar(select(func.count()).select_from(Lead).where(Lead.visibility == "network")) > 50
        user_email = db.session.scalar(select(User.email).order_by(User.id).limit(1))
    client = make_client(login=user_email, password="x" * 12)
    assert client.get("/leads?view=board&status=all").status_code == 200
