"""Employer services against the real database: create, update with versions, contacts, erasure, relationships."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.conflict import ConflictError
from app.employers import selectors, services
from app.employers.models import ContactPerson, Employer
from app.extensions import db


def test_create_sets_keys_tags_and_audits(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Pielisen Puutyö Oy", "municipality": "Lieksa",
                                                  "business_id": "0112038-9", "tags": ["ratko", "kesätyöt"]})
        db.session.commit()
        assert employer.name_key == "pielisen puutyö"
        assert "lieksa" in employer.search_text and "01120389" in employer.search_text
        assert sorted(employer.tags) == ["kesätyöt", "ratko"]
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "employers"))
        assert event.action == "create" and event.change_dict["name"] == "Pielisen Puutyö Oy"


def test_update_refuses_stale_version_and_keeps_newer_value(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Alku Oy"})
        db.session.commit()
        services.employer_update(employer=employer, data={"name": "Toinen Oy"}, expected_version=1)
        db.session.commit()
        assert employer.version == 2
        with pytest.raises(ConflictError):
            services.employer_update(employer=employer, data={"name": "Vanha lomake Oy"}, expected_version=1)
        db.session.rollback()
        assert db.session.get(Employer, employer.id).name == "Toinen Oy"


def test_update_audit_records_before_and_after(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Alku Oy", "municipality": "Joensuu"})
        db.session.commit()
        services.employer_update(employer=employer, data={"municipality": "Kitee"}, expected_version=1)
        db.session.commit()
        update = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
        assert update.change_dict == {"municipality": ["Joensuu", "Kitee"]}


def test_contact_names_are_searchable_and_erasure_scrubs_audit(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Kauppa Oy"})
        contact = services.contact_add(employer=employer, data={"name": "Liisa Laine", "email": "liisa@x.example"})
        db.session.commit()
        assert "liisa laine" in db.session.get(Employer, employer.id).search_text
        services.contact_erase(contact=contact, reason="request 3.2.")
        db.session.commit()
        assert db.session.get(ContactPerson, contact.id) is None
        assert "liisa" not in db.session.get(Employer, employer.id).search_text
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "contact_persons")).all()
        assert {e.action for e in events} == {"create", "erase"}
        assert all("Liisa" not in e.changes and "liisa@" not in e.changes for e in events)
        assert json.loads(next(e for e in events if e.action == "create").changes)["name"] == "***"


def test_relationship_is_unique_per_organisation(app, factory):
    user = factory.user()
    employer = factory.employer()
    factory.relationship(employer, user, status="active_partner")
    with app.app_context():
        from app.auth.models import User

        actor = db.session.get(User, user.id)
        mine = selectors.relationship_of(user=actor, employer_id=employer.id)
        assert mine.status == "active_partner" and mine.cadence_target == 3 and mine.cadence_minimum == 2
        from sqlalchemy.exc import IntegrityError

        with pytest.raises(IntegrityError):
            services.relationship_start(organisation_id=user.organisation_id,
                                        employer=selectors.employer_get_or_404(employer.id), data={})
        db.session.rollback()


def test_contact_changes_do_not_bump_the_employer_version(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Versio Oy"})
        db.session.commit()
        contact = services.contact_add(employer=employer, data={"name": "Liisa Laine"})
        services.contact_update(contact=contact, data={"name": "Liisa Lehto"}, expected_version=1)
        services.contact_archive(contact=contact)
        db.session.commit()
        stored = db.session.get(Employer, employer.id)
        assert stored.version == 1 and "liisa" not in stored.search_text
