"""Reads for the search box: candidates from the index, then each kind's rows through the pages' own privacy rules.

One query asks the index for the best few records of every kind with each kind's count (window functions; the
privacy of the index rows applied: the network's records, my organisation's, and other organisations' records open
to the network); then one query per kind with results loads them as the pages show them, filtered again by the
pages' rules (a lead through the leads board's `visible_clause`, RATKO and seekers by organisation, archived
directory records left out). So the number of queries does not grow with the data, and nothing the index might
still hold about a record I may not see can reach the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, case, column, func, or_, select, table, text
from sqlalchemy.sql.elements import ColumnElement

from app.auth.models import Organisation
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.core.scoping import scope
from app.core.search import like_pattern
from app.core.search_index import FTS_TABLE, SearchEntry
from app.employers.models import ContactPerson, Employer, Site
from app.extensions import db
from app.leads import rules
from app.leads.models import Lead
from app.leads.selectors import visible_clause
from app.ratko.models import Bundle, Engagement
from app.search.text import Query
from app.seekers.models import JobSeeker

KINDS = ("employer", "contact", "site", "lead", "engagement", "bundle", "seeker")
PAGES = {"employer": "employers.detail", "contact": "employers.detail", "site": "employers.detail",
         "lead": "leads.detail", "engagement": "ratko.detail", "bundle": "ratko.bundle", "seeker": "seekers.detail"}


@dataclass
class Group:
    """The results of one kind: how many I may see in all, and the rows shown (in rank order)."""

    kind: str
    total: int
    rows: list = field(default_factory=list)


def kinds_for(user) -> tuple[str, ...]:
    """The kinds whose pages the user may open (a coordinator does not work with job seekers, for example)."""
    allowed = []
    for kind in KINDS:
        view = current_app.view_functions.get(PAGES[kind])
        roles = getattr(view, "required_roles", None)
        if view is not None and (not roles or user.is_admin or any(user.has_role(role) for role in roles)):
            allowed.append(kind)
    return tuple(allowed)


def _prefix(word: str) -> str:
    """A LIKE pattern for a word that starts with `word` (documents have a space before every word)."""
    return like_pattern(" " + word)


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_clauses(query: Query, dialect: str) -> list[ColumnElement]:
    """WHERE clauses: the document holds every word (three characters or more: anywhere, so "kauppa" finds
    "Lähikauppa"; shorter: at the start of a word). On SQLite the trigram FTS5 mirror answers what it can (a word of
    two characters is " xy", three characters with its space); on PostgreSQL pg_trgm answers the same LIKEs."""
    entry = SearchEntry.__table__.c
    long = [word for word in query.words if len(word) >= 3]
    short = [word for word in query.words if len(word) < 3]
    clauses: list[ColumnElement] = []
    if dialect == "sqlite":
        terms = [_fts_phrase(word) for word in long] + [_fts_phrase(" " + word) for word in short if len(word) == 2]
        if terms:
            fts = table(FTS_TABLE, column("rowid"))
            clauses.append(entry.id.in_(select(fts.c.rowid).where(
                text(f"{FTS_TABLE} MATCH :terms").bindparams(terms=" AND ".join(terms)))))
        short = [word for word in short if len(word) < 2]
    else:
        clauses += [entry.text.like(like_pattern(word), escape="\\") for word in long]
    clauses += [entry.text.like(_prefix(word), escape="\\") for word in short]
    return clauses


def _visible(user, now: datetime) -> ColumnElement:
    entry = SearchEntry.__table__.c
    return or_(entry.organisation_id.is_(None), entry.organisation_id == user.organisation_id,
               and_(entry.network_from.is_not(None), entry.network_from <= now))


def ranked_hits(*, user, query: Query, kinds: tuple[str, ...], limit: int, offset: int = 0,
                now: datetime | None = None) -> dict[str, tuple[int, list[int]]]:
    """kind -> (how many records of the kind match, the ids of the `limit` best after `offset`), in one query.
    Best: the label starts with the first word, then a word starts with it, then the rest; by label within each."""
    if not query.searchable or not kinds:
        return {}
    entry = SearchEntry.__table__.c
    first = query.first
    rank = case((entry.text.like(_prefix(first)[1:], escape="\\"), 0),
                (entry.text.like(_prefix(first), escape="\\"), 1), else_=2)
    dialect = db.session.get_bind().dialect.name
    base = (select(entry.kind, entry.record_id, entry.text, rank.label("rank"))
            .where(entry.kind.in_(kinds), _visible(user, now or utcnow()), *match_clauses(query, dialect))
            .subquery())
    numbered = select(base.c.kind, base.c.record_id, func.count().over(partition_by=base.c.kind).label("total"),
                      func.row_number().over(partition_by=base.c.kind,
                                             order_by=(base.c.rank, base.c.text, base.c.record_id)).label("n")
                      ).subquery()
    stmt = (select(numbered.c.kind, numbered.c.record_id, numbered.c.total)
            .where(numbered.c.n > offset, numbered.c.n <= offset + limit).order_by(numbered.c.kind, numbered.c.n))
    hits: dict[str, tuple[int, list[int]]] = {}
    for kind, record_id, total in db.session.execute(stmt):
        hits.setdefault(kind, (total, []))[1].append(record_id)
    return hits


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
        """Records found over all kinds."""
        return sum(group.total for group in self.groups)


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
