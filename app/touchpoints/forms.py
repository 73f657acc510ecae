"""Touchpoint (full and quick), snooze, counted-channel and hand-over forms."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core import dates
from app.core.diagnosis import DiagnosisGuardMixin
from app.core.forms import optional_int
from app.touchpoints.labels import CHANNEL_LABELS, OUTCOME_LABELS, PURPOSE_LABELS
from app.touchpoints.models import PRIVATE_FIELDS, Touchpoint
from app.touchpoints.services.cadence import MAX_SNOOZE_DAYS


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice rendered as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _not_in_future(_form, field):
    """A contact is something that happened: today at the latest (Helsinki time)."""
    if field.data and field.data > dates.today():
        raise ValidationError(_l("A contact cannot be in the future. Plan it as a next step instead."))


class PromiseEntry(Form):
    """One promise made to the employer."""

    promise_id = HiddenField()
    text = StringField(_l("Promise"), validators=[Optional(), Length(max=500)])
    due_on = DateField(_l("Due date"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        """A promise without a due date cannot be followed up."""
        valid = super().validate(extra_validators)
        if (self.text.data or "").strip() and not self.due_on.data and not self.due_on.errors:
            self.due_on.errors = [*self.due_on.errors, _l("A promise needs a due date.")]
            return False
        return valid


class _NextStepMixin:
    next_step_text = StringField(_l("Next step"), validators=[Optional(), Length(max=500)])
    next_step_due = DateField(_l("Next step due"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        """A next step needs a date; it may be in the future."""
        valid = super().validate(extra_validators)
        if (self.next_step_text.data or "").strip() and not self.next_step_due.data and not self.next_step_due.errors:
            self.next_step_due.errors = [*self.next_step_due.errors, _l("A next step needs a due date.")]
            return False
        return valid


class TouchpointForm(_NextStepMixin, DiagnosisGuardMixin, FlaskForm):
    """Log or edit a touchpoint with everything the book asks to record."""

    privacy_model = Touchpoint  # summary: network-visible (refused); private notes: warned

    channel = SelectField(_l("Channel"), choices=list(CHANNEL_LABELS.items()), validators=[DataRequired()])
    occurred_on = DateField(_l("Date"), validators=[DataRequired(), _not_in_future])
    participant_ids = MultiCheckboxField(_l("Who was in touch"), coerce=int)
    contact_id = SelectField(_l("Contact person"), coerce=optional_int, validators=[Optional()])
    client_present = BooleanField(_l("A client (job seeker) was present"))
    purpose = SelectField(_l("Purpose"), choices=list(PURPOSE_LABELS.items()), default="keep_in_touch")
    outcome = SelectField(_l("Outcome"), choices=[("", "—")] + list(OUTCOME_LABELS.items()), validators=[Optional()])
    summary = TextAreaField(_l("Summary (the network sees this)"), validators=[DataRequired(), Length(max=4000)])
    private_note = TextAreaField(_l("Private note (only my organisation)"), validators=[Optional(), Length(max=4000)])
    needs_extra_hands = TextAreaField(_l("If you got an extra pair of hands, what would you give them?"),
                                      validators=[Optional(), Length(max=4000)])
    needs_outlook = TextAreaField(_l("Future outlook"), validators=[Optional(), Length(max=4000)])
    needs_criteria = TextAreaField(_l("Recruitment criteria"), validators=[Optional(), Length(max=4000)])
    needs_undone_work = TextAreaField(_l("Work that stays undone"), validators=[Optional(), Length(max=4000)])
    feedback_good = TextAreaField(_l("Employer feedback: what went well"), validators=[Optional(), Length(max=4000)])
    feedback_improve = TextAreaField(_l("Employer feedback: what to do differently"),
                                     validators=[Optional(), Length(max=4000)])
    promises = FieldList(FormField(PromiseEntry), min_entries=2, max_entries=10)
    next_step_owner = SelectField(_l("Next step owner"), coerce=optional_int, validators=[Optional()])
    version = HiddenField()

    def cleaned(self) -> dict:
        """Values for touchpoint_log / touchpoint_update."""
        data = {key: getattr(self, key).data for key in ("channel", "occurred_on", "contact_id", "client_present",
                                                         "purpose", "outcome", "summary", *PRIVATE_FIELDS)}
        data["outcome"] = data["outcome"] or None
        data["participant_ids"] = list(self.participant_ids.data or [])
        data["promises"] = [{"id": optional_int(p.promise_id.data), "text": p.text.data, "due_on": p.due_on.data}
                            for p in self.promises]
        data["next_step"] = {"text": self.next_step_text.data, "due_on": self.next_step_due.data,
                             "owner_id": self.next_step_owner.data}
        return data


class QuickLogForm(_NextStepMixin, DiagnosisGuardMixin, FlaskForm):
    """Log a contact in seconds: only channel, date and summary are required."""

    privacy_model = Touchpoint

    channel = SelectField(_l("Channel"), choices=list(CHANNEL_LABELS.items()), default="call",
                          validators=[DataRequired()])
    occurred_on = DateField(_l("Date"), validators=[DataRequired(), _not_in_future])
    summary = TextAreaField(_l("Summary (the network sees this)"), validators=[DataRequired(), Length(max=4000)],
                            render_kw={"rows": 3})
    outcome = SelectField(_l("Outcome"), choices=[("", "—")] + list(OUTCOME_LABELS.items()), validators=[Optional()])
    follow_up_id = HiddenField()
    mark_done = BooleanField(_l("Mark it done"), default=True)

    def cleaned(self) -> dict:
        """Values for touchpoint_log."""
        return {"channel": self.channel.data, "occurred_on": self.occurred_on.data, "summary": self.summary.data,
                "outcome": self.outcome.data or None, "purpose": "keep_in_touch",
                "next_step": {"text": self.next_step_text.data, "due_on": self.next_step_due.data}}


class SnoozeForm(FlaskForm):
    """Hide a relationship from the worklist until a date, with a reason."""

    until = DateField(_l("Snooze until"), validators=[DataRequired()])
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=300)],
                         description=_l("For example: the employer asked us to call after the summer."))

    def validate_until(self, field):
        """Tomorrow at the earliest, a year ahead at the latest."""
        today = dates.today()
        if field.data and not today < field.data <= today + timedelta(days=MAX_SNOOZE_DAYS):
            raise ValidationError(_l("Choose a date between tomorrow and a year from now."))


class CountedChannelsForm(FlaskForm):
    """Which channels count towards the contact cadence."""

    channels = MultiCheckboxField(_l("Channels that count as a contact"), choices=list(CHANNEL_LABELS.items()))

    def validate_channels(self, field):
        """At least one channel must count."""
        if not field.data:
            raise ValidationError(_l("Choose at least one channel."))


class HandoverForm(FlaskForm):
    """Reassign a leaving user's relationships and follow-ups to a colleague."""

    new_owner_id = SelectField(_l("New owner"), coerce=optional_int, validators=[DataRequired()])
