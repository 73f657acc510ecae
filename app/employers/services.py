"""Writes for employers, sites, contacts and relationships. Never commits; audited by the flush hook."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from app.core.audit import audit_record
from app.core.conflict import merge_save
from app.core.db import assign, utcnow
from app.core.erasure import ErasurePlan, erase, erasure_plan
from app.employers import merging, selectors
from app.employers.merging import CONTACT_FIELDS, EMPLOYER_FIELDS, RELATIONSHIP_FIELDS
from app.employers.models import ContactPerson, Employer, EmployerTag, Relationship, Site
from app.extensions import db

log = logging.getLogger("ratko.employers")


def _set_tags(employer: Employer, tags: list[str]) -> None:
    current = {row.tag: row for row in employer.tag_rows}
    employer.tag_rows = [current.get(tag) or EmployerTag(tag=tag) for tag in tags]


def _change_tags(employer: Employer, tags: list[str]) -> None:
    """Replace an existing employer's tags: a change bumps its version (so a stale form notices) and is audited."""
    before = sorted(employer.tags)
    if sorted(set(tags)) == before:
        return
    _set_tags(employer, tags)
    employer.updated_at = utcnow()
    audit_record(action="update", entity=Employer.__tablename__, entity_id=employer.id, summary=employer.name,
                 changes={"tags": [", ".join(before), ", ".join(sorted(set(tags)))]})


def employer_refresh_search(employer: Employer) -> None:
    """Recompute the search text after a contact change (derived data: does not bump the employer's version)."""
    db.session.flush()
    name_key, search_text = employer.search_keys(selectors.contact_names(employer.id))
    db.session.execute(update(Employer).where(Employer.id == employer.id)
                       .values(search_text=search_text, name_key=name_key)
                       .execution_options(synchronize_session=False))
    set_committed_value(employer, "search_text", search_text)
    set_committed_value(employer, "name_key", name_key)


def employer_create(*, data: dict, actor=None) -> Employer:
    """Create a network-shared employer."""
    employer = Employer(pwa_experience="unknown", created_by_id=getattr(actor, "id", None))
    assign(employer, data, EMPLOYER_FIELDS, blank="")
    _set_tags(employer, data.get("tags") or [])
    employer.refresh_keys()
    db.session.add(employer)
    db.session.flush()
    log.info("employer %s created by %s", employer.id, getattr(actor, "id", None))
    return employer


def employer_update(*, employer: Employer, data: dict, expected_version, loaded: str | None = None) -> Employer:
    """Update an employer from its form. After someone else's save only the fields this user changed since `loaded`
    (the form's snapshot) are written; ConflictError when both changed a field differently (app.core.conflict)."""
    data = merge_save(employer, expected_version=expected_version, loaded=loaded, mine=data,
                      key=merging.employer_key(employer), theirs=merging.employer_values(employer))
    names = selectors.contact_names(employer.id)
    with db.session.no_autoflush:
        assign(employer, data, EMPLOYER_FIELDS, blank="")
        if "tags" in data:
            _change_tags(employer, data["tags"])
        employer.refresh_keys(names)
    db.session.flush()
    return employer


def employer_archive(*, employer: Employer) -> Employer:
    """Archive an employer (hidden from the directory, kept for history)."""
    employer.archived_at = utcnow()
    db.session.flush()
    return employer


def employer_restore(*, employer: Employer) -> Employer:
    """Bring an archived employer back to the directory."""
    employer.archived_at = None
    db.session.flush()
    return employer


def site_add(*, employer: Employer, data: dict) -> Site:
    """Add a site (unit, branch, store) to an employer."""
    parent_id = data.get("parent_id")
    if parent_id and selectors.site_get_or_404(parent_id).employer_id != employer.id:
        parent_id = None
    site = Site(employer_id=employer.id, name=data["name"].strip(), parent_id=parent_id,
                municipality=(data.get("municipality") or "").strip() or None,
                address=(data.get("address") or "").strip() or None)
    db.session.add(site)
    db.session.flush()
    return site


def site_archive(*, site: Site) -> Site:
    """Archive a site."""
    site.archived_at = utcnow()
    db.session.flush()
    return site


def contact_add(*, employer: Employer, data: dict) -> ContactPerson:
    """Add a contact person to an employer."""
    contact = ContactPerson(employer_id=employer.id, ambassador=False)
    assign(contact, data, CONTACT_FIELDS, blank="")
    _check_site(contact, employer)
    db.session.add(contact)
    db.session.flush()
    employer_refresh_search(employer)
    return contact


def contact_update(*, contact: ContactPerson, data: dict, expected_version, loaded: str | None = None) -> ContactPerson:
    """Update a contact person from its form; a stale save is merged like employer_update's."""
    data = merge_save(contact, expected_version=expected_version, loaded=loaded, mine=data,
                      key=merging.contact_key(contact), theirs=merging.contact_values(contact))
    assign(contact, data, CONTACT_FIELDS, blank="")
    employer = selectors.employer_get_or_404(contact.employer_id)
    _check_site(contact, employer)
    db.session.flush()
    employer_refresh_search(employer)
    return contact


def _check_site(contact: ContactPerson, employer: Employer) -> None:
    if contact.site_id and selectors.site_get_or_404(contact.site_id).employer_id != employer.id:
        contact.site_id = None


def contact_archive(*, contact: ContactPerson) -> ContactPerson:
    """Archive a contact person who left the employer."""
    contact.archived_at = utcnow()
    db.session.flush()
    employer_refresh_search(selectors.employer_get_or_404(contact.employer_id))
    return contact


def contact_erasure_plan(contact: ContactPerson) -> ErasurePlan:
    """What erasing a contact person takes with it, and which records only lose the link (the erase page)."""
    return erasure_plan(ContactPerson.__tablename__, contact.id)


def contact_erase(*, contact: ContactPerson, reason: str) -> None:
    """Erase a contact person for a GDPR request: their row, their copies (RATKO key person, participant, inductor)
    and staged import rows masked, every past audit value masked (`app.core.erasure`); the search text refreshed."""
    employer = selectors.employer_get_or_404(contact.employer_id)
    erase(ContactPerson.__tablename__, contact.id, reason=reason)
    db.session.expire(employer)
    employer_refresh_search(employer)
    db.session.flush()


def relationship_start(*, organisation_id: int, employer: Employer, data: dict) -> Relationship:
    """Start my organisation's relationship with an employer."""
    relationship = Relationship(organisation_id=organisation_id, employer_id=employer.id, status="prospect",
                                cadence_target=3, cadence_minimum=2)
    assign(relationship, {k: v for k, v in data.items() if v is not None or k == "owner_id"}, RELATIONSHIP_FIELDS,
           blank="")
    if relationship.started_on is None:
        relationship.started_on = utcnow().date()
    db.session.add(relationship)
    db.session.flush()
    return relationship


def relationship_update(*, relationship: Relationship, data: dict, expected_version,
                        loaded: str | None = None) -> Relationship:
    """Change owner, status or cadence of my organisation's relationship; a stale save is merged like
    employer_update's (the snapshot of a form opened before the relationship existed holds the form's defaults)."""
    data = {k: v for k, v in data.items() if v is not None or k in ("owner_id", "private_note")}
    data = merge_save(relationship, expected_version=expected_version, loaded=loaded, mine=data,
                      key=merging.relationship_key(relationship.organisation_id, relationship.employer_id),
                      theirs=merging.relationship_values(relationship))
    assign(relationship, data, RELATIONSHIP_FIELDS, blank="")
    db.session.flush()
    return relationship


def relationships_reassign(*, relationships: list[Relationship], owner_id: int | None) -> int:
    """Give several relationships of my organisation a new owner; return how many changed."""
    changed = 0
    for relationship in relationships:
        if relationship.owner_id != owner_id:
            relationship.owner_id = owner_id
            changed += 1
    db.session.flush()
    return changed


def relationship_mark_working(*, organisation_id: int, employer: Employer, owner_id: int | None) -> Relationship:
    """Record that my organisation works with an employer (a RATKO engagement started): the relationship is started
    if missing, any status but "do not contact" (someone's deliberate choice, kept) becomes active partner, and an
    owner is set if it has none."""
    relationship = db.session.scalar(db.select(Relationship).where(
        Relationship.organisation_id == organisation_id, Relationship.employer_id == employer.id))
    if relationship is None:
        return relationship_start(organisation_id=organisation_id, employer=employer,
                                  data={"owner_id": owner_id, "status": "active_partner"})
    if relationship.status != "do_not_contact":
        relationship.status = "active_partner"
    if relationship.owner_id is None and owner_id is not None:
        relationship.owner_id = owner_id
    db.session.flush()
    return relationship
