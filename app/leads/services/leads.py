"""Writes for leads: create, edit, share and hold, close, reopen, mark filled, a bundle made into a lead, a lead's
own demand ratings, the organisation's holding period and the board visit. Never commits; audited (Lead is an
`__audit__` model)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _  # lazy: services also run outside requests (CLI, tests)
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.auth.models import Organisation, User
from app.auth.services import organisation_settings_update
from app.core.conflict import check_version
from app.core.dates import today as local_today
from app.core.db import assign, utcnow, write_intent
from app.core.diagnosis import diagnosis_audit
from app.employers.models import ContactPerson, Employer, Site
from app.extensions import db
from app.leads import rules
from app.leads.models import HOLD_SETTING, KINDS, OPEN_STATUSES, VISIBILITIES, Lead, LeadBoardVisit, LeadDemand
from app.leads.services.common import LeadRefused, stored_text
from app.leads.services.proposals import proposals_lapse
from app.profiles.comparison import valid_rating
from app.ratko import services as ratko_services
from app.ratko.models import Bundle, Engagement, Task
from app.touchpoints.models import Touchpoint

log = logging.getLogger("ratko.leads")
FIELDS = ("title", "kind", "description", "tasks", "hours_per_week", "starts_on", "expires_on", "private_note")
DEFAULT_EXPIRY_DAYS = 30
VISIT_GAP = timedelta(minutes=30)


def _check(data: dict, *, today: date, expiry_changed: bool) -> None:
    if data.get("kind") not in KINDS:
        raise LeadRefused("kind", _("Choose the kind of lead."))
    if not (data.get("title") or "").strip():
        raise LeadRefused("title", _("Give the lead a title, for example warehouse assistant."))
    if data.get("visibility") not in VISIBILITIES:
        raise LeadRefused("visibility", _("Choose who may see the lead."))
    hours = data.get("hours_per_week")
    if hours is not None and not 0 < hours <= 60:
        raise LeadRefused("hours_per_week", _("Hours are between 0 and 60 a week."))
    expires_on = data.get("expires_on")
    if expiry_changed and isinstance(expires_on, date) and expires_on < today:
        raise LeadRefused("expires_on", _("The expiry date cannot be in the past."))


def _links(lead: Lead, data: dict, user: User) -> None:
    """Site, contact and touchpoint must belong to the lead's employer (and the touchpoint to my organisation)."""
    site = db.session.get(Site, data.get("site_id")) if data.get("site_id") else None
    lead.site_id = site.id if site is not None and site.employer_id == lead.employer_id else None
    contact = db.session.get(ContactPerson, data.get("contact_id")) if data.get("contact_id") else None
    lead.contact_id = contact.id if contact is not None and contact.employer_id == lead.employer_id else None
    touch = db.session.get(Touchpoint, data.get("touchpoint_id")) if data.get("touchpoint_id") else None
    lead.touchpoint_id = touch.id if touch is not None and touch.employer_id == lead.employer_id \
        and touch.organisation_id == lead.organisation_id else None
    owner_id = data.get("owner_id")
    owner = db.session.get(User, owner_id) if owner_id else None
    lead.owner_id = owner.id if owner is not None and owner.organisation_id == lead.organisation_id \
        and owner.active else (lead.owner_id or user.id)


def _visibility(lead: Lead, visibility: str, hold_days: int | None, now: datetime) -> None:
    """Share, hold or take back: a lead becoming network-visible opens now, or after the hold for a hidden job."""
    if visibility == "organisation":
        if lead.visibility == "network" and lead.id is not None:
            proposals_lapse(lead=lead, only_other_organisations=True)
        lead.visibility, lead.opens_at = "organisation", None
    elif lead.visibility != "network" or lead.opens_at is None:
        lead.visibility = "network"
        lead.opens_at = rules.opens_at_for(kind=lead.kind, hold_days=hold_days, now=now)


def lead_create(*, user: User, employer: Employer, data: dict, now: datetime | None = None,
                diagnosis_reason: str | None = None) -> Lead:
    """Record a lead of my organisation at an employer; shared at once, held first (hidden jobs) or kept in-house.
    Diagnosis words kept in the private note are audit-logged with `diagnosis_reason`."""
    _check(data, today=local_today(), expiry_changed=True)
    lead = Lead(organisation_id=user.organisation_id, employer_id=employer.id, created_by_id=user.id,
                status="open", visibility="organisation", bundle_id=data.get("bundle_id"))
    assign(lead, {field: data.get(field) for field in FIELDS}, FIELDS)
    if lead.expires_on is None:
        lead.expires_on = local_today() + timedelta(days=DEFAULT_EXPIRY_DAYS)
    _links(lead, data, user)
    _visibility(lead, data["visibility"], data.get("hold_days"), now or utcnow())
    db.session.add(lead)
    db.session.flush()
    diagnosis_audit(lead, data, diagnosis_reason)
    log.info("lead %s recorded by %s at employer %s (%s)", lead.id, user.id, employer.id, lead.visibility)
    return lead


def lead_update(*, lead: Lead, user: User, data: dict, expected_version, now: datetime | None = None,
                diagnosis_reason: str | None = None) -> Lead:
    """Edit a lead of my organisation; refuses a stale version. Taking a lead back from the network lapses the
    other organisations' undecided proposals. Diagnosis words kept in the private note are audit-logged."""
    check_version(lead, expected_version)
    if lead.bundle_id and data.get("kind") != "ratko_bundle":
        data = {**data, "kind": "ratko_bundle"}
    _check(data, today=local_today(), expiry_changed=data.get("expires_on") != lead.expires_on)
    employer_id = data.get("employer_id") or lead.employer_id
    if employer_id != lead.employer_id and db.session.get(Employer, employer_id) is not None:
        lead.employer_id = employer_id
    assign(lead, data, FIELDS)
    _links(lead, data, user)
    _visibility(lead, data["visibility"], data.get("hold_days"), now or utcnow())
    db.session.flush()
    diagnosis_audit(lead, data, diagnosis_reason)
    return lead


def lead_release(*, lead: Lead, now: datetime | None = None) -> Lead:
    """Open a held hidden job to the network now, before its holding period ends."""
    now = now or utcnow()
    if rules.is_held(visibility=lead.visibility, opens_at=lead.opens_at, now=now):
        lead.opens_at = now
        db.session.flush()
    return lead


def lead_close(*, lead: Lead, reason: str | None, on: date | None = None) -> Lead:
    """Close a lead (the employer withdrew it, someone outside the network got it, ...); undecided proposals lapse."""
    if lead.status in ("closed", "filled"):
        raise LeadRefused("status", _("This lead is already closed or filled."))
    lead.status, lead.closed_on = "closed", on or local_today()
    lead.closed_reason = (reason or "").strip()[:300] or None
    proposals_lapse(lead=lead)
    db.session.flush()
    return lead


def lead_reopen(*, lead: Lead, expires_on: date | None = None) -> Lead:
    """Open a closed lead again (with a new expiry date if it had passed)."""
    if lead.status != "closed":
        raise LeadRefused("status", _("Only a closed lead can be opened again."))
    lead.status, lead.closed_on, lead.closed_reason = "open", None, None
    today = local_today()
    if expires_on is not None or (lead.expires_on is not None and lead.expires_on < today):
        lead.expires_on = expires_on or today + timedelta(days=DEFAULT_EXPIRY_DAYS)
    db.session.flush()
    return lead


def lead_fill(*, lead: Lead, by_organisation_id: int | None, on: date | None = None, actor=None) -> Lead:
    """Mark a lead filled (by my organisation, another one, or nobody in the network); a lead made from a bundle
    marks the bundle filled and completes its RATKO engagement's outcome."""
    if lead.status == "filled":
        return lead
    if lead.status == "closed":
        raise LeadRefused("status", _("A closed lead cannot be filled: open it again first."))
    if by_organisation_id is not None and db.session.get(Organisation, by_organisation_id) is None:
        raise LeadRefused("by_organisation_id", _("Choose an organisation of the network."))
    lead.status, lead.filled_on, lead.filled_by_organisation_id = "filled", on or local_today(), by_organisation_id
    proposals_lapse(lead=lead)
    if lead.bundle_id:
        bundle_fill(bundle=db.session.get(Bundle, lead.bundle_id), actor=actor)
    db.session.flush()
    log.info("lead %s filled by organisation %s", lead.id, by_organisation_id)
    return lead


def bundle_fill(*, bundle: Bundle | None, actor=None) -> None:
    """Mark a RATKO bundle filled and complete its engagement with the outcome "filled" (through RATKO services)."""
    if bundle is None:
        return
    if bundle.status != "filled":
        ratko_services.bundle_update(bundle=bundle, data={"status": "filled"}, expected_version=bundle.version)
    engagement = db.session.get(Engagement, bundle.engagement_id)
    if engagement is not None and (engagement.status != "completed" or engagement.outcome != "filled"):
        ratko_services.engagement_set_status(engagement=engagement, status="completed", outcome="filled",
                                             expected_version=engagement.version, actor=actor,
                                             note=stored_text("Bundle %(title)s filled", title=bundle.title,
                                                              language=getattr(actor, "language", None)))


def lead_from_bundle(*, bundle: Bundle, user: User) -> Lead:
    """Make a RATKO bundle a lead in one action: its job description, hours and place, kept in my organisation until
    someone shares it (an existing open lead of the bundle is returned instead)."""
    existing = db.session.scalar(select(Lead).where(Lead.bundle_id == bundle.id, Lead.status.in_(OPEN_STATUSES)))
    if existing is not None:
        return existing
    engagement = db.session.get(Engagement, bundle.engagement_id)
    tasks = db.session.scalars(select(Task.description).where(Task.bundle_id == bundle.id)
                               .order_by(Task.position, Task.id))
    description = "\n\n".join(part for part in (bundle.purpose, bundle.working_conditions, bundle.schedule,
                                                 bundle.place) if part) or None
    hours = bundle.hours_per_week if bundle.hours_per_week else None
    return lead_create(user=user, employer=db.session.get(Employer, engagement.employer_id), data={
        "title": bundle.title, "kind": "ratko_bundle", "description": description,
        "tasks": "\n".join(f"- {t}" for t in tasks) or None, "hours_per_week": hours if hours and hours <= 60 else None,
        "visibility": "organisation", "bundle_id": bundle.id, "site_id": engagement.site_id, "owner_id": user.id})


def lead_demand_save(*, lead: Lead, ratings: dict[int, int | None], key: set[int]) -> None:
    """Replace a lead's own demand profile: one level per rated item (None or 0 = not required), key items."""
    for level in ratings.values():
        if level is not None and not valid_rating(level):
            raise LeadRefused("ratings", _("Give a whole number from 0 to 5."))
    db.session.execute(delete(LeadDemand).where(LeadDemand.lead_id == lead.id))
    rows = [{"lead_id": lead.id, "characteristic_id": item, "level": level, "key": item in key}
            for item, level in ratings.items() if level]
    if rows:
        db.session.execute(insert(LeadDemand), rows)
    lead.updated_at = utcnow()
    db.session.flush()


def hold_days_update(*, organisation: Organisation, days: int) -> Organisation:
    """Set my organisation's holding period for hidden jobs (0-60 days)."""
    if not 0 <= days <= rules.MAX_HOLD_DAYS:
        raise LeadRefused("days", _("Give 0 to 60 days."))
    return organisation_settings_update(organisation=organisation, **{HOLD_SETTING: days})


def board_visit_record(*, user: User, at: datetime | None = None) -> None:
    """Remember that the user opened the board, in its own short transaction (the board is a GET). A visit more
    than half an hour after the previous one moves "new since my last visit" on to that previous visit."""
    at = at or utcnow()
    table = LeadBoardVisit.__table__
    with write_intent(), db.engine.connect() as connection, connection.begin():
        seen = connection.execute(select(table.c.seen_at).where(table.c.user_id == user.id)).scalar()
        if seen is None:
            try:
                with connection.begin_nested():
                    connection.execute(insert(table).values(user_id=user.id, seen_at=at, since=None))
            except IntegrityError:
                pass  # a parallel request recorded the visit first
            return
        values = {"seen_at": at, **({"since": seen} if at - seen > VISIT_GAP else {})}
        connection.execute(update(table).where(table.c.user_id == user.id).values(**values))
