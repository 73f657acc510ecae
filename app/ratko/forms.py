"""RATKO forms. Choices that depend on the organisation or employer are filled in by the routes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.diagnosis import DiagnosisGuardMixin
from app.core.forms import optional_int
from app.ratko import labels
from app.ratko.hours import HoursError, check_hours, parse_hours
from app.ratko.models import Bundle, Consolidation, Task


class EngagementForm(FlaskForm):
    """Start or edit an engagement."""

    title = StringField(_l("Title"), validators=[Optional(), Length(max=200)])
    site_id = SelectField(_l("Unit or site"), coerce=optional_int, validators=[Optional()])
    consultant_id = SelectField(_l("RATKO consultant"), coerce=optional_int, validators=[Optional()])
    coach_id = SelectField(_l("Job coach"), coerce=optional_int, validators=[Optional()])
    motivation = SelectField(_l("Employer's motivation"), choices=labels.choices(labels.MOTIVATION_LABELS, True),
                             validators=[Optional()])
    motivation_note = TextAreaField(_l("About the motivation"), validators=[Optional(), Length(max=4000)])
    language = SelectField(_l("Language of the job descriptions"), choices=list(labels.LANGUAGE_LABELS.items()),
                           default="fi")
    version = HiddenField()

    def cleaned(self) -> dict:
        """Values for the service."""
        return {k: v for k, v in self.data.items() if k not in ("csrf_token", "version")}


class PhaseForm(FlaskForm):
    """Move the engagement to a phase."""

    phase = SelectField(_l("Phase"), choices=labels.choices(labels.PHASE_LABELS))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    override_reason = StringField(_l("Reason to pass an unmet gate (managers)"),
                                  validators=[Optional(), Length(max=500)])
    version = HiddenField()


class StatusForm(FlaskForm):
    """Change the engagement's status."""

    status = SelectField(_l("Status"), choices=labels.choices(labels.STATUS_LABELS))
    revisit_on = DateField(_l("Revisit on"), validators=[Optional()])
    outcome = SelectField(_l("Outcome"), choices=labels.choices(labels.OUTCOME_LABELS, True), validators=[Optional()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    version = HiddenField()


class DecisionForm(FlaskForm):
    """Management's go or no-go."""

    decision = SelectField(_l("Management's decision"), choices=labels.choices(labels.DECISION_LABELS))
    decided_on = DateField(_l("Decided on"), validators=[Optional()])
    decided_by = StringField(_l("Decided by"), validators=[Optional(), Length(max=200)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
    version = HiddenField()


class NoteForm(FlaskForm):
    """A note on one phase."""

    phase = HiddenField()
    body = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=8000)])


class KeyPersonForm(FlaskForm):
    """A person of the employer with a role in the engagement."""

    contact_id = SelectField(_l("Contact person"), coerce=optional_int, validators=[Optional()])
    name = StringField(_l("or name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=labels.choices(labels.KEY_ROLE_LABELS))


class TimeForm(FlaskForm):
    """The consultant's time on one activity."""

    activity = SelectField(_l("Activity"), choices=labels.choices(labels.ACTIVITY_LABELS))
    spent_on = DateField(_l("Date"), validators=[DataRequired()])
    minutes = IntegerField(_l("Minutes"), validators=[InputRequired(), NumberRange(min=1, max=1440)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])


class WorkshopForm(FlaskForm):
    """Plan or record a workshop."""

    held_on = DateField(_l("Date"), validators=[DataRequired()])
    duration_minutes = IntegerField(_l("Duration (minutes)"), default=90,
                                    validators=[InputRequired(), NumberRange(min=10, max=480)])
    session_number = IntegerField(_l("Session number"), validators=[Optional(), NumberRange(min=1, max=99)])
    facilitator_id = SelectField(_l("Facilitator"), coerce=optional_int, validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=8000)])
    version = HiddenField()

    def cleaned(self) -> dict:
        """Values for the service."""
        return {k: v for k, v in self.data.items() if k not in ("csrf_token", "version")}


class ParticipantForm(FlaskForm):
    """A member of the work community in a workshop."""

    contact_id = SelectField(_l("From the employer's contacts"), coerce=optional_int, validators=[Optional()])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = StringField(_l("Role"), validators=[Optional(), Length(max=120)])


class HoursField(StringField):
    """Hours as typed: "1,5" or "1.5"; parsed in validation."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = (self.data or "").strip()


class TaskForm(DiagnosisGuardMixin, FlaskForm):
    """One task of the inventory (a row: Enter saves it and opens the next)."""

    privacy_model = Task  # role and description are employer-facing: no diagnosis words

    participant_id = HiddenField(filters=[optional_int])
    role = StringField(_l("Whose work (role)"), validators=[Optional(), Length(max=120)])
    description = StringField(_l("Task"), validators=[DataRequired(_l("Describe the task.")), Length(max=500)])
    category = SelectField(_l("Category"), choices=labels.choices(labels.CATEGORY_LABELS), default="extra")
    hours_value = HoursField(_l("Hours"), default="")
    hours_period = SelectField(_l("Per"), choices=labels.choices(labels.PERIOD_LABELS), default="week")
    frequency = SelectField(_l("Frequency"), choices=labels.choices(labels.FREQUENCY_LABELS, True),
                            validators=[Optional()])
    left_undone = BooleanField(_l("Left undone"))
    burdens_staff = BooleanField(_l("Burdens staff"))
    needs_qualification = BooleanField(_l("Needs a professional qualification"))
    collective_agreement = BooleanField(_l("Restricted by collective agreement"))
    flag_note = StringField(_l("Note on the flags"), validators=[Optional(), Length(max=500)])
    version = HiddenField()

    def validate_hours_value(self, field):
        """Not negative, at most 40 h/week (monthly figures converted)."""
        try:
            check_hours(parse_hours(field.data), self.hours_period.data or "week")
        except HoursError as error:
            raise ValidationError(str(error)) from None

    def validate_role(self, field):
        """A role, unless a participant is chosen."""
        if not (field.data or "").strip() and not self.participant_id.data:
            raise ValidationError(_l("Whose work is this? Write the role, for example ward nurse."))

    def cleaned(self) -> dict:
        """Values for the service."""
        data = {k: v for k, v in self.data.items() if k not in ("csrf_token", "version")}
        data["hours_value"] = parse_hours(data["hours_value"])
        return data


class QuickTaskForm(DiagnosisGuardMixin, FlaskForm):
    """Add an uncarved task straight on the board."""

    privacy_model = Task

    role = StringField(_l("Whose work (role)"), validators=[DataRequired(), Length(max=120)])
    description = StringField(_l("Task"), validators=[DataRequired(), Length(max=500)])
    hours_value = HoursField(_l("Hours per week"), default="")
    category = SelectField(_l("Category"), choices=labels.choices(labels.CATEGORY_LABELS), default="extra")

    def validate_hours_value(self, field):
        """Not negative, at most 40 h/week."""
        try:
            check_hours(parse_hours(field.data), "week")
        except HoursError as error:
            raise ValidationError(str(error)) from None


class BundleForm(DiagnosisGuardMixin, FlaskForm):
    """A bundle's job description (the employer reads it: checked for diagnosis words)."""

    privacy_model = Bundle  # every text of the job description is employer-facing

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    purpose = TextAreaField(_l("Purpose"), validators=[Optional(), Length(max=4000)])
    hours_per_week = HoursField(_l("Agreed hours per week"), default="")
    schedule = StringField(_l("Schedule"), validators=[Optional(), Length(max=300)])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)])
    working_conditions = TextAreaField(_l("Working conditions"), validators=[Optional(), Length(max=4000)])
    requirements = TextAreaField(_l("What the job needs"), validators=[Optional(), Length(max=4000)])
    guided_by = StringField(_l("Who guides the work"), validators=[Optional(), Length(max=300)])
    status = SelectField(_l("Status"), choices=labels.choices(labels.BUNDLE_STATUS_LABELS), default="draft")
    version = HiddenField()

    def validate_hours_per_week(self, field):
        """Empty (= the tasks' total) or 0–60."""
        if not field.data:
            return
        try:
            value = parse_hours(field.data)
        except HoursError as error:
            raise ValidationError(str(error)) from None
        if not 0 <= value <= 60:
            raise ValidationError(_l("Agreed hours are between 0 and 60 a week."))

    def cleaned(self) -> dict:
        """Values for the service."""
        return {k: v for k, v in self.data.items() if k not in ("csrf_token", "version")}


class NewBundleForm(DiagnosisGuardMixin, FlaskForm):
    """Open a new bundle on the board."""

    privacy_model = Bundle

    title = StringField(_l("New bundle"), validators=[DataRequired(), Length(max=200)])


class MoveForm(FlaskForm):
    """Move a task on the board (drag and drop and the keyboard select send the same form)."""

    to = StringField(_l("Move to"), validators=[DataRequired()])
    version = HiddenField()
    order = HiddenField()

    def target_bundle_id(self) -> int | None:
        """The target bundle id, or None for the uncarved column."""
        return None if self.to.data == "uncarved" else optional_int(self.to.data)

    def order_ids(self) -> list[int]:
        """The ids of the target column's tasks in the order the mover saw them."""
        return [int(p) for p in (self.order.data or "").split(",") if p.strip().isdigit()][:500]


class ConsolidationForm(DiagnosisGuardMixin, FlaskForm):
    """Phase 4: induction and the agreement between coach and supervisor."""

    privacy_model = Consolidation  # the plan and the agreement are shared with the workplace

    induction_plan = TextAreaField(_l("Induction plan"), validators=[Optional(), Length(max=8000)])
    inductor_contact_id = SelectField(_l("Workplace inductor (contact)"), coerce=optional_int,
                                      validators=[Optional()])
    inductor_name = StringField(_l("Inductor's name"), validators=[Optional(), Length(max=120)])
    contact_agreement = TextAreaField(_l("How the coach and the supervisor keep in touch"),
                                      validators=[Optional(), Length(max=4000)])
    job_description_changes_by = StringField(_l("Who may change the job description"),
                                             validators=[Optional(), Length(max=200)])
    instructions_from = StringField(_l("Whose instructions the worker follows"),
                                    validators=[Optional(), Length(max=200)])
    version = HiddenField()

    def cleaned(self) -> dict:
        """Values for the service."""
        return {k: v for k, v in self.data.items() if k not in ("csrf_token", "version", "inductor_contact_id")}


class FollowUpForm(FlaskForm):
    """A follow-up date."""

    due_on = DateField(_l("Follow-up on"), validators=[DataRequired()])
    note = StringField(_l("What to follow up"), validators=[Optional(), Length(max=300)])
