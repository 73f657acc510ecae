"""Employers, sites and contact persons (the network's shared directory) and my organisation's relationships."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from app.api.paging import PageArgs
from app.api.schemas.common import MAX_ID, UtcDateTime, ident
from app.employers.models import PWA_EXPERIENCE, SIZE_CLASSES, STATUSES


class EmployerArgs(PageArgs):
    """The directory's search and filters."""

    q = fields.String(load_default="", validate=validate.Length(max=100),
                      metadata={"description": "Words in the name, Y-tunnus, municipality or contact names."})
    status = fields.String(load_default="", validate=validate.OneOf(["", "none", *STATUSES]),
                           metadata={"description": "My organisation's relationship status (none: no relationship)."})
    industry = fields.String(load_default="", validate=validate.Length(max=5),
                             metadata={"description": "TOL 2008 section letter or code prefix."})
    municipality = fields.String(load_default="", validate=validate.Length(max=80))
    owner = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID),
                           metadata={"description": "Owner (user id) of my organisation's relationship."})
    tag = fields.String(load_default="", validate=validate.Length(max=40))
    archived = fields.Boolean(load_default=False, metadata={"description": "Include archived employers."})


class MyRelationshipSchema(Schema):
    """My organisation's relationship with an employer, as the directory shows it."""

    id = fields.Integer()
    status = fields.String(metadata={"enum": list(STATUSES)})
    owner_id = fields.Integer(allow_none=True)
    owner_name = fields.String(allow_none=True)


class EmployerSchema(Schema):
    """An employer of the network directory."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    business_id = fields.String(allow_none=True, metadata={"description": "Y-tunnus"})
    industry_code = fields.String(allow_none=True, metadata={"description": "TOL 2008"})
    size_class = fields.String(allow_none=True, metadata={"enum": [*SIZE_CLASSES, None]})
    municipality = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    diversity_stance = fields.String(allow_none=True)
    pwa_experience = fields.String(metadata={"enum": list(PWA_EXPERIENCE)})
    tags = fields.List(fields.String())
    archived = fields.Boolean()
    version = fields.Integer()
    updated_at = UtcDateTime()
    relationship = fields.Nested(MyRelationshipSchema, allow_none=True,
                                 metadata={"description": "My organisation's relationship, if any."})


class SiteSchema(Schema):
    """A unit, branch or store of an employer."""

    id = fields.Integer(required=True)
    employer_id = fields.Integer()
    parent_id = fields.Integer(allow_none=True)
    name = fields.String()
    municipality = fields.String(allow_none=True)
    address = fields.String(allow_none=True)


class ContactSchema(Schema):
    """A contact person at an employer (shared in the network)."""

    id = fields.Integer(required=True)
    employer_id = fields.Integer()
    site_id = fields.Integer(allow_none=True)
    name = fields.String()
    title = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    preferred_channel = fields.String(allow_none=True)
    source = fields.String(allow_none=True)
    ambassador = fields.Boolean()
    archived = fields.Boolean()
    version = fields.Integer()


class RelationshipArgs(PageArgs):
    """Filters of my organisation's relationships."""

    status = fields.String(load_default="", validate=validate.OneOf(["", *STATUSES]))
    owner = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))
    employer_id = ident(strict=False, load_default=None)


class CadenceSchema(Schema):
    """Where a relationship stands in its contact rhythm."""

    last_counted_on = fields.Date(allow_none=True)
    last_touch_on = fields.Date(allow_none=True)
    due_on = fields.Date(allow_none=True)
    overdue_on = fields.Date(allow_none=True)
    snoozed_until = fields.Date(allow_none=True)


class RelationshipSchema(Schema):
    """My organisation's relationship with an employer."""

    id = fields.Integer(required=True)
    employer_id = fields.Integer()
    employer_name = fields.String()
    owner_id = fields.Integer(allow_none=True)
    owner_name = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(STATUSES)})
    cadence_target = fields.Integer(metadata={"description": "Contacts a year wanted"})
    cadence_minimum = fields.Integer(metadata={"description": "Contacts a year at least"})
    started_on = fields.Date()
    private_note = fields.String(allow_none=True)
    cadence = fields.Nested(CadenceSchema, allow_none=True)
    version = fields.Integer()
