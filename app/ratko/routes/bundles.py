"""Task bundles: the job description page (edited with optimistic locking), its printable A4 version in the
engagement's language, and the freed-time summary for management."""

from __future__ import annotations

from contextlib import nullcontext

from flask import flash, redirect, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render
from app.core.refusals import Refusal, refuse
from app.core.xlsx import xlsx_response
from app.employers import selectors as employer_selectors
from app.ratko import EDITORS, bp, export, selectors, services
from app.ratko.forms import BundleForm
from app.ratko.hours import bundle_summary, freed_time, freed_total


def bundle_context(bundle, **overrides) -> dict:
    """Everything the bundle page and its print view show."""
    engagement = selectors.engagement_get_or_404(bundle.engagement_id, user=current_user)
    tasks = selectors.bundle_tasks(bundle)
    all_tasks = selectors.engagement_tasks(engagement)
    context = {"bundle": bundle, "engagement": engagement, "employer": selectors.employer_of(engagement),
               "tasks": tasks, "summary": bundle_summary(tasks), "freed": freed_time(all_tasks),
               "names": selectors.user_names(user=current_user),
               "participants": selectors.engagement_participants(engagement)}
    context["freed_total"] = freed_total(context["freed"])
    context.update(overrides)
    return context


def _bundle_form(bundle, *, fresh: bool) -> BundleForm:
    if not fresh:
        return BundleForm()
    form = BundleForm(formdata=None, obj=bundle)
    form.version.data = bundle.version
    from app.core.i18n import fmt_hours

    form.hours_per_week.data = fmt_hours(bundle.hours_per_week) if bundle.hours_per_week is not None else ""
    return form


@bp.get("/ratko/bundles/<int:bundle_id>")
def bundle(bundle_id: int):
    """A bundle: its job description (editable), tasks, hours and whose work they came from."""
    bundle = selectors.bundle_get_or_404(bundle_id, user=current_user)
    return render("ratko/bundle.html", form=_bundle_form(bundle, fresh=True), **bundle_context(bundle))


@bp.post("/ratko/bundles/<int:bundle_id>")
@role_required(*EDITORS)
def bundle_save(bundle_id: int):
    """Save a bundle's job description; a stale save shows the newer values and keeps the input (409)."""
    bundle = selectors.bundle_get_or_404(bundle_id, user=current_user)
    form = _bundle_form(bundle, fresh=False)
    if form.validate_on_submit():
        try:
            services.bundle_update(bundle=bundle, data=form.cleaned(), expected_version=form.version.data)
            flash(_("Job description saved."), "success")
            return redirect(url_for("ratko.bundle", bundle_id=bundle.id), 303)
        except ConflictError:
            return render("ratko/bundle.html", form=form, conflict=True, status=409, **bundle_context(bundle))
        except Refusal as refusal:
            refuse(form, refusal)
    return render("ratko/bundle.html", form=form, status=422, **bundle_context(bundle))


@bp.get("/ratko/bundles/<int:bundle_id>/print")
def bundle_print(bundle_id: int):
    """The printable job description (one A4 page for up to 8 tasks), in the engagement's chosen language: the
    employer's document, so nothing of the workshop's internal classification (categories, flags, whose work)."""
    bundle = selectors.bundle_get_or_404(bundle_id, user=current_user)
    context = bundle_context(bundle)
    site_id = context["engagement"].site_id
    context["site"] = employer_selectors.site_get_or_404(site_id) if site_id else None
    context["guide"] = bundle.guided_by or selectors.engagement_guide(context["engagement"])
    with force_locale(context["engagement"].language or "fi"):
        return render("ratko/bundle_print.html", **context)


@bp.get("/ratko/engagements/<int:engagement_id>/freed-time")
def freed(engagement_id: int):
    """Freed-time summary for management: per role, the hours per week moved into bundles."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    tasks = selectors.engagement_tasks(engagement)
    bundles = selectors.engagement_bundles(engagement)
    rows = freed_time(tasks)
    printing = request.args.get("print") == "1"
    with force_locale(engagement.language or "fi") if printing else nullcontext():
        return render("ratko/freed_time.html", engagement=engagement, employer=selectors.employer_of(engagement),
                      freed=rows, freed_total=freed_total(rows), printing=printing,
                      bundles=[(b, bundle_summary([t for t in tasks if t.bundle_id == b.id])) for b in bundles])


@bp.get("/ratko/bundles/<int:bundle_id>/export.xlsx")
def bundle_export(bundle_id: int):
    """The bundle's job description, tasks and the freed time as .xlsx, in the engagement's language."""
    bundle = selectors.bundle_get_or_404(bundle_id, user=current_user)
    context = bundle_context(bundle)
    with force_locale(context["engagement"].language or "fi"):
        content = export.bundle_xlsx(**{k: context[k] for k in ("bundle", "engagement", "employer", "tasks",
                                                                 "summary", "freed")})
    return xlsx_response(content, export.filename(bundle.title, str(bundle.id)))


@bp.get("/ratko/engagements/<int:engagement_id>/freed-time.xlsx")
def freed_export(engagement_id: int):
    """The freed-time summary per role and the bundles as .xlsx, in the engagement's language."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    tasks = selectors.engagement_tasks(engagement)
    bundles = [(b, bundle_summary([t for t in tasks if t.bundle_id == b.id]))
               for b in selectors.engagement_bundles(engagement)]
    with force_locale(engagement.language or "fi"):
        content = export.freed_xlsx(bundles=bundles, freed=freed_time(tasks))
    return xlsx_response(content, export.filename(engagement.title, "freed-time"))
