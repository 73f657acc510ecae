"""Employers, sites and contact persons of the network directory; my organisation's relationships."""

from __future__ import annotations

from flask_login import current_user

from app.api import present
from app.api.paging import PageArgs, keyset, listing, page_schema
from app.api.problems import Problem
from app.api.schemas.network import (
    ContactSchema,
    EmployerArgs,
    EmployerSchema,
    RelationshipArgs,
    RelationshipSchema,
    SiteSchema,
)
from app.api.selectors import records
from app.api.v1 import blueprint
from app.api.versions import not_modified, with_etag
from app.employers import selectors as employer_selectors
from app.employers.models import ContactPerson, Employer, Relationship, Site
from app.employers.selectors import DirectoryFilters

blp = blueprint("employers", "The network's shared employer directory: employers, their sites and contact persons, "
                             "and my organisation's relationships with them.")
EmployerPage = page_schema(EmployerSchema, "EmployerPage")
SitePage = page_schema(SiteSchema, "SitePage")
ContactPage = page_schema(ContactSchema, "ContactPage")
RelationshipPage = page_schema(RelationshipSchema, "RelationshipPage")


@blp.route("/employers")
@blp.arguments(EmployerArgs, location="query", as_kwargs=True)
@blp.response(200, EmployerPage)
def employers(**args):
    """The employer directory, with its search and filters (by id; the relationship is my organisation's)."""
    filters = DirectoryFilters(q=args["q"].strip(), status=args["status"], industry=args["industry"].strip(),
                               municipality=args["municipality"].strip(), owner=args["owner"],
                               tag=args["tag"].strip().lower(), archived=args["archived"])
    page = keyset(records.employers_statement(user=current_user, filters=filters), key=Employer.id,
                  scope="employers", args=args, scalars=False)
    return listing(page, [present.employer(e, rel, owner) for e, rel, owner in page.rows])


@blp.route("/employers/<int:employer_id>")
@blp.response(200, EmployerSchema)
def employer(employer_id: int):
    """One employer (ETag: its version)."""
    record = employer_selectors.employer_get_or_404(employer_id)
    row = records.first(records.relationships_statement(user=current_user, employer_id=record.id))
    mine, owner_name = (row[0], row[2]) if row else (None, None)
    return not_modified(record) or with_etag(present.employer(record, mine, owner_name), record)


@blp.route("/employers/<int:employer_id>/sites")
@blp.arguments(PageArgs, location="query", as_kwargs=True)
@blp.response(200, SitePage)
def sites(employer_id: int, **args):
    """An employer's current sites."""
    record = employer_selectors.employer_get_or_404(employer_id)
    page = keyset(records.sites_statement(employer_id=record.id), key=Site.id, scope=f"sites-{record.id}", args=args)
    return listing(page, [present.site(s) for s in page.rows])


@blp.route("/employers/<int:employer_id>/contacts")
@blp.arguments(PageArgs, location="query", as_kwargs=True)
@blp.response(200, ContactPage)
def contacts(employer_id: int, **args):
    """An employer's current contact persons."""
    record = employer_selectors.employer_get_or_404(employer_id)
    page = keyset(records.contacts_statement(employer_id=record.id), key=ContactPerson.id,
                  scope=f"contacts-{record.id}", args=args)
    return listing(page, [present.contact(c) for c in page.rows])


@blp.route("/contacts/<int:contact_id>")
@blp.response(200, ContactSchema)
def contact(contact_id: int):
    """One contact person (ETag: its version)."""
    record = employer_selectors.contact_get_or_404(contact_id)
    return not_modified(record) or with_etag(present.contact(record), record)


@blp.route("/relationships")
@blp.arguments(RelationshipArgs, location="query", as_kwargs=True)
@blp.response(200, RelationshipPage)
def relationships(**args):
    """My organisation's relationships with employers, with where each stands in its contact rhythm."""
    stmt = records.relationships_statement(user=current_user, status=args["status"], owner=args["owner"],
                                           employer_id=args["employer_id"])
    page = keyset(stmt, key=Relationship.id, scope="relationships", args=args, scalars=False)
    return listing(page, [present.relationship(*row) for row in page.rows])


@blp.route("/relationships/<int:relationship_id>")
@blp.response(200, RelationshipSchema)
def relationship(relationship_id: int):
    """One relationship of my organisation (ETag: its version)."""
    row = records.first(records.relationships_statement(user=current_user).where(Relationship.id == relationship_id))
    if row is None:
        raise Problem(404)
    return not_modified(row[0]) or with_etag(present.relationship(*row), row[0])
