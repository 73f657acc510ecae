"""Touchpoints: my organisation's (list, one, the quick log), every organisation's contacts with an employer as
the network sees them, and the worklist."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from app.api import present
from app.api.auth import roles_required
from app.api.formdata import validated
from app.api.idempotency import idempotent
from app.api.paging import PageArgs, keyset, listing, numbered, page_number, page_schema
from app.api.problems import Problem, field_error
from app.api.schemas.work import (
    QuickLogSchema,
    TimelineEntrySchema,
    TouchpointArgs,
    TouchpointSchema,
    WorkItemSchema,
    WorklistArgs,
)
from app.api.selectors import records
from app.api.v1 import blueprint, employer_or_422
from app.api.versions import not_modified, with_etag
from app.employers import selectors as employer_selectors
from app.touchpoints import selectors, services
from app.touchpoints.forms import QuickLogForm
from app.touchpoints.models import Touchpoint
from app.touchpoints.worklist import WorkFilters, worklist_page

EDITORS = ("manager", "coordinator", "consultant", "coach")
QUICK_NAMES = {"next_step_text": "next_step.text", "next_step_due": "next_step.due_on"}

blp = blueprint("touchpoints", "Contacts with employers: my organisation's touchpoints with their private notes, "
                               "the quick log, what the network sees of every organisation's contacts, and the "
                               "worklist.")
TouchpointPage = page_schema(TouchpointSchema, "TouchpointPage")
TimelinePage = page_schema(TimelineEntrySchema, "TimelinePage")
WorkItemPage = page_schema(WorkItemSchema, "WorkItemPage")


@blp.route("/touchpoints")
@blp.arguments(TouchpointArgs, location="query", as_kwargs=True)
@blp.response(200, TouchpointPage)
def touchpoints(**args):
    """My organisation's touchpoints, newest first, with private notes, promises and next steps."""
    stmt = records.touchpoints_statement(user=current_user, employer_id=args["employer_id"], since=args["since"],
                                         until=args["until"])
    page = keyset(stmt, key=Touchpoint.id, scope="touchpoints", args=args, descending=True)
    follow_ups = records.follow_ups_of(user=current_user, touchpoint_ids=[t.id for t in page.rows])
    return listing(page, [present.touchpoint(t, follow_ups.get(t.id, [])) for t in page.rows])


@blp.route("/touchpoints/<int:touchpoint_id>")
@blp.response(200, TouchpointSchema)
def touchpoint(touchpoint_id: int):
    """One touchpoint of my organisation (another organisation's: 404)."""
    record = selectors.touchpoint_get_or_404(touchpoint_id, current_user)
    follow_ups = records.follow_ups_of(user=current_user, touchpoint_ids=[record.id])
    return not_modified(record) or with_etag(present.touchpoint(record, follow_ups.get(record.id, [])), record)


@blp.route("/touchpoints", methods=["POST"])
@idempotent
@roles_required(*EDITORS)
@blp.arguments(QuickLogSchema)
@blp.response(201, TouchpointSchema)
def touchpoint_log(data):
    """Log a contact (the quick log): starts my organisation's relationship with the employer if there is none."""
    employer = employer_or_422(data["employer_id"])
    done = _follow_up(data.get("done_follow_up_id"), employer.id)
    step = data.get("next_step") or {}
    form = validated(QuickLogForm, {"channel": data["channel"], "occurred_on": data["occurred_on"],
                                    "summary": data["summary"], "outcome": data.get("outcome"),
                                    "next_step_text": step.get("text"), "next_step_due": step.get("due_on")},
                     names=QUICK_NAMES)
    record = services.touchpoint_log(author=current_user, employer=employer,
                                     data={**form.cleaned(), "done_follow_up": done},
                                     diagnosis_reason=form.diagnosis_override)
    follow_ups = records.follow_ups_of(user=current_user, touchpoint_ids=[record.id])
    location = url_for("api_touchpoints.touchpoint", touchpoint_id=record.id, _external=True)
    return with_etag(present.touchpoint(record, follow_ups.get(record.id, [])), record, 201, {"Location": location})


def _follow_up(follow_up_id: int | None, employer_id: int):
    if not follow_up_id:
        return None
    try:
        follow_up = selectors.follow_up_get_or_404(follow_up_id, current_user)
    except NotFound:
        follow_up = None
    if follow_up is None or follow_up.employer_id != employer_id:
        raise Problem(422, _("Nothing was saved."), kind="validation", errors=[
            field_error("done_follow_up_id", _("No such promise or next step of my organisation at this employer."))])
    return follow_up


@blp.route("/employers/<int:employer_id>/touchpoints")
@blp.arguments(PageArgs, location="query", as_kwargs=True)
@blp.response(200, TimelinePage)
def timeline(employer_id: int, **args):
    """Every organisation's contacts with an employer, newest first: what the network sees of each."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    page = keyset(records.timeline_statement(employer_id=employer.id), key=Touchpoint.id, descending=True,
                  scope=f"timeline-{employer.id}", args=args, scalars=False, key_of=lambda row: row.id)
    return listing(page, [present.timeline_entry(row, current_user) for row in page.rows])


@blp.route("/worklist")
@blp.arguments(WorklistArgs, location="query", as_kwargs=True)
@blp.response(200, WorkItemPage)
def worklist(**args):
    """My worklist (or my organisation's, or a colleague's), most urgent first: relationships due for contact,
    promises, next steps and every other part's items (RATKO revisits, placement follow-ups, ...)."""
    owner = args["owner"]
    if owner and owner not in {i for i, _name in selectors.organisation_people(user=current_user)}:
        raise Problem(422, _("Nothing was shown."), kind="validation",
                      errors=[field_error("owner", _("Not a user of my organisation."), "query")])
    filters = WorkFilters(scope="owner" if owner else args["scope"], owner=owner, show=args["show"])
    scope = f"worklist-{filters.scope_value}-{filters.show}"
    number = page_number(args, scope)
    work = worklist_page(user=current_user, filters=filters, page=number, per_page=args["limit"])
    rows = work.items if work.page == number else []
    page = numbered(rows, scope=scope, number=number, total=work.total, limit=args["limit"])
    return listing(page, [present.work_item(item, request.url_root) for item in page.rows])
