"""Reads for the search box: candidates from the index (`app.search.finder`), then each kind's rows through the
pages' own rules.

The index gives per kind the count and the best few record ids, with the privacy of the index rows applied (the
network's records, my organisation's, other organisations' records open to the network). Then one query per kind
with results loads those records as the pages show them, filtered again by the pages' rules: a lead through the
leads board's `visible_clause`, RATKO records and seekers by organisation (`scope`), archived directory records left
out. So the number of queries does not grow with the data, and nothing the index might still hold about a record the
user may not see can reach the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from app.auth.models import Organisation
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.core.scoping import scope
from app.employers.models import ContactPerson, Employer, Site
from app.extensions import db
from app.leads import rules
from app.leads.models import Lead
from app.leads.selectors import visible_clause
from app.ratko.models import Bundle, Engagement
from app.search.finder import CAP, ranked_hits
from app.search.text import Query
from app.seekers.models import JobSeeker

KINDS = ("employer", "contact", "site", "lead", "engagement", "bundle", "seeker")
PAGES = {"employer": "employers.detail", "contact": "employers.detail", "site": "employers.detail",
         "lead": "leads.detail", "engagement": "ratko.detail", "bundle": "ratko.bundle", "seeker": "seekers.detail"}


@dataclass
class Group:
    """The results of one kind: how many I may see in all, and the rows shown (in rank order)."""

    kind: str
    total: int  # up to CAP + 1 (counting stops there)
    rows: list = field(default_factory=list)

    @property
    def more(self) -> bool:
        """More than CAP match (the count stopped)."""
        return self.total > CAP

    @property
    def shown_total(self) -> int:
        """The count as shown: CAP when it stopped there (read "more than")."""
        return min(self.total, CAP)


def kinds_for(user) -> tuple[str, ...]:
    """The kinds whose pages the user may open (a coordinator does not work with job seekers, for example)."""
    allowed = []
    for kind in KINDS:
        view = current_app.view_functions.get(PAGES[kind])
        roles = getattr(view, "required_roles", None)
        if view is not None and (not roles or user.is_admin or any(user.has_role(role) for role in roles)):
            allowed.append(kind)
    return tuple(allowed)


def _in_order(rows, ids: list[int]) -> list:
    position = {record_id: n for n, record_id in enumerate(ids)}
    return sorted(rows, key=lambda row: position.get(row.id, len(position)))


def _employers(user, ids):
    return select(Employer.id, Employer.name, Employer.business_id, Employer.municipality).where(
        Employer.id.in_(ids), Employer.archived_at.is_(None))


def _contacts(user, ids):
    return (select(ContactPerson.id, ContactPerson.name, ContactPerson.title, ContactPerson.phone,
                   ContactPerson.email, ContactPerson.employer_id, Employer.name.label("employer_name"))
            .join(Employer, Employer.id == ContactPerson.employer_id)
            .where(ContactPerson.id.in_(ids), ContactPerson.archived_at.is_(None), Employer.archived_at.is_(None)))


def _sites(user, ids):
    return (select(Site.id, Site.name, Site.municipality, Site.employer_id, Employer.name.label("employer_name"))
            .join(Employer, Employer.id == Site.employer_id)
            .where(Site.id.in_(ids), Site.archived_at.is_(None), Employer.archived_at.is_(None)))


def _leads(user, ids):
    return (select(Lead.id, Lead.title, Lead.kind, Lead.status, Lead.expires_on, Lead.organisation_id,
                   Employer.name.label("employer_name"), Organisation.name.label("organisation_name"))
            .join(Employer, Employer.id == Lead.employer_id).join(Organisation, Organisation.id == Lead.organisation_id)
            .where(Lead.id.in_(ids), visible_clause(user, utcnow())))


def _engagements(user, ids):
    stmt = (select(Engagement.id, Engagement.title, Engagement.phase, Engagement.status,
                   Employer.name.label("employer_name"))
            .join(Employer, Employer.id == Engagement.employer_id).where(Engagement.id.in_(ids)))
    return scope(stmt, Engagement, user)


def _bundles(user, ids):
    stmt = (select(Bundle.id, Bundle.title, Bundle.status, Engagement.title.label("engagement_title"),
                   Employer.name.label("employer_name"))
            .join(Engagement, Engagement.id == Bundle.engagement_id)
            .join(Employer, Employer.id == Engagement.employer_id).where(Bundle.id.in_(ids)))
    return scope(stmt, Bundle, user)


def _seekers(user, ids):
    return scope(select(JobSeeker.id, JobSeeker.code, JobSeeker.status).where(JobSeeker.id.in_(ids)), JobSeeker, user)


LOADERS = {"employer": _employers, "contact": _contacts, "site": _sites, "lead": _leads, "engagement": _engagements,
           "bundle": _bundles, "seeker": _seekers}


@dataclass
class Results:
    """A search's groups in the order of KINDS (kinds without results left out) and the total shown."""

    query: Query
    groups: list[Group]

    @property
    def total(self) -> int:
        """Records found over all kinds (each kind counted up to CAP)."""
        return sum(group.shown_total for group in self.groups)

    @property
    def more(self) -> bool:
        """Some kind has more than CAP."""
        return any(group.more for group in self.groups)


def search(*, user, query: Query, kinds: tuple[str, ...], limit: int, offset: int = 0) -> Results:
    """The records `user` may see that match `query`: per kind its count and the best `limit` rows after `offset`."""
    hits = ranked_hits(user=user, query=query, kinds=kinds, limit=limit, offset=offset)
    groups = []
    for kind in KINDS:
        if kind not in hits:
            continue
        total, ids = hits[kind]
        rows = _in_order(db.session.execute(LOADERS[kind](user, ids)).all(), ids) if ids else []
        if kind == "lead":
            today = local_today()
            rows = [(row, rules.effective_status(status=row.status, expires_on=row.expires_on, today=today))
                    for row in rows]
        groups.append(Group(kind=kind, total=total, rows=rows))
    return Results(query=query, groups=groups)
