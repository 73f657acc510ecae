"""Writes for placements. Recording one creates its support-plan phases and its 1/3/6/12-month follow-ups, fills the
lead it came from (and through it the RATKO bundle and engagement outcome), logs a touchpoint on the employer's
timeline and marks the seeker in work. Never commits; audited (every model here is `__audit__`)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from flask_babel import lazy_gettext as _
from sqlalchemy import select

from app.auth.models import User
from app.core.conflict import check_version
from app.core.dates import today as local_today
from app.core.diagnosis import diagnosis_audit
from app.employers.models import Employer
from app.extensions import db
from app.leads import rules as lead_rules
from app.leads.labels import PLACEMENT_PROBLEMS, TYPE_LABELS
from app.leads.models import Lead, LeadProposal
from app.leads.placements import rules
from app.leads.placements.models import END_REASONS, PHASES, Placement, PlacementFollowUp, PlacementPhase
from app.leads.services import LeadRefused, bundle_fill, lead_fill
from app.leads.services.common import stored_text
from app.ratko.models import Bundle, Engagement
from app.seekers import services as seeker_services
from app.seekers.models import RANKED_STATUSES, JobSeeker
from app.touchpoints import services as touchpoint_services

log = logging.getLogger("ratko.leads")
N_ = str  # marks a stored text for extraction (translated when stored, in the author's language)
FIELDS = ("type", "job_title", "starts_on", "ends_on", "subsidy_ends_on", "hours_per_week", "equal_pay",
          "ordinary_workplace", "employment_goal", "planned_weeks", "notes")


def _check(data: dict) -> dict:
    """The data normalised for its type, or LeadRefused naming the first broken rule."""
    if not (data.get("job_title") or "").strip():
        raise LeadRefused("job_title", _("Give the job title."))
    found = rules.problems(data)
    if found:
        field, code = found[0]
        raise LeadRefused(field, PLACEMENT_PROBLEMS[code])
    clean = {k: (data[k].strip() or None) if isinstance(data.get(k), str) else data.get(k) for k in FIELDS}
    clean["ordinary_workplace"] = bool(data.get("ordinary_workplace"))
    if clean["type"] == "work_trial":
        clean["equal_pay"] = None
        clean["ends_on"] = clean["ends_on"] or clean["starts_on"] + timedelta(weeks=clean["planned_weeks"]) \
            - timedelta(days=1)
    else:
        clean["planned_weeks"] = None
    if clean["type"] != "pay_subsidy":
        clean["subsidy_ends_on"] = None
    return clean


def _coach(data: dict, user: User) -> int:
    coach = db.session.get(User, data.get("coach_id")) if data.get("coach_id") else None
    return coach.id if coach is not None and coach.organisation_id == user.organisation_id else user.id


def _check_lead(lead: Lead, seeker: JobSeeker, user: User) -> None:
    status = lead_rules.effective_status(status=lead.status, expires_on=lead.expires_on, today=local_today())
    if status in ("closed", "filled"):
        raise LeadRefused("lead_id", _("This lead is already closed or filled."))
    if lead.organisation_id == user.organisation_id:
        return
    accepted = db.session.scalar(select(LeadProposal.id).where(
        LeadProposal.lead_id == lead.id, LeadProposal.seeker_id == seeker.id, LeadProposal.status == "accepted",
        LeadProposal.organisation_id == user.organisation_id))
    if accepted is None:
        raise LeadRefused("lead_id", _("Another organisation's lead can be filled only by a candidate it accepted."))


def placement_create(*, user: User, seeker: JobSeeker, employer: Employer, data: dict, lead: Lead | None = None,
                     bundle: Bundle | None = None, diagnosis_reason: str | None = None) -> Placement:
    """Record a placement of my organisation's seeker: rules for its type first, then the plan, the follow-ups and
    the outcomes that flow back (lead filled, bundle and engagement completed, a touchpoint, the seeker in work).
    Diagnosis words kept in the job title or notes are audit-logged with `diagnosis_reason`."""
    clean = _check(data)
    if seeker.organisation_id != user.organisation_id:
        raise LookupError("seeker of another organisation")
    if lead is not None:
        _check_lead(lead, seeker, user)
        employer = db.session.get(Employer, lead.employer_id)
    if bundle is not None and (bundle.organisation_id != user.organisation_id
                               or db.session.get(Engagement, bundle.engagement_id).employer_id != employer.id):
        raise LeadRefused("bundle_id", _("Choose a bundle of my organisation at this employer."))
    placement = Placement(organisation_id=user.organisation_id, seeker_id=seeker.id, employer_id=employer.id,
                          lead_id=lead.id if lead else None, status="active", coach_id=_coach(data, user),
                          bundle_id=bundle.id if bundle else (lead.bundle_id if lead and lead.organisation_id
                                                              == user.organisation_id else None), **clean)
    db.session.add(placement)
    db.session.flush()
    diagnosis_audit(placement, data, diagnosis_reason)
    _plan_and_follow_ups(placement)
    if lead is not None:
        lead_fill(lead=lead, by_organisation_id=user.organisation_id, actor=user)
    if bundle is not None:
        bundle_fill(bundle=bundle, actor=user)
    _log_touchpoint(placement, employer, user)
    if seeker.status in RANKED_STATUSES:
        seeker_services.seeker_update(seeker=seeker, data={"status": "in_work"}, expected_version=seeker.version)
    db.session.flush()
    log.info("placement %s recorded by %s at employer %s", placement.id, user.id, employer.id)
    return placement


def _plan_and_follow_ups(placement: Placement) -> None:
    for phase, starts_on, ends_on in rules.default_phases(placement.starts_on):
        db.session.add(PlacementPhase(placement_id=placement.id, organisation_id=placement.organisation_id,
                                      phase=phase, starts_on=starts_on, ends_on=ends_on))
    for months, due_on in rules.follow_up_dates(placement.starts_on):
        db.session.add(PlacementFollowUp(placement_id=placement.id, organisation_id=placement.organisation_id,
                                         months=months, due_on=due_on))


def _log_touchpoint(placement: Placement, employer: Employer, user: User) -> None:
    """The placement on the employer's timeline. Every organisation reads the summary (a `network` column), so it is
    built from codes only: the type of placement, never the job title, notes or anything about the person."""
    summary = stored_text(N_("Placement agreed (%(type)s)"), language=user.language, type=TYPE_LABELS[placement.type])
    touchpoint_services.touchpoint_log(author=user, employer=employer, data={
        "occurred_on": min(placement.starts_on, local_today()), "channel": "other", "purpose": "other",
        "outcome": "work_trial" if placement.type == "work_trial" else "hire", "summary": summary,
        "client_present": False})


def placement_update(*, placement: Placement, data: dict, user: User, expected_version,
                     diagnosis_reason: str | None = None) -> Placement:
    """Edit a placement; refuses a stale version. A new start date moves the follow-ups not yet done. Diagnosis words
    kept in the job title or notes are audit-logged with `diagnosis_reason`."""
    check_version(placement, expected_version)
    clean = _check(data)
    moved = clean["starts_on"] != placement.starts_on
    for field, value in clean.items():
        setattr(placement, field, value)
    placement.coach_id = _coach(data, user)
    if placement.type != "pay_subsidy":
        placement.subsidy_handled_on = None
    if moved:
        due = dict(rules.follow_up_dates(placement.starts_on))
        for follow_up in db.session.scalars(select(PlacementFollowUp).where(
                PlacementFollowUp.placement_id == placement.id, PlacementFollowUp.done_on.is_(None))):
            follow_up.due_on = due.get(follow_up.months, follow_up.due_on)
    db.session.flush()
    diagnosis_audit(placement, data, diagnosis_reason)
    return placement


def placement_end(*, placement: Placement, ended_on: date, reason: str) -> Placement:
    """End a placement (its open follow-ups leave the worklist)."""
    if reason not in END_REASONS:
        raise LeadRefused("reason", _("Choose why the placement ended."))
    if ended_on < placement.starts_on:
        raise LeadRefused("ended_on", _("The end cannot be before the start."))
    placement.status, placement.ended_on, placement.end_reason = "ended", ended_on, reason
    db.session.flush()
    return placement


def placement_reopen(*, placement: Placement) -> Placement:
    """Undo ending a placement."""
    placement.status, placement.ended_on, placement.end_reason = "active", None, None
    db.session.flush()
    return placement


def placement_delete(*, placement: Placement) -> None:
    """Delete a placement recorded by mistake with its plan and follow-ups (the lead stays filled)."""
    for model in (PlacementFollowUp, PlacementPhase):
        for row in db.session.scalars(select(model).where(model.placement_id == placement.id)):
            db.session.delete(row)
    db.session.flush()  # children first: the models have no relationship telling the flush the order
    db.session.delete(placement)
    db.session.flush()


def plan_save(*, placement: Placement, phases: list[dict]) -> None:
    """Save the support plan: per phase its dates, our responsible coach and the workplace's responsible person."""
    current = {p.phase: p for p in db.session.scalars(select(PlacementPhase).where(
        PlacementPhase.placement_id == placement.id))}
    for item in phases:
        if item.get("phase") not in PHASES:
            continue
        if item.get("starts_on") and item.get("ends_on") and item["ends_on"] < item["starts_on"]:
            raise LeadRefused(f"{item['phase']}-ends_on", _("The end cannot be before the start."))
        phase = current.get(item["phase"]) or PlacementPhase(placement_id=placement.id, phase=item["phase"],
                                                             organisation_id=placement.organisation_id)
        coach = db.session.get(User, item.get("coach_id")) if item.get("coach_id") else None
        phase.coach_id = coach.id if coach is not None and coach.organisation_id == placement.organisation_id \
            else None
        phase.starts_on, phase.ends_on = item.get("starts_on"), item.get("ends_on")
        phase.workplace_person = (item.get("workplace_person") or "").strip()[:120] or None
        phase.note = (item.get("note") or "").strip()[:500] or None
        db.session.add(phase)
    db.session.flush()


def follow_up_record(*, follow_up: PlacementFollowUp, done_on: date, still_employed: bool, note: str | None,
                     user: User) -> PlacementFollowUp:
    """Record a follow-up: when it was done and whether the person is still employed."""
    if done_on > local_today():
        raise LeadRefused("done_on", _("The date cannot be in the future."))
    if still_employed is None:
        raise LeadRefused("still_employed", _("Say whether the person is still employed."))
    follow_up.done_on, follow_up.still_employed = done_on, still_employed
    follow_up.note, follow_up.recorded_by_id = (note or "").strip()[:500] or None, user.id
    db.session.flush()
    return follow_up


def follow_up_reopen(*, follow_up: PlacementFollowUp) -> PlacementFollowUp:
    """Undo a recorded follow-up."""
    follow_up.done_on = follow_up.still_employed = follow_up.recorded_by_id = None
    db.session.flush()
    return follow_up


def subsidy_handled(*, placement: Placement, on: date | None = None) -> Placement:
    """The coach has planned what happens when the pay subsidy ends: the alert leaves the worklist."""
    placement.subsidy_handled_on = on or local_today()
    db.session.flush()
    return placement
