"""Reads that put seekers and bundles side by side: rankings both ways, and the comparison page's content.

Only my organisation's seekers and bundles take part, only seekers with a valid matching consent are compared, and
the rankings say who was left out and why. Unassessed demands are unknown, not fit: the order counts gaps among the
assessed items only, and a comparison below the coverage threshold goes to an "assess first" list instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.profiles import selectors as profile_selectors
from app.profiles.chart import chart_groups
from app.profiles.comparison import Comparison, Summary, compare
from app.profiles.selectors import BundleDemand
from app.ratko.models import Bundle
from app.seekers import selectors
from app.seekers.consent import consent_check, consent_checks
from app.seekers.models import MATCHING_SCOPE, RANKED_STATUSES, CapabilityProfile, JobSeeker


@dataclass
class RankedSeeker:
    """A seeker's place in a bundle's ranking."""

    seeker: JobSeeker
    profile: CapabilityProfile
    summary: Summary


@dataclass
class Skipped:
    """A seeker or bundle left out of a ranking, with the reason code and message."""

    subject: object
    reason: str
    message: str = ""


@dataclass
class SeekerRanking:
    """My organisation's seekers ordered by how well they fit one bundle."""

    demand: BundleDemand
    ranked: list[RankedSeeker] = field(default_factory=list)
    assess_first: list[RankedSeeker] = field(default_factory=list)  # below the coverage threshold
    skipped: list[Skipped] = field(default_factory=list)


def _order(summary: Summary, label: str) -> tuple:
    return (*summary.rank_key(), label)


def _by_coverage(summary: Summary, label: str) -> tuple:
    return (-summary.coverage, label)


def seekers_for_bundle(*, bundle: Bundle, user) -> SeekerRanking:
    """Rank my organisation's consented, active seekers for a bundle by the share of gaps among the assessed items;
    seekers assessed on too few of the demanded items are listed to assess first (best covered first)."""
    demand = profile_selectors.bundle_demand_profile(bundle)
    ranking = SeekerRanking(demand=demand)
    seekers = selectors.seekers_of(user=user, statuses=RANKED_STATUSES)
    checks = consent_checks(seekers, MATCHING_SCOPE)
    capabilities = selectors.current_capabilities([s for s in seekers if checks[s.id].ok])
    effective = demand.effective
    for seeker in seekers:
        check = checks[seeker.id]
        if not check.ok:
            ranking.skipped.append(Skipped(seeker, check.reason, check.message))
        elif seeker.id not in capabilities:
            ranking.skipped.append(Skipped(seeker, "no_profile"))
        else:
            profile, ratings = capabilities[seeker.id]
            summary = compare(effective, ratings, key=demand.key, order=list(effective)).summary
            entry = RankedSeeker(seeker=seeker, profile=profile, summary=summary)
            (ranking.ranked if summary.rankable else ranking.assess_first).append(entry)
    ranking.ranked.sort(key=lambda r: _order(r.summary, r.seeker.code))
    ranking.assess_first.sort(key=lambda r: _by_coverage(r.summary, r.seeker.code))
    return ranking


@dataclass
class RankedBundle:
    """A bundle's place in a seeker's ranking."""

    demand: BundleDemand
    summary: Summary


@dataclass
class BundleRanking:
    """My organisation's open bundles ordered by how well a seeker fits them."""

    consent_ok: bool
    consent_message: str = ""
    profile: CapabilityProfile | None = None
    ranked: list[RankedBundle] = field(default_factory=list)
    assess_first: list[RankedBundle] = field(default_factory=list)  # the seeker assessed on too few demanded items
    unassessed: list[Bundle] = field(default_factory=list)


def bundles_for_seeker(*, seeker: JobSeeker, user) -> BundleRanking:
    """Rank my organisation's open bundles for a seeker (refused without a valid matching consent); bundles on whose
    demanded items the seeker is assessed too little are listed to assess first."""
    check = consent_check(seeker, MATCHING_SCOPE)
    if not check.ok:
        return BundleRanking(consent_ok=False, consent_message=check.message)
    profile, ratings = selectors.current_capability(seeker)
    ranking = BundleRanking(consent_ok=True, profile=profile)
    if profile is None:
        return ranking
    demands = profile_selectors.bundle_demands(profile_selectors.open_bundles(user=user))
    for demand in demands.values():
        if not demand.assessed:
            ranking.unassessed.append(demand.bundle)
            continue
        summary = compare(demand.effective, ratings, key=demand.key, order=list(demand.effective)).summary
        entry = RankedBundle(demand=demand, summary=summary)
        (ranking.ranked if summary.rankable else ranking.assess_first).append(entry)
    ranking.ranked.sort(key=lambda r: _order(r.summary, r.demand.bundle.title))
    ranking.assess_first.sort(key=lambda r: _by_coverage(r.summary, r.demand.bundle.title))
    return ranking


@dataclass
class GapDetail:
    """A gap of the comparison with the tasks causing it."""

    item: object
    demand: int
    ability: int | None
    key: bool
    overridden: bool
    causing: list


def comparison_view(*, seeker: JobSeeker, bundle: Bundle, without: list[int], user) -> dict:
    """Everything the comparison page shows (the caller has checked consent)."""
    demand = profile_selectors.bundle_demand_profile(bundle, without=without)
    profile, ratings = selectors.current_capability(seeker)
    items = profile_selectors.catalogue_with(set(demand.effective) | set(ratings))
    grouped = profile_selectors.grouped(items)
    result: Comparison = compare(demand.effective, ratings, key=demand.key, order=[i.id for i in items])
    by_id = {i.id: i for i in items}
    gaps = [GapDetail(item=by_id[r.item], demand=r.demand, ability=r.ability, key=r.key,
                      overridden=r.item in demand.overrides, causing=demand.causing(r.item, r.ability))
            for r in result.with_status("gap")]
    engagement, employer = profile_selectors.bundle_context(bundle)
    return {"seeker": seeker, "bundle": bundle, "demand": demand, "profile": profile, "comparison": result,
            "charts": chart_groups(grouped, result), "gaps": gaps, "by_id": by_id, "engagement": engagement,
            "employer": employer, "without": [t for t in demand.excluded],
            "notes": profile_selectors.matching_notes(engagement_id=bundle.engagement_id, user=user),
            "under": [by_id[r.item] for r in result.with_status("under_challenge")],
            "unassessed": [by_id[r.item] for r in result.with_status("not_assessed")],
            "rows": [(by_id[r.item], r) for r in result.items if r.status != "not_required"]}


def comparison_choices(*, user) -> tuple[list[Bundle], list[JobSeeker]]:
    """Bundles and seekers offered in the comparison page's pickers."""
    return profile_selectors.open_bundles(user=user), selectors.seekers_of(user=user, statuses=(
        *RANKED_STATUSES, "in_work", "follow_up"))


def consent_for_matching(seeker: JobSeeker):
    """The matching consent check for one seeker."""
    return consent_check(seeker, MATCHING_SCOPE)
