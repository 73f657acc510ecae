"""Touchpoints (list and the quick log), the worklist, leads and proposals."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.paging import PageArgs
from app.api.schemas.common import UtcDateTime, ident, one_of, text
from app.leads.models import KINDS, PROPOSAL_STATUSES, VISIBILITIES
from app.leads.rules import MAX_HOLD_DAYS
from app.leads.selectors import STATUS_FILTERS, WHOSE
from app.touchpoints.models import CHANNELS, OUTCOMES, PURPOSES

EDITABLE_KINDS = [k for k in KINDS if k != "ratko_bundle"]


class TouchpointArgs(PageArgs):
    """Filters of my organisation's touchpoints (newest first)."""

    employer_id = ident(strict=False, load_default=None)
    since = fields.Date(load_default=None, metadata={"description": "Contacts on or after this day."})
    until = fields.Date(load_default=None, metadata={"description": "Contacts on or before this day."})


class FollowUpSchema(Schema):
    """A promise made to the employer or the next step."""

    id = fields.Integer()
    kind = fields.String(metadata={"enum": ["promise", "next_step"]})
    text = fields.String()
    due_on = fields.Date()
    done_on = fields.Date(allow_none=True)
    owner_id = fields.Integer(allow_none=True)


class TouchpointSchema(Schema):
    """A contact of my organisation with an employer, with its private notes."""

    id = fields.Integer(required=True)
    employer_id = fields.Integer()
    occurred_on = fields.Date()
    channel = fields.String(metadata={"enum": list(CHANNELS)})
    purpose = fields.String(metadata={"enum": list(PURPOSES)})
    outcome = fields.String(allow_none=True, metadata={"enum": [*OUTCOMES, None]})
    contact_id = fields.Integer(allow_none=True)
    client_present = fields.Boolean()
    summary = fields.String(metadata={"description": "What the network sees"})
    private_note = fields.String(allow_none=True)
    needs_extra_hands = fields.String(allow_none=True)
    needs_outlook = fields.String(allow_none=True)
    needs_criteria = fields.String(allow_none=True)
    needs_undone_work = fields.String(allow_none=True)
    feedback_good = fields.String(allow_none=True)
    feedback_improve = fields.String(allow_none=True)
    participant_ids = fields.List(fields.Integer())
    created_by_id = fields.Integer(allow_none=True)
    follow_ups = fields.List(fields.Nested(FollowUpSchema))
    version = fields.Integer()


class TimelineEntrySchema(Schema):
    """One organisation's contact with an employer: what every organisation sees (own ones link to the details)."""

    id = fields.Integer(required=True)
    occurred_on = fields.Date()
    channel = fields.String(metadata={"enum": list(CHANNELS)})
    summary = fields.String()
    organisation_id = fields.Integer()
    organisation_name = fields.String()
    own = fields.Boolean(metadata={"description": "My organisation's: GET /touchpoints/{id} has the details."})


class NextStepSchema(Schema):
    """The next step agreed in a contact."""

    text = fields.String(required=True, validate=validate.Length(max=500))
    due_on = fields.Date(required=True)


class QuickLogSchema(Schema):
    """Log a contact in seconds (the quick log): channel, date and summary."""

    employer_id = ident(required=True)
    channel = one_of(CHANNELS, required=True)
    occurred_on = fields.Date(required=True, metadata={"description": "Today at the latest (Helsinki time)."})
    summary = fields.String(required=True, validate=validate.Length(max=4000),
                            metadata={"description": "Every organisation of the network sees this."})
    outcome = fields.String(allow_none=True, validate=validate.OneOf([*OUTCOMES]))
    next_step = fields.Nested(NextStepSchema, allow_none=True)
    done_follow_up_id = ident(allow_none=True, metadata={
        "description": "A promise or next step of my organisation at this employer that this contact fulfils."})


class WorklistArgs(PageArgs):
    """Whose worklist, and how far ahead."""

    scope = fields.String(load_default="mine", validate=validate.OneOf(["mine", "organisation"]))
    owner = ident(strict=False, load_default=None,
                  metadata={"description": "One colleague's list (a user id of my organisation)."})
    show = fields.String(load_default="all", validate=validate.OneOf(["all", "relationships", "follow_ups",
                                                                     "collisions"]))


class WorkItemSchema(Schema):
    """One line of the worklist, from any part of the workbench."""

    uid = fields.String()
    kind = fields.String()
    kind_label = fields.String()
    state = fields.String(metadata={"enum": ["overdue", "due", "upcoming"]})
    due = fields.Date()
    title = fields.String()
    detail = fields.String()
    employer_id = fields.Integer(allow_none=True)
    employer_name = fields.String()
    owner_id = fields.Integer(allow_none=True)
    url = fields.String(metadata={"description": "The page in the workbench"})


class LeadArgs(PageArgs):
    """Filters of the leads I may see."""

    q = fields.String(load_default="", validate=validate.Length(max=100))
    kind = fields.String(load_default="", validate=validate.OneOf(["", *KINDS]))
    status = fields.String(load_default="active", validate=validate.OneOf(list(STATUS_FILTERS)))
    whose = fields.String(load_default="", validate=validate.OneOf(["", *WHOSE]))
    municipality = fields.String(load_default="", validate=validate.Length(max=80))
    employer_id = ident(strict=False, load_default=None)


class LeadSchema(Schema):
    """A vacancy lead. Other organisations' leads carry only what the network sees (no private note, no touchpoint,
    no bundle, no visibility details)."""

    id = fields.Integer(required=True)
    mine = fields.Boolean(metadata={"description": "My organisation's lead (I may update it)"})
    organisation_id = fields.Integer()
    organisation_name = fields.String()
    employer_id = fields.Integer()
    employer_name = fields.String()
    site_id = fields.Integer(allow_none=True)
    contact_id = fields.Integer(allow_none=True)
    kind = fields.String(metadata={"enum": list(KINDS)})
    title = fields.String()
    description = fields.String(allow_none=True)
    tasks = fields.String(allow_none=True)
    hours_per_week = fields.Float(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)
    status = fields.String(metadata={"enum": ["open", "candidates_proposed", "filled", "closed", "expired"]})
    owner_id = fields.Integer(allow_none=True)
    owner_name = fields.String(allow_none=True, metadata={"description": "The coach in charge"})
    filled_on = fields.Date(allow_none=True)
    version = fields.Integer()
    visibility = fields.String(metadata={"enum": list(VISIBILITIES), "description": "Only on my leads"})
    opens_at = UtcDateTime(allow_none=True, metadata={"description": "Only on my leads"})
    held = fields.Boolean(metadata={"description": "Only on my leads"})
    touchpoint_id = fields.Integer(allow_none=True, metadata={"description": "Only on my leads"})
    bundle_id = fields.Integer(allow_none=True, metadata={"description": "Only on my leads"})
    private_note = fields.String(allow_none=True, metadata={"description": "Only on my leads"})
    closed_on = fields.Date(allow_none=True, metadata={"description": "Only on my leads"})
    closed_reason = fields.String(allow_none=True, metadata={"description": "Only on my leads"})


class LeadInSchema(Schema):
    """The fields of a lead as the lead form has them."""

    employer_id = ident()
    title = fields.String(validate=validate.Length(max=200))
    kind = one_of(KINDS)
    description = text(4000)
    tasks = text(4000)
    hours_per_week = fields.Float(allow_none=True, allow_nan=False)
    starts_on = fields.Date(allow_none=True)
    expires_on = fields.Date()
    site_id = ident(allow_none=True)
    contact_id = ident(allow_none=True)
    touchpoint_id = ident(allow_none=True, metadata={"description": "A contact of my organisation it was heard in"})
    visibility = one_of(VISIBILITIES)
    hold_days = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=MAX_HOLD_DAYS))
    owner_id = ident(allow_none=True, metadata={"description": "The coach in charge (a user of my organisation)"})
    private_note = text(4000)
    diagnosis_reason = text(500, metadata={
        "description": "Why flagged words must stay in the private note (asked only when it names a diagnosis)."})


class LeadCreateSchema(LeadInSchema):
    """A new lead of my organisation."""

    employer_id = ident(required=True)
    title = fields.String(required=True, validate=validate.Length(max=200))
    kind = one_of(EDITABLE_KINDS, required=True)
    visibility = one_of(VISIBILITIES, load_default="network")
    expires_on = fields.Date(load_default=None, metadata={"description": "30 days from today when left out"})


class ProposalArgs(PageArgs):
    """Which proposals: those my organisation made, or those made for my organisation's leads."""

    side = fields.String(load_default="all", validate=validate.OneOf(["all", "made", "received"]))
    status = fields.String(load_default="", validate=validate.OneOf(["", *PROPOSAL_STATUSES]))
    lead_id = ident(strict=False, load_default=None)


class ProposalSchema(Schema):
    """"We have a candidate". The seeker appears only to the organisation that proposed them, as their code."""

    id = fields.Integer(required=True)
    side = fields.String(metadata={"enum": ["made", "received"]})
    lead_id = fields.Integer()
    lead_title = fields.String()
    status = fields.String(metadata={"enum": list(PROPOSAL_STATUSES)})
    status_reason = fields.String(allow_none=True)
    organisation_id = fields.Integer(metadata={"description": "The proposing organisation"})
    organisation_name = fields.String()
    proposed_by_name = fields.String(allow_none=True)
    seeker_code = fields.String(allow_none=True, metadata={"description": "Only on proposals my organisation made"})
    created_at = UtcDateTime()
    decided_at = UtcDateTime(allow_none=True)
    decision_note = fields.String(allow_none=True)
