"""GDPR tools: the access export of a job seeker or a contact person, the seeker page's data-protection section,
the retention page and the public register description."""

from __future__ import annotations

import io

from flask import flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import selectors as auth_selectors
from app.core.auth import public, role_required
from app.core.dates import today
from app.core.db import utcnow
from app.core.htmx import render, render_fragment
from app.core.refusals import Refusal, refuse
from app.gdpr import bp, export, register, retention, selectors, services
from app.gdpr.forms import RetentionForm
from app.profiles import MATCHING_ROLES
from app.seekers import selectors as seeker_selectors

ZIP_MIME = "application/zip"
CONTACT_EXPORTERS = ("manager", "coordinator")  # the same people who may erase a contact person


def _download(data: selectors.SubjectData, covers: str):
    content = export.access_export(data, generated_at=utcnow(), generated_by=current_user.name, scope=covers)
    services.access_export_log(entity=data.root, entity_id=data.root_id, organisation_id=current_user.organisation_id,
                               covers=covers)
    name = f"access-export-{data.kind.replace('_', '-')}-{data.root_id}-{today().isoformat()}.zip"
    return send_file(io.BytesIO(content), mimetype=ZIP_MIME, as_attachment=True, download_name=name, max_age=0)


@bp.get("/seekers/<int:seeker_id>/access-export")
@role_required("manager")
def seeker_export(seeker_id: int):
    """Everything my organisation holds about one of its job seekers (GDPR art. 15): .xlsx and .json in a .zip."""
    seeker = seeker_selectors.seeker_get_or_404(seeker_id, current_user)
    data = selectors.subject_data(kind="job_seeker", root="job_seekers", root_id=seeker.id, label=seeker.code,
                                  organisation_id=seeker.organisation_id, search=[seeker.code])
    return _download(data, _("The records of %(organisation)s", organisation=current_user.organisation.name))


@bp.get("/contacts/<int:contact_id>/access-export")
@role_required(*CONTACT_EXPORTERS)
def contact_export(contact_id: int):
    """Everything held about an employer's contact person: the shared directory, and my organisation's records
    (every organisation's for the network administrator)."""
    contact = selectors.contact_get_or_404(contact_id)
    scope = None if current_user.is_admin else current_user.organisation_id
    data = selectors.subject_data(kind="contact_person", root="contact_persons", root_id=contact.id,
                                  label=contact.name, organisation_id=scope,
                                  search=[contact.name, contact.email or "", contact.phone or ""])
    covers = _("The shared directory and the records of every organisation") if scope is None else _(
        "The shared directory and the records of %(organisation)s", organisation=current_user.organisation.name)
    return _download(data, covers)


@bp.get("/seekers/<int:seeker_id>/data-protection")
@role_required(*MATCHING_ROLES)
def seeker_region(seeker_id: int):
    """The seeker page's data-protection section: when the data falls due for deletion, the access export."""
    seeker = seeker_selectors.seeker_get_or_404(seeker_id, current_user)
    return render_fragment("gdpr/_seeker_region.html", seeker=seeker,
                           **retention.seeker_retention(seeker.id, today=today()))


@bp.get("/retention")
@role_required("manager")
def retention_page():
    """Retention periods and what is due now: the whole network's for the administrator, else my organisation's."""
    scope = None if current_user.is_admin else current_user.organisation_id
    return render("gdpr/retention.html", periods=retention.retention_periods(), types=retention.TYPES,
                  period_text=retention.period_text, due=retention.due_records(today=today(), organisation_id=scope),
                  organisations={o.id: o.name for o in auth_selectors.organisation_list()})


@bp.route("/retention/periods", methods=["GET", "POST"])
@role_required("admin")
def retention_periods():
    """The network administrator sets the retention period of each record type."""
    form = RetentionForm(data=None if request.method == "POST" else retention.retention_periods())
    if form.validate_on_submit():
        try:
            services.retention_periods_save(periods=form.periods(), user_id=current_user.id)
            flash(_("Retention periods saved. The next run uses them."), "success")
            return redirect(url_for("gdpr.retention_page"), 303)
        except Refusal as refusal:
            refuse(form, refusal)
    return render("gdpr/retention_periods.html", form=form, types=retention.TYPES,
                  status=422 if form.errors else 200)


@bp.get("/privacy")
@public
def privacy():
    """The register description: what is held, why, who sees it, how long, and the data subject's rights."""
    periods = retention.retention_periods()
    return render("gdpr/privacy.html", sections=register.register_description(periods),
                  organisations=auth_selectors.organisation_list(active_only=True))
