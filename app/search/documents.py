"""What each kind of record puts in the search index (``app.core.search_index``), one query per batch of ids.

Only words a person would type to find the record go in: names, titles, codes, contact details. The label comes
first (a result whose label starts with the query ranks first). Records of the shared directory (employers, sites,
contact persons) are network rows (no organisation); leads, RATKO engagements and bundles and job seekers carry
their organisation, and a shared lead the moment it opens to the network. Archived employers, sites and contacts
(and the sites and contacts of an archived employer) are left out, as the directory leaves them out. A job seeker is
found by the pseudonymous code only.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from app.core.search_index import SearchSource
from app.employers.models import ContactPerson, Employer, Site
from app.employers.normalise import company_key
from app.leads.models import Lead
from app.ratko.models import Bundle, Engagement
from app.search.text import business_id_forms, document, phone_forms
from app.seekers.models import JobSeeker

EMPLOYER_WORDS = ("name", "archived_at")  # an employer change that rewrites the documents of its records


def _rows(connection: Connection, stmt) -> list:
    return list(connection.execute(stmt))


def _entry(record_id: int, text: str, organisation_id: int | None = None, network_from=None) -> dict:
    return {"record_id": record_id, "organisation_id": organisation_id, "network_from": network_from, "text": text}


def employers(connection: Connection, ids: list[int]) -> list[dict]:
    """Employers by name, municipality and Y-tunnus (with and without the hyphen)."""
    stmt = select(Employer.id, Employer.name, Employer.municipality, Employer.business_id).where(
        Employer.id.in_(ids), Employer.archived_at.is_(None))
    return [_entry(r.id, document(r.name, r.municipality, *business_id_forms(r.business_id)))
            for r in _rows(connection, stmt)]


def sites(connection: Connection, ids: list[int]) -> list[dict]:
    """Sites by name, municipality and their employer's name (without the company form)."""
    stmt = (select(Site.id, Site.name, Site.municipality, Employer.name.label("employer"))
            .join(Employer, Employer.id == Site.employer_id)
            .where(Site.id.in_(ids), Site.archived_at.is_(None), Employer.archived_at.is_(None)))
    return [_entry(r.id, document(r.name, r.municipality, company_key(r.employer))) for r in _rows(connection, stmt)]


def contacts(connection: Connection, ids: list[int]) -> list[dict]:
    """Contact persons by name, title, e-mail, phone (digits, national and international) and employer name."""
    stmt = (select(ContactPerson.id, ContactPerson.name, ContactPerson.title, ContactPerson.email,
                   ContactPerson.phone, Employer.name.label("employer"))
            .join(Employer, Employer.id == ContactPerson.employer_id)
            .where(ContactPerson.id.in_(ids), ContactPerson.archived_at.is_(None), Employer.archived_at.is_(None)))
    return [_entry(r.id, document(r.name, r.title, r.email, *phone_forms(r.phone), company_key(r.employer)))
            for r in _rows(connection, stmt)]


def leads(connection: Connection, ids: list[int]) -> list[dict]:
    """Leads by title and employer name; private to their organisation until they open to the network."""
    stmt = (select(Lead.id, Lead.title, Lead.organisation_id, Lead.visibility, Lead.opens_at,
                   Employer.name.label("employer"))
            .join(Employer, Employer.id == Lead.employer_id).where(Lead.id.in_(ids)))
    return [_entry(r.id, document(r.title, company_key(r.employer)), r.organisation_id,
                   r.opens_at if r.visibility == "network" else None) for r in _rows(connection, stmt)]


def engagements(connection: Connection, ids: list[int]) -> list[dict]:
    """RATKO engagements by title and employer name (their organisation's only)."""
    stmt = (select(Engagement.id, Engagement.title, Engagement.organisation_id, Employer.name.label("employer"))
            .join(Employer, Employer.id == Engagement.employer_id).where(Engagement.id.in_(ids)))
    return [_entry(r.id, document(r.title, company_key(r.employer)), r.organisation_id)
            for r in _rows(connection, stmt)]


def bundles(connection: Connection, ids: list[int]) -> list[dict]:
    """Task bundles (carved jobs) by title and employer name (their organisation's only)."""
    stmt = (select(Bundle.id, Bundle.title, Bundle.organisation_id, Employer.name.label("employer"))
            .join(Engagement, Engagement.id == Bundle.engagement_id)
            .join(Employer, Employer.id == Engagement.employer_id).where(Bundle.id.in_(ids)))
    return [_entry(r.id, document(r.title, company_key(r.employer)), r.organisation_id)
            for r in _rows(connection, stmt)]


def seekers(connection: Connection, ids: list[int]) -> list[dict]:
    """Job seekers by their pseudonymous code only (their organisation's only)."""
    stmt = select(JobSeeker.id, JobSeeker.code, JobSeeker.organisation_id).where(JobSeeker.id.in_(ids))
    return [_entry(r.id, document(r.code), r.organisation_id) for r in _rows(connection, stmt)]


def _children(model, column):
    def find(connection: Connection, parent_ids: list[int]) -> list[int]:
        return list(connection.scalars(select(model.id).where(column.in_(parent_ids))))

    return find


def _bundles_of_employers(connection: Connection, employer_ids: list[int]) -> list[int]:
    return list(connection.scalars(select(Bundle.id).join(Engagement, Engagement.id == Bundle.engagement_id)
                                   .where(Engagement.employer_id.in_(employer_ids))))


SOURCES = (
    SearchSource("employer", Employer.__tablename__, employers, network=True),
    SearchSource("contact", ContactPerson.__tablename__, contacts, network=True,
                 follows={"employers": (EMPLOYER_WORDS, _children(ContactPerson, ContactPerson.employer_id))}),
    SearchSource("site", Site.__tablename__, sites, network=True,
                 follows={"employers": (EMPLOYER_WORDS, _children(Site, Site.employer_id))}),
    SearchSource("lead", Lead.__tablename__, leads,
                 follows={"employers": (("name",), _children(Lead, Lead.employer_id))}),
    SearchSource("engagement", Engagement.__tablename__, engagements,
                 follows={"employers": (("name",), _children(Engagement, Engagement.employer_id))}),
    SearchSource("bundle", Bundle.__tablename__, bundles,
                 follows={"employers": (("name",), _bundles_of_employers),
                          "ratko_engagements": (("employer_id",), _children(Bundle, Bundle.engagement_id))}),
    SearchSource("seeker", JobSeeker.__tablename__, seekers),
)
