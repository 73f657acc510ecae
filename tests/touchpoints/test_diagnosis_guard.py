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
