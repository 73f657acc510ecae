"""The reciprocity ledger of my organisation: leads we shared to the network, leads of ours filled by others, leads
of others we filled, and the same per partner organisation (with the candidates proposed both ways)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, select

from app.auth.models import Organisation
from app.core.db import utcnow
from app.employers.models import Employer
from app.extensions import db
from app.leads.models import Lead, LeadProposal


@dataclass
class Partner:
    """One other organisation in my organisation's ledger."""

    organisation_id: int
    name: str
    they_shared: int = 0
    we_filled_theirs: int = 0
    they_filled_ours: int = 0
    we_proposed: int = 0
    they_proposed: int = 0


@dataclass
class Reciprocity:
    """Totals and partners of my organisation's ledger."""

    shared: int = 0
    received: int = 0
    ours_filled_by_others: int = 0
    theirs_we_filled: int = 0
    ours_filled_by_us: int = 0
    partners: list[Partner] = field(default_factory=list)


def _open_to_network(now: datetime):
    return and_(Lead.visibility == "network", Lead.opens_at.is_not(None), Lead.opens_at <= now)


def _grouped(stmt) -> dict[int, int]:
    return {key: count for key, count in db.session.execute(stmt) if key is not None}


def reciprocity(*, user, now: datetime | None = None) -> Reciprocity:
    """My organisation's ledger, in a fixed number of queries."""
    now, mine = now or utcnow(), user.organisation_id
    shared_by = _grouped(select(Lead.organisation_id, func.count()).where(_open_to_network(now))
                         .group_by(Lead.organisation_id))
    we_filled = _grouped(select(Lead.organisation_id, func.count()).where(Lead.filled_by_organisation_id == mine)
                         .group_by(Lead.organisation_id))
    filled_ours = _grouped(select(Lead.filled_by_organisation_id, func.count()).where(
        Lead.organisation_id == mine, Lead.status == "filled").group_by(Lead.filled_by_organisation_id))
    we_proposed = _grouped(select(Lead.organisation_id, func.count())
                           .join(LeadProposal, LeadProposal.lead_id == Lead.id)
                           .where(LeadProposal.organisation_id == mine).group_by(Lead.organisation_id))
    they_proposed = _grouped(select(LeadProposal.organisation_id, func.count())
                             .join(Lead, Lead.id == LeadProposal.lead_id)
                             .where(Lead.organisation_id == mine).group_by(LeadProposal.organisation_id))
    names = dict(db.session.execute(select(Organisation.id, Organisation.name).where(Organisation.id != mine)).all())
    result = Reciprocity(shared=shared_by.get(mine, 0), received=sum(v for k, v in shared_by.items() if k != mine),
                         ours_filled_by_others=sum(v for k, v in filled_ours.items() if k != mine),
                         theirs_we_filled=sum(v for k, v in we_filled.items() if k != mine),
                         ours_filled_by_us=filled_ours.get(mine, 0))
    for org_id, name in sorted(names.items(), key=lambda pair: pair[1]):
        partner = Partner(org_id, name, shared_by.get(org_id, 0), we_filled.get(org_id, 0), filled_ours.get(org_id, 0),
                          we_proposed.get(org_id, 0), they_proposed.get(org_id, 0))
        if any((partner.they_shared, partner.we_filled_theirs, partner.they_filled_ours, partner.we_proposed,
                partner.they_proposed)):
            result.partners.append(partner)
    return result


def ledger_leads(*, user, now: datetime | None = None) -> list:
    """The leads behind the ledger: ours shared to the network, and others' leads we filled. Rows of (lead,
    employer name, owner organisation name, filled-by organisation name); shared fields only."""
    now, mine = now or utcnow(), user.organisation_id
    filler = Organisation.__table__.alias("filler")
    stmt = (select(Lead, Employer.name, Organisation.name, filler.c.name)
            .join(Employer, Employer.id == Lead.employer_id).join(Organisation, Organisation.id == Lead.organisation_id)
            .outerjoin(filler, filler.c.id == Lead.filled_by_organisation_id)
            .where(((Lead.organisation_id == mine) & _open_to_network(now))
                   | ((Lead.organisation_id != mine) & (Lead.filled_by_organisation_id == mine)))
            .order_by(Lead.opens_at.desc(), Lead.id.desc()))
    return list(db.session.execute(stmt))
