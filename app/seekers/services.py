"""Writes for job seekers, their workplace wishes and capability assessments. Never commits; audited.

The consent API (`consent_valid`, `require_consent`, ...) lives in `app.seekers.consent` and is re-exported here.
"""

from __future__ import annotations

import logging

from app.core.audit import audit_now, audit_record
from app.core.conflict import check_version
from app.core.db import assign
from app.core.diagnosis import diagnosis_audit
from app.core.erasure import ErasurePlan, erase, erasure_plan
from app.extensions import db
from app.profiles.comparison import valid_rating
from app.seekers.consent import (  # noqa: F401
    ConsentRequired,
    consent_check,
    consent_checks,
    consent_confirm,
    consent_record,
    consent_review,
    consent_valid,
    consent_withdraw,
    require_consent,
)
from app.seekers.models import LIGHTS, CapabilityProfile, CapabilityRating, Consent, JobSeeker, Workplace

log = logging.getLogger("ratko.seekers")
SEEKER_FIELDS = ("code", "alias", "coach_id", "status", "hours_min", "hours_max", "travel_minutes",
                 "preferences_note", "notes")


def _apply(seeker: JobSeeker, data: dict) -> None:
    assign(seeker, data, SEEKER_FIELDS)
    if "industries" in data:
        seeker.industries = ",".join(dict.fromkeys(data["industries"] or []))
    if "municipalities" in data:
        seeker.municipalities = ", ".join(dict.fromkeys(data["municipalities"] or []))


def seeker_create(*, organisation_id: int, data: dict, diagnosis_reason: str | None = None) -> JobSeeker:
    """Add a job seeker to my organisation (code and alias; no name or diagnosis is ever asked); diagnosis words kept
    in a note are audit-logged with `diagnosis_reason`."""
    seeker = JobSeeker(organisation_id=organisation_id, status="engaged", industries="", municipalities="")
    _apply(seeker, data)
    db.session.add(seeker)
    db.session.flush()
    diagnosis_audit(seeker, data, diagnosis_reason)
    return seeker


def seeker_update(*, seeker: JobSeeker, data: dict, expected_version, diagnosis_reason: str | None = None) -> JobSeeker:
    """Edit a seeker the form was loaded from; refuses a stale version. Audits diagnosis words kept in a note."""
    check_version(seeker, expected_version)
    _apply(seeker, data)
    db.session.flush()
    diagnosis_audit(seeker, data, diagnosis_reason)
    return seeker


def seeker_erasure_plan(seeker: JobSeeker) -> ErasurePlan:
    """What erasing the seeker takes with it (the erase page lists it): every row that references them."""
    return erasure_plan(JobSeeker.__tablename__, seeker.id)


def seeker_erase(*, seeker: JobSeeker, reason: str) -> ErasurePlan:
    """Erase a seeker for a GDPR request: their record and everything that references it (consents, workplaces,
    assessments, placements with plan and follow-ups), links from other records cut with personal values masked, and
    every past audit value of all of these masked (`app.core.erasure`)."""
    return erase(JobSeeker.__tablename__, seeker.id, reason=reason, organisation_id=seeker.organisation_id)


def workplace_add(*, seeker: JobSeeker, employer_id: int, light: str, note: str | None = None) -> Workplace:
    """Put an employer on the seeker's traffic-light list (or change its light if it is there already)."""
    if light not in LIGHTS:
        raise ValueError(f"unknown light {light!r}")
    existing = db.session.scalar(db.select(Workplace).where(Workplace.seeker_id == seeker.id,
                                                            Workplace.employer_id == employer_id))
    if existing is not None:
        return workplace_update(workplace=existing, light=light, note=note if note is not None else existing.note)
    workplace = Workplace(seeker_id=seeker.id, organisation_id=seeker.organisation_id, employer_id=employer_id,
                          light=light, note=(note or "").strip() or None)
    db.session.add(workplace)
    db.session.flush()
    return workplace


def workplace_update(*, workplace: Workplace, light: str, note: str | None) -> Workplace:
    """Change a workplace's light or note."""
    if light not in LIGHTS:
        raise ValueError(f"unknown light {light!r}")
    workplace.light = light
    workplace.note = (note or "").strip() or None
    db.session.flush()
    return workplace


def workplace_remove(*, workplace: Workplace) -> None:
    """Take a workplace off the seeker's list."""
    db.session.delete(workplace)
    db.session.flush()


def capability_record(*, seeker: JobSeeker, header: dict, ratings: dict[int, int | None]) -> CapabilityProfile:
    """Record a new assessment of the seeker (history is kept; the newest is current). Values are audit-masked."""
    rated = {item: level for item, level in ratings.items() if level is not None}
    for level in rated.values():
        if not valid_rating(level):
            raise ValueError(f"rating out of range: {level!r}")
    profile = CapabilityProfile(seeker_id=seeker.id, organisation_id=seeker.organisation_id,
                                assessed_on=header["assessed_on"], assessed_by_id=header.get("assessed_by_id"),
                                assessor_name=(header.get("assessor_name") or "").strip() or None,
                                licensed=bool(header.get("licensed")), note=(header.get("note") or "").strip() or None)
    profile.ratings = [CapabilityRating(characteristic_id=item, level=level) for item, level in rated.items()]
    db.session.add(profile)
    db.session.flush()
    audit_record(action="ratings", entity=CapabilityProfile.__tablename__, entity_id=profile.id,
                 summary=f"seeker {seeker.id}", changes={str(item): "***" for item in rated},
                 organisation_id=seeker.organisation_id)
    return profile


def capability_read_log(*, seeker_ids: list[int], profile_ids: list[int], context: str) -> None:
    """Log that the acting user viewed capability profiles (RELIABILITY.md G2)."""
    if profile_ids:
        audit_now(action="read", entity=CapabilityProfile.__tablename__,
                   entity_id=profile_ids[0] if len(profile_ids) == 1 else None, summary=context,
                   changes={"seeker_ids": seeker_ids[:500], "profile_ids": profile_ids[:500]})


def disclosure_log(*, consent: Consent, employer_id: int) -> None:
    """Log that the agreed disclosure text was opened for a named employer."""
    audit_now(action="disclose", entity=Consent.__tablename__, entity_id=consent.id,
               summary=f"employer {employer_id}", changes={"seeker_id": consent.seeker_id, "employer_id": employer_id})
