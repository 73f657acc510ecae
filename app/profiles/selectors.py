"""Reads for the catalogue (network-wide) and demand profiles (scoped to the acting user's organisation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from app.core.scoping import get_or_404, get_scoped_or_404
from app.employers.models import Employer
from app.extensions import db
from app.profiles import comparison
from app.profiles.models import Characteristic, CharacteristicGroup, DemandProfile, DemandRating
from app.ratko.models import Bundle, Engagement, EngagementNote, Task

OPEN_BUNDLE_STATUSES = ("draft", "agreed", "published")


def catalogue(*, include_inactive: bool = False) -> list[Characteristic]:
    """Catalogue items in group order, then item order."""
    stmt = (select(Characteristic).join(Characteristic.group)
            .order_by(CharacteristicGroup.position, Characteristic.position, Characteristic.id))
    if not include_inactive:
        stmt = stmt.where(Characteristic.active.is_(True))
    return list(db.session.scalars(stmt))


def catalogue_with(ids: Iterable[int]) -> list[Characteristic]:
    """Active items plus any inactive items still rated in a profile being shown (catalogue order)."""
    wanted = set(ids)
    return [item for item in catalogue(include_inactive=True) if item.active or item.id in wanted]


def grouped(items: Iterable[Characteristic]) -> list[tuple[CharacteristicGroup, list[Characteristic]]]:
    """Items grouped by their catalogue group, keeping the order."""
    result: dict[int, tuple[CharacteristicGroup, list[Characteristic]]] = {}
    for item in items:
        result.setdefault(item.group_id, (item.group, []))[1].append(item)
    return list(result.values())


def groups() -> list[CharacteristicGroup]:
    """Catalogue groups in order."""
    return list(db.session.scalars(select(CharacteristicGroup).order_by(CharacteristicGroup.position)))


def characteristic_get_or_404(item_id: int) -> Characteristic:
    """One catalogue item (network-wide)."""
    return get_or_404(Characteristic, item_id)


def characteristic_by_code(code: str) -> Characteristic | None:
    """A catalogue item by its code."""
    return db.session.scalar(select(Characteristic).where(Characteristic.code == code))


def bundle_get_or_404(bundle_id: int, user) -> Bundle:
    """A bundle of the user's organisation, or 404."""
    return get_scoped_or_404(Bundle, bundle_id, user)


def task_get_or_404(task_id: int, user) -> Task:
    """A task of the user's organisation, or 404."""
    return get_scoped_or_404(Task, task_id, user)


def bundle_context(bundle: Bundle) -> tuple[Engagement, Employer]:
    """The engagement and employer a bundle belongs to."""
    row = db.session.execute(select(Engagement, Employer).join(Employer, Employer.id == Engagement.employer_id)
                             .where(Engagement.id == bundle.engagement_id)).one()
    return row[0], row[1]


def bundle_list(*, user, open_only: bool = False) -> list[tuple[Bundle, Engagement, Employer]]:
    """My organisation's bundles with their engagement and employer, by employer and title."""
    stmt = (select(Bundle, Engagement, Employer).join(Engagement, Engagement.id == Bundle.engagement_id)
            .join(Employer, Employer.id == Engagement.employer_id)
            .where(Bundle.organisation_id == user.organisation_id)
            .order_by(Employer.name, Bundle.position, Bundle.title))
    if open_only:
        stmt = stmt.where(Bundle.status.in_(OPEN_BUNDLE_STATUSES))
    return [tuple(row) for row in db.session.execute(stmt)]


def task_demand_profile(task: Task) -> tuple[DemandProfile | None, dict[int, int]]:
    """A task's demand profile header and its ratings {characteristic id: level}."""
    profile = db.session.scalar(select(DemandProfile).where(DemandProfile.task_id == task.id))
    if profile is None:
        return None, {}
    rows = db.session.scalars(select(DemandRating).where(DemandRating.profile_id == profile.id))
    return profile, {r.characteristic_id: r.level for r in rows if r.level is not None}


@dataclass
class BundleDemand:
    """A bundle's demand: per-task demands, the computed maximum, overrides with reasons, key items."""

    bundle: Bundle
    profile: DemandProfile | None
    tasks: list[Task]
    excluded: list[Task] = field(default_factory=list)
    task_demands: dict[int, dict[int, int]] = field(default_factory=dict)
    rated_tasks: set[int] = field(default_factory=set)
    overrides: dict[int, tuple[int, str | None]] = field(default_factory=dict)
    key: set[int] = field(default_factory=set)

    @property
    def computed(self) -> dict[int, int]:
        """Highest task demand per item."""
        return comparison.bundle_demand(self.task_demands)

    @property
    def effective(self) -> dict[int, int]:
        """Computed demand with overrides applied: what the comparison uses."""
        return comparison.bundle_demand(self.task_demands, {k: v[0] for k, v in self.overrides.items()})

    @property
    def assessed(self) -> bool:
        """Whether anything is demanded at all."""
        return any(level > 0 for level in self.effective.values())

    def task(self, task_id: int) -> Task | None:
        """A task of this bundle by id (included or excluded)."""
        return next((t for t in [*self.tasks, *self.excluded] if t.id == task_id), None)

    def drivers(self, item_id: int) -> list[Task]:
        """Tasks that set the computed demand of an item."""
        return [self.task(tid) for tid in comparison.drivers(self.task_demands, item_id)]

    def causing(self, item_id: int, ability: int | None) -> list[Task]:
        """Tasks demanding more of an item than the ability: moving them out would close that gap."""
        if item_id in self.overrides:
            return []
        return [self.task(tid) for tid in comparison.causing_tasks(self.task_demands, item_id, ability)]


def bundle_demand_profile(bundle: Bundle, *, without: Iterable[int] = ()) -> BundleDemand:
    """The demand profile of one bundle; tasks in `without` are left out (a what-if view)."""
    return bundle_demands([bundle], without=without)[bundle.id]


def bundle_demands(bundles: list[Bundle], *, without: Iterable[int] = ()) -> dict[int, BundleDemand]:
    """Demand profiles of several bundles of one organisation in a fixed number of queries."""
    skip = set(without)
    ids = [b.id for b in bundles]
    tasks = list(db.session.scalars(select(Task).where(Task.bundle_id.in_(ids))
                                    .order_by(Task.position, Task.id))) if ids else []
    profiles = list(db.session.scalars(select(DemandProfile).where(
        (DemandProfile.bundle_id.in_(ids)) | (DemandProfile.task_id.in_([t.id for t in tasks]))))) if ids else []
    ratings = defaultdict(list)
    if profiles:
        for rating in db.session.scalars(select(DemandRating).where(
                DemandRating.profile_id.in_([p.id for p in profiles]))):
            ratings[rating.profile_id].append(rating)
    result = {b.id: BundleDemand(bundle=b, profile=None, tasks=[]) for b in bundles}
    task_bundle = {t.id: t.bundle_id for t in tasks}
    for task in tasks:
        target = result[task.bundle_id]
        (target.excluded if task.id in skip else target.tasks).append(task)
    for profile in profiles:
        if profile.bundle_id:
            demand = result[profile.bundle_id]
            demand.profile = profile
            for r in ratings[profile.id]:
                if r.level is not None:
                    demand.overrides[r.characteristic_id] = (r.level, r.reason)
                if r.key:
                    demand.key.add(r.characteristic_id)
        elif profile.task_id not in skip:
            demand = result[task_bundle[profile.task_id]]
            demand.rated_tasks.add(profile.task_id)
            demand.task_demands[profile.task_id] = {r.characteristic_id: r.level for r in ratings[profile.id]
                                                    if r.level is not None}
    return result


def open_bundles(*, user) -> list[Bundle]:
    """My organisation's bundles that are still to be filled."""
    return open_bundles_of(user.organisation_id)


def open_bundles_of(organisation_id: int) -> list[Bundle]:
    """An organisation's bundles that are still to be filled, by title (demo data, background jobs)."""
    return list(db.session.scalars(select(Bundle).where(Bundle.organisation_id == organisation_id,
                                                        Bundle.status.in_(OPEN_BUNDLE_STATUSES))
                                   .order_by(Bundle.title)))


def matching_notes(*, engagement_id: int, user) -> list[EngagementNote]:
    """The matching-phase notes of an engagement of my organisation, newest first."""
    return list(db.session.scalars(select(EngagementNote).where(
        EngagementNote.engagement_id == engagement_id, EngagementNote.organisation_id == user.organisation_id,
        EngagementNote.phase == "matching").order_by(EngagementNote.created_at.desc(), EngagementNote.id.desc())))
