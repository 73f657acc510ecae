"""Regions of the engagement page edited in place: phase notes, key persons, the consultant's time, consolidation
and follow-ups; plus the employer-page region."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from app.core.auth import role_required
from app.core.conflict import ConflictError
from app.core.htmx import render_fragment
from app.core.refusals import Refusal, refuse
from app.employers import selectors as employer_selectors
from app.ratko import EDITORS, bp, selectors, services
from app.ratko.forms import ConsolidationForm, FollowUpForm, KeyPersonForm, NoteForm, TimeForm
from app.ratko.routes.context import contact_choices


def _notes(engagement, phase: str, form=None, status: int = 200):
    notes = [n for n in selectors.engagement_notes(engagement) if n.phase == phase]
    return render_fragment("ratko/_phase_notes.html", engagement=engagement, phase_code=phase, notes=notes,
                           note_form=form or NoteForm(formdata=None), names=selectors.user_names(user=current_user),
                           status=status)


@bp.post("/ratko/engagements/<int:engagement_id>/notes")
@role_required(*EDITORS)
def note_add(engagement_id: int):
    """Add a note to one phase; re-render that phase's notes."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = NoteForm()
    phase = form.phase.data if form.phase.data in ("commitment", "coaching", "matching", "consolidation") \
        else engagement.phase
    if form.validate_on_submit():
        services.note_add(engagement=engagement, phase=phase, body=form.body.data, actor=current_user)
        return _notes(engagement, phase)
    return _notes(engagement, phase, form, 422)


@bp.post("/ratko/notes/<int:note_id>/delete")
@role_required(*EDITORS)
def note_delete(note_id: int):
    """Delete a phase note; re-render that phase's notes."""
    note = selectors.note_get_or_404(note_id, user=current_user)
    engagement = selectors.engagement_get_or_404(note.engagement_id, user=current_user)
    phase = note.phase
    services.note_delete(note=note)
    return _notes(engagement, phase)


def _key_persons(engagement, form=None, status: int = 200):
    if form is None:
        form = KeyPersonForm(formdata=None)
    form.contact_id.choices = contact_choices(selectors.employer_of(engagement))
    return render_fragment("ratko/_key_persons.html", engagement=engagement, key_form=form,
                           key_persons=selectors.engagement_key_persons(engagement), status=status)


@bp.post("/ratko/engagements/<int:engagement_id>/key-persons")
@role_required(*EDITORS)
def key_person_add(engagement_id: int):
    """Name a key person (from the employer's contacts, or by name) with a role."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = KeyPersonForm()
    form.contact_id.choices = contact_choices(selectors.employer_of(engagement))
    if form.validate_on_submit():
        contact = employer_selectors.contact_get_or_404(form.contact_id.data) if form.contact_id.data else None
        try:
            services.key_person_add(engagement=engagement, role=form.role.data, name=form.name.data, contact=contact)
            return _key_persons(engagement)
        except Refusal as refusal:
            refuse(form, refusal)
    return _key_persons(engagement, form, 422)


@bp.post("/ratko/key-persons/<int:key_person_id>/delete")
@role_required(*EDITORS)
def key_person_remove(key_person_id: int):
    """Remove a key person."""
    person = selectors.key_person_get_or_404(key_person_id, user=current_user)
    engagement = selectors.engagement_get_or_404(person.engagement_id, user=current_user)
    services.key_person_remove(person=person)
    return _key_persons(engagement)


def _time(engagement, form=None, status: int = 200):
    entries = selectors.engagement_time(engagement)
    totals: dict[str, int] = {}
    for entry in entries:
        totals[entry.activity] = totals.get(entry.activity, 0) + entry.minutes
    return render_fragment("ratko/_time.html", engagement=engagement, time_entries=entries, time_totals=totals,
                           time_form=form or TimeForm(formdata=None), names=selectors.user_names(user=current_user),
                           status=status)


@bp.post("/ratko/engagements/<int:engagement_id>/time")
@role_required(*EDITORS)
def time_add(engagement_id: int):
    """Log the consultant's time on an activity."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = TimeForm()
    if form.validate_on_submit():
        try:
            services.time_add(engagement=engagement, activity=form.activity.data, spent_on=form.spent_on.data,
                              minutes=form.minutes.data, note=form.note.data, actor=current_user)
            return _time(engagement)
        except Refusal as refusal:
            refuse(form, refusal)
    return _time(engagement, form, 422)


@bp.post("/ratko/time/<int:time_entry_id>/delete")
@role_required(*EDITORS)
def time_remove(time_entry_id: int):
    """Delete a time entry."""
    entry = selectors.time_entry_get_or_404(time_entry_id, user=current_user)
    engagement = selectors.engagement_get_or_404(entry.engagement_id, user=current_user)
    services.time_remove(entry=entry)
    return _time(engagement)


def _consolidation(engagement, form=None, *, editing: bool = False, conflict: bool = False, status: int = 200):
    consolidation = selectors.engagement_consolidation(engagement)
    if editing and form is None:
        form = ConsolidationForm(formdata=None, obj=consolidation)
        form.version.data = consolidation.version if consolidation else ""
    if form is not None:
        form.inductor_contact_id.choices = contact_choices(selectors.employer_of(engagement))
    return render_fragment("ratko/_consolidation.html", engagement=engagement, consolidation=consolidation,
                           form=form, conflict=conflict, status=status)


@bp.route("/ratko/engagements/<int:engagement_id>/consolidation", methods=["GET", "POST"])
@role_required(*EDITORS)
def consolidation(engagement_id: int):
    """Phase 4 in place: the induction plan, inductor and coach-supervisor agreement (GET = edit form)."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    if request.method == "GET":
        return _consolidation(engagement, editing=request.args.get("edit") == "1")
    form = ConsolidationForm()
    form.inductor_contact_id.choices = contact_choices(selectors.employer_of(engagement))
    if not form.validate_on_submit():
        return _consolidation(engagement, form, editing=True, status=422)
    inductor = employer_selectors.contact_get_or_404(form.inductor_contact_id.data) \
        if form.inductor_contact_id.data else None
    try:
        services.consolidation_save(engagement=engagement, data=form.cleaned(), inductor=inductor,
                                    consolidation=selectors.engagement_consolidation(engagement),
                                    expected_version=form.version.data)
    except ConflictError:
        return _consolidation(engagement, form, editing=True, conflict=True, status=409)
    except Refusal as refusal:
        refuse(form, refusal)
        return _consolidation(engagement, form, editing=True, status=422)
    return _consolidation(engagement)


def _follow_ups(engagement, form=None, status: int = 200):
    return render_fragment("ratko/_follow_ups.html", engagement=engagement,
                           follow_ups=selectors.engagement_follow_ups(engagement),
                           follow_up_form=form or FollowUpForm(formdata=None), status=status)


@bp.post("/ratko/engagements/<int:engagement_id>/follow-ups")
@role_required(*EDITORS)
def follow_up_add(engagement_id: int):
    """Schedule a follow-up (shown in the worklist until done)."""
    engagement = selectors.engagement_get_or_404(engagement_id, user=current_user)
    form = FollowUpForm()
    if form.validate_on_submit():
        services.follow_up_add(engagement=engagement, due_on=form.due_on.data, note=form.note.data)
        return _follow_ups(engagement)
    return _follow_ups(engagement, form, 422)


@bp.post("/ratko/follow-ups/<int:ratko_follow_up_id>/done")
@role_required(*EDITORS)
def follow_up_done(ratko_follow_up_id: int):
    """Mark a follow-up done, or open it again with done=0."""
    follow_up = selectors.follow_up_get_or_404(ratko_follow_up_id, user=current_user)
    engagement = selectors.engagement_get_or_404(follow_up.engagement_id, user=current_user)
    services.follow_up_done(follow_up=follow_up, done=request.form.get("done", "1") != "0")
    return _follow_ups(engagement)


@bp.get("/ratko/employers/<int:employer_id>/engagements")
def employer_region(employer_id: int):
    """The employer page's RATKO card: my organisation's engagements with this employer, and which other
    organisations run RATKO there."""
    employer = employer_selectors.employer_get_or_404(employer_id)
    rows = selectors.engagements_for_employer(user=current_user, employer_id=employer.id)
    return render_fragment("ratko/_employer_region.html", employer=employer, rows=rows,
                           elsewhere=selectors.ratko_elsewhere(user=current_user, employer_id=employer.id))
