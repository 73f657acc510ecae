"""Issue 11 item 5: an oral consent is recorded and shown as "oral — get it in writing"; it does not allow
disclosure to an employer or cross-organisation use until a written confirmation (date, by whom) is recorded,
as a confirmation on the append-only consent record."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.dates import today
from app.extensions import db
from app.seekers import services
from app.seekers.models import Consent, ConsentEvent, JobSeeker
from app.seekers.selectors import pseudonymous_capability
from tests.profiles import builders


def _oral(app, user, seeker_id: int, scope: str, employer_ids=()) -> int:
    with app.app_context():
        consent = services.consent_record(seeker=db.session.get(JobSeeker, seeker_id), data={
            "scope": scope, "signed_on": today() - timedelta(days=5), "written": False,
            "disclosure_text": "Tarkka ja täsmällinen." if scope == "employer_disclosure" else None},
            employer_ids=list(employer_ids), recorded_by_id=user.id)
        db.session.commit()
        return consent.id


def test_oral_consent_counts_inside_the_organisation_only(app, factory, codes):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Kauppa Oy")
    s = builders.seeker(app, user, consent=None, ratings={"reading": 3})
    matching = _oral(app, user, s.id, "network_matching")
    _oral(app, user, s.id, "employer_disclosure", [employer.id])
    with app.app_context():
        seeker = db.session.get(JobSeeker, s.id)
        assert services.consent_check(seeker, "network_matching").ok  # my own rankings
        check = services.consent_check(seeker, "network_matching", written=True)
        assert (check.ok, check.reason, check.consent.id) == (False, "oral", matching)
        disclosure = services.consent_check(seeker, "employer_disclosure", employer_id=employer.id)
        assert (disclosure.ok, disclosure.reason) == (False, "oral")  # never without writing
        assert services.consent_checks([seeker], "network_matching", written=True)[seeker.id].reason == "oral"
        try:
            pseudonymous_capability(seeker)  # what another organisation would see
            raise AssertionError("an oral consent must not show the profile to another organisation")
        except services.ConsentRequired as refused:
            assert refused.check.reason == "oral"


def test_written_confirmation_is_recorded_once_with_date_and_recorder(app, factory, codes):
    user, other = factory.user(roles=("coach",)), factory.user(roles=("coach",))
    employer = factory.employer("Kauppa Oy")
    s = builders.seeker(app, user, consent=None)
    consent_id = _oral(app, user, s.id, "employer_disclosure", [employer.id])
    with app.app_context():
        consent = db.session.get(Consent, consent_id)
        services.consent_confirm(consent=consent, on=today() - timedelta(days=30), note="Signed copy in the binder",
                                 recorded_by_id=user.id)
        services.consent_confirm(consent=consent, on=today(), note=None, recorded_by_id=other.id)  # no second time
        db.session.commit()
        consent = db.session.get(Consent, consent_id)
        assert consent.confirmed_on == consent.signed_on  # not before the consent itself
        assert consent.confirmed_by_id == user.id and consent.written is False and consent.in_writing
        kinds = db.session.scalars(select(ConsentEvent.kind).where(ConsentEvent.consent_id == consent_id)
                                   .order_by(ConsentEvent.id)).all()
        assert kinds == ["granted", "confirmed"]
        seeker = db.session.get(JobSeeker, s.id)
        assert services.consent_check(seeker, "employer_disclosure", employer_id=employer.id).ok


def test_withdrawn_consent_cannot_be_confirmed(app, factory, codes):
    user = factory.user(roles=("coach",))
    s = builders.seeker(app, user, consent=None)
    consent_id = _oral(app, user, s.id, "network_matching")
    with app.app_context():
        consent = db.session.get(Consent, consent_id)
        services.consent_withdraw(consent=consent, on=today(), note=None, recorded_by_id=user.id)
        services.consent_confirm(consent=consent, on=today(), note=None, recorded_by_id=user.id)
        db.session.commit()
        assert db.session.get(Consent, consent_id).confirmed_on is None


def test_disclosure_page_waits_for_the_written_consent(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    employer = factory.employer("Kauppa Oy")
    s = builders.seeker(app, user, consent=None)
    consent_id = _oral(app, user, s.id, "employer_disclosure", [employer.id])
    c = make_client(login=user.email)
    page = c.get(f"/seekers/{s.id}").get_data(as_text=True)
    assert "Oral — get it in writing" in page and f"/seekers/{s.id}/disclosure/{employer.id}" not in page
    refused = c.get(f"/seekers/{s.id}/disclosure/{employer.id}")
    assert refused.status_code == 403 and "record the written consent" in refused.get_data(as_text=True)
    future = c.post(f"/seekers/consents/{consent_id}/confirm",
                    data={"happened_on": (today() + timedelta(days=2)).isoformat()})
    assert future.status_code == 303
    with app.app_context():
        assert db.session.get(Consent, consent_id).confirmed_on is None  # a date in the future is refused
    c.post(f"/seekers/consents/{consent_id}/confirm", data={"happened_on": today().isoformat()})
    shown = c.get(f"/seekers/{s.id}/disclosure/{employer.id}")
    assert shown.status_code == 200 and "Tarkka ja täsmällinen." in shown.get_data(as_text=True)
    assert "Confirmed in writing" in c.get(f"/seekers/{s.id}").get_data(as_text=True)
