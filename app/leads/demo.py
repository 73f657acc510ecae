"""Demo step 70: leads of every kind from all three demo organisations (a hidden job still held among them), a RATKO
bundle made a lead, candidates proposed across organisations, and placements with follow-ups due and a pay subsidy
ending. Goes through the services; skipped when the demo organisations already have leads."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select

from app.auth import selectors as auth_selectors
from app.core.dates import today
from app.core.db import utcnow
from app.employers.models import Employer
from app.extensions import db
from app.leads import services
from app.leads.models import Lead
from app.leads.placements import services as placement_services
from app.profiles.models import Characteristic
from app.ratko.models import Bundle
from app.seekers import services as seeker_services
from app.seekers.consent import consent_check
from app.seekers.models import MATCHING_SCOPE, RANKED_STATUSES, JobSeeker
from app.touchpoints.models import Touchpoint

log = logging.getLogger("ratko.leads")

# (key, organisation, coach e-mail, employer, kind, title, hours, days to expiry, visibility, hold days, demand)
LEADS = (
    ("kahvila", "joensuu", "coach@example.org", "Kahvila Karjalanhelmi", "open_vacancy", "Kahvilan aamuvuoro", 20, 21,
     "network", None, {"lifting": 2, "punctuality": 3, "customer_contact": 2}),
    ("varasto", "joensuu", "coordinator@example.org", "Itäväylän Logistiikka Oy", "hidden_job",
     "Varaston keräilijä (piilotyöpaikka)", 30, 45, "network", 14, {"lifting": 3}),
    ("kirjasto", "joensuu", "coach@example.org", "Joen kirjastot", "work_trial", "Kirjaston hyllyttäjä, työkokeilu",
     18, 30, "organisation", None, {}),
    ("pesula", "tyovalmennus", "coach2@example.org", "Pesulapalvelu Valkea Oy", "open_vacancy",
     "Pesulatyöntekijä", 25, 14, "network", None, {"lifting": 2, "reading": 1}),
    ("puutarha", "tyovalmennus", "coach2@example.org", "Puutarhamyymälä Pihlajanmarja", "summer_job",
     "Kesätyö puutarhamyymälässä", 30, 40, "network", None, {}),
    ("kiinteisto", "tyovalmennus", "manager2@example.org", "Kontiolahden Varastopalvelu Oy", "hidden_job",
     "Pihatyöt ja lumityöt (kuultu käynnillä)", 15, 60, "network", 0, {"lifting": 3}),
    ("korjaamo", "vaara", "coach3@example.org", "Autokorjaamo Vilkkula Ky", "apprenticeship",
     "Oppisopimus: autonasentaja", 37.5, 35, "network", None, {"reading": 2}),
    ("leipomo", "vaara", "coach3@example.org", "Liperin Leipomo Uunilämmin Oy", "open_vacancy",
     "Leipomon aamuapulainen", 20, -3, "network", None, {}),
    ("hoiva", "vaara", "coordinator3@example.org", "Hoivakoti Vaaranrinne", "work_trial",
     "Hoivakodin avustavat tehtävät, työkokeilu", 20, 30, "network", None, {}),
)
# Seekers the demo proposes and places, by role: (organisation, role, fallback code, alias, coach e-mail, ratings).
# The seekers step (60) may have made consented seekers already: those are used first, these only fill the gaps.
SEEKERS = (
    ("joensuu", "joensuu-1", "JNS-D1", "M. K.", "coach@example.org",
     {"lifting": 3, "punctuality": 2, "reading": 3, "customer_contact": 3}),
    ("tyovalmennus", "tvs-1", "TVS-D1", "A. L.", "coach2@example.org",
     {"lifting": 2, "punctuality": 3, "reading": 2, "customer_contact": 1}),
    ("tyovalmennus", "tvs-2", "TVS-D2", "R. P.", "coach2@example.org", {"lifting": 4, "reading": 1}),
    ("vaara", "vaara-1", "VAA-D1", "E. S.", "coach3@example.org", {"lifting": 2, "reading": 3}),
)


def load() -> None:
    """Create the demo leads, proposals and placements (idempotent: nothing happens when leads exist)."""
    organisations = {o.slug: o for o in auth_selectors.organisation_list()}
    if not {"joensuu", "tyovalmennus", "vaara"} <= set(organisations):
        return
    if db.session.scalar(select(func.count(Lead.id)).where(Lead.organisation_id.in_(
            [o.id for o in organisations.values()]))):
        return
    codes = dict(db.session.execute(select(Characteristic.code, Characteristic.id)).all())
    leads = {key: lead for key, lead in ((spec[0], _lead(spec, organisations, codes)) for spec in LEADS) if lead}
    _bundle_lead()
    seekers: dict[str, JobSeeker] = {}
    for spec in SEEKERS:
        seeker = _seeker(spec, organisations, codes, taken=set(seekers.values()))
        if seeker is not None:
            seekers[spec[1]] = seeker
    _proposals(leads, seekers)
    _placements(leads, seekers)
    log.info("demo leads, proposals and placements loaded")


def _employer(name: str) -> Employer | None:
    return db.session.scalar(select(Employer).where(Employer.name == name))


def _lead(spec, organisations, codes) -> Lead | None:
    _key, slug, email, employer_name, kind, title, hours, expiry, visibility, hold, demand = spec
    user, employer = auth_selectors.user_by_email(email), _employer(employer_name)
    if user is None or employer is None:
        return None
    touch = db.session.scalar(select(Touchpoint.id).where(Touchpoint.organisation_id == user.organisation_id,
                                                          Touchpoint.employer_id == employer.id)
                              .order_by(Touchpoint.occurred_on.desc()).limit(1)) if kind == "hidden_job" else None
    lead = services.lead_create(user=user, employer=employer, data={
        "title": title, "kind": kind, "hours_per_week": hours, "visibility": visibility, "hold_days": hold,
        "expires_on": today() + timedelta(days=max(expiry, 1)), "starts_on": today() + timedelta(days=14),
        "touchpoint_id": touch, "owner_id": user.id,
        "description": "Työnantaja etsii luotettavaa tekijää. Perehdytys työpaikalla, työvalmentaja tukee alussa.",
        "tasks": "- Päivittäiset perustehtävät\n- Siisteydestä huolehtiminen\n- Apuna ruuhka-aikoina",
        "private_note": "Esimies toivoo yhteydenottoa aamupäivisin." if kind == "hidden_job" else None})
    if expiry < 0:
        lead.expires_on = today() + timedelta(days=expiry)  # an expired lead, for the board's "expired" column
    if demand:
        services.lead_demand_save(lead=lead, ratings={codes[c]: v for c, v in demand.items() if c in codes}, key=set())
    return lead


def _bundle_lead() -> None:
    """A RATKO bundle of joensuu becomes a lead in one action, then is shared with the network."""
    consultant = auth_selectors.user_by_email("consultant@example.org")
    bundle = db.session.scalar(select(Bundle).where(Bundle.organisation_id == getattr(consultant, "organisation_id",
                                                                                      None), Bundle.status != "filled")
                               .order_by(Bundle.id).limit(1)) if consultant else None
    if bundle is None:
        return
    lead = services.lead_from_bundle(bundle=bundle, user=consultant)
    services.lead_update(lead=lead, user=consultant, expected_version=lead.version, data={
        "title": lead.title, "kind": "ratko_bundle", "description": lead.description, "tasks": lead.tasks,
        "hours_per_week": lead.hours_per_week, "expires_on": today() + timedelta(days=30), "visibility": "network",
        "site_id": lead.site_id, "owner_id": consultant.id})


def _seeker(spec, organisations, codes, *, taken: set) -> JobSeeker | None:
    """A consented, job-seeking seeker of the organisation not used yet; a demo one is made only when none is left."""
    slug, _role, code, alias, email, ratings = spec
    organisation_id = organisations[slug].id
    for candidate in db.session.scalars(select(JobSeeker).where(
            JobSeeker.organisation_id == organisation_id, JobSeeker.status.in_(RANKED_STATUSES))
            .order_by(JobSeeker.code)):
        if candidate not in taken and consent_check(candidate, MATCHING_SCOPE, written=True).ok:
            return candidate
    coach = auth_selectors.user_by_email(email)
    if coach is None:
        return None
    seeker = seeker_services.seeker_create(organisation_id=organisation_id, data={
        "code": code, "alias": alias, "status": "job_finding", "coach_id": coach.id})
    seeker_services.consent_record(seeker=seeker, data={
        "scope": MATCHING_SCOPE, "signed_on": today() - timedelta(days=20), "written": True,
        "valid_until": today() + timedelta(days=345)}, employer_ids=[], recorded_by_id=coach.id)
    seeker_services.capability_record(seeker=seeker, header={
        "assessed_on": today() - timedelta(days=15), "assessed_by_id": coach.id},
        ratings={codes[c]: v for c, v in ratings.items() if c in codes})
    return seeker


def _proposals(leads: dict, seekers: dict) -> None:
    """Candidates proposed across organisations: one waiting, one accepted."""
    coach2, coach3 = auth_selectors.user_by_email("coach2@example.org"), auth_selectors.user_by_email(
        "coach3@example.org")
    owner = auth_selectors.user_by_email("coach@example.org")
    if "kahvila" in leads and "tvs-1" in seekers and coach2:
        services.proposal_create(lead=leads["kahvila"], seeker=seekers["tvs-1"], user=coach2)
    if "pesula" in leads and "vaara-1" in seekers and coach3:
        accepted = services.proposal_create(lead=leads["pesula"], seeker=seekers["vaara-1"], user=coach3)
        services.proposal_accept(proposal=accepted, lead=leads["pesula"], user=coach2,
                                 note="Soitellaan ja sovitaan esittely työnantajalle.")
    if "korjaamo" in leads and "joensuu-1" in seekers and owner:
        services.proposal_create(lead=leads["korjaamo"], seeker=seekers["joensuu-1"], user=owner)


def _placements(leads: dict, seekers: dict) -> None:
    """Placements with follow-ups due: one a month old, one three months old, a pay subsidy ending soon."""
    coach2 = auth_selectors.user_by_email("coach2@example.org")
    if coach2 is None or not {"tvs-1", "tvs-2"} <= set(seekers):
        return
    employer = leads["puutarha"].employer_id if "puutarha" in leads else None
    if employer is None:
        return
    employer = db.session.get(Employer, employer)
    now = today()
    placement_services.placement_create(user=coach2, seeker=seekers["tvs-2"], employer=employer, data={
        "type": "pay_subsidy", "job_title": "Myymäläapulainen", "starts_on": now - timedelta(days=95),
        "subsidy_ends_on": now + timedelta(days=21), "hours_per_week": 30, "equal_pay": True,
        "ordinary_workplace": True, "employment_goal": "Vakituinen osa-aikatyö palkkatuen jälkeen"},
        lead=leads.get("puutarha"))
    one = placement_services.placement_create(user=coach2, seeker=seekers["tvs-1"], employer=employer, data={
        "type": "work_trial", "job_title": "Kasvien hoito, työkokeilu", "starts_on": now - timedelta(days=33),
        "hours_per_week": 20, "ordinary_workplace": True, "planned_weeks": 12,
        "employment_goal": "Palkkatyö puutarha-alalla kauden alkaessa"})
    log.info("demo placement %s created at %s", one.id, utcnow())
