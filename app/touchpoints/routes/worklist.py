"""The worklist page, its dashboard summary, single rows (refreshed after a quick log), snooze and .xlsx export."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core import dates
from app.core.auth import role_required
from app.core.htmx import hx_target, render, render_fragment
from app.core.pagination import page_number
from app.core.xlsx import xlsx_response
from app.touchpoints import bp, exports, selectors, services
from app.touchpoints.forms import SnoozeForm
from app.touchpoints.routes import EDITORS, changed_trigger
from app.touchpoints.worklist import (
    COLLISION_DAYS,
    WorkFilters,
    follow_up_item,
    relationship_item,
    with_links,
    worklist_counts,
    worklist_page,
)

RESULT_BLOCKS = {"worklist-results": "worklist_results"}
SNOOZE_BLOCKS = {"modal-body": "modal_body"}


def _filters() -> tuple[WorkFilters, list]:
    people = selectors.organisation_people(user=current_user)
    return WorkFilters.from_args(request.args, people_ids={i for i, _name in people}), people


@bp.get("/worklist")
def worklist():
    """My worklist (or my organisation's, or one owner's): overdue, due soon, promises and next steps."""
    filters, people = _filters()
    work = worklist_page(user=current_user, filters=filters, page=page_number(request.args.get("page")))
    return render("touchpoints/worklist.html", blocks=RESULT_BLOCKS, work=work, filters=filters, people=people,
                  today=dates.today())


@bp.get("/worklist/counts")
def counts():
    """The worklist's counts as filtered, refreshed in place after a contact, a snooze or a kept promise."""
    filters, _people = _filters()
    return render_fragment("touchpoints/_work_counts.html", counts=worklist_counts(user=current_user, filters=filters),
                           filters=filters, live=True)


@bp.get("/worklist/summary")
def summary():
    """Dashboard region: my worklist's counts and its most urgent rows."""
    work = worklist_page(user=current_user, filters=WorkFilters(), per_page=5)
    return render_fragment("touchpoints/_summary.html", work=work, today=dates.today())


@bp.get("/worklist.xlsx")
def export():
    """The worklist as it is filtered, as an .xlsx file (every row, not just one page)."""
    filters, _people = _filters()
    work = worklist_page(user=current_user, filters=filters, per_page=100_000)
    body = exports.worklist_xlsx(work.items, today=dates.today())
    return xlsx_response(body, f"worklist-{dates.today().isoformat()}.xlsx")


@bp.get("/worklist/rows/relationship/<int:relationship_id>")
def relationship_row(relationship_id: int):
    """One relationship's worklist row as it stands now (it turns green after a contact)."""
    relationship = selectors.relationship_get_or_404(relationship_id, current_user)
    today = dates.today()
    row = selectors.relationship_work_rows(user=current_user, scope="organisation", owner_id=None, horizon=today,
                                           today=today, relationship_id=relationship.id)[0]
    return _row(relationship_item(row, today), today)


@bp.get("/worklist/rows/follow-up/<int:follow_up_id>")
def follow_up_row(follow_up_id: int):
    """One promise's or next step's worklist row as it stands now."""
    follow_up = selectors.follow_up_get_or_404(follow_up_id, current_user)
    today = dates.today()
    row = selectors.follow_up_work_rows(user=current_user, scope="organisation", owner_id=None, horizon=today,
                                        follow_up_id=follow_up.id)[0]
    return _row(follow_up_item(row, today), today)


def _row(item, today):
    recent = selectors.recent_other_touches(user=current_user, employer_ids=[item.employer_id],
                                            since=today - timedelta(days=COLLISION_DAYS))
    return render_fragment("touchpoints/_work_row.html", item=with_links([item])[0], recent=recent, today=today)


@bp.route("/relationships/<int:relationship_id>/snooze", methods=["GET", "POST"])
@role_required(*EDITORS)
def snooze(relationship_id: int):
    """Snooze a relationship until a date with a reason (audit-logged); the dialog closes and the row refreshes."""
    relationship = selectors.relationship_get_or_404(relationship_id, current_user)
    form = SnoozeForm()
    if form.validate_on_submit():
        services.relationship_snooze(relationship=relationship, until=form.until.data, reason=form.reason.data,
                                     today=dates.today())
        if hx_target() != "modal-body":
            flash(_("Snoozed until %(date)s.", date=form.until.data.isoformat()), "success")
            return redirect(url_for("touchpoints.worklist"), 303)
        return render_fragment("touchpoints/_logged.html", message=_("Snoozed."),
                               trigger=changed_trigger(relationship.employer_id, **{"close-modal": True}))
    employer_name = selectors.relationship_work_rows(
        user=current_user, scope="organisation", owner_id=None, horizon=dates.today(),
        today=dates.today(), relationship_id=relationship.id)[0].employer_name
    return render("touchpoints/snooze.html", blocks=SNOOZE_BLOCKS, form=form, relationship=relationship,
                  employer_name=employer_name, status=422 if form.errors else 200)


@bp.post("/relationships/<int:relationship_id>/unsnooze")
@role_required(*EDITORS)
def unsnooze(relationship_id: int):
    """End a snooze now."""
    relationship = selectors.relationship_get_or_404(relationship_id, current_user)
    services.relationship_unsnooze(relationship=relationship)
    if hx_target():
        return relationship_row(relationship_id)
    return redirect(url_for("employers.detail", employer_id=relationship.employer_id), 303)
