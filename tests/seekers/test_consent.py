"""Consent: append-only records, validity by scope and employer, withdrawal taking effect at once, enforcement."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.dates import today
from app.extensions import db
from app.seekers import services
from app.seekers.models import Consent, ConsentEvent, JobSeeker
from app.seekers.selectors import pseudonymous_capability
from tests.profiles import builders


def _seeker(app, seeker_id):
    return db.session.get(JobSeeker, seeker_id)


def test_consent_checks_by_scope_date_and_employer(app, factory, codes):
    user = factory.user(roles=("coach",))
    employer, other = factory.employer("Nimetty Oy"), factory.employer("Muu Oy")
    s = builders.seeker(app, user, consent=None)
    with app.app_context():
        seeker = _seeker(app, s.id)
        assert services.consent_check(seeker, "network_matching").reason == "none"
        services.consent_record(seeker=seeker, data={"scope": "employer_disclosure", "signed_on": today(),
                                                     "written": True, "disclosure_text": "Punctual."},
                                employer_ids=[employer.id], recorded_by_id=user.id)
        services.consent_record(seeker=seeker, data={"scope": "network_matching",
                                                     "signed_on": today() - timedelta(days=400), "written": True,
                                                     "valid_until": today() - timedelta(days=1)},
                                employer_ids=[], recorded_by_id=user.id)
        db.session.commit()
        assert services.consent_valid(seeker, "employer_disclosure", employer_id=employer.id)
        assert services.consent_check(seeker, "employer_disclosure", employer_id=other.id).reason == \
            "employer_not_named"
        assert services.consent_check(seeker, "network_matching").reason == "expired"
        assert not services.consent_valid(seeker, "information_exchange")
        with pytest.raises(services.ConsentRequired) as refused:
            services.require_consent(seeker, "network_matching")
        assert refused.value.check.reason == "expired"
        with pytest.raises(ValueError):
            services.consent_check(seeker, "everything")


def test_withdrawal_is_a_new_state_not_a_deletion_and_takes_effect_at_once(app, factory, codes):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, ratings={"reading": 3})
    with app.app_context():
        seeker = _seeker(app, s.id)
        assert pseudonymous_capability(seeker).ratings == {"reading": 3}
        consent = db.session.get(Consent, s.consent_id)
        services.consent_review(consent=consent, on=today(), note="Read through together", recorded_by_id=user.id)
        services.consent_withdraw(consent=consent, on=today(), note=None, recorded_by_id=user.id)
        services.consent_withdraw(consent=consent, on=today() + timedelta(days=3), note=None, recorded_by_id=user.id)
        db.session.commit()
        assert services.consent_check(seeker, "network_matching").reason == "withdrawn"
        with pytest.raises(services.ConsentRequired):
            pseudonymous_capability(seeker)
        kept = db.session.get(Consent, s.consent_id)
        assert kept is not None and kept.withdrawn_on == today()
        kinds = [e.kind for e in db.session.scalars(select(ConsentEvent).where(ConsentEvent.consent_id == kept.id)
                                                     .order_by(ConsentEvent.id))]
        assert kinds == ["granted", "reviewed", "withdrawn"]
        updates = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "seeker_consents",
                                                              AuditEvent.action == "update")).all()
        assert len(updates) == 1 and "withdrawn_on" in updates[0].change_dict


def test_pseudonymous_view_carries_no_identity(app, factory, codes):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, code="JOE-077", alias="Salainen Alias", ratings={"lifting": 2, "reading": 4})
    with app.app_context():
        view = pseudonymous_capability(_seeker(app, s.id))
        text = repr(view)
        assert view.ratings == {"lifting": 2, "reading": 4}
        assert "JOE-077" not in text and "Salainen" not in text
        assert set(dataclasses.asdict(view)) == {"ratings", "assessed_on", "licensed"}


def test_record_withdraw_and_review_through_the_pages(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, consent=None)
    c = make_client(login=user.email)
    url = f"/seekers/{s.id}/consents/new"
    assert c.get(url).status_code == 200
    missing = c.post(url, data={"scope": "network_matching"})
    assert missing.status_code == 422
    assert "Give the date of the consent." in missing.get_data(as_text=True)
    future = c.post(url, data={"scope": "network_matching", "written": "yes",
                               "signed_on": (today() + timedelta(days=2)).isoformat()})
    assert future.status_code == 422 and "cannot be in the future" in future.get_data(as_text=True)
    no_employer = c.post(url, data={"scope": "employer_disclosure", "written": "yes",
                                    "signed_on": today().isoformat(), "disclosure_text": "Careful worker."})
    assert no_employer.status_code == 422 and "Name at least one employer" in no_employer.get_data(as_text=True)
    ok = c.post(url, data={"scope": "network_matching", "written": "no", "signed_on": today().isoformat()})
    assert ok.status_code == 303
    page = c.get(f"/seekers/{s.id}").get_data(as_text=True)
    assert "Matching in the network" in page and "Valid" in page and "given orally" in page
    with app.app_context():
        consent = db.session.scalar(select(Consent).where(Consent.seeker_id == s.id))
        assert consent.written is False
    review = c.post(f"/seekers/consents/{consent.id}/review", data={"happened_on": today().isoformat(),
                                                                      "note": "Gone through"})
    assert review.status_code == 303
    withdraw = c.post(f"/seekers/consents/{consent.id}/withdraw", data={"happened_on": today().isoformat()})
    assert withdraw.status_code == 303
    page = c.get(f"/seekers/{s.id}").get_data(as_text=True)
    assert "Withdrawn on" in page and "Gone through orally" in page
