"""The diagnosis guard on touchpoint summaries (employer-facing text the whole network reads)."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.extensions import db
from app.touchpoints.models import Touchpoint


def test_summary_naming_a_diagnosis_is_refused_even_with_a_reason(app, factory, make_client):
    user = factory.user()
    employer = factory.employer("Varasto Oy")
    c = make_client(login=user.email)
    url = f"/employers/{employer.id}/touchpoints/quick"
    data = {"channel": "call", "occurred_on": "2026-11-02", "summary": "Kerroin asiakkaan masennuksesta."}
    for attempt in (data, {**data, "diagnosis_reason": "Asiakas pyysi kertomaan itse."}):
        refused = c.post(url, data=attempt)
        assert refused.status_code == 422
        assert "Kerroin asiakkaan masennuksesta." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Touchpoint)) is None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override")) is None


def test_private_note_naming_a_diagnosis_needs_a_reason(app, factory, make_client):
    user = factory.user()
    employer = factory.employer("Varasto Oy")
    c = make_client(login=user.email)
    url = f"/touchpoints/new?employer_id={employer.id}"
    data = {"channel": "visit", "occurred_on": "2026-11-02", "purpose": "keep_in_touch", "summary": "Tapaaminen.",
            "private_note": "Esimies kysyi masennuksesta."}
    warned = c.post(url, data=data)
    assert warned.status_code == 422 and "<mark>masennuksesta</mark>" in warned.get_data(as_text=True)
    saved = c.post(url, data={**data, "diagnosis_reason": "Työnantajan kysymys kirjattava."})
    assert saved.status_code in (200, 303)
    with app.app_context():
        touchpoint = db.session.scalar(select(Touchpoint))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override"))
        assert event.entity == "touchpoints" and event.entity_id == touchpoint.id
        assert "masennu" not in event.changes


def test_plain_summary_is_not_flagged(factory, make_client):
    user = factory.user()
    employer = factory.employer("Varasto Oy")
    c = make_client(login=user.email)
    response = c.post(f"/employers/{employer.id}/touchpoints/quick",
                      data={"channel": "call", "occurred_on": "2026-11-02", "summary": "Sovittiin työkokeilusta."})
    assert response.status_code in (200, 303)


def test_the_service_audits_a_kept_diagnosis_word_without_a_route(app, factory, tp):
    """The CLI, imports and the API call the service: a private note with diagnosis words is audit-logged there,
    with the reason when one is given (and without words: only the fields and how many)."""
    from app.auth.models import User
    from app.core.audit import acting_as
    from app.core.dates import today as local_today
    from app.employers import selectors as employer_selectors
    from app.touchpoints import services

    user = factory.user()
    employer = factory.employer("Varasto Oy")
    plain = tp.log(employer, user, private_note="Esimies kysyi aikatauluista.")
    cli = tp.log(employer, user, private_note="Esimies kysyi masennuksesta.")
    with app.app_context(), acting_as(user.id, user.organisation_id):
        touchpoint = services.touchpoint_log(
            author=db.session.get(User, user.id), employer=employer_selectors.employer_get_or_404(employer.id),
            data={"channel": "call", "occurred_on": local_today(), "summary": "Soitto.",
                  "private_note": "Kysyi masennuksesta."}, diagnosis_reason="Työnantajan kysymys kirjattava.")
        db.session.commit()
        events = {e.entity_id: e for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "diagnosis_override"))}
        assert plain.id not in events
        assert events[cli.id].change_dict["reason"] is None and events[cli.id].change_dict["flagged_words"] == 1
        kept = events[touchpoint.id]
        assert kept.entity == "touchpoints" and kept.actor_id == user.id
        assert kept.change_dict == {"fields": "private_note", "flagged_words": 1,
                                    "reason": "Työnantajan kysymys kirjattava."}
        assert all("masennu" not in e.changes for e in events.values())
