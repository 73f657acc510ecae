"""Consents of a seeker: record (append-only), withdraw in one step, oral reviews, the written confirmation of an
oral consent, and the consented disclosure."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.auth import role_required
from app.core.dates import today
from app.core.htmx import render
from app.profiles import MATCHING_ROLES
from app.seekers import bp, selectors, services
from app.seekers.forms import ConsentEventForm, ConsentForm


@bp.route("/seekers/<int:seeker_id>/consents/new", methods=["GET", "POST"])
@role_required(*MATCHING_ROLES)
def consent_new(seeker_id: int):
    """Record a consent the seeker gave: scope, date, in writing or not, named employers or parties, agreed text."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    workplaces = selectors.seeker_workplaces(seeker)
    form = ConsentForm(workplaces=workplaces, data=None if request.method == "POST" else {
        "scope": request.args.get("scope") or None, "signed_on": today()})
    if form.validate_on_submit():
        services.consent_record(seeker=seeker, data=form.cleaned(), employer_ids=form.employers.data or [],
                                recorded_by_id=current_user.id, diagnosis_reason=form.diagnosis_override)
        flash(_("Consent recorded."), "success")
        return redirect(url_for("seekers.detail", seeker_id=seeker.id, _anchor="consents"), 303)
    return render("seekers/consent_form.html", seeker=seeker, form=form, workplaces=workplaces,
                  status=422 if form.errors else 200)


@bp.post("/seekers/consents/<int:consent_id>/withdraw")
@role_required(*MATCHING_ROLES)
def consent_withdraw(consent_id: int):
    """Withdraw a consent: matching and disclosure under it stop at once."""
    return _consent_event(consent_id, services.consent_withdraw,
                          _("Consent withdrawn. It no longer allows matching or disclosure."))


@bp.post("/seekers/consents/<int:consent_id>/confirm")
@role_required(*MATCHING_ROLES)
def consent_confirm(consent_id: int):
    """Record the written confirmation of an oral consent: the date on the written consent, and by whom."""
    return _consent_event(consent_id, services.consent_confirm,
                          _("Written consent recorded. It now also allows disclosure and proposals under its scope."))


@bp.post("/seekers/consents/<int:consent_id>/review")
@role_required(*MATCHING_ROLES)
def consent_review(consent_id: int):
    """Record that the consent was gone through orally with the seeker."""
    return _consent_event(consent_id, services.consent_review, _("Oral review recorded."))


def _consent_event(consent_id: int, service, done_message: str):
    """Record a withdrawal or an oral review (a date and a note) and go back to the seeker's consents."""
    consent = selectors.consent_get_or_404(consent_id, current_user)
    form = ConsentEventForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    else:
        service(consent=consent, on=form.happened_on.data, note=form.note.data, recorded_by_id=current_user.id)
        flash(done_message, "success")
    return redirect(url_for("seekers.detail", seeker_id=consent.seeker_id, _anchor="consents"), 303)


@bp.get("/seekers/<int:seeker_id>/disclosure/<int:employer_id>")
@role_required(*MATCHING_ROLES)
def disclosure(seeker_id: int, employer_id: int):
    """The employer-facing text agreed with the seeker, for one named employer; refused without that consent."""
    seeker = selectors.seeker_get_or_404(seeker_id, current_user)
    names = selectors.employer_names([employer_id])
    if employer_id not in names:
        abort(404)
    check = services.consent_check(seeker, "employer_disclosure", employer_id=employer_id)
    if not check.ok:
        return render("seekers/consent_required.html", seeker=seeker, check=check, status=403,
                      purpose=_("telling %(employer)s about this job seeker", employer=names[employer_id]))
    services.disclosure_log(consent=check.consent, employer_id=employer_id)
    return render("seekers/disclosure.html", seeker=seeker, consent=check.consent, employer_name=names[employer_id])
