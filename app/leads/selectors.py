"""Reads for leads. Another organisation's lead is readable only once it is open to the network (shared and past its
holding period); its private fields (note, touchpoint, bundle, contact details) are only ever loaded for the owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import abort
from sqlalchemy import and_, case, func, or_, select

from app.auth.models import Organisation, User
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.core.filters import FilterSet, choice, flag, text
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404, log
from app.core.search import like_pattern, search_fold
from app.employers.models import ContactPerson, Employer, Site
from app.employers.normalise import fold
from app.extensions import db
from app.leads import rules
from app.leads.models import KINDS, OPEN_STATUSES, Lead, LeadBoardVisit, LeadProposal
from app.ratko.models import Bundle
from app.touchpoints.models import Touchpoint

STATUS_FILTERS = ("active", "open", "candidates_proposed", "filled", "closed", "expired", "all")
WHOSE = ("mine", "others")
HOURS = {"upto20": (None, 20), "20to30": (20, 30), "over30": (30, None)}
SORTS = ("new", "expires", "employer")
BOARD_COLUMNS = ("open", "candidates_proposed", "filled", "closed", "expired")
BOARD_LIMIT = 30
NEVER = datetime(2000, 1, 1)


@dataclass
class LeadFilters(FilterSet):
    """The board's query string, checked against allow-lists."""

    q: str = text(max_len=100)
    kind: str = choice(KINDS)
    municipality: str = text(max_len=80)
    industry: str = text(max_len=5)
    hours: str = choice(HOURS)
    whose: str = choice(WHOSE)
    new: bool = flag()
    status: str = choice(STATUS_FILTERS, "active")
    sort: str = choice(SORTS, "new")
    view: str = choice(("list", "board"), "list")


@dataclass
class LeadRow:
    """A lead as a row of the board: names around it and what the acting user may know about its state."""

    lead: Lead
    employer_name: str
    municipality: str | None
    organisation_name: str
    owner_name: str | None
    status: str
    mine: bool
    held: bool
    new: bool


def visible_clause(user, now: datetime):
    """SQL condition: my organisation's leads, and other organisations' leads open to the network."""
    return or_(Lead.organisation_id == user.organisation_id,
               and_(Lead.visibility == "network", Lead.opens_at.is_not(None), Lead.opens_at <= now))


def effective_status_expr(today: date):
    """SQL expression of the effective status (expired computed from the expiry date)."""
    return case((and_(Lead.status.in_(OPEN_STATUSES), Lead.expires_on.is_not(None), Lead.expires_on < today),
                 "expired"), else_=Lead.status)


def _status_clause(status: str, today: date):
    not_expired = or_(Lead.expires_on.is_(None), Lead.expires_on >= today)
    if status == "active":
        return and_(Lead.status.in_(OPEN_STATUSES), not_expired)
    if status in OPEN_STATUSES:
        return and_(Lead.status == status, not_expired)
    if status == "expired":
        return and_(Lead.status.in_(OPEN_STATUSES), Lead.expires_on < today)
    if status in ("filled", "closed"):
        return Lead.status == status
    return None


def board_statement(*, user, filters: LeadFilters, now: datetime, today: date, since: datetime | None):
    """The board's SELECT: (lead, employer name, municipality, organisation name, owner name), filtered."""
    stmt = (select(Lead, Employer.name, Employer.municipality, Organisation.name, User.name)
            .join(Employer, Employer.id == Lead.employer_id)
            .join(Organisation, Organisation.id == Lead.organisation_id)
            .outerjoin(User, User.id == Lead.owner_id).where(visible_clause(user, now)))
    for word in fold(filters.q).split()[:5]:
        stmt = stmt.where(or_(func.lower(Lead.title).like(like_pattern(word), escape="\\"),
                              Employer.search_text.like(like_pattern(search_fold(word)), escape="\\")))
    if filters.kind:
        stmt = stmt.where(Lead.kind == filters.kind)
    if filters.municipality:
        stmt = stmt.where(Employer.municipality == filters.municipality)
    if filters.industry:
        stmt = stmt.where(_industry_clause(filters.industry))
    if filters.hours:
        low, high = HOURS[filters.hours]
        stmt = stmt.where(*([Lead.hours_per_week > low] if low is not None else []),
                          *([Lead.hours_per_week <= high] if high is not None else []))
    if filters.whose == "mine":
        stmt = stmt.where(Lead.organisation_id == user.organisation_id)
    elif filters.whose == "others":
        stmt = stmt.where(Lead.organisation_id != user.organisation_id)
    if filters.new:
        stmt = stmt.where(Lead.organisation_id != user.organisation_id)
        if since is not None:
            stmt = stmt.where(Lead.opens_at > since)
    status = _status_clause(filters.status, today)
    if status is not None:
        stmt = stmt.where(status)
    order = {"new": (func.coalesce(Lead.opens_at, Lead.created_at).desc(),),
             "expires": (Lead.expires_on.is_(None), Lead.expires_on.asc()),
             "employer": (Employer.name_key.asc(),)}[filters.sort]
    return stmt.order_by(*order, Lead.id.desc())


def _industry_clause(industry: str):
    if industry.isalpha():
        from app.employers.reference import industries

        section = industry.upper()
        codes = [c for c, i in industries().items() if i.parent == section]
        return or_(Employer.industry_code == section, *[Employer.industry_code.like(f"{c}%") for c in codes])
    return Employer.industry_code.like(f"{industry}%")


def _rows(user, raw, *, now: datetime, today: date, since: datetime | None) -> list[LeadRow]:
    rows = []
    for lead, employer_name, municipality, organisation_name, owner_name in raw:
        mine = lead.organisation_id == user.organisation_id
        rows.append(LeadRow(
            lead=lead, employer_name=employer_name, municipality=municipality, organisation_name=organisation_name,
            owner_name=owner_name, mine=mine,
            status=rules.effective_status(status=lead.status, expires_on=lead.expires_on, today=today),
            held=rules.is_held(visibility=lead.visibility, opens_at=lead.opens_at, now=now),
            new=not mine and since is not None and lead.opens_at is not None and lead.opens_at > since))
    return rows


def lead_board(*, user, filters: LeadFilters, page: int, since: datetime | None, per_page: int = 25,
               now: datetime | None = None) -> Page:
    """One page of the leads visible to me, as LeadRows."""
    now, today = now or utcnow(), local_today()
    result = paginate(board_statement(user=user, filters=filters, now=now, today=today, since=since), page=page,
                      per_page=per_page, scalars=False)
    result.items = _rows(user, result.items, now=now, today=today, since=since)
    return result


def board_columns(*, user, filters: LeadFilters, since: datetime | None,
                  now: datetime | None = None) -> list[tuple[str, int, list[LeadRow]]]:
    """The board by status: (status, how many, the newest rows) per column."""
    now, today = now or utcnow(), local_today()
    base = board_statement(user=user, filters=LeadFilters(**{**filters.__dict__, "status": "all"}), now=now,
                           today=today, since=since)
    effective = effective_status_expr(today)
    counts = _column_counts(base, effective)
    columns = []
    for status in BOARD_COLUMNS if filters.status in ("active", "all") else (filters.status,):
        if status not in BOARD_COLUMNS:
            continue
        raw = db.session.execute(base.where(_status_clause(status, today)).limit(BOARD_LIMIT)).all()
        columns.append((status, counts.get(status, 0), _rows(user, raw, now=now, today=today, since=since)))
    return columns


def _column_counts(base, effective) -> dict[str, int]:
    sub = base.with_only_columns(effective.label("s")).order_by(None).subquery()
    return {status: count for status, count in db.session.execute(select(sub.c.s, func.count()).group_by(sub.c.s))}


def lead_get_visible_or_404(lead_id, user, *, now: datetime | None = None) -> Lead:
    """A lead of my organisation, or another organisation's lead open to the network; otherwise 404."""
    lead = db.session.get(Lead, lead_id) if isinstance(lead_id, int) and 0 < lead_id < 2**63 else None
    if lead is None or not rules.visible_to(lead_organisation_id=lead.organisation_id,
                                            organisation_id=user.organisation_id, visibility=lead.visibility,
                                            opens_at=lead.opens_at, now=now or utcnow()):
        if lead is not None:
            log.warning("cross-organisation access refused: user=%s entity=leads id=%s", user.id, lead_id)
        abort(404)
    return lead


def lead_get_own_or_404(lead_id, user) -> Lead:
    """A lead of my organisation (the only ones I may edit), or 404."""
    return get_scoped_or_404(Lead, lead_id, user)


def proposal_for_owner_or_404(proposal_id, user) -> tuple[LeadProposal, Lead]:
    """A proposal for a lead of my organisation (the owner's side) with its lead, or 404."""
    proposal = db.session.get(LeadProposal, proposal_id) if isinstance(proposal_id, int) \
        and 0 < proposal_id < 2**63 else None
    if proposal is None:
        abort(404)
    return proposal, lead_get_own_or_404(proposal.lead_id, user)


def proposal_of_mine_or_404(proposal_id, user) -> LeadProposal:
    """A proposal my organisation made (the proposing side), or 404."""
    return get_scoped_or_404(LeadProposal, proposal_id, user)


@dataclass
class LeadView:
    """A lead with the names around it; private parts are None unless the lead is my organisation's."""

    lead: Lead
    mine: bool
    status: str
    held: bool
    network_open: bool
    employer: Employer
    organisation_name: str
    owner: User | None
    site: Site | None
    contact: ContactPerson | None
    filled_by_name: str | None
    touchpoint: Touchpoint | None = None
    bundle: Bundle | None = None


def lead_view(lead: Lead, user, *, now: datetime | None = None) -> LeadView:
    """Everything the lead page shows about a lead the user may see (the caller has checked visibility)."""
    now, mine = now or utcnow(), lead.organisation_id == user.organisation_id
    names = dict(db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_({lead.organisation_id, lead.filled_by_organisation_id or lead.organisation_id}))).all())
    view = LeadView(
        lead=lead, mine=mine, employer=db.session.get(Employer, lead.employer_id),
        status=rules.effective_status(status=lead.status, expires_on=lead.expires_on, today=local_today()),
        held=rules.is_held(visibility=lead.visibility, opens_at=lead.opens_at, now=now),
        network_open=rules.is_network_open(visibility=lead.visibility, opens_at=lead.opens_at, now=now),
        organisation_name=names.get(lead.organisation_id, ""),
        owner=db.session.get(User, lead.owner_id) if lead.owner_id else None,
        site=db.session.get(Site, lead.site_id) if lead.site_id else None,
        contact=db.session.get(ContactPerson, lead.contact_id) if lead.contact_id else None,
        filled_by_name=names.get(lead.filled_by_organisation_id) if lead.filled_by_organisation_id else None)
    if mine:
        view.touchpoint = db.session.get(Touchpoint, lead.touchpoint_id) if lead.touchpoint_id else None
        view.bundle = db.session.get(Bundle, lead.bundle_id) if lead.bundle_id else None
    return view


def filter_options(*, user, now: datetime | None = None) -> dict:
    """Municipalities of the employers of leads I can see (for the filter select)."""
    stmt = (select(Employer.municipality).distinct().join(Lead, Lead.employer_id == Employer.id)
            .where(visible_clause(user, now or utcnow()), Employer.municipality.is_not(None))
            .order_by(Employer.municipality))
    return {"municipalities": list(db.session.scalars(stmt))}


def last_visit(user) -> tuple[datetime, datetime]:
    """(when the user last opened the leads board, the visit before that: the board's "new since my last visit");
    `NEVER` when there was no such visit, so everything counts as new."""
    row = db.session.execute(select(LeadBoardVisit.seen_at, LeadBoardVisit.since)
                             .where(LeadBoardVisit.user_id == user.id)).first()
    return (row[0] or NEVER, row[1] or NEVER) if row else (NEVER, NEVER)


def new_network_leads(*, user, since: datetime | None, limit: int = 5, now: datetime | None = None) -> tuple[int, list]:
    """Other organisations' leads opened to the network since `since` (all open ones if never visited), still
    active: (how many, the newest rows)."""
    filters = LeadFilters(whose="others", new=True)
    now, today = now or utcnow(), local_today()
    stmt = board_statement(user=user, filters=filters, now=now, today=today, since=since)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = _rows(user, db.session.execute(stmt.limit(limit)).all(), now=now, today=today, since=since)
    return total, rows


def employer_leads(*, user, employer_id: int, limit: int = 20, now: datetime | None = None) -> list[LeadRow]:
    """Leads at one employer that I may see, newest first."""
    now, today = now or utcnow(), local_today()
    stmt = board_statement(user=user, filters=LeadFilters(status="all"), now=now, today=today, since=None)
    return _rows(user, db.session.execute(stmt.where(Lead.employer_id == employer_id).limit(limit)).all(), now=now,
                 today=today, since=None)


def lead_of_bundle(bundle_id: int, user) -> Lead | None:
    """The lead my organisation made from a bundle, if any."""
    return db.session.scalar(select(Lead).where(Lead.bundle_id == bundle_id,
                                                Lead.organisation_id == user.organisation_id)
                             .order_by(Lead.id.desc()).limit(1))


def hold_days_of(organisation: Organisation) -> int:
    """My organisation's holding period for hidden jobs."""
    return rules.hold_days_setting(organisation.settings)
