"""Touchpoint services against a real database: logging, cadence state, follow-ups, snooze, counted channels,
hand-over and calendar tokens."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.auth.models import Organisation, User
from app.core.audit import AuditEvent
from app.core.dates import today as local_today
from app.employers import selectors as employer_selectors
from app.employers.models import Relationship
from app.extensions import db
from app.touchpoints import selectors, services
from app.touchpoints.models import RelationshipCadence, Touchpoint, TouchpointFollowUp


def test_first_contact_starts_the_relationship_and_sets_cadence(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    tp.log(employer, user, days_ago=10, channel="visit")
    row = tp.cadence_row(employer, user)
    assert row.last_counted_on == today - timedelta(days=10)
    assert row.due_on == today - timedelta(days=10) + timedelta(days=122)
    assert row.overdue_on == today - timedelta(days=10) + timedelta(days=183)
    assert row.people_count == 1
    with app.app_context():
        relationship = db.session.get(Relationship, tp.relationship_id(employer, user))
        assert relationship.owner_id == user.id and relationship.status == "contacted"
        assert relationship.started_on == today - timedelta(days=10)
        audit = db.session.scalars(select(AuditEvent.entity).where(AuditEvent.action == "create")).all()
        assert "touchpoints" in audit


def test_email_does_not_count_but_is_the_last_touch(factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    factory.relationship(employer, user, started_on=today - timedelta(days=400))
    tp.log(employer, user, days_ago=200, channel="call")
    tp.log(employer, user, days_ago=1, channel="email")
    row = tp.cadence_row(employer, user)
    assert row.last_counted_on == today - timedelta(days=200)
    assert row.last_touch_on == today - timedelta(days=1)
    assert row.overdue_on <= today


def test_never_contacted_relationship_counts_from_its_start(factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    factory.relationship(employer, user, started_on=today - timedelta(days=130))
    row = tp.cadence_row(employer, user)
    assert row.last_counted_on is None and row.due_on == today - timedelta(days=8)


def test_changing_the_target_moves_the_due_date(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    factory.relationship(employer, user, started_on=today - timedelta(days=10))
    tp.log(employer, user, days_ago=5)
    with app.app_context():
        from app.employers import services as employer_services

        relationship = db.session.get(Relationship, tp.relationship_id(employer, user))
        employer_services.relationship_update(relationship=relationship, data={"cadence_target": 6,
                                                                                "cadence_minimum": 4},
                                              expected_version=relationship.version)
        db.session.commit()
    row = tp.cadence_row(employer, user)
    assert row.due_on == today - timedelta(days=5) + timedelta(days=61)
    assert row.overdue_on == today - timedelta(days=5) + timedelta(days=92)


def test_future_dates_refused_for_contacts_promise_needs_a_due_date(app, factory, today):
    user = factory.user()
    employer = factory.employer()
    with app.app_context():
        author = db.session.get(User, user.id)
        target = employer_selectors.employer_get_or_404(employer.id)
        base = {"channel": "visit", "summary": "x", "occurred_on": today + timedelta(days=1)}
        with pytest.raises(services.TouchpointInvalid, match="occurred_on"):
            services.touchpoint_log(author=author, employer=target, data=base)
        with pytest.raises(services.TouchpointInvalid, match="promises"):
            services.touchpoint_log(author=author, employer=target, data={
                **base, "occurred_on": today, "promises": [{"text": "Lähetetään esite", "due_on": None}]})
        touchpoint = services.touchpoint_log(author=author, employer=target, data={
            **base, "occurred_on": today, "next_step": {"text": "Soita", "due_on": today + timedelta(days=60)}})
        assert selectors.touchpoint_follow_ups(touchpoint)[0].due_on == today + timedelta(days=60)
        db.session.rollback()


def test_a_new_contact_closes_earlier_next_steps_but_not_promises(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    first = tp.log(employer, user, days_ago=30, next_step={"text": "Soita uudestaan", "due_on": today},
                   promises=[{"text": "Esite", "due_on": today}])
    tp.log(employer, user, days_ago=0)
    with app.app_context():
        states = {f.kind: f.done_on for f in db.session.scalars(
            select(TouchpointFollowUp).where(TouchpointFollowUp.touchpoint_id == first.id))}
    assert states == {"next_step": today, "promise": None}


def test_update_syncs_promises_and_refreshes_cadence(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    logged = tp.log(employer, user, days_ago=3, promises=[{"text": "A", "due_on": today}])
    with app.app_context():
        touchpoint = db.session.get(Touchpoint, logged.id)
        promise_id = logged.follow_ups[0].id
        services.touchpoint_update(touchpoint=touchpoint, author=db.session.get(User, user.id),
                                   expected_version=touchpoint.version, data={
                                       "channel": "email", "occurred_on": today - timedelta(days=3),
                                       "summary": "edited", "promises": [
                                           {"id": promise_id, "text": "A2", "due_on": today},
                                           {"id": None, "text": "B", "due_on": today + timedelta(days=3)}]})
        db.session.commit()
        texts = sorted(f.text for f in selectors.touchpoint_follow_ups(touchpoint))
        assert texts == ["A2", "B"]
    assert tp.cadence_row(employer, user).last_counted_on is None  # the only contact became an e-mail


def test_delete_removes_follow_ups_and_recounts(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    tp.log(employer, user, days_ago=100)
    latest = tp.log(employer, user, days_ago=2, promises=[{"text": "A", "due_on": today}])
    with app.app_context():
        services.touchpoint_delete(touchpoint=db.session.get(Touchpoint, latest.id))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(TouchpointFollowUp)) == 0
    assert tp.cadence_row(employer, user).last_counted_on == today - timedelta(days=100)


def test_counted_channels_setting_recomputes_the_organisation(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    tp.log(employer, user, days_ago=150, channel="call")
    tp.log(employer, user, days_ago=3, channel="email")
    with app.app_context():
        organisation = db.session.get(Organisation, user.organisation_id)
        services.counted_channels_update(organisation=organisation, channels=["email", "call"])
        db.session.commit()
        assert json.loads(organisation.settings_json)["counted_channels"] == ["call", "email"]
    assert tp.cadence_row(employer, user).last_counted_on == today - timedelta(days=3)


def test_people_count_for_the_continuity_warning(app, factory, tp):
    org = factory.org()
    first, second = factory.user(org), factory.user(org)
    employer = factory.employer()
    tp.log(employer, first)
    assert tp.cadence_row(employer, first).people_count == 1
    tp.log(employer, first, participant_ids=[first.id, second.id])
    assert tp.cadence_row(employer, first).people_count == 2


def test_participants_of_another_organisation_are_dropped(app, factory, tp):
    user, stranger = factory.user(), factory.user()
    employer = factory.employer()
    logged = tp.log(employer, user, participant_ids=[stranger.id])
    with app.app_context():
        assert db.session.get(Touchpoint, logged.id).participant_ids == [user.id]


def test_snooze_is_audited_and_needs_a_reason(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    factory.relationship(employer, user, started_on=today - timedelta(days=300))
    with app.app_context():
        relationship = db.session.get(Relationship, tp.relationship_id(employer, user))
        with pytest.raises(ValueError):
            services.relationship_snooze(relationship=relationship, until=today + timedelta(days=5), reason=" ",
                                         today=today)
        with pytest.raises(ValueError):
            services.relationship_snooze(relationship=relationship, until=today, reason="x", today=today)
        services.relationship_snooze(relationship=relationship, until=today + timedelta(days=30),
                                     reason="Kesälomat", today=today)
        db.session.commit()
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "snooze"))
        assert event.summary == "Kesälomat" and event.entity_id == relationship.id
    row = tp.cadence_row(employer, user)
    assert row.snoozed_until == today + timedelta(days=30)
    tp.log(employer, user)
    assert tp.cadence_row(employer, user).snoozed_until is None  # a counted contact ends the snooze


def test_handover_moves_everything_then_deactivation_is_allowed(app, factory, tp, today):
    org = factory.org()
    leaving, staying = factory.user(org), factory.user(org)
    employer = factory.employer()
    tp.log(employer, leaving, promises=[{"text": "Esite", "due_on": today}],
           next_step={"text": "Soita", "due_on": today + timedelta(days=9)})
    with app.app_context():
        target = db.session.get(User, leaving.id)
        with pytest.raises(services.HandoverIncomplete) as refused:
            services.handover_deactivate(user=target)
        assert (refused.value.relationships, refused.value.follow_ups) == (1, 2)
        moved = services.handover_reassign(user=target, new_owner=db.session.get(User, staying.id))
        assert moved == (1, 2)
        services.handover_deactivate(user=target)
        db.session.commit()
        assert not db.session.get(User, leaving.id).active
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handover")) is not None


def test_handover_only_to_an_active_colleague(app, factory):
    leaving, stranger = factory.user(), factory.user()
    with app.app_context():
        with pytest.raises(ValueError):
            services.handover_reassign(user=db.session.get(User, leaving.id),
                                       new_owner=db.session.get(User, stranger.id))


def test_calendar_token_is_stored_hashed_and_regenerating_revokes_the_old(app, factory):
    user = factory.user()
    with app.app_context():
        owner = db.session.get(User, user.id)
        first = services.calendar_token_issue(user=owner)
        assert selectors.calendar_user(first).id == user.id
        row = selectors.calendar_token_of(owner)
        assert first not in row.token_hash and len(row.token_hash) == 64
        second = services.calendar_token_issue(user=owner)
        assert selectors.calendar_user(first) is None and selectors.calendar_user(second).id == user.id
        services.calendar_token_revoke(user=owner)
        assert selectors.calendar_user(second) is None
        db.session.rollback()


def test_cadence_rebuild_fills_missing_rows(app, factory, tp, today):
    user = factory.user()
    employer = factory.employer()
    tp.log(employer, user, days_ago=20)
    with app.app_context():
        db.session.execute(db.delete(RelationshipCadence))
        assert services.cadence_rebuild() == 1
        db.session.commit()
    assert tp.cadence_row(employer, user).last_counted_on == local_today() - timedelta(days=20)
