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
    diagnosis_fields = ("summary",)
    summary = TextAreaField()


def test_mixin_refuses_until_a_reason_is_given(app):
    with app.test_request_context(method="POST", data={"summary": "Has epilepsy"}):
        app.config["WTF_CSRF_ENABLED"] = False
        try:
            form = _Form()
            assert not form.validate()
            assert form.diagnosis_hits == {"summary": ["epilepsy"]} and form.diagnosis_reason.errors
            assert form.diagnosis_override is None
        finally:
            app.config["WTF_CSRF_ENABLED"] = True
    with app.test_request_context(method="POST", data={"summary": "Has epilepsy", "diagnosis_reason": "Safety"}):
        app.config["WTF_CSRF_ENABLED"] = False
        try:
            form = _Form()
            assert form.validate() and form.diagnosis_override == "Safety"
        finally:
            app.config["WTF_CSRF_ENABLED"] = True


def test_disclosure_text_naming_a_diagnosis_warns_then_saves_with_a_logged_reason(app, factory, make_client):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Kauppa Oy")
    s = builders.seeker(app, user, consent=None)
    c = make_client(login=user.email)
    c.post(f"/seekers/{s.id}/workplaces", data={"employer_id": employer.id, "light": "green"}, htmx="workplaces")
    data = {"scope": "employer_disclosure", "written": "yes", "signed_on": (today() - timedelta(days=1)).isoformat(),
            "employers": str(employer.id), "disclosure_text": "Tarkka työntekijä, jolla on lievä masennus."}
    warned = c.post(f"/seekers/{s.id}/consents/new", data=data)
    body = warned.get_data(as_text=True)
    assert warned.status_code == 422
    assert "This text names a diagnosis" in body and "<mark>masennus</mark>" in body
    assert "Reason to keep this wording" in body
    saved = c.post(f"/seekers/{s.id}/consents/new", data={**data, "diagnosis_reason": "The client asked for it"})
    assert saved.status_code == 303
    with app.app_context():
        consent = db.session.scalar(select(Consent).where(Consent.seeker_id == s.id))
        assert consent.disclosure_text.endswith("masennus.") and consent.employer_ids == [employer.id]
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "diagnosis_override"))
        assert event.entity == "seeker_consents" and event.entity_id == consent.id and event.actor_id == user.id
        assert event.change_dict["reason"] == "The client asked for it" and event.change_dict["flagged_words"] == 1
        assert "masennus" not in event.changes
        create = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "seeker_consents",
                                                            AuditEvent.action == "create"))
        assert create.change_dict["disclosure_text"] == "***"
    clean = c.post(f"/seekers/{s.id}/consents/new", data={**data, "disclosure_text": "Tarkka ja täsmällinen."})
    assert clean.status_code == 303
