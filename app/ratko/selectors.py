"""Reads for RATKO. Every record is private to its organisation: single records through `*_get_or_404(id, user=)`
(404 for another organisation), lists filtered by `user.organisation_id`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.auth.models import Organisation, User
from app.core.filters import FilterSet, choice, flag, text
from app.core.pagination import Page, paginate
from app.core.scoping import get_scoped_or_404, scope
from app.core.search import like_pattern, search_fold
from app.employers.models import Employer, Relationship
from app.extensions import db
from app.ratko.models import (
    PHASES,
    STATUSES,
    Bundle,
    Consolidation,
    Engagement,
    EngagementEvent,
    EngagementNote,
    FollowUp,
    KeyPerson,
    Participant,
    Task,
    TimeEntry,
    Workshop,
)


def engagement_get_or_404(engagement_id: int, *, user) -> Engagement:
    """One engagement of my organisation, or 404."""
    return get_scoped_or_404(Engagement, engagement_id, user)


def workshop_get_or_404(workshop_id: int, *, user) -> Workshop:
    """One workshop of my organisation, or 404."""
    return get_scoped_or_404(Workshop, workshop_id, user)


def participant_get_or_404(participant_id: int, *, user) -> Participant:
    """One workshop participant of my organisation, or 404."""
    return get_scoped_or_404(Participant, participant_id, user)


def task_get_or_404(task_id: int, *, user) -> Task:
    """One inventoried task of my organisation, or 404."""
    return get_scoped_or_404(Task, task_id, user)


def bundle_get_or_404(bundle_id: int, *, user) -> Bundle:
    """One task bundle of my organisation, or 404."""
    return get_scoped_or_404(Bundle, bundle_id, user)


def bundle_of_organisation(bundle_id: int, *, user) -> Bundle | None:
    """A bundle of my organisation, or None (deleted meanwhile, or not ours: the caller answers the same)."""
    bundle = db.session.get(Bundle, bundle_id) if isinstance(bundle_id, int) and 0 < bundle_id < 2**63 else None
    return bundle if bundle is not None and bundle.organisation_id == user.organisation_id else None


def note_get_or_404(note_id: int, *, user) -> EngagementNote:
    """One phase note of my organisation, or 404."""
    return get_scoped_or_404(EngagementNote, note_id, user)


def key_person_get_or_404(key_person_id: int, *, user) -> KeyPerson:
    """One key person of my organisation's engagement, or 404."""
    return get_scoped_or_404(KeyPerson, key_person_id, user)


def time_entry_get_or_404(time_entry_id: int, *, user) -> TimeEntry:
    """One time entry of my organisation, or 404."""
    return get_scoped_or_404(TimeEntry, time_entry_id, user)


def follow_up_get_or_404(follow_up_id: int, *, user) -> FollowUp:
    """One consolidation follow-up of my organisation, or 404."""
    return get_scoped_or_404(FollowUp, follow_up_id, user)


def employer_of(engagement: Engagement) -> Employer:
    """The (network-shared) employer of an engagement."""
    return db.session.get(Employer, engagement.employer_id)


def organisation_users(*, user) -> list[User]:
    """Active users of my organisation, by name (consultant, coach and facilitator choices)."""
    return list(db.session.scalars(select(User).where(User.organisation_id == user.organisation_id,
                                                      User.active.is_(True)).order_by(User.name)))


def user_names(*, user) -> dict[int, str]:
    """Names of every user of my organisation (also deactivated ones, for history)."""
    stmt = select(User.id, User.name).where(User.organisation_id == user.organisation_id)
    return {user_id: name for user_id, name in db.session.execute(stmt)}


@dataclass
class EngagementFilters(FilterSet):
    """The engagement list's query string, checked against allow-lists (`mine` defaults by role, so it is always
    written)."""

    q: str = text(max_len=100)
    status: str = choice(STATUSES)
    phase: str = choice(PHASES)
    mine: bool = flag(explicit=True)


def engagement_list(*, user, filters: EngagementFilters, page: int = 1, per_page: int = 50) -> Page:
    """My organisation's engagements with employer, consultant and coach names (one page)."""
    consultant, coach = aliased(User), aliased(User)
    stmt = (select(Engagement, Employer.name.label("employer_name"), consultant.name.label("consultant_name"),
                   coach.name.label("coach_name"))
            .join(Employer, Employer.id == Engagement.employer_id)
            .outerjoin(consultant, consultant.id == Engagement.consultant_id)
            .outerjoin(coach, coach.id == Engagement.coach_id))
    stmt = scope(stmt, Engagement, user)
    if filters.status:
        stmt = stmt.where(Engagement.status == filters.status)
    if filters.phase:
        stmt = stmt.where(Engagement.phase == filters.phase)
    if filters.mine:
        stmt = stmt.where(or_(Engagement.consultant_id == user.id, Engagement.coach_id == user.id))
    for word in filters.q.split()[:5]:  # the employer by its folded search text: "karna" finds "Kärnä"
        stmt = stmt.where(or_(Engagement.title.ilike(like_pattern(word), escape="\\"),
                              Employer.search_text.like(like_pattern(search_fold(word)), escape="\\")))
    stmt = stmt.order_by(Engagement.status.in_(("completed", "declined")), Engagement.updated_at.desc(),
                         Engagement.id.desc())
    return paginate(stmt, page=page, per_page=per_page, scalars=False)


def engagements_for_employer(*, user, employer_id: int) -> list:
    """My organisation's engagements with one employer: (engagement, consultant name)."""
    stmt = (select(Engagement, User.name.label("consultant_name"))
            .outerjoin(User, User.id == Engagement.consultant_id)
            .where(Engagement.employer_id == employer_id))
    return list(db.session.execute(scope(stmt, Engagement, user).order_by(Engagement.created_at.desc())))


@dataclass(frozen=True)
class RatkoElsewhere:
    """Another organisation running RATKO with an employer: what the network may know (no engagement details)."""

    organisation: str
    since: date
    contact: str | None  # the owner of that organisation's relationship with the employer (network-visible)


def ratko_elsewhere(*, user, employer_id: int) -> list[RatkoElsewhere]:
    """Other organisations with an active or seeded RATKO engagement with this employer, oldest first."""
    stmt = (select(Organisation.name, func.min(Engagement.created_at), func.max(User.name))
            .join(Organisation, Organisation.id == Engagement.organisation_id)
            .outerjoin(Relationship, (Relationship.organisation_id == Engagement.organisation_id)
                       & (Relationship.employer_id == Engagement.employer_id))
            .outerjoin(User, User.id == Relationship.owner_id)
            .where(Engagement.employer_id == employer_id, Engagement.organisation_id != user.organisation_id,
                   Engagement.status.in_(("active", "seeded")))
            .group_by(Organisation.id, Organisation.name).order_by(func.min(Engagement.created_at)))
    return [RatkoElsewhere(name, started.date(), owner) for name, started, owner in db.session.execute(stmt)]


def workshop_flagged(engagement: Engagement, workshop: Workshop) -> bool:
    """A workshop held before management's go (allowed, but flagged)."""
    if engagement.decision != "go":
        return True
    return engagement.decided_on is not None and workshop.held_on < engagement.decided_on


def engagement_workshops(engagement: Engagement) -> list:
    """Workshops of an engagement with their task counts: (workshop, task count), by session."""
    counts = (select(Task.workshop_id, func.count(Task.id).label("n")).where(Task.engagement_id == engagement.id)
              .group_by(Task.workshop_id).subquery())
    stmt = (select(Workshop, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.workshop_id == Workshop.id)
            .where(Workshop.engagement_id == engagement.id)
            .order_by(Workshop.session_number, Workshop.held_on, Workshop.id))
    return list(db.session.execute(stmt))


def engagement_tasks(engagement: Engagement) -> list[Task]:
    """Every inventoried task of an engagement in board order (bundle, position)."""
    return list(db.session.scalars(select(Task).where(Task.engagement_id == engagement.id)
                                   .order_by(Task.bundle_id.is_not(None), Task.bundle_id, Task.position, Task.id)))


def engagement_bundles(engagement: Engagement) -> list[Bundle]:
    """Bundles of an engagement in board order."""
    return list(db.session.scalars(select(Bundle).where(Bundle.engagement_id == engagement.id)
                                   .order_by(Bundle.position, Bundle.id)))


def engagement_notes(engagement: Engagement) -> list[EngagementNote]:
    """Phase notes of an engagement, newest first."""
    return list(db.session.scalars(select(EngagementNote).where(EngagementNote.engagement_id == engagement.id)
                                   .order_by(EngagementNote.created_at.desc(), EngagementNote.id.desc())))


def engagement_key_persons(engagement: Engagement) -> list[KeyPerson]:
    """Key persons of an engagement by role and name."""
    return list(db.session.scalars(select(KeyPerson).where(KeyPerson.engagement_id == engagement.id)
                                   .order_by(KeyPerson.role, KeyPerson.name)))


def engagement_time(engagement: Engagement) -> list[TimeEntry]:
    """The consultant's time entries on an engagement, newest first."""
    return list(db.session.scalars(select(TimeEntry).where(TimeEntry.engagement_id == engagement.id)
                                   .order_by(TimeEntry.spent_on.desc(), TimeEntry.id.desc())))


def engagement_events(engagement: Engagement) -> list[EngagementEvent]:
    """History of phase, status and decision changes, newest first."""
    return list(db.session.scalars(select(EngagementEvent).where(EngagementEvent.engagement_id == engagement.id)
                                   .order_by(EngagementEvent.at.desc(), EngagementEvent.id.desc())))


def engagement_consolidation(engagement: Engagement) -> Consolidation | None:
    """The consolidation record of an engagement, if started."""
    return db.session.scalar(select(Consolidation).where(Consolidation.engagement_id == engagement.id))


def engagement_guide(engagement: Engagement) -> str | None:
    """Who guides the new worker at the workplace: the inductor of the consolidation, else a key person named as
    inductor, else as supervisor."""
    consolidation = engagement_consolidation(engagement)
    if consolidation is not None and consolidation.inductor_name:
        return consolidation.inductor_name
    people = {p.role: p.name for p in reversed(engagement_key_persons(engagement))}
    return people.get("inductor") or people.get("supervisor")


def engagement_follow_ups(engagement: Engagement) -> list[FollowUp]:
    """Follow-ups of an engagement: open ones first, by date."""
    return list(db.session.scalars(select(FollowUp).where(FollowUp.engagement_id == engagement.id)
                                   .order_by(FollowUp.done_on.is_not(None), FollowUp.due_on, FollowUp.id)))


def workshop_participants(workshop: Workshop) -> list[Participant]:
    """Participants of a workshop in the order they were added."""
    return list(db.session.scalars(select(Participant).where(Participant.workshop_id == workshop.id)
                                   .order_by(Participant.id)))


def workshop_participant(workshop: Workshop, participant_id: int | None) -> Participant | None:
    """One participant of this workshop (None when absent, not given or of another workshop)."""
    participant = db.session.get(Participant, participant_id) if participant_id else None
    return participant if participant is not None and participant.workshop_id == workshop.id else None


def workshop_tasks(workshop: Workshop) -> list[Task]:
    """Tasks inventoried in a workshop, in entry order."""
    return list(db.session.scalars(select(Task).where(Task.workshop_id == workshop.id).order_by(Task.id)))


def engagement_participants(engagement: Engagement) -> dict[int, Participant]:
    """Every participant of an engagement's workshops by id."""
    stmt = (select(Participant).join(Workshop, Workshop.id == Participant.workshop_id)
            .where(Workshop.engagement_id == engagement.id))
    return {p.id: p for p in db.session.scalars(stmt)}


def engagement_roles(engagement: Engagement) -> list[str]:
    """Roles already used in an engagement's inventory and workshops (suggestions for entry)."""
    tasks = select(Task.role).where(Task.engagement_id == engagement.id)
    people = (select(Participant.role).join(Workshop, Workshop.id == Participant.workshop_id)
              .where(Workshop.engagement_id == engagement.id))
    roles = {" ".join(r.split()) for r in db.session.scalars(tasks.union(people)) if r and r.strip()}
    return sorted(roles, key=str.casefold)


def bundle_tasks(bundle: Bundle) -> list[Task]:
    """Tasks carved into a bundle, in board order."""
    return list(db.session.scalars(select(Task).where(Task.bundle_id == bundle.id)
                                   .order_by(Task.position, Task.id)))


def board_token(engagement_id: int) -> str:
    """A cheap fingerprint of an engagement's board: changes whenever a task or bundle is added, moved, edited or
    deleted (counts, version sums and highest ids of both tables)."""
    tasks = select(func.count(Task.id), func.coalesce(func.sum(Task.version), 0), func.coalesce(func.max(Task.id), 0),
                   func.coalesce(func.sum(Task.position), 0)).where(Task.engagement_id == engagement_id)
    bundles = select(func.count(Bundle.id), func.coalesce(func.sum(Bundle.version), 0),
                     func.coalesce(func.max(Bundle.id), 0)).where(Bundle.engagement_id == engagement_id)
    values = (*db.session.execute(tasks).one(), *db.session.execute(bundles).one())
    return "-".join(str(int(v or 0)) for v in values)
