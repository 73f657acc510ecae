"""Leads I may see (create; update my organisation's own) and the proposals my organisation made or received."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.api import present
from app.api.auth import roles_required
from app.api.formdata import validated
from app.api.idempotency import idempotent
from app.api.jsonout import json_response
from app.api.paging import keyset, listing, page_schema
from app.api.problems import Problem
from app.api.schemas.work import LeadArgs, LeadCreateSchema, LeadInSchema, LeadSchema, ProposalArgs, ProposalSchema
from app.api.selectors import records
from app.api.v1 import blueprint, employer_or_422
from app.api.versions import expected_version, not_modified, with_etag
from app.core.conflict import check_version
from app.core.dates import today as local_today
from app.core.db import utcnow
from app.leads import selectors, services
from app.leads.forms import LeadForm, default_expiry
from app.leads.models import Lead, LeadProposal
from app.leads.selectors import LeadFilters

EDITORS = ("manager", "coordinator", "consultant", "coach")
FORM_FIELDS = ("employer_id", "title", "kind", "description", "tasks", "hours_per_week", "starts_on", "expires_on",
               "site_id", "contact_id", "touchpoint_id", "visibility", "owner_id", "private_note")

blp = blueprint("leads", "Vacancy leads: my organisation's, and other organisations' once shared with the network "
                         "(only what the network sees of them); the candidates proposed for them.")
LeadPage = page_schema(LeadSchema, "LeadPage")
ProposalPage = page_schema(ProposalSchema, "ProposalPage")


@blp.route("/leads")
@blp.arguments(LeadArgs, location="query", as_kwargs=True)
@blp.response(200, LeadPage)
def leads(**args):
    """The leads I may see: my organisation's, and other organisations' open to the network."""
    filters = LeadFilters(q=args["q"].strip(), kind=args["kind"], status=args["status"], whose=args["whose"],
                          municipality=args["municipality"].strip())
    stmt = records.leads_statement(user=current_user, filters=filters, employer_id=args["employer_id"])
    page = keyset(stmt, key=Lead.id, scope="leads", args=args, scalars=False)
    now, today = utcnow(), local_today()
    return listing(page, [present.lead(row, current_user, now=now, today=today) for row in page.rows])


@blp.route("/leads/<int:lead_id>")
@blp.response(200, LeadSchema)
def lead(lead_id: int):
    """One lead I may see (ETag: its version)."""
    record = selectors.lead_get_visible_or_404(lead_id, current_user)
    return not_modified(record) or with_etag(_present(record.id), record)


def _present(lead_id: int) -> dict:
    row = records.first(records.leads_statement(user=current_user, filters=LeadFilters(status="all"))
                        .where(Lead.id == lead_id))
    if row is None:
        raise Problem(404)
    return present.lead(row, current_user, now=utcnow(), today=local_today())


@blp.route("/leads", methods=["POST"])
@idempotent
@roles_required(*EDITORS)
@blp.arguments(LeadCreateSchema)
@blp.response(201, LeadSchema)
def lead_create(data):
    """Record a lead of my organisation at an employer: shared with the network at once, held first (hidden jobs)
    or kept in my organisation, as `visibility` and `hold_days` say."""
    employer = employer_or_422(data["employer_id"])
    values = {**data, "expires_on": data.get("expires_on") or default_expiry(),
              "hold_days": data["hold_days"] if data.get("hold_days") is not None
              else selectors.hold_days_of(current_user.organisation)}
    form = validated(LeadForm, values, creating=True)
    record = services.lead_create(user=current_user, employer=employer, data=form.cleaned(),
                                  diagnosis_reason=form.diagnosis_override)
    location = url_for("api_leads.lead", lead_id=record.id, _external=True)
    return with_etag(_present(record.id), record, 201, {"Location": location})


@blp.route("/leads/<int:lead_id>", methods=["PATCH"])
@roles_required(*EDITORS)
@blp.arguments(LeadInSchema)
@blp.response(200, LeadSchema)
def lead_update(data, lead_id: int):
    """Change a lead of my organisation: send only the fields that change, and its ETag in If-Match (a lead someone
    changed since answers 412). Other organisations' leads answer 404."""
    record = selectors.lead_get_own_or_404(lead_id, current_user)
    version = expected_version(record)
    check_version(record, version)
    values = {**{name: getattr(record, name) for name in FORM_FIELDS},
              "hold_days": selectors.hold_days_of(current_user.organisation), **data}

    def bundle_kind(form):
        if record.bundle_id:
            form.kind.choices = [("ratko_bundle", _("RATKO bundle"))]

    form = validated(LeadForm, values, setup=bundle_kind)
    services.lead_update(lead=record, user=current_user, data=form.cleaned(), expected_version=version,
                         diagnosis_reason=form.diagnosis_override)
    return with_etag(_present(record.id), record)


@blp.route("/proposals")
@blp.arguments(ProposalArgs, location="query", as_kwargs=True)
@blp.response(200, ProposalPage)
def proposals(**args):
    """Candidates my organisation proposed for other organisations' leads (with my seeker's code) and candidates
    proposed for my organisation's leads (never the seeker: only who proposed)."""
    stmt = records.proposals_statement(user=current_user, side=args["side"], status=args["status"],
                                       lead_id=args["lead_id"])
    page = keyset(stmt, key=LeadProposal.id, scope="proposals", args=args, scalars=False)
    return listing(page, [present.proposal(row, current_user) for row in page.rows])


@blp.route("/proposals/<int:proposal_id>")
@blp.response(200, ProposalSchema)
def proposal(proposal_id: int):
    """One proposal my organisation made or received."""
    row = records.first(records.proposals_statement(user=current_user).where(LeadProposal.id == proposal_id))
    if row is None:
        raise Problem(404)
    return json_response(present.proposal(row, current_user))
