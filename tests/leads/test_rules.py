"""Pure rules: effective status and expiry, holding period, network visibility, placement rules, follow-up dates,
the three-T check and the pay-subsidy alert."""

from datetime import date, datetime, timedelta

import pytest

from app.leads import rules
from app.leads.placements import rules as placement_rules

NOW = datetime(2026, 3, 10, 12, 0)
TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(("status", "expires_on", "expected"), [
    ("open", TODAY, "open"),
    ("open", TODAY - timedelta(days=1), "expired"),
    ("candidates_proposed", TODAY - timedelta(days=1), "expired"),
    ("filled", TODAY - timedelta(days=10), "filled"),
    ("closed", TODAY - timedelta(days=10), "closed"),
    ("open", None, "open"),
])
def test_expiry_is_computed_on_read(status, expires_on, expected):
    assert rules.effective_status(status=status, expires_on=expires_on, today=TODAY) == expected


def test_hidden_job_is_held_then_opens_to_the_network():
    opens_at = rules.opens_at_for(kind="hidden_job", hold_days=14, now=NOW)
    assert opens_at == NOW + timedelta(days=14)
    assert rules.is_held(visibility="network", opens_at=opens_at, now=NOW)
    assert not rules.visible_to(lead_organisation_id=1, organisation_id=2, visibility="network", opens_at=opens_at,
                                now=NOW + timedelta(days=13, hours=23))
    assert rules.visible_to(lead_organisation_id=1, organisation_id=2, visibility="network", opens_at=opens_at,
                            now=NOW + timedelta(days=14))
    assert rules.visible_to(lead_organisation_id=1, organisation_id=1, visibility="network", opens_at=opens_at,
                            now=NOW), "the finding organisation always sees its own lead"


def test_only_hidden_jobs_are_held_and_the_hold_is_capped():
    assert rules.opens_at_for(kind="open_vacancy", hold_days=14, now=NOW) == NOW
    assert rules.opens_at_for(kind="hidden_job", hold_days=500, now=NOW) == NOW + timedelta(days=60)
    assert rules.opens_at_for(kind="hidden_job", hold_days=None, now=NOW) == NOW


def test_organisation_only_leads_never_reach_others():
    assert not rules.visible_to(lead_organisation_id=1, organisation_id=2, visibility="organisation", opens_at=None,
                                now=NOW)


@pytest.mark.parametrize(("settings", "days"), [({}, 14), ({"lead_hold_days": 7}, 7), ({"lead_hold_days": "x"}, 14),
                                                ({"lead_hold_days": 99}, 60), ({"lead_hold_days": -3}, 0)])
def test_hold_setting_defaults_to_14_days(settings, days):
    assert rules.hold_days_setting(settings) == days


@pytest.mark.parametrize(("status", "refusal"), [("open", None), ("candidates_proposed", None), ("expired", "expired"),
                                                 ("closed", "closed"), ("filled", "filled")])
def test_which_leads_can_receive_candidates(status, refusal):
    assert rules.proposal_refusal(status=status) == refusal


def test_follow_ups_at_1_3_6_and_12_months_clamped_to_month_end():
    assert placement_rules.follow_up_dates(date(2026, 1, 31)) == [
        (1, date(2026, 2, 28)), (3, date(2026, 4, 30)), (6, date(2026, 7, 31)), (12, date(2027, 1, 31))]
    assert placement_rules.add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_support_plan_phases_follow_each_other():
    phases = placement_rules.default_phases(date(2026, 3, 2))
    assert [p[0] for p in phases] == ["orientation", "learning", "stabilising", "fading", "follow_up"]
    for (_, _, end), (_, start, _) in zip(phases, phases[1:], strict=False):
        assert start == end + timedelta(days=1)


def _trial(**overrides):
    data = {"type": "work_trial", "starts_on": TODAY, "employment_goal": "Palkkatyö varastossa", "planned_weeks": 8}
    return {**data, **overrides}


def test_work_trial_needs_an_employment_goal_and_a_planned_length():
    assert placement_rules.problems(_trial()) == []
    assert ("employment_goal", "goal_required") in placement_rules.problems(_trial(employment_goal="  "))
    assert ("planned_weeks", "length_required") in placement_rules.problems(_trial(planned_weeks=None))
    assert ("planned_weeks", "length_required") in placement_rules.problems(_trial(planned_weeks=0))
    assert ("planned_weeks", "length_required") in placement_rules.problems(_trial(planned_weeks=53))


def test_pay_subsidy_needs_its_end_date_and_paid_jobs_the_equal_pay_answer():
    found = placement_rules.problems({"type": "pay_subsidy", "starts_on": TODAY})
    assert ("subsidy_ends_on", "subsidy_end_required") in found
    assert ("equal_pay", "equal_pay_required") in found
    assert placement_rules.problems({"type": "pay_subsidy", "starts_on": TODAY, "equal_pay": False,
                                     "subsidy_ends_on": TODAY + timedelta(days=180)}) == []
    assert ("ends_on", "end_before_start") in placement_rules.problems(
        {"type": "ordinary", "starts_on": TODAY, "ends_on": TODAY - timedelta(days=1), "equal_pay": True})


def test_three_t_check():
    staffed = [(p, 5, None) for p in ("orientation", "learning", "stabilising", "fading", "follow_up")]
    checks = placement_rules.three_t(type="ordinary", ordinary_workplace=True, equal_pay=True, phases=staffed)
    assert [c.ok for c in checks] == [True, True, True]
    trial = placement_rules.three_t(type="work_trial", ordinary_workplace=True, equal_pay=None,
                                    phases=[(p, None, None) for p, _, _ in staffed])
    assert [(c.code, c.ok, c.reason) for c in trial] == [
        ("ordinary_workplace", True, "ordinary"), ("equal_pay", False, "unpaid_trial"),
        ("appropriate_support", False, "no_plan")]
    partial = placement_rules.three_t(type="ordinary", ordinary_workplace=False, equal_pay=False,
                                      phases=[*staffed[:2], ("fading", None, "  ")])
    assert [c.reason for c in partial] == ["not_ordinary", "not_equal", "partly_planned"]


def test_pay_subsidy_alert_30_days_before_the_end():
    end = TODAY + timedelta(days=30)
    assert placement_rules.subsidy_alert_state(subsidy_ends_on=end, handled_on=None, today=TODAY) == "due"
    assert placement_rules.subsidy_alert_state(subsidy_ends_on=end + timedelta(days=1), handled_on=None,
                                               today=TODAY) is None
    assert placement_rules.subsidy_alert_state(subsidy_ends_on=TODAY - timedelta(days=1), handled_on=None,
                                               today=TODAY) == "overdue"
    assert placement_rules.subsidy_alert_state(subsidy_ends_on=end, handled_on=TODAY, today=TODAY) is None
