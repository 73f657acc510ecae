"""The statements the API's lists page through, each scoped like its page in the web, and the extras of a page."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, or_, select

from app.auth.models import Organisation, User
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.employers.models import ContactPerson, Employer, Relationship, Site
from app.employers.selectors import DirectoryFilters, directory_statement
from app.extensions import db
from app.leads import selectors as lead_selectors
from app.leads.models import Lead, LeadProposal
from app.leads.placements.models import Placement, PlacementFollowUp
from app.ratko.models import Bundle, Engagement
from app.seekers.models import JobSeeker
from app.touchpoints.models import RelationshipCadence, Touchpoint, TouchpointFollowUp


def _narrowed(stmt, *conditions):
    """`stmt` kept to rows with `column == value` for each (column, value) whose value is given (not empty)."""
    for column, value in conditions:
        if value:
            stmt = stmt.where(column == value)
    return stmt


def _by_parent(model, parent, *, user, ids: list[int], order_by) -> dict[int, list]:
    """My organisation's `model` rows whose `parent` column is one of `ids`, grouped by it (one query)."""
    found: dict[int, list] = defaultdict(list)
    if ids:
        for row in db.session.scalars(select(model).where(model.organisation_id == user.organisation_id,
                                                          parent.in_(ids)).order_by(order_by)):
            found[getattr(row, parent.key)].append(row)
    return found


def employers_statement(*, user, filters: DirectoryFilters):
    """The directory's rows (employer, my relationship, its owner's name) with its filters, unordered."""
    return directory_statement(user=user, filters=filters).order_by(None)


def sites_statement(*, employer_id: int):
    """An employer's current sites."""
    return select(Site).where(Site.employer_id == employer_id, Site.archived_at.is_(None))


def contacts_statement(*, employer_id: int):
    """An employer's current contact persons."""
    return select(ContactPerson).where(ContactPerson.employer_id == employer_id, ContactPerson.archived_at.is_(None))


def relationships_statement(*, user, status: str = "", owner: int | None = None, employer_id: int | None = None):
    """My organisation's relationships: (relationship, employer name, owner name, cadence row)."""
    stmt = (select(Relationship, Employer.name, User.name, RelationshipCadence)
            .join(Employer, Employer.id == Relationship.employer_id)
            .outerjoin(User, User.id == Relationship.owner_id)
            .outerjoin(RelationshipCadence, RelationshipCadence.relationship_id == Relationship.id)
            .where(Relationship.organisation_id == user.organisation_id))
    return _narrowed(stmt, (Relationship.status, status), (Relationship.owner_id, owner),
                     (Relationship.employer_id, employer_id))


def first(stmt):
    """The first row of one of these statements, or None."""
    return db.session.execute(stmt.limit(1)).first()


def touchpoints_statement(*, user, employer_id: int | None = None, since: date | None = None,
                          until: date | None = None):
    """My organisation's touchpoints."""
    stmt = _narrowed(select(Touchpoint).where(Touchpoint.organisation_id == user.organisation_id),
                     (Touchpoint.employer_id, employer_id))
    if since:
        stmt = stmt.where(Touchpoint.occurred_on >= since)
    if until:
        stmt = stmt.where(Touchpoint.occurred_on <= until)
    return stmt


def follow_ups_of(*, user, touchpoint_ids: list[int]) -> dict[int, list[TouchpointFollowUp]]:
    """The promises and next steps of my organisation's touchpoints, by touchpoint (one query)."""
    return _by_parent(TouchpointFollowUp, TouchpointFollowUp.touchpoint_id, user=user, ids=touchpoint_ids,
                      order_by=TouchpointFollowUp.id)


def timeline_statement(*, employer_id: int):
    """Every organisation's touchpoints with an employer: only the columns the network sees."""
    return (select(Touchpoint.id, Touchpoint.occurred_on, Touchpoint.channel, Touchpoint.summary,
                   Touchpoint.organisation_id, Organisation.name)
            .join(Organisation, Organisation.id == Touchpoint.organisation_id)
            .where(Touchpoint.employer_id == employer_id))


def leads_statement(*, user, filters, employer_id: int | None = None):
    """The leads I may see, as the board filters them: (lead, employer name, municipality, organisation, owner)."""
    stmt = lead_selectors.board_statement(user=user, filters=filters, now=utcnow(), today=local_today(), since=None)
    return _narrowed(stmt, (Lead.employer_id, employer_id)).order_by(None)


def proposals_statement(*, user, side: str = "all", status: str = "", lead_id: int | None = None):
    """Proposals my organisation made or received: (proposal, lead title, lead's organisation, proposing organisation
    name, proposer name, seeker code). The code is joined only for my organisation's own seekers."""
    org = user.organisation_id
    made, received = LeadProposal.organisation_id == org, Lead.organisation_id == org
    stmt = (select(LeadProposal, Lead.title, Lead.organisation_id, Organisation.name, User.name, JobSeeker.code)
            .join(Lead, Lead.id == LeadProposal.lead_id)
            .join(Organisation, Organisation.id == LeadProposal.organisation_id)
            .outerjoin(User, User.id == LeadProposal.proposed_by_id)
            .outerjoin(JobSeeker, and_(JobSeeker.id == LeadProposal.seeker_id, JobSeeker.organisation_id == org,
                                       LeadProposal.organisation_id == org))
            .where({"made": made, "received": received}.get(side, or_(made, received))))
    return _narrowed(stmt, (LeadProposal.status, status), (LeadProposal.lead_id, lead_id))


def engagements_statement(*, user, status: str = "", phase: str = "", employer_id: int | None = None):
    """My organisation's RATKO engagements: (engagement, employer name)."""
    stmt = (select(Engagement, Employer.name).join(Employer, Employer.id == Engagement.employer_id)
            .where(Engagement.organisation_id == user.organisation_id))
    return _narrowed(stmt, (Engagement.status, status), (Engagement.phase, phase),
                     (Engagement.employer_id, employer_id))


def bundle_ids_of(*, user, engagement_ids: list[int]) -> dict[int, list[int]]:
    """The bundles of my organisation's engagements, by engagement (one query)."""
    found: dict[int, list[int]] = defaultdict(list)
    if engagement_ids:
        for bundle_id, engagement_id in db.session.execute(select(Bundle.id, Bundle.engagement_id).where(
                Bundle.organisation_id == user.organisation_id, Bundle.engagement_id.in_(engagement_ids))
                .order_by(Bundle.position, Bundle.id)):
            found[engagement_id].append(bundle_id)
    return found


def bundles_statement(*, user, engagement_id: int | None = None, status: str = ""):
    """My organisation's task bundles: (bundle, employer id)."""
    stmt = (select(Bundle, Engagement.employer_id).join(Engagement, Engagement.id == Bundle.engagement_id)
            .where(Bundle.organisation_id == user.organisation_id))
    return _narrowed(stmt, (Bundle.engagement_id, engagement_id), (Bundle.status, status))


def placements_statement(*, user, status: str = "all", type: str = "", employer_id: int | None = None):
    """My organisation's placements: (placement, seeker code, employer name, coach name)."""
    stmt = (select(Placement, JobSeeker.code, Employer.name, User.name)
            .join(JobSeeker, and_(JobSeeker.id == Placement.seeker_id,
                                  JobSeeker.organisation_id == user.organisation_id))
            .join(Employer, Employer.id == Placement.employer_id)
            .outerjoin(User, User.id == Placement.coach_id)
            .where(Placement.organisation_id == user.organisation_id))
    if status != "all":
        stmt = stmt.where(Placement.status == status)
    return _narrowed(stmt, (Placement.type, type), (Placement.employer_id, employer_id))


def placement_follow_ups(*, user, placement_ids: list[int]) -> dict[int, list[PlacementFollowUp]]:
    """The follow-ups of my organisation's placements, by placement (one query)."""
    return _by_parent(PlacementFollowUp, PlacementFollowUp.placement_id, user=user, ids=placement_ids,
                      order_by=PlacementFollowUp.months)
