"""The diagnosis guard on a bundle's job description, which the employer reads and prints."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.extensions import db
from app.ratko.models import Bundle, Engagement


def _bundle(app, user, employer) -> int:
    with app.app_context():
        engagement = Engagement(organisation_id=user.organisation_id, employer_id=employer.id, title="Osasto",
                                consultant_id=user.id)
        db.session.add(engagement)
        db.session.flush()
        bundle = Bundle(engagement_id=engagement.id, organisation_id=user.organisation_id, title="Avustaja")
        db.session.add(bundle)
        db.session.commit()
        return bundle.id


def test_bundle_purpose_naming_a_diagnosis_is_refused_even_with_a_reason(app, factory, make_client):
    user = factory.user(roles=("consultant",))
    bundle_id = _bundle(app, user, factory.employer("Sairaala"))
    c = make_client(login=user.email)
    data = {"title": "Avustaja", "purpose": "Sopii autistiselle nuorelle.", "status": "draft", "version": "1"}
    for attempt in (data, {**data, "diagnosis_reason": "Työnantajan oma ohjelma."}):
        refused = c.post(f"/ratko/bundles/{bundle_id}", data=attempt)
        body = refused.get_data(as_text=True)
        assert refused.status_code == 422 and "Sopii autistiselle nuorelle." in body and "names a diagnosis" in body
    with app.app_context():
        assert db.session.get(Bundle, bundle_id).purpose is None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override")) is None
    saved = c.post(f"/ratko/bundles/{bundle_id}", data={**data, "purpose": "Sopii tarkalle nuorelle."})
    assert saved.status_code == 303


def test_task_description_and_role_refuse_inflected_diagnosis_words(app, ratko, consultant, make_client):
    from app.ratko.models import Task

    engagement = ratko.engagement(consultant)
    workshop = ratko.workshop(engagement)
    c = make_client(login=consultant.email)
    data = {"role": "skitsofreenikon avustaja", "description": "Liinavaatteet", "category": "extra",
            "hours_value": "2", "hours_period": "week"}
    refused = c.post(f"/ratko/workshops/{workshop.id}/tasks", data=data, htmx=True)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "names a diagnosis (skitsofreenikon)" in body
    assert 'value="skitsofreenikon avustaja"' in body  # the text stays in the row
    refused = c.post(f"/ratko/workshops/{workshop.id}/tasks", htmx=True,
                     data={**data, "role": "siivooja", "description": "Masennuksen takia kevyitä töitä"})
    assert refused.status_code == 422 and "Masennuksen" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Task)) is None
    saved = c.post(f"/ratko/workshops/{workshop.id}/tasks", htmx=True,
                   data={**data, "role": "siivooja", "description": "Liinavaatteet"})
    assert saved.status_code == 200
