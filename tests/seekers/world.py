"""Seeker records for the access tests: B's seeker with markers in every private text; A's own seeker."""

from datetime import timedelta

from app.core.audit import acting_as
from app.core.dates import today
from app.extensions import db
from app.profiles import services as profile_services
from app.ratko.models import Bundle
from app.seekers import services
from app.seekers.models import JobSeeker
from tests.profiles import builders


def build(world) -> None:
    """B's seeker (code, alias, notes, consent text, workplace note, profile note, adaptation note) and A's own."""
    app = world.app
    employer_id = world.shared["employer_id"]
    theirs = builders.seeker(app, world.b, code=world.marker("code"), alias=world.marker("alias"),
                             ratings={"lifting": 1, "reading": 2}, notes=world.marker("notes"),
                             preferences_note=world.marker("wishes"))
    with app.app_context(), acting_as(world.b.id, world.b.organisation_id):
        seeker = db.session.get(JobSeeker, theirs.id)
        consent = services.consent_record(seeker=seeker, data={
            "scope": "employer_disclosure", "signed_on": today() - timedelta(days=3), "written": True,
            "disclosure_text": world.marker("disclosure"), "note": world.marker("consent-note")},
            employer_ids=[employer_id], recorded_by_id=world.b.id)
        services.consent_review(consent=consent, on=today(), note=world.marker("review"), recorded_by_id=world.b.id)
        workplace = services.workplace_add(seeker=seeker, employer_id=employer_id, light="green",
                                           note=world.marker("workplace"))
        services.capability_record(seeker=seeker, header={"assessed_on": today(), "note": world.marker("cap-note")},
                                   ratings={})
        b_bundle = getattr(world, "profiles", {}).get("b_bundle")
        if b_bundle is not None:
            profile_services.adaptation_note_add(bundle=db.session.get(Bundle, b_bundle.id), author_id=world.b.id,
                                                 body=world.marker("adaptation"))
        db.session.commit()
        world.private["seeker_id"] = theirs.id
        world.private["consent_id"] = consent.id
        world.private["workplace_id"] = workplace.id
    mine = builders.seeker(app, world.a, code="A-001", alias="Oma", ratings={"lifting": 3})
    world.own["seeker_id"] = mine.id
    world.own["consent_id"] = mine.consent_id
