"""RATKO services: phase rules, status rules, decisions, history, checklist ticks and task validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.conflict import ConflictError
from app.core.dates import today
from app.extensions import db
from app.ratko import checklists, selectors, services
from app.ratko.models import Engagement, EngagementEvent, Task, Workshop
from app.ratko.services import RuleError


def _engagement(app, engagement_id):
    return db.session.get(Engagement, engagement_id)


def test_new_engagement_starts_in_commitment_and_records_history(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = _engagement(app, e.id)
        assert (engagement.phase, engagement.status, engagement.decision) == ("commitment", "active", "pending")
        assert engagement.consultant_id == consultant.id
        events = selectors.engagement_events(engagement)
        assert [(ev.kind, ev.new_value) for ev in events] == [("phase", "commitment")]


def test_workshop_before_management_go_is_allowed_but_flagged(app, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e, held_on=today() - timedelta(days=3))
    with app.app_context():
        engagement, workshop = _engagement(app, e.id), db.session.get(Workshop, w.id)
        assert selectors.workshop_flagged(engagement, workshop)
        services.engagement_decide(engagement=engagement, decision="go", expected_version=engagement.version,
                                   decided_by="Osastonhoitaja", decided_on=today())
        assert selectors.workshop_flagged(engagement, workshop)  # held before the go
        later = services.workshop_create(engagement=engagement, data={"held_on": today() + timedelta(days=7)})
        assert not selectors.workshop_flagged(engagement, later)
        assert later.session_number == 2
        db.session.rollback()


def test_completing_needs_an_outcome(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = _engagement(app, e.id)
        with pytest.raises(RuleError) as refused:
            services.engagement_set_status(engagement=engagement, status="completed",
                                           expected_version=engagement.version)
        assert refused.value.field == "outcome"
        services.engagement_set_status(engagement=engagement, status="completed", outcome="created_not_filled",
                                       expected_version=engagement.version)
        assert engagement.completed_on == today() and engagement.outcome == "created_not_filled"
        event = db.session.scalars(db.select(EngagementEvent).where(EngagementEvent.kind == "status")).one()
        assert (event.old_value, event.new_value) == ("active", "completed:created_not_filled")
        db.session.commit()


def test_seeded_needs_a_revisit_date_not_in_the_past(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = _engagement(app, e.id)
        for revisit in (None, today() - timedelta(days=1)):
            with pytest.raises(RuleError) as refused:
                services.engagement_set_status(engagement=engagement, status="seeded", revisit_on=revisit,
                                               expected_version=engagement.version)
            assert refused.value.field == "revisit_on"
        services.engagement_set_status(engagement=engagement, status="seeded", expected_version=engagement.version,
                                       revisit_on=today() + timedelta(days=90))
        assert engagement.revisit_on == today() + timedelta(days=90)
        services.engagement_set_status(engagement=engagement, status="active", expected_version=engagement.version)
        assert engagement.revisit_on is None and engagement.outcome is None
        db.session.rollback()


def test_every_phase_status_and_decision_change_writes_an_event(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = _engagement(app, e.id)
        services.engagement_decide(engagement=engagement, decision="go", expected_version=engagement.version,
                                   decided_by="Johanna Lappalainen, osastonhoitaja", decided_on=date(2026, 3, 1))
        services.engagement_set_phase(engagement=engagement, phase="coaching", expected_version=engagement.version)
        services.engagement_set_status(engagement=engagement, status="declined", expected_version=engagement.version)
        db.session.commit()
        kinds = [(ev.kind, ev.old_value, ev.new_value) for ev in reversed(selectors.engagement_events(engagement))]
        assert kinds == [("phase", None, "commitment"), ("decision", "pending", "go"),
                         ("phase", "commitment", "coaching"), ("status", "active", "declined")]
        assert engagement.decided_by == "Johanna Lappalainen, osastonhoitaja"


def test_decision_needs_who_decided_and_stale_versions_are_refused(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = _engagement(app, e.id)
        with pytest.raises(RuleError):
            services.engagement_decide(engagement=engagement, decision="go", expected_version=engagement.version)
        with pytest.raises(ConflictError):
            services.engagement_set_phase(engagement=engagement, phase="coaching",
                                          expected_version=engagement.version - 1)
        db.session.rollback()


def test_checklist_ticks_store_dates_and_refuse_unknown_items(app, ratko, consultant):
    e = ratko.engagement(consultant)
    first = checklists.phases()[0].items[0]
    key = f"commitment:{first.code}"
    with app.app_context():
        engagement = _engagement(app, e.id)
        services.engagement_tick(engagement=engagement, item=key, done=True, on=date(2026, 2, 2))
        assert engagement.checklist == {key: "2026-02-02"}
        services.engagement_tick(engagement=engagement, item=key, done=False)
        assert engagement.checklist == {}
        with pytest.raises(RuleError):
            services.engagement_tick(engagement=engagement, item="commitment:nope", done=True)
        db.session.rollback()


def test_checklists_come_from_the_seed_file_with_a_fallback(app, monkeypatch, tmp_path):
    phases = checklists.phases()
    assert [p.code for p in phases] == ["commitment", "coaching", "matching", "consolidation"]
    assert all(p.items for p in phases)
    monkeypatch.setattr(checklists, "SEED_FILE", tmp_path / "missing.json")
    assert [p.code for p in checklists.phases()] == ["commitment", "coaching", "matching", "consolidation"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(checklists, "SEED_FILE", broken)
    assert len(checklists.phases()) == 4


@pytest.mark.parametrize("hours, period", [(-1, "week"), (41, "week"), (200, "month"), ("lots", "week")])
def test_task_hours_are_refused_when_negative_or_absurd(app, ratko, consultant, hours, period):
    e = ratko.engagement(consultant)
    with app.app_context():
        with pytest.raises(RuleError) as refused:
            services.task_add(engagement=_engagement(app, e.id),
                              data={"role": "sairaanhoitaja", "description": "X", "hours_value": hours,
                                    "hours_period": period})
        assert refused.value.field == "hours_value"
        assert db.session.scalar(db.select(db.func.count(Task.id))) == 0


def test_task_of_a_participant_takes_their_role(app, ratko, consultant):
    e = ratko.engagement(consultant)
    w = ratko.workshop(e)
    p = ratko.participant(w, role="osastonsihteeri")
    t = ratko.task(e, workshop=w, role="", participant_id=p.id, hours=13, hours_period="month")
    with app.app_context():
        task = db.session.get(Task, t.id)
        assert task.role == "osastonsihteeri" and task.hours_per_week == pytest.approx(3.0)


def test_participant_of_another_engagement_is_refused(app, ratko, consultant):
    e1, e2 = ratko.engagement(consultant), ratko.engagement(consultant)
    p = ratko.participant(ratko.workshop(e2))
    with app.app_context():
        with pytest.raises(RuleError):
            services.task_add(engagement=_engagement(app, e1.id),
                              data={"description": "X", "role": "", "participant_id": p.id})
