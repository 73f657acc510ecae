"""Reads for job seekers: always scoped to the acting user's organisation (a seeker is never visible elsewhere)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select

from app.auth.models import User, UserRole
from app.core.filters import FilterSet, choice, text
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404
from app.core.search import like_pattern
from app.employers.models import Employer
from app.extensions import db
from app.profiles.models import Characteristic
from app.seekers.consent import ConsentRequired, consent_check
from app.seekers.models import (
    MATCHING_SCOPE,
    STATUSES,
    CapabilityProfile,
    CapabilityRating,
    Consent,
    ConsentEvent,
    JobSeeker,
    Workplace,
)


def _coach_value(value: str) -> bool:
    return value == "mine" or (value.isascii() and value.isdigit() and 0 < int(value) < 2**31)


@dataclass
class SeekerFilters(FilterSet):
    """The seeker list's query string, checked against allow-lists."""

    q: str = text(max_len=60)
    status: str = choice((*STATUSES, "active"))
    coach: str = text(max_len=12, accept=_coach_value)  # "" | "mine" | a user id


def seeker_list(*, user, filters: SeekerFilters, page: int) -> Page:
    """One page of my organisation's seekers: (seeker, coach name, latest assessment date)."""
    latest = (select(CapabilityProfile.seeker_id, func.max(CapabilityProfile.assessed_on).label("assessed_on"))
              .where(CapabilityProfile.organisation_id == user.organisation_id)
              .group_by(CapabilityProfile.seeker_id).subquery())
    stmt = (select(JobSeeker, User.name.label("coach_name"), latest.c.assessed_on)
            .outerjoin(User, User.id == JobSeeker.coach_id).outerjoin(latest, latest.c.seeker_id == JobSeeker.id)
            .where(JobSeeker.organisation_id == user.organisation_id).order_by(JobSeeker.code))
    if filters.q:
        pattern = like_pattern(filters.q.lower())
        stmt = stmt.where(or_(func.lower(JobSeeker.code).like(pattern, escape="\\"),
                              func.lower(JobSeeker.alias).like(pattern, escape="\\")))
    if filters.status == "active":
        stmt = stmt.where(JobSeeker.status != "ended")
    elif filters.status:
        stmt = stmt.where(JobSeeker.status == filters.status)
    if filters.coach:
        stmt = stmt.where(JobSeeker.coach_id == (user.id if filters.coach == "mine" else int(filters.coach)))
    return paginate(stmt, page=page, scalars=False)


def seeker_get_or_404(seeker_id, user) -> JobSeeker:
    """A seeker of my organisation, or 404."""
    return get_scoped_or_404(JobSeeker, seeker_id, user)


def seeker_by_code(*, organisation_id: int, code: str) -> JobSeeker | None:
    """A seeker of an organisation by code (case-insensitive)."""
    return db.session.scalar(select(JobSeeker).where(JobSeeker.organisation_id == organisation_id,
                                                     func.lower(JobSeeker.code) == code.strip().lower()))


def seekers_of(*, user, statuses: tuple[str, ...] | None = None) -> list[JobSeeker]:
    """My organisation's seekers (optionally in some statuses), by code."""
    stmt = select(JobSeeker).where(JobSeeker.organisation_id == user.organisation_id).order_by(JobSeeker.code)
    if statuses:
        stmt = stmt.where(JobSeeker.status.in_(statuses))
    return list(db.session.scalars(stmt))


def consent_get_or_404(consent_id, user) -> Consent:
    """A consent of my organisation's seeker, or 404."""
    return get_scoped_or_404(Consent, consent_id, user)


def workplace_get_or_404(workplace_id, user) -> Workplace:
    """A traffic-light workplace of my organisation's seeker, or 404."""
    return get_scoped_or_404(Workplace, workplace_id, user)


def coaches(*, user) -> list[User]:
    """Active users of my organisation who coach job seekers."""
    return list(db.session.scalars(
        select(User).where(User.organisation_id == user.organisation_id, User.active.is_(True),
                           User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(("coach", "consultant")))))
        .order_by(User.name)))


def user_names(*, organisation_id: int) -> dict[int, str]:
    """Names of an organisation's users by id (for 'recorded by' columns)."""
    return dict(db.session.execute(select(User.id, User.name).where(User.organisation_id == organisation_id)).all())


def seeker_consents(seeker: JobSeeker) -> list[tuple[Consent, list[ConsentEvent]]]:
    """The seeker's consents, newest first, each with its history."""
    consents = list(db.session.scalars(select(Consent).where(Consent.seeker_id == seeker.id)
                                       .order_by(Consent.signed_on.desc(), Consent.id.desc())))
    events = defaultdict(list)
    if consents:
        for event in db.session.scalars(select(ConsentEvent).where(
                ConsentEvent.consent_id.in_([c.id for c in consents])).order_by(ConsentEvent.happened_on,
                                                                                ConsentEvent.id)):
            events[event.consent_id].append(event)
    return [(c, events[c.id]) for c in consents]


def employer_names(ids) -> dict[int, str]:
    """Employer names by id (employers are network-shared)."""
    ids = list(set(ids))
    if not ids:
        return {}
    return dict(db.session.execute(select(Employer.id, Employer.name).where(Employer.id.in_(ids))).all())


def seeker_workplaces(seeker: JobSeeker) -> list[tuple[Workplace, Employer]]:
    """The seeker's traffic-light workplaces: green first, then yellow, then orange, by employer name."""
    order = {"green": 0, "yellow": 1, "orange": 2}
    rows = db.session.execute(select(Workplace, Employer).join(Employer, Employer.id == Workplace.employer_id)
                              .where(Workplace.seeker_id == seeker.id)).all()
    return sorted(((w, e) for w, e in rows), key=lambda pair: (order.get(pair[0].light, 9), pair[1].name))




def capability_profiles(seeker: JobSeeker, *, limit: int | None = None) -> list[tuple[CapabilityProfile, dict]]:
    """The seeker's assessments, newest first, each with its ratings {characteristic id: level}."""
    stmt = (select(CapabilityProfile).where(CapabilityProfile.seeker_id == seeker.id)
            .order_by(CapabilityProfile.assessed_on.desc(), CapabilityProfile.id.desc()))
    profiles = list(db.session.scalars(stmt.limit(limit) if limit else stmt))
    ratings = defaultdict(dict)
    if profiles:
        for r in db.session.scalars(select(CapabilityRating).where(
                CapabilityRating.profile_id.in_([p.id for p in profiles]))):
            ratings[r.profile_id][r.characteristic_id] = r.level
    return [(p, ratings[p.id]) for p in profiles]


def current_capability(seeker: JobSeeker) -> tuple[CapabilityProfile | None, dict[int, int]]:
    """The newest assessment and its ratings, or (None, {})."""
    found = capability_profiles(seeker, limit=1)
    return found[0] if found else (None, {})


def current_capabilities(seekers: list[JobSeeker]) -> dict[int, tuple[CapabilityProfile, dict[int, int]]]:
    """The newest assessment of each seeker, with ratings, in two queries."""
    ids = [s.id for s in seekers]
    if not ids:
        return {}
    newest: dict[int, CapabilityProfile] = {}
    for profile in db.session.scalars(select(CapabilityProfile).where(CapabilityProfile.seeker_id.in_(ids))
                                      .order_by(CapabilityProfile.assessed_on, CapabilityProfile.id)):
        newest[profile.seeker_id] = profile
    ratings = defaultdict(dict)
    if newest:
        for r in db.session.scalars(select(CapabilityRating).where(
                CapabilityRating.profile_id.in_([p.id for p in newest.values()]))):
            ratings[r.profile_id][r.characteristic_id] = r.level
    return {seeker_id: (p, ratings[p.id]) for seeker_id, p in newest.items()}


@dataclass(frozen=True)
class CapabilityView:
    """A capability profile without identity: no seeker id, code, alias or coach; ratings keyed by item code."""

    ratings: dict[str, int]
    assessed_on: date
    licensed: bool


def pseudonymous_capability(seeker: JobSeeker, *, scope: str = MATCHING_SCOPE) -> CapabilityView | None:
    """The seeker's current capability as a pseudonymous view for another organisation, only under a valid consent
    given in writing (else ConsentRequired)."""
    check = consent_check(seeker, scope, written=True)
    if not check.ok:
        raise ConsentRequired(check)
    profile, ratings = current_capability(seeker)
    if profile is None:
        return None
    codes = dict(db.session.execute(select(Characteristic.id, Characteristic.code)
                                    .where(Characteristic.id.in_(list(ratings)))).all()) if ratings else {}
    return CapabilityView(ratings={codes[i]: level for i, level in ratings.items()}, assessed_on=profile.assessed_on,
                          licensed=profile.licensed)
