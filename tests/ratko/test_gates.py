"""Phase gates: no workshops (coaching) before management's go, no matching before a bundle exists; moving back is
free; a manager may pass an unmet gate with a reason, which is audited and shown on the engagement."""

from __future__ import annotations

import json

import pytest

from app.core.audit import AuditEvent
from app.extensions import db
from app.ratko import gates, services
from app.ratko.models import Engagement, EngagementEvent
from app.ratko.services import RuleError


def _version(app, engagement_id):
    with app.app_context():
        return db.session.get(Engagement, engagement_id).version


def _go(client, app, engagement_id):
    response = client.post(f"/ratko/engagements/{engagement_id}/decision", data={
        "decision": "go", "decided_by": "Johanna Lappalainen, osastonhoitaja", "version": _version(app, engagement_id)})
    assert response.status_code == 303


def test_gate_rules():
    assert gates.check(current="commitment", target="coaching", decision="pending", bundle_count=0).unmet == ("go",)
    assert gates.check(current="commitment", target="coaching", decision="go", bundle_count=0).ok
    assert gates.check(current="coaching", target="matching", decision="go", bundle_count=0).unmet == ("bundle",)
    assert gates.check(current="commitment", target="matching", decision="no_go", bundle_count=0).unmet == (
        "go", "bundle")
    assert gates.check(current="coaching", target="consolidation", decision="go", bundle_count=1).ok
    assert gates.check(current="matching", target="commitment", decision="no_go", bundle_count=0).ok  # back: free
    assert gates.check(current="matching", target="coaching", decision="pending", bundle_count=0).ok


def test_commitment_to_matching_with_the_decision_pending_is_refused(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "matching", "version": _version(app, e.id)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Management has not given its go yet" in page and "No task bundle has been carved yet" in page
    assert "A manager can override this with a reason." in page
    assert 'name="override_reason"' not in page  # the override is a manager's
    coaching = c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "coaching", "version": _version(app, e.id)})
    assert coaching.status_code == 422
    _go(c, app, e.id)
    assert c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "coaching", "version": _version(app, e.id)}
                  ).status_code == 303
    refused = c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "matching", "version": _version(app, e.id)})
    assert refused.status_code == 422 and "No task bundle has been carved yet" in refused.get_data(as_text=True)
    ratko.bundle(e, "Osastoavustaja")
    assert c.post(f"/ratko/engagements/{e.id}/phase", data={"phase": "matching", "version": _version(app, e.id)}
                  ).status_code == 303
    with app.app_context():
        assert db.session.get(Engagement, e.id).phase == "matching"


def test_a_non_manager_cannot_override_even_with_a_reason(app, make_client, ratko, consultant):
    e = ratko.engagement(consultant)
    c = make_client(login=consultant.email)
    response = c.post(f"/ratko/engagements/{e.id}/phase", data={
        "phase": "coaching", "override_reason": "Kiire", "version": _version(app, e.id)})
    assert response.status_code == 422 and "Only a manager can override" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Engagement, e.id).phase == "commitment"


def test_a_manager_overrides_with_a_reason_audited_and_shown(app, make_client, factory, ratko, consultant):
    manager = factory.user(org=consultant.org, roles=("manager",), name="Mervi Esihenkilö")
    e = ratko.engagement(consultant)
    c = make_client(login=manager.email)
    form = c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert 'name="override_reason"' in form
    reason = "Johtoryhmä päätti suullisesti 3.3.; kirjallinen päätös tulee maaliskuussa"
    response = c.post(f"/ratko/engagements/{e.id}/phase", data={
        "phase": "coaching", "override_reason": reason, "version": _version(app, e.id)})
    assert response.status_code == 303
    with app.app_context():
        engagement = db.session.get(Engagement, e.id)
        assert engagement.phase == "coaching"
        events = db.session.scalars(db.select(EngagementEvent).where(
            EngagementEvent.engagement_id == e.id, EngagementEvent.kind == "override")).all()
        db.session.expunge_all()
        assert [(ev.old_value, ev.new_value, ev.note, ev.user_id) for ev in events] == [
            ("go", "coaching", reason, manager.id)]
        audit = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "phase_override")).one()
        assert audit.entity_id == e.id and audit.actor_id == manager.id and audit.summary == reason
        assert json.loads(audit.changes) == {"phase": ["commitment", "coaching"], "unmet": ["go"]}
    page = c.get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert "Moved to Coaching the work community without management&#39;s go by a manager" in page
    assert reason in page and "Mervi Esihenkilö" in page
    assert f'href="#override-{events[0].id}">gate overridden</a>' in page  # beside the phase, too
    assert "Gate overridden: moved to Coaching the work community without management&#39;s go" in page  # history
    shown = make_client(login=consultant.email).get(f"/ratko/engagements/{e.id}").get_data(as_text=True)
    assert reason in shown  # the whole team sees it


def test_service_gates_without_a_request(app, ratko, consultant):
    e = ratko.engagement(consultant)
    with app.app_context():
        engagement = db.session.get(Engagement, e.id)
        with pytest.raises(RuleError) as refused:
            services.engagement_set_phase(engagement=engagement, phase="consolidation",
                                          expected_version=engagement.version)
        assert refused.value.field == "phase"
        db.session.rollback()
