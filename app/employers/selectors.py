"""Reads for the employer directory and pages. Relationship details are scoped to the acting user's organisation."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from app.auth.models import Organisation, User
from app.core.filters import FilterSet, choice, flag, id_arg, text
from app.core.pagination import Page
from app.core.scoping import get_or_404
from app.core.search import matches_words
from app.employers.models import STATUSES, ContactPerson, Employer, EmployerTag, Relationship, Site
from app.extensions import db

SORTS = {"name": Employer.name_key, "municipality": Employer.municipality, "industry": Employer.industry_code,
         "status": Relationship.status, "updated": Employer.updated_at}
SELECTIVE_ROWS = 2_000  # a search matching fewer rows is sorted after filtering instead of read in index order


@dataclass
class DirectoryFilters(FilterSet):
    """The directory's query string, parsed and checked against allow-lists (RELIABILITY.md D4)."""

    q: str = text(max_len=100)
    status: str = choice((*STATUSES, "none"))
    industry: str = text(max_len=5)
    municipality: str = text(max_len=80)
    owner: int | None = id_arg()
    tag: str = text(max_len=40, lower=True)
    sort: str = choice(SORTS, "name")
    direction: str = choice(("asc", "desc"), "asc")
    archived: bool = flag()


def _directory_where(stmt, *, filters: DirectoryFilters):
    """The directory's filters (the statement must already join my organisation's Relationship if it needs one)."""
    if not filters.archived:  # "Include archived" adds the archived employers to the list (marked in each row)
        stmt = stmt.where(Employer.archived_at.is_(None))
    stmt = stmt.where(*matches_words(Employer.search_text, filters.q, limit=5))
    if filters.status == "none":
        stmt = stmt.where(Relationship.id.is_(None))
    elif filters.status:
        stmt = stmt.where(Relationship.status == filters.status)
    if filters.industry:
        if filters.industry.isalpha():
            from app.employers.reference import industries

            section = filters.industry.upper()
            codes = [c for c, i in industries().items() if i.parent == section]
            stmt = stmt.where(or_(Employer.industry_code == section,
                                  *[Employer.industry_code.like(f"{c}%") for c in codes]))
        else:
            stmt = stmt.where(Employer.industry_code.like(f"{filters.industry}%"))
    if filters.municipality:
        stmt = stmt.where(Employer.municipality == filters.municipality)
    if filters.owner:
        stmt = stmt.where(Relationship.owner_id == filters.owner)
    if filters.tag:
        stmt = stmt.where(Employer.id.in_(select(EmployerTag.employer_id).where(EmployerTag.tag == filters.tag)))
    return stmt


def _mine(user):
    return and_(Relationship.employer_id == Employer.id, Relationship.organisation_id == user.organisation_id)


def directory_statement(*, user, filters: DirectoryFilters, selective: bool | None = None):
    """The directory's SELECT (employer, my relationship, owner name) with filters and sorting applied."""
    stmt = (select(Employer, Relationship, User.name.label("owner_name"))
            .outerjoin(Relationship, _mine(user)).outerjoin(User, User.id == Relationship.owner_id))
    stmt = _directory_where(stmt, filters=filters)
    column = SORTS[filters.sort]
    if (bool(filters.q) if selective is None else selective) and filters.sort == "name":
        # A search that matches few rows: walking the name index in order and testing every row is far slower than
        # filtering first and sorting the matches (SQLite would otherwise visit all 30,000 rows through the index).
        column = Employer.name_key.op("||")("")
    order = column.desc() if filters.direction == "desc" else column.asc()
    return stmt.order_by(order.nulls_last() if filters.sort in ("status", "industry", "municipality") else order,
                         Employer.id)


def directory_count_statement(*, user, filters: DirectoryFilters):
    """COUNT of the directory's rows, joining my relationship only when a filter needs it (one per employer)."""
    stmt = select(func.count(Employer.id)).select_from(Employer)
    if filters.status or filters.owner:
        stmt = stmt.outerjoin(Relationship, _mine(user))
    return _directory_where(stmt, filters=filters)


def employer_directory(*, user, filters: DirectoryFilters, page: int, per_page: int = 25) -> Page:
    """One page of the directory for `user`: rows of (employer, my relationship or None, owner name)."""
    total = db.session.scalar(directory_count_statement(user=user, filters=filters)) or 0
    page = min(max(1, page), max(1, math.ceil(total / per_page)))
    stmt = directory_statement(user=user, filters=filters, selective=bool(filters.q) and total < SELECTIVE_ROWS)
    stmt = stmt.limit(per_page).offset((page - 1) * per_page)
    return Page(items=list(db.session.execute(stmt)), page=page, per_page=per_page, total=total)


def directory_options(*, user) -> dict:
    """Values for the directory's filter selects."""
    municipalities = db.session.scalars(
        select(Employer.municipality).distinct().where(Employer.municipality.is_not(None))
        .order_by(Employer.municipality)).all()
    tags = db.session.scalars(select(EmployerTag.tag).distinct().order_by(EmployerTag.tag).limit(200)).all()
    owners = db.session.execute(
        select(User.id, User.name).where(User.organisation_id == user.organisation_id).order_by(User.name)).all()
    return {"municipalities": municipalities, "tags": tags, "owners": owners}


def employer_search(q: str, *, limit: int = 10) -> list[Employer]:
    """Employers of the network whose name, Y-tunnus, municipality or contacts match `q` (employer pickers)."""
    clauses = matches_words(Employer.search_text, q, limit=4)
    if not clauses:
        return []
    stmt = select(Employer).where(Employer.archived_at.is_(None), *clauses).order_by(Employer.name).limit(limit)
    return list(db.session.scalars(stmt))


def employer_get_or_404(employer_id: int) -> Employer:
    """A network-shared employer, or 404."""
    return get_or_404(Employer, employer_id)


def employer_by_business_id(business_id: str) -> Employer | None:
    """The employer holding a (normalised) Y-tunnus."""
    return db.session.scalar(select(Employer).where(Employer.business_id == business_id))


def employer_sites(employer: Employer) -> list[Site]:
    """Current sites of an employer, each right after its parent (depth first, by name at each level)."""
    sites = db.session.scalars(select(Site).where(Site.employer_id == employer.id, Site.archived_at.is_(None))
                               .order_by(Site.name, Site.id)).all()
    return [node.site for node in _walk(site_tree(list(sites)))]


@dataclass
class SiteNode:
    """A site with the sites nested under it."""

    site: Site
    depth: int
    path: str
    children: list[SiteNode]


def site_tree(sites: list[Site]) -> list[SiteNode]:
    """Sites nested under their parents, in the given order at each level; a site whose parent is not in `sites`
    (archived) is shown at the top level, and a loop of parents cannot hide a site."""
    ids = {site.id for site in sites}
    children: dict[int | None, list[Site]] = {}
    for site in sites:
        children.setdefault(site.parent_id if site.parent_id in ids else None, []).append(site)
    placed: set[int] = set()

    def branch(parent_id, depth: int, path: str) -> list[SiteNode]:
        nodes = []
        for site in children.get(parent_id, []):
            if site.id not in placed:
                placed.add(site.id)
                name = f"{path} › {site.name}" if path else site.name
                nodes.append(SiteNode(site=site, depth=depth, path=name, children=branch(site.id, depth + 1, name)))
        return nodes

    roots = branch(None, 0, "")
    for site in sites:  # only sites in a loop of parents are left
        if site.id not in placed:
            children[None] = [site]
            roots += branch(None, 0, "")
    return roots


def _walk(nodes: list[SiteNode]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def site_choices(sites: list[Site]) -> list[tuple[int, str]]:
    """(id, "Parent › Child") choices of a site select, each right after its parent."""
    return [(node.site.id, node.path) for node in _walk(site_tree(sites))]


def employer_contacts(employer: Employer, *, archived: bool = False) -> list[ContactPerson]:
    """Contact persons of an employer by name."""
    stmt = select(ContactPerson).where(ContactPerson.employer_id == employer.id)
    stmt = stmt.where(ContactPerson.archived_at.is_not(None) if archived else ContactPerson.archived_at.is_(None))
    return list(db.session.scalars(stmt.order_by(ContactPerson.name)))


def employer_relationships(employer: Employer) -> list:
    """Every organisation's relationship with the employer: organisation, owner name and status (network view)."""
    return list(db.session.execute(
        select(Organisation.id, Organisation.name, User.name.label("owner_name"), Relationship.status,
               Relationship.started_on)
        .join(Relationship, Relationship.organisation_id == Organisation.id)
        .outerjoin(User, User.id == Relationship.owner_id)
        .where(Relationship.employer_id == employer.id).order_by(Organisation.name)))


def relationship_of(*, user, employer_id: int) -> Relationship | None:
    """My organisation's relationship with an employer, if any."""
    return db.session.scalar(select(Relationship).where(Relationship.employer_id == employer_id,
                                                        Relationship.organisation_id == user.organisation_id))


def relationships_of(*, user, employer_ids: list[int]) -> list[Relationship]:
    """My organisation's relationships with several employers."""
    if not employer_ids:
        return []
    return list(db.session.scalars(select(Relationship).where(Relationship.employer_id.in_(employer_ids),
                                                              Relationship.organisation_id == user.organisation_id)))


def contact_get_or_404(contact_id: int) -> ContactPerson:
    """A contact person (network-shared), or 404."""
    return get_or_404(ContactPerson, contact_id)


def site_get_or_404(site_id: int) -> Site:
    """A site, or 404."""
    return get_or_404(Site, site_id)


def contact_names(employer_id: int) -> list[str]:
    """Names of an employer's current contacts (for the search text)."""
    return list(db.session.scalars(select(ContactPerson.name).where(ContactPerson.employer_id == employer_id,
                                                                    ContactPerson.archived_at.is_(None))))


def organisation_users(*, user) -> list[User]:
    """Active users of my organisation (owner choices)."""
    return list(db.session.scalars(select(User).where(User.organisation_id == user.organisation_id,
                                                      User.active.is_(True)).order_by(User.name)))
