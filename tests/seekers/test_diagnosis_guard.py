"""The diagnosis guard (app/core/diagnosis.py) and its use on the agreed disclosure text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import TextAreaField

from app.core.audit import AuditEvent
from app.core.dates import today
from app.core.diagnosis import DiagnosisGuardMixin, compile_terms, find_diagnosis_terms, load_terms
from app.extensions import db
from app.seekers.models import Consent
from app.touchpoints.models import Touchpoint
from tests.profiles import builders


def test_term_list_has_all_three_languages():
    languages = {lang for lang, _term in load_terms()}
    assert languages == {"fi", "sv", "en"}


@pytest.mark.parametrize(("text", "found"), [
    ("Hänellä on ADHD-diagnoosi.", ["ADHD"]),
    ("Asiakkaalla on masennusta ja autismin kirjo.", ["masennusta", "autismin"]),
    ("Han har Aspergers syndrom", ["Aspergers"]),
    ("She has depression and Depression again", ["depression"]),
    ("Downin oireyhtymä", ["Downin oireyhtymä"]),
    ("Reliable, punctual, enjoys customer work.", []),
    ("Tarkka ja täsmällinen, viihtyy asiakastyössä.", []),
    ("", []),
    (None, []),
])
def test_finds_diagnosis_words_at_word_starts(text, found):
    assert find_diagnosis_terms(text) == found


def test_matches_only_at_word_starts():
    pattern = compile_terms(["autis"])
    assert find_diagnosis_terms("autistinen", pattern) == ["autistinen"]
    assert find_diagnosis_terms("nonautistic", pattern) == []
    assert compile_terms([]) is None


class _Form(DiagnosisGuardMixin, FlaskForm):
    privacy_model = Touchpoint  # summary: network + employer_facing (refused); private_note: guard="warn"
    summary = TextAreaField()
    private_note = TextAreaField()


def _validated(app, data: dict) -> _Form:
    with app.test_request_context(method="POST", data=data):
        app.config["WTF_CSRF_ENABLED"] = False
        try:
            form = _Form()
            form.valid = form.validate()
            return form
        finally:
            app.config["WTF_CSRF_ENABLED"] = True


def test_mixin_refuses_employer_facing_text_even_with_a_reason(app):
    form = _validated(app, {"summary": "Has epilepsy", "diagnosis_reason": "Safety"})
    assert not form.valid and form.diagnosis_blocked == {"summary": ["epilepsy"]}
    assert "names a diagnosis (epilepsy)" in str(form.summary.errors[0]) and form.summary.data == "Has epilepsy"
    assert form.diagnosis_override is None


def test_mixin_warns_on_a_private_note_until_a_reason_is_given(app):
    form = _validated(app, {"summary": "Met the manager", "private_note": "Has epilepsy"})
    assert not form.valid and form.diagnosis_hits == {"private_note": ["epilepsy"]} and form.diagnosis_reason.errors
    assert not form.private_note.errors and form.diagnosis_override is None
    form = _validated(app, {"summary": "Met the manager", "private_note": "Has epilepsy", "diagnosis_reason": "Safety"})
    assert form.valid and form.diagnosis_override == "Safety"


def test_disclosure_text_naming_a_diagnosis_is_refused_and_kept_in_the_form(app, factory, make_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Kauppa Oy")
    s = builders.seeker(app, user, consent=None)
    c = make_client(login=user.email)
    c.post(f"/seekers/{s.id}/workplaces", data={"employer_id": employer.id, "light": "green"}, htmx="workplaces")
    data = {"scope": "employer_disclosure", "written": "yes", "signed_on": (today() - timedelta(days=1)).isoformat(),
            "employers": str(employer.id), "disclosure_text": "Tarkka työntekijä, jolla on lievä masennus."}
    for attempt in (data, {**data, "diagnosis_reason": "The client asked for it"}):
        refused = c.post(f"/seekers/{s.id}/consents/new", data=attempt)
        body = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert "This text names a diagnosis (masennus)" in body and "jolla on lievä masennus.</textarea>" in body
    with app.app_context():
        assert db.session.scalar(select(Consent).where(Consent.seeker_id == s.id)) is None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override")) is None
    clean = c.post(f"/seekers/{s.id}/consents/new", data={**data, "disclosure_text": "Tarkka ja täsmällinen."})
    assert clean.status_code == 303
    with app.app_context():
        create = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "seeker_consents",
                                                            AuditEvent.action == "create"))
        assert create.change_dict["disclosure_text"] == "***"


def test_a_consent_note_naming_a_diagnosis_saves_with_a_logged_reason(app, factory, make_client):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, consent=None)
    c = make_client(login=user.email)
    data = {"scope": "network_matching", "written": "yes", "signed_on": today().isoformat(),
            "note": "Allekirjoitettu masennusjakson jälkeen."}
    warned = c.post(f"/seekers/{s.id}/consents/new", data=data)
    assert warned.status_code == 422 and "<mark>masennusjakson</mark>" in warned.get_data(as_text=True)
    saved = c.post(f"/seekers/{s.id}/consents/new", data={**data, "diagnosis_reason": "Needed for the timing"})
    assert saved.status_code == 303
    with app.app_context():
        consent = db.session.scalar(select(Consent).where(Consent.seeker_id == s.id))
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override"))
        assert event.entity == "seeker_consents" and event.entity_id == consent.id and event.actor_id == user.id
        assert event.change_dict == {"fields": "note", "flagged_words": 1, "reason": "Needed for the timing"}
        assert "masennu" not in event.changes
