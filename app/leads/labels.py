"""Translated labels for the leads and placements codes, and template helpers."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "open_vacancy": _l("Open vacancy"), "hidden_job": _l("Hidden job"), "work_trial": _l("Work trial"),
    "apprenticeship": _l("Apprenticeship"), "summer_job": _l("Summer job"), "ratko_bundle": _l("RATKO bundle"),
}
STATUS_LABELS = {
    "open": _l("Open"), "candidates_proposed": _l("Candidates proposed"), "filled": _l("Filled"),
    "closed": _l("Closed"), "expired": _l("Expired"), "held": _l("Held for us"),
}
VISIBILITY_LABELS = {"organisation": _l("My organisation only"), "network": _l("The network")}
PROPOSAL_LABELS = {
    "pending": _l("Waiting for a decision"), "accepted": _l("Accepted"), "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"), "lapsed": _l("Lapsed"),
}
PROPOSAL_REASONS = {
    "consent": _l("The seeker's consent for matching is no longer valid."),
    "proposer": _l("Withdrawn by the proposing coach."),
    "lead_closed": _l("The lead was closed, filled or no longer shared before a decision."),
}
REFUSALS = {
    "own_lead": _l("This lead is my organisation's own: candidates are proposed by other organisations."),
    "expired": _l("This lead has expired and cannot receive candidates."),
    "closed": _l("This lead is closed and cannot receive candidates."),
    "filled": _l("This lead has been filled and cannot receive candidates."),
    "duplicate": _l("This seeker has already been proposed for this lead."),
    "not_pending": _l("This proposal has already been decided."),
    "lead_not_open": _l("The lead is no longer open."),
}
TYPE_LABELS = {
    "ordinary": _l("Paid job on an ordinary contract"), "pay_subsidy": _l("Pay-subsidy job"),
    "work_trial": _l("Work trial"), "apprenticeship": _l("Apprenticeship"),
}
PHASE_LABELS = {
    "orientation": _l("Orientation"), "learning": _l("Learning the job"), "stabilising": _l("Stabilising"),
    "fading": _l("Fading support"), "follow_up": _l("Follow-up"),
}
END_LABELS = {
    "contract_ended": _l("The contract ended"), "trial_completed": _l("The work trial was completed"),
    "moved_on": _l("Moved to another job or studies"), "employer_ended": _l("The employer ended it"),
    "seeker_ended": _l("The person ended it"), "other": _l("Other reason"),
}
THREE_T_LABELS = {
    "ordinary_workplace": _l("Ordinary workplace"), "equal_pay": _l("Equal pay"),
    "appropriate_support": _l("Appropriate support"),
}
THREE_T_REASONS = {
    "ordinary": _l("Among the employer's other staff."),
    "not_ordinary": _l("Not marked as an ordinary workplace."),
    "equal": _l("Paid the same as colleagues in the same work."),
    "not_equal": _l("Pay is not equal to colleagues'."),
    "unpaid_trial": _l("A work trial is unpaid: the goal is a paid job."),
    "planned": _l("Every phase of the support plan has a responsible person."),
    "partly_planned": _l("Some phases of the support plan have no responsible person yet."),
    "no_plan": _l("No responsible persons in the support plan yet."),
}
PLACEMENT_PROBLEMS = {
    "unknown_type": _l("Choose the type of placement."),
    "start_required": _l("Give the start date."),
    "end_before_start": _l("The end cannot be before the start."),
    "subsidy_end_required": _l("A pay-subsidy job needs the date the subsidy ends."),
    "subsidy_end_before_start": _l("The subsidy cannot end before the job starts."),
    "goal_required": _l("A work trial needs an employment goal: what should it lead to?"),
    "length_required": _l("A work trial needs a planned length (1–52 weeks)."),
    "equal_pay_required": _l("Say whether the pay is equal to colleagues'."),
    "hours_range": _l("Hours are between 0 and 60 a week."),
}
WORK_KIND_LABELS = {
    "lead_proposal": _l("Candidate proposed"), "placement_follow_up": _l("Placement follow-up"),
    "pay_subsidy_end": _l("Pay subsidy ending"),
}


def _label(table: dict, code: str | None) -> str:
    return str(table.get(code, code or ""))


def template_labels() -> dict:
    """Label helpers for templates."""
    return {
        "lead_kind_label": lambda code: _label(KIND_LABELS, code),
        "lead_status_label": lambda code: _label(STATUS_LABELS, code),
        "lead_visibility_label": lambda code: _label(VISIBILITY_LABELS, code),
        "proposal_status_label": lambda code: _label(PROPOSAL_LABELS, code),
        "proposal_reason_label": lambda code: _label(PROPOSAL_REASONS, code) if code in PROPOSAL_REASONS else "",
        "placement_type_label": lambda code: _label(TYPE_LABELS, code),
        "placement_phase_label": lambda code: _label(PHASE_LABELS, code),
        "placement_end_label": lambda code: _label(END_LABELS, code),
        "three_t_label": lambda code: _label(THREE_T_LABELS, code),
        "three_t_reason": lambda code: _label(THREE_T_REASONS, code),
    }
