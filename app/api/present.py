"""Records as the API shows them. What another organisation sees of a record is the network's part only (the same
projection as the web: lead and timeline pages); a seeker appears only as their pseudonymous code, and only to
their own organisation."""

from __future__ import annotations

from app.core.registry import WorkItem, work_kind_label
from app.leads import rules as lead_rules

EMPLOYER_FIELDS = ("id", "name", "business_id", "industry_code", "size_class", "municipality", "address", "website",
                   "diversity_stance", "pwa_experience", "version", "updated_at")
SITE_FIELDS = ("id", "employer_id", "parent_id", "name", "municipality", "address")
CONTACT_FIELDS = ("id", "employer_id", "site_id", "name", "title", "phone", "email", "preferred_channel", "source",
                  "ambassador", "version")
RELATIONSHIP_FIELDS = ("id", "employer_id", "owner_id", "status", "cadence_target", "cadence_minimum", "started_on",
                       "private_note", "version")
CADENCE_FIELDS = ("last_counted_on", "last_touch_on", "due_on", "overdue_on", "snoozed_until")
TOUCHPOINT_FIELDS = ("id", "employer_id", "occurred_on", "channel", "purpose", "outcome", "contact_id",
                     "client_present", "summary", "private_note", "needs_extra_hands", "needs_outlook",
                     "needs_criteria", "needs_undone_work", "feedback_good", "feedback_improve", "created_by_id",
                     "version")
FOLLOW_UP_FIELDS = ("id", "kind", "text", "due_on", "done_on", "owner_id")
# What every organisation that may see a lead sees (the lead page's shared facts); the owner sees LEAD_OWN too.
LEAD_NETWORK = ("id", "organisation_id", "employer_id", "site_id", "contact_id", "kind", "title", "description",
                "tasks", "hours_per_week", "starts_on", "expires_on", "owner_id", "filled_on", "version")
LEAD_OWN = ("visibility", "opens_at", "touchpoint_id", "bundle_id", "private_note", "closed_on", "closed_reason")
PROPOSAL_FIELDS = ("id", "lead_id", "status", "status_reason", "organisation_id", "created_at", "decided_at",
                   "decision_note")
ENGAGEMENT_FIELDS = ("id", "employer_id", "site_id", "title", "phase", "status", "decision", "decided_on",
                     "revisit_on", "outcome", "completed_on", "consultant_id", "coach_id", "language", "version",
                     "updated_at")
BUNDLE_FIELDS = ("id", "engagement_id", "title", "purpose", "hours_per_week", "schedule", "place",
                 "working_conditions", "requirements", "guided_by", "status", "version")
TASK_FIELDS = ("id", "description", "role", "category", "hours_value", "hours_period", "frequency")
PLACEMENT_FIELDS = ("id", "employer_id", "lead_id", "bundle_id", "coach_id", "type", "job_title", "starts_on",
                    "ends_on", "subsidy_ends_on", "hours_per_week", "equal_pay", "ordinary_workplace",
                    "employment_goal", "planned_weeks", "notes", "status", "ended_on", "end_reason", "version")
PLACEMENT_FOLLOW_UP_FIELDS = ("id", "months", "due_on", "done_on", "still_employed", "note")


def pick(obj, names: tuple[str, ...]) -> dict:
    """The named attributes of a record."""
    return {name: getattr(obj, name) for name in names}


def employer(record, relationship=None, owner_name: str | None = None) -> dict:
    """A directory employer with my organisation's relationship (if any)."""
    mine = None if relationship is None else {"id": relationship.id, "status": relationship.status,
                                              "owner_id": relationship.owner_id, "owner_name": owner_name}
    return {**pick(record, EMPLOYER_FIELDS), "tags": record.tags, "archived": record.archived_at is not None,
            "relationship": mine}


def site(record) -> dict:
    """A site."""
    return pick(record, SITE_FIELDS)


def contact(record) -> dict:
    """A contact person."""
    return {**pick(record, CONTACT_FIELDS), "archived": record.archived_at is not None}


def relationship(record, employer_name: str, owner_name: str | None, cadence) -> dict:
    """My organisation's relationship with its cadence state."""
    return {**pick(record, RELATIONSHIP_FIELDS), "employer_name": employer_name, "owner_name": owner_name,
            "cadence": pick(cadence, CADENCE_FIELDS) if cadence is not None else None}


def touchpoint(record, follow_ups: list) -> dict:
    """My organisation's touchpoint, private notes and follow-ups included."""
    return {**pick(record, TOUCHPOINT_FIELDS), "participant_ids": record.participant_ids,
            "follow_ups": [pick(f, FOLLOW_UP_FIELDS) for f in follow_ups]}


def timeline_entry(row, user) -> dict:
    """One organisation's contact with an employer, as the network sees it."""
    return {"id": row.id, "occurred_on": row.occurred_on, "channel": row.channel, "summary": row.summary,
            "organisation_id": row.organisation_id, "organisation_name": row.name,
            "own": row.organisation_id == user.organisation_id}


def lead(row, user, *, now, today) -> dict:
    """A lead: the network's part, and the owner's private part only for my organisation's leads."""
    record, employer_name, _municipality, organisation_name, owner_name = row
    mine = record.organisation_id == user.organisation_id
    body = {**pick(record, LEAD_NETWORK), "mine": mine, "employer_name": employer_name,
            "organisation_name": organisation_name, "owner_name": owner_name,
            "status": lead_rules.effective_status(status=record.status, expires_on=record.expires_on, today=today)}
    if mine:
        body.update(pick(record, LEAD_OWN))
        body["held"] = lead_rules.is_held(visibility=record.visibility, opens_at=record.opens_at, now=now)
    return body


def proposal(row, user) -> dict:
    """A proposal; the seeker's code only for my organisation's own proposals."""
    record, lead_title, lead_organisation_id, organisation_name, proposer_name, seeker_code = row
    made = record.organisation_id == user.organisation_id
    return {**pick(record, PROPOSAL_FIELDS), "side": "made" if made else "received", "lead_title": lead_title,
            "organisation_name": organisation_name, "proposed_by_name": proposer_name,
            "seeker_code": seeker_code if made else None}


def engagement(record, employer_name: str, bundle_ids: list[int]) -> dict:
    """My organisation's RATKO engagement."""
    return {**pick(record, ENGAGEMENT_FIELDS), "employer_name": employer_name, "bundle_ids": bundle_ids}


def bundle(record, employer_id: int, demand, items: dict) -> dict:
    """A task bundle with its tasks and its effective demand profile (the one the comparison uses)."""
    levels = demand.effective
    return {**pick(record, BUNDLE_FIELDS), "employer_id": employer_id,
            "tasks": [pick(task, TASK_FIELDS) for task in demand.tasks],
            "demand": [{"characteristic_id": item_id, "code": items[item_id].code if item_id in items else "",
                        "name": items[item_id].name() if item_id in items else "", "level": level,
                        "key": item_id in demand.key, "overridden": item_id in demand.overrides}
                       for item_id, level in sorted(levels.items()) if level]}


def placement(row, follow_ups: list) -> dict:
    """My organisation's placement: the seeker as their code."""
    record, seeker_code, employer_name, coach_name = row
    return {**pick(record, PLACEMENT_FIELDS), "seeker_code": seeker_code, "employer_name": employer_name,
            "coach_name": coach_name, "follow_ups": [pick(f, PLACEMENT_FOLLOW_UP_FIELDS) for f in follow_ups]}


def work_item(item: WorkItem, root: str) -> dict:
    """A worklist line; `root` makes its page's path a full URL (request.url_root)."""
    url = item.url
    if url and url.startswith("/"):
        url = root.rstrip("/") + url
    return {"uid": item.uid, "kind": item.kind, "kind_label": work_kind_label(item.kind), "state": item.state,
            "due": item.due, "title": item.title, "detail": item.detail, "employer_id": item.employer_id,
            "employer_name": item.employer_name, "owner_id": item.owner_id, "url": url}
