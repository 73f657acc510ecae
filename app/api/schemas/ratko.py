"""My organisation's RATKO engagements and task bundles with their demand profiles, placements and follow-ups."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.paging import PageArgs
from app.api.schemas.common import UtcDateTime, ident
from app.leads.placements.models import TYPES
from app.ratko.models import BUNDLE_STATUSES, DECISIONS, PHASES, STATUSES


class EngagementArgs(PageArgs):
    """Filters of my organisation's engagements."""

    status = fields.String(load_default="", validate=validate.OneOf(["", *STATUSES]))
    phase = fields.String(load_default="", validate=validate.OneOf(["", *PHASES]))
    employer_id = ident(strict=False, load_default=None)


class EngagementSchema(Schema):
    """A RATKO engagement of my organisation with an employer."""

    id = fields.Integer(required=True)
    employer_id = fields.Integer()
    employer_name = fields.String()
    site_id = fields.Integer(allow_none=True)
    title = fields.String()
    phase = fields.String(metadata={"enum": list(PHASES)})
    status = fields.String(metadata={"enum": list(STATUSES)})
    decision = fields.String(metadata={"enum": list(DECISIONS)})
    decided_on = fields.Date(allow_none=True)
    revisit_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    consultant_id = fields.Integer(allow_none=True)
    coach_id = fields.Integer(allow_none=True)
    language = fields.String()
    bundle_ids = fields.List(fields.Integer())
    version = fields.Integer()
    updated_at = UtcDateTime()


class BundleArgs(PageArgs):
    """Filters of my organisation's task bundles."""

    engagement_id = ident(strict=False, load_default=None)
    status = fields.String(load_default="", validate=validate.OneOf(["", *BUNDLE_STATUSES]))


class BundleTaskSchema(Schema):
    """A task carved into the bundle."""

    id = fields.Integer()
    description = fields.String()
    role = fields.String(metadata={"description": "Whose work it was"})
    category = fields.String()
    hours_value = fields.Float()
    hours_period = fields.String()
    frequency = fields.String(allow_none=True)


class DemandItemSchema(Schema):
    """What the bundle demands of one characteristic of the catalogue (0-5)."""

    characteristic_id = fields.Integer()
    code = fields.String()
    name = fields.String()
    level = fields.Integer()
    key = fields.Boolean(metadata={"description": "A key item of the job"})
    overridden = fields.Boolean(metadata={"description": "Set on the bundle instead of computed from its tasks"})


class BundleSchema(Schema):
    """A task bundle (the carved job) with its demand profile."""

    id = fields.Integer(required=True)
    engagement_id = fields.Integer()
    employer_id = fields.Integer()
    title = fields.String()
    purpose = fields.String(allow_none=True)
    hours_per_week = fields.Float(allow_none=True)
    schedule = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    working_conditions = fields.String(allow_none=True)
    requirements = fields.String(allow_none=True)
    guided_by = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(BUNDLE_STATUSES)})
    tasks = fields.List(fields.Nested(BundleTaskSchema))
    demand = fields.List(fields.Nested(DemandItemSchema))
    version = fields.Integer()


class PlacementArgs(PageArgs):
    """Filters of my organisation's placements."""

    status = fields.String(load_default="all", validate=validate.OneOf(["active", "ended", "all"]))
    type = fields.String(load_default="", validate=validate.OneOf(["", *TYPES]))
    employer_id = ident(strict=False, load_default=None)


class PlacementFollowUpSchema(Schema):
    """A follow-up 1, 3, 6 or 12 months after the start."""

    id = fields.Integer()
    months = fields.Integer()
    due_on = fields.Date()
    done_on = fields.Date(allow_none=True)
    still_employed = fields.Boolean(allow_none=True)
    note = fields.String(allow_none=True)


class PlacementSchema(Schema):
    """A placement of my organisation: the seeker only as their pseudonymous code."""

    id = fields.Integer(required=True)
    seeker_code = fields.String()
    employer_id = fields.Integer()
    employer_name = fields.String()
    lead_id = fields.Integer(allow_none=True)
    bundle_id = fields.Integer(allow_none=True)
    coach_id = fields.Integer(allow_none=True)
    coach_name = fields.String(allow_none=True)
    type = fields.String(metadata={"enum": list(TYPES)})
    job_title = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    subsidy_ends_on = fields.Date(allow_none=True)
    hours_per_week = fields.Float(allow_none=True)
    equal_pay = fields.Boolean(allow_none=True)
    ordinary_workplace = fields.Boolean()
    employment_goal = fields.String(allow_none=True)
    planned_weeks = fields.Integer(allow_none=True)
    notes = fields.String(allow_none=True)
    status = fields.String()
    ended_on = fields.Date(allow_none=True)
    end_reason = fields.String(allow_none=True)
    follow_ups = fields.List(fields.Nested(PlacementFollowUpSchema))
    version = fields.Integer()
