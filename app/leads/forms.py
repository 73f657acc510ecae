"""Forms for leads, proposals, decisions, the holding period and a lead's own demand ratings."""

from __future__ import annotations

from datetime import timedelta

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
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.dates import today
from app.core.diagnosis import DiagnosisGuardMixin
from app.core.forms import optional_int
from app.leads.labels import KIND_LABELS, VISIBILITY_LABELS
from app.leads.models import Lead, LeadProposal
from app.leads.rules import MAX_HOLD_DAYS
from app.profiles.forms import RatingField


class HoursField(StringField):
    """Hours per week as people type them: "20", "20,5", "37.5"; blank means not known."""

    def process_formdata(self, valuelist):
        """Parse the posted text into a float (None when blank)."""
        self.raw = valuelist[0] if valuelist else ""
        text = (self.raw or "").strip().replace(",", ".")
        if not text:
            self.data = None
            return
        try:
            self.data = float(text)
        except ValueError:
            self.data = None
            raise ValueError(str(_l("Give the hours as a number, for example 20 or 37,5."))) from None

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        if self.data is None:
            return ""
        return f"{self.data:g}".replace(".", ",")

    def pre_validate(self, form):
        """Hours are between 0 and 60 a week."""
        if self.data is not None and not 0 < self.data <= 60:
            raise ValidationError(_l("Hours are between 0 and 60 a week."))


class LeadForm(DiagnosisGuardMixin, FlaskForm):
    """Create or edit a lead. Only the title, description and tasks travel to the network (with employer facts)."""

    privacy_model = Lead  # title, description, tasks travel to the network (refused); the private note is warned

    employer_id = IntegerField(_l("Employer"), validators=[Optional()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)],
                        description=_l("The job in a few words, for example warehouse assistant"))
    kind = SelectField(_l("Kind"), choices=[(k, v) for k, v in KIND_LABELS.items() if k != "ratko_bundle"])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)],
                                description=_l("Shared with the network when the lead is shared. Describe the job, "
                                               "never a person."))
    tasks = TextAreaField(_l("Tasks"), validators=[Optional(), Length(max=4000)])
    hours_per_week = HoursField(_l("Hours per week"), render_kw={"inputmode": "decimal"})
    starts_on = DateField(_l("Starts"), validators=[Optional()])
    expires_on = DateField(_l("Expires"), validators=[DataRequired()],
                           description=_l("After this date the lead shows as expired everywhere."))
    site_id = SelectField(_l("Site"), coerce=optional_int, validate_choice=False, validators=[Optional()])
    contact_id = SelectField(_l("Contact person"), coerce=optional_int, validate_choice=False,
                             validators=[Optional()])
    touchpoint_id = SelectField(_l("Heard in the contact"), coerce=optional_int, validate_choice=False,
                                validators=[Optional()],
                                description=_l("Where a hidden job was heard (seen only by my organisation)"))
    visibility = RadioField(_l("Who sees the lead"), choices=list(VISIBILITY_LABELS.items()), default="network")
    hold_days = IntegerField(_l("Hold a hidden job for my organisation first (days)"),
                             validators=[Optional(), NumberRange(min=0, max=MAX_HOLD_DAYS)],
                             description=_l("Other organisations see the hidden job only after these days."))
    owner_id = SelectField(_l("Coach in charge"), coerce=optional_int, validate_choice=False,
                           validators=[Optional()],
                           description=_l("Other organisations contact this person about the lead."))
    private_note = TextAreaField(_l("Private note (only my organisation)"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating

    def validate_employer_id(self, field):
        """A lead is always at an employer."""
        if not field.data:
            raise ValidationError(_l("Choose the employer."))

    def validate_expires_on(self, field):
        """A new lead cannot expire in the past."""
        if self.creating and field.data and field.data < today():
            raise ValidationError(_l("The expiry date cannot be in the past."))

    def cleaned(self) -> dict:
        """Values for the services."""
        keys = ("employer_id", "title", "kind", "description", "tasks", "hours_per_week", "starts_on", "expires_on",
                "site_id", "contact_id", "touchpoint_id", "visibility", "hold_days", "owner_id", "private_note")
        return {key: self[key].data for key in keys}


def default_expiry():
    """Leads expire in 30 days unless told otherwise."""
    return today() + timedelta(days=30)


class CloseForm(FlaskForm):
    """Close a lead with a reason."""

    reason = StringField(_l("Why is it closed?"), validators=[Optional(), Length(max=300)],
                         description=_l("For example: the employer hired someone outside the network"))


class FillForm(FlaskForm):
    """Mark a lead filled without a placement of ours."""

    by_organisation_id = SelectField(_l("Filled by"), coerce=optional_int, validate_choice=False,
                                     validators=[Optional()])


class ProposalForm(FlaskForm):
    """"We have a candidate": one of my organisation's seekers."""

    seeker_id = SelectField(_l("Our candidate"), coerce=optional_int, validate_choice=False,
                            validators=[DataRequired(message=_l("Choose one of your job seekers."))])


class DecisionForm(DiagnosisGuardMixin, FlaskForm):
    """Accept or decline a proposed candidate, with an optional message to the proposing coach (another
    organisation reads it: no diagnosis words)."""

    privacy_fields = {"note": (LeadProposal, "decision_note")}
    note = StringField(_l("Message to the proposing coach"), validators=[Optional(), Length(max=300)])


class HoldSettingsForm(FlaskForm):
    """My organisation's holding period for hidden jobs."""

    days = IntegerField(_l("Days a hidden job is held for my organisation"),
                        validators=[InputRequired(message=_l("Give 0 to 60 days.")),
                                    NumberRange(min=0, max=MAX_HOLD_DAYS, message=_l("Give 0 to 60 days."))])


class ReopenForm(FlaskForm):
    """Open a closed lead again, optionally with a new expiry date."""

    expires_on = DateField(_l("New expiry date"), validators=[Optional()])

    def validate_expires_on(self, field):
        """Not in the past."""
        if field.data and field.data < today():
            raise ValidationError(_l("The expiry date cannot be in the past."))


def demand_form(items, **kwargs):
    """One 0-5 rating and a key-item flag per catalogue item (a lead's own demand profile)."""
    attrs = {}
    for item in items:
        attrs[f"level_{item.id}"] = RatingField(item.name(), blank_label=_l("Not required"))
        attrs[f"key_{item.id}"] = BooleanField(_l("Key item"))
    form = type("LeadDemandForm", (FlaskForm,), attrs)(**kwargs)
    form.items = items
    return form


def demand_of(form) -> tuple[dict[int, int | None], set[int]]:
    """({item id: level}, key item ids) from a validated demand form."""
    levels = {item.id: form[f"level_{item.id}"].data for item in form.items}
    return levels, {item.id for item in form.items if form[f"key_{item.id}"].data and levels[item.id]}


__all__ = ["CloseForm", "DecisionForm", "FillForm", "HoldSettingsForm", "LeadForm", "ProposalForm", "ReopenForm",
           "default_expiry", "demand_form", "demand_of", "optional_int"]
