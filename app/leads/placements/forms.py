"""Forms for placements, the support plan, follow-ups and ending a placement."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.core.dates import today
from app.core.diagnosis import DiagnosisGuardMixin
from app.leads.forms import HoursField, optional_int
from app.leads.labels import END_LABELS, PHASE_LABELS, PLACEMENT_PROBLEMS, TYPE_LABELS
from app.leads.placements import rules
from app.leads.placements.models import PHASES, Placement, PlacementPhase

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class PlacementForm(DiagnosisGuardMixin, FlaskForm):
    """Record or edit a placement; the rules of its type are checked next to the fields. The employment goal is
    agreed with the employer (no diagnosis words); the job title and the notes are warned."""

    privacy_model = Placement

    seeker_id = SelectField(_l("Job seeker"), coerce=optional_int, validate_choice=False,
                            validators=[DataRequired(message=_l("Choose the job seeker."))])
    employer_id = IntegerField(_l("Employer"), validators=[Optional()])
    lead_id = SelectField(_l("Lead it fills"), coerce=optional_int, validate_choice=False, validators=[Optional()])
    bundle_id = SelectField(_l("RATKO bundle it fills"), coerce=optional_int, validate_choice=False,
                            validators=[Optional()])
    type = RadioField(_l("Type"), choices=list(TYPE_LABELS.items()), default="ordinary")
    job_title = StringField(_l("Job title"), validators=[DataRequired(), Length(max=200)])
    starts_on = DateField(_l("Starts"), validators=[DataRequired(message=_l("Give the start date."))])
    ends_on = DateField(_l("Ends (fixed term)"), validators=[Optional()])
    subsidy_ends_on = DateField(_l("Pay subsidy ends"), validators=[Optional()],
                                description=_l("You get an alert 30 days before."))
    hours_per_week = HoursField(_l("Hours per week"), render_kw={"inputmode": "decimal"})
    equal_pay = RadioField(_l("Pay equal to colleagues in the same work"), choices=YES_NO,
                           validators=[Optional()])
    ordinary_workplace = BooleanField(_l("An ordinary workplace, among the employer's other staff"), default=True)
    employment_goal = TextAreaField(_l("Employment goal"), validators=[Optional(), Length(max=2000)],
                                    description=_l("A work trial needs a clear goal: what job should it lead to?"))
    planned_weeks = IntegerField(_l("Planned length (weeks)"), validators=[Optional()])
    coach_id = SelectField(_l("Coach in charge"), coerce=optional_int, validate_choice=False, validators=[Optional()])
    notes = TextAreaField(_l("Notes (only my organisation)"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()

    def validate_employer_id(self, field):
        """A placement is always at an employer."""
        if not field.data:
            raise ValidationError(_l("Choose the employer."))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the rules of the chosen type (work trial: goal and length; pay subsidy: end date)."""
        valid = super().validate(extra_validators)
        for field, code in rules.problems(self.cleaned()):
            if field in self and not self[field].errors:
                self[field].errors = [*self[field].errors, PLACEMENT_PROBLEMS[code]]
                valid = False
        return valid

    def cleaned(self) -> dict:
        """Values for the services."""
        keys = ("type", "job_title", "starts_on", "ends_on", "subsidy_ends_on", "hours_per_week",
                "ordinary_workplace", "employment_goal", "planned_weeks", "coach_id", "notes")
        data = {key: self[key].data for key in keys}
        data["equal_pay"] = _yes_no(self.equal_pay.data)
        return data


def _plan_form_class() -> type:
    """The support plan's form class: per phase its dates, our coach, the workplace's person and what happens (the
    plan is agreed with the workplace: the notes are employer-facing)."""
    attrs: dict = {"privacy_fields": {}}
    for phase in PHASES:
        attrs[f"{phase}_starts_on"] = DateField(_l("From"), validators=[Optional()])
        attrs[f"{phase}_ends_on"] = DateField(_l("To"), validators=[Optional()])
        attrs[f"{phase}_coach_id"] = SelectField(_l("Our coach"), coerce=optional_int, validate_choice=False,
                                                 validators=[Optional()])
        attrs[f"{phase}_workplace_person"] = StringField(_l("Responsible at the workplace"),
                                                         validators=[Optional(), Length(max=120)])
        attrs[f"{phase}_note"] = StringField(_l("What happens"), validators=[Optional(), Length(max=500)])
        attrs["privacy_fields"][f"{phase}_note"] = (PlacementPhase, "note")
    return type("PlanForm", (DiagnosisGuardMixin, FlaskForm), attrs)


PlanForm = _plan_form_class()


def plan_form(phases, users, **kwargs):
    """The support plan: per phase its dates, our coach and the workplace's responsible person."""
    form = PlanForm(**kwargs)
    for phase in PHASES:
        form[f"{phase}_coach_id"].choices = [("", "—")] + [(str(u.id), u.name) for u in users]
    form.phase_labels = PHASE_LABELS
    return form


def plan_data(form) -> list[dict]:
    """[{phase, starts_on, ends_on, coach_id, workplace_person, note}] from a validated plan form."""
    return [{"phase": phase, **{name: form[f"{phase}_{name}"].data for name in
                                ("starts_on", "ends_on", "coach_id", "workplace_person", "note")}}
            for phase in PHASES]


class FollowUpForm(FlaskForm):
    """Record a follow-up: when, and whether the person is still employed."""

    done_on = DateField(_l("Done on"), validators=[DataRequired()], default=today)
    still_employed = RadioField(_l("Still employed?"), choices=YES_NO,
                                validators=[InputRequired(message=_l("Say whether the person is still employed."))])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])

    def validate_done_on(self, field):
        """Not in the future."""
        if field.data and field.data > today():
            raise ValidationError(_l("The date cannot be in the future."))

    @property
    def employed(self) -> bool | None:
        """The answer as a boolean."""
        return _yes_no(self.still_employed.data)


class EndForm(FlaskForm):
    """End a placement."""

    ended_on = DateField(_l("Ended on"), validators=[DataRequired()], default=today)
    reason = SelectField(_l("Why"), choices=list(END_LABELS.items()))
