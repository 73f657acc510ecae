"""Forms: job seeker, consent (with the diagnosis guard on the agreed disclosure text), workplaces, assessments."""

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
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.dates import today
from app.core.diagnosis import DiagnosisGuardMixin
from app.core.forms import optional_int
from app.employers import reference
from app.profiles.forms import ProfileHeaderForm
from app.seekers.labels import LIGHT_LABELS, SCOPE_LABELS, STATUS_LABELS
from app.seekers.models import Consent, JobSeeker


class SeekerForm(DiagnosisGuardMixin, FlaskForm):
    """A job seeker: a code and an alias, never a full name or a diagnosis (notes naming one are warned)."""

    privacy_model = JobSeeker

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=30)],
                       description=_l("Your organisation's own reference, e.g. JOE-014."))
    alias = StringField(_l("Alias or initials"), validators=[DataRequired(), Length(max=60)],
                        description=_l("How you refer to the person here. No full name is needed."))
    coach_id = SelectField(_l("Coach"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), choices=list(STATUS_LABELS.items()), default="engaged")
    industries = SelectMultipleField(_l("Preferred industries"), validators=[Optional()])
    municipalities = StringField(_l("Preferred municipalities"), validators=[Optional(), Length(max=500)],
                                 description=_l("Separate with commas."))
    hours_min = IntegerField(_l("Hours per week, at least"), validators=[Optional(), NumberRange(0, 60)])
    hours_max = IntegerField(_l("Hours per week, at most"), validators=[Optional(), NumberRange(0, 60)])
    travel_minutes = IntegerField(_l("Longest journey to work (minutes, one way)"),
                                  validators=[Optional(), NumberRange(0, 240)])
    preferences_note = TextAreaField(_l("Other wishes"), validators=[Optional(), Length(max=2000)])
    notes = TextAreaField(_l("Internal notes"), validators=[Optional(), Length(max=4000)],
                          description=_l("Only your organisation sees these. Write about work, not health."))
    version = HiddenField()

    def __init__(self, *args, coaches=(), code_taken=None, seeker_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach_id.choices = [("", "—")] + [(u.id, u.name) for u in coaches]
        self.industries.choices = reference.industry_choices()
        self.code_taken, self.seeker_id = code_taken, seeker_id

    def validate_code(self, field):
        """Codes are unique in the organisation."""
        existing = self.code_taken(field.data) if self.code_taken and field.data else None
        if existing is not None and existing.id != self.seeker_id:
            raise ValidationError(_l("Another job seeker of your organisation already has this code."))

    def validate_hours_max(self, field):
        """At most cannot be below at least."""
        if field.data is not None and self.hours_min.data is not None and field.data < self.hours_min.data:
            raise ValidationError(_l("The upper limit cannot be below the lower limit."))

    def validate_municipalities(self, field):
        """Known Finnish municipalities only."""
        unknown = [m for m in _split(field.data) if reference.municipalities() and
                   not reference.municipality_canonical(m)]
        if unknown:
            raise ValidationError(_l("Unknown municipality: %(names)s", names=", ".join(unknown)))

    def cleaned(self) -> dict:
        """Values for the service."""
        data = {k: v for k, v in self.data.items() if k not in ("csrf_token", "version", "diagnosis_reason")}
        data["municipalities"] = [reference.municipality_canonical(m) or m for m in _split(data["municipalities"])]
        data["code"] = data["code"].strip()
        return data


def _split(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").replace(";", ",").split(",") if part.strip()]


class ConsentForm(DiagnosisGuardMixin, FlaskForm):
    """A consent as the seeker gave it; the agreed disclosure text is checked for diagnosis words."""

    privacy_model = Consent  # the disclosure text is employer-facing (refused); the note is warned

    scope = RadioField(_l("What the consent allows"), choices=list(SCOPE_LABELS.items()),
                       validators=[DataRequired(message=_l("Choose what the consent allows."))])
    signed_on = DateField(_l("Given on"), validators=[DataRequired(message=_l("Give the date of the consent."))])
    written = RadioField(_l("In writing?"), choices=[("yes", _l("Yes, signed in writing")),
                                                     ("no", _l("No, given orally and recorded by me"))],
                         validators=[DataRequired(message=_l("Say whether the consent is in writing."))])
    valid_until = DateField(_l("Valid until (optional)"), validators=[Optional()])
    employers = SelectMultipleField(_l("Named employers"), coerce=int,
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
                                    description=_l("Employers on the seeker's workplace list."))
    disclosure_text = TextAreaField(
        _l("What may be told to these employers"), validators=[Length(max=4000)],
        description=_l("The agreed wording: strengths first, support needs from the work perspective, no diagnoses."))
    parties = StringField(_l("Named parties"), validators=[Length(max=500)],
                          description=_l("E.g. the TE office, the rehabilitation provider."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args, workplaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.employers.choices = [(e.id, e.name) for _w, e in workplaces]

    def validate_signed_on(self, field):
        """Not in the future."""
        if field.data and field.data > today():
            raise ValidationError(_l("The date cannot be in the future."))

    def validate_valid_until(self, field):
        """After the date given."""
        if field.data and self.signed_on.data and field.data < self.signed_on.data:
            raise ValidationError(_l("The end date cannot be before the date the consent was given."))

    def validate_employers(self, field):
        """Disclosure consent names at least one employer."""
        if self.scope.data == "employer_disclosure" and not field.data:
            raise ValidationError(_l("Name at least one employer the information may be told to."))

    def validate_disclosure_text(self, field):
        """Disclosure consent says what may be told."""
        if self.scope.data == "employer_disclosure" and not (field.data or "").strip():
            raise ValidationError(_l("Write down what may be told to the employers."))

    def validate_parties(self, field):
        """Information exchange names the parties."""
        if self.scope.data == "information_exchange" and not (field.data or "").strip():
            raise ValidationError(_l("Name the parties information may be exchanged with."))

    def cleaned(self) -> dict:
        """Values for the service."""
        return {"scope": self.scope.data, "signed_on": self.signed_on.data, "written": self.written.data == "yes",
                "valid_until": self.valid_until.data, "disclosure_text": self.disclosure_text.data,
                "parties": self.parties.data, "note": self.note.data}


class ConsentEventForm(FlaskForm):
    """Withdraw a consent or record an oral review: the date (today by default) and a note."""

    happened_on = DateField(_l("Date"), validators=[DataRequired()], default=today)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])

    def validate_happened_on(self, field):
        """Not in the future."""
        if field.data and field.data > today():
            raise ValidationError(_l("The date cannot be in the future."))


class WorkplaceForm(FlaskForm):
    """A workplace on the traffic-light list."""

    employer_id = HiddenField(validators=[DataRequired()])
    light = RadioField(_l("Light"), choices=list(LIGHT_LABELS.items()), default="green",
                       validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])


class WorkplaceEditForm(FlaskForm):
    """Change a workplace's light or note."""

    light = SelectField(_l("Light"), choices=list(LIGHT_LABELS.items()), validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])


class CapabilityHeaderForm(ProfileHeaderForm):
    """Header of a capability assessment: the date is required."""

    assessed_on = DateField(_l("Assessed on"),
                            validators=[DataRequired(message=_l("Give the date of the assessment."))])


class EraseForm(FlaskForm):
    """Confirm the erasure of a seeker (and, when placements go too, confirm that once more)."""

    code = StringField(_l("Type the seeker's code to confirm"), validators=[DataRequired()])
    reason = StringField(_l("Reason (e.g. the person's request of 3.2.2027)"),
                         validators=[DataRequired(), Length(max=200)])
    confirm_placements = BooleanField(_l("I understand that the placements, their support plans and follow-ups are "
                                         "erased too"))

    def __init__(self, *args, placements: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.placements = placements

    def validate_confirm_placements(self, field):
        """Erasing placements is asked once more."""
        if self.placements and not field.data:
            raise ValidationError(_l("Confirm that the placements are erased too."))


class AdaptationForm(FlaskForm):
    """An adaptation choice for a gap, saved as a matching note of the engagement."""

    bundle = HiddenField(validators=[DataRequired()])
    seeker = HiddenField(validators=[DataRequired()])
    item = HiddenField(validators=[DataRequired()])
    choice = SelectField(_l("Adaptation"), validators=[DataRequired()])
    text = TextAreaField(_l("What exactly"), validators=[DataRequired(), Length(max=2000)])
