"""Demo step 80: what the reports need beyond the earlier steps, so every report shows something over the last 12
months: face-to-face employer work in the last weeks, placements through the year with their follow-ups recorded
(retention, pay-subsidy ends), and leads found, shared and filled in past months (hidden jobs among them, some
filled by another organisation). Goes through the services; history dates are set where a service stamps "now".
Skipped when it has run (its seekers exist)."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.employers.models import Employer, Relationship
from app.extensions import db
from app.leads import services as lead_services
from app.leads.placements import services as placement_services
from app.leads.placements.models import PlacementFollowUp
from app.reports.periods import utc_start
from app.seekers import services as seeker_services
from app.seekers.models import JobSeeker
from app.touchpoints import services as touchpoint_services

log = logging.getLogger("ratko.reports")
MARKER = "RAP-"
# (organisation, coach e-mail, days ago it started, type, still employed at the follow-ups, ended days ago)
PLACEMENTS = (
    ("joensuu", "coach@example.org", 380, "ordinary", (True, True, True, True), None),
    ("joensuu", "coach@example.org", 330, "pay_subsidy", (True, True, True, False), 20),
    ("joensuu", "coordinator@example.org", 270, "ordinary", (True, True, False), 60),
    ("joensuu", "coach@example.org", 200, "apprenticeship", (True, True, True), None),
    ("joensuu", "consultant@example.org", 150, "work_trial", (True, True), 66),
    ("joensuu", "coach@example.org", 120, "ordinary", (True, True), None),
    ("joensuu", "coach@example.org", 75, "pay_subsidy", (True,), None),
    ("joensuu", "coordinator@example.org", 40, "ordinary", (True,), None),
    ("joensuu", "consultant@example.org", 12, "work_trial", (), None),
    ("tyovalmennus", "coach2@example.org", 300, "ordinary", (True, True, True), None),
    ("tyovalmennus", "coach2@example.org", 240, "pay_subsidy", (True, True, True), None),
    ("tyovalmennus", "manager2@example.org", 160, "ordinary", (True, False), 70),
    ("tyovalmennus", "coach2@example.org", 90, "ordinary", (True,), None),
    ("tyovalmennus", "coach2@example.org", 50, "apprenticeship", (True,), None),
    ("vaara", "coach3@example.org", 100, "ordinary", (True, True), None),
)
# (organisation, e-mail, kind, title, created days ago, filled days after, filled by organisation slug)
LEADS = (
    ("joensuu", "coach@example.org", "hidden_job", "Varaston aamuapu (kuultu käynnillä)", 320, 18, "joensuu"),
    ("joensuu", "coordinator@example.org", "open_vacancy", "Kaupan hyllyttäjä", 260, 30, "tyovalmennus"),
    ("joensuu", "coach@example.org", "hidden_job", "Keittiön tiskiapu", 190, 12, "joensuu"),
    ("joensuu", "coach@example.org", "open_vacancy", "Siivoojan sijaisuus", 130, None, None),
    ("joensuu", "coordinator@example.org", "hidden_job", "Pihatyöt kiinteistöyhtiössä", 70, 25, "vaara"),
    ("joensuu", "coach@example.org", "work_trial", "Työkokeilu kirjastossa", 35, 9, "joensuu"),
    ("tyovalmennus", "coach2@example.org", "open_vacancy", "Pesulan apulainen", 210, 21, "joensuu"),
    ("tyovalmennus", "coach2@example.org", "hidden_job", "Kahvilan iltavuoro", 100, 15, "tyovalmennus"),
    ("vaara", "coach3@example.org", "open_vacancy", "Autokorjaamon apumies", 150, 40, "vaara"),
)
FACE_TO_FACE = ("visit", "meeting", "walk_in", "visit", "fair")


def load() -> None:
    """Add the reports' demo history (idempotent)."""
    organisations = {o.slug: o for o in auth_selectors.organisation_list()}
    if not {"joensuu", "tyovalmennus", "vaara"} <= set(organisations):
        return
    if db.session.scalar(select(func.count(JobSeeker.id)).where(JobSeeker.code.like(f"{MARKER}%"))):
        return
    _recent_work(organisations)
    for index, spec in enumerate(PLACEMENTS):
        _placement(index, spec, organisations)
    for spec in LEADS:
        _lead(spec, organisations)
    log.info("demo history for the reports loaded")


def _employers(organisation_id: int) -> list[Employer]:
    return list(db.session.scalars(select(Employer).join(Relationship, Relationship.employer_id == Employer.id)
                                   .where(Relationship.organisation_id == organisation_id,
                                          Relationship.status.not_in(("dormant", "do_not_contact")))
                                   .order_by(Employer.name)))


def _recent_work(organisations) -> None:
    """Employer contacts in the last four weeks: face-to-face most days for the joensuu team, fewer elsewhere."""
    now = today()
    team = [("joensuu", "coach@example.org", 4), ("joensuu", "coordinator@example.org", 3),
            ("joensuu", "consultant@example.org", 2), ("tyovalmennus", "coach2@example.org", 3),
            ("vaara", "coach3@example.org", 1)]
    for slug, email, per_week in team:
        user, employers = auth_selectors.user_by_email(email), _employers(organisations[slug].id)
        if user is None or not employers:
            continue
        for n in range(per_week * 4):
            day = now - timedelta(days=(n * 7) // per_week + 1)
            touchpoint_services.touchpoint_log(author=user, employer=employers[(n * 3 + len(email)) % len(employers)],
                                               data={"occurred_on": day, "channel": FACE_TO_FACE[n % 5],
                                                     "summary": "Kävin tapaamassa esimiestä ja kuulin tulevista "
                                                                "tarpeista.", "purpose": "keep_in_touch"})


def _placement(index: int, spec, organisations) -> None:
    slug, email, days_ago, kind, employed, ended = spec
    user = auth_selectors.user_by_email(email)
    employers = _employers(organisations[slug].id)
    if user is None or not employers:
        return
    seeker = seeker_services.seeker_create(organisation_id=user.organisation_id, data={
        "code": f"{MARKER}{index + 1:02d}", "alias": f"{chr(65 + index)}. R.", "status": "job_finding",
        "coach_id": user.id})
    starts_on = today() - timedelta(days=days_ago)
    data = {"type": kind, "job_title": "Avustavat tehtävät", "starts_on": starts_on, "hours_per_week": 25.0,
            "equal_pay": True, "ordinary_workplace": True}
    if kind == "pay_subsidy":
        data["subsidy_ends_on"] = starts_on + timedelta(days=300)
    if kind == "work_trial":
        data.update(planned_weeks=8, employment_goal="Palkkatyö samassa työpaikassa kokeilun jälkeen")
    placement = placement_services.placement_create(user=user, seeker=seeker,
                                                    employer=employers[(index * 5) % len(employers)], data=data)
    follow_ups = db.session.scalars(select(PlacementFollowUp).where(PlacementFollowUp.placement_id == placement.id)
                                    .order_by(PlacementFollowUp.months))
    for follow_up, still in zip(follow_ups, employed, strict=False):
        if follow_up.due_on <= today():
            placement_services.follow_up_record(follow_up=follow_up, done_on=follow_up.due_on, still_employed=still,
                                                note=None, user=user)
    if ended is not None and today() - timedelta(days=ended) >= starts_on:
        placement_services.placement_end(placement=placement, ended_on=today() - timedelta(days=ended),
                                         reason="trial_completed" if kind == "work_trial" else "moved_on")


def _lead(spec, organisations) -> None:
    slug, email, kind, title, days_ago, fill_after, filler = spec
    user = auth_selectors.user_by_email(email)
    employers = _employers(organisations[slug].id)
    if user is None or not employers:
        return
    created_on = today() - timedelta(days=days_ago)
    lead = lead_services.lead_create(user=user, employer=employers[days_ago % len(employers)], data={
        "title": title, "kind": kind, "visibility": "network", "hold_days": None, "owner_id": user.id,
        "expires_on": today() + timedelta(days=30), "description": "Työnantaja etsii tekijää."})
    lead.created_at = lead.opens_at = utc_start(created_on) + timedelta(hours=9, minutes=30)
    lead.expires_on = created_on + timedelta(days=60)
    if fill_after is not None:
        lead_services.lead_fill(lead=lead, by_organisation_id=organisations[filler].id,
                                on=created_on + timedelta(days=fill_after), actor=user)
    db.session.flush()
