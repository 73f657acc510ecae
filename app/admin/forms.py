"""Organisation and user administration forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth import selectors as auth_selectors
from app.auth.labels import KIND_LABELS, ROLE_LABELS
from app.auth.models import ROLES


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice rendered as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OrganisationForm(FlaskForm):
    """Create or edit an organisation."""

    slug = StringField(_l("Short name (in addresses)"), validators=[
        DataRequired(), Length(max=40), Regexp(r"^[a-z0-9-]+$", message=_l("Use a-z, 0-9 and dashes only."))])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=list(KIND_LABELS.items()))
    active = BooleanField(_l("Active"), default=True)

    def __init__(self, *args, organisation_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id

    def validate_slug(self, field):
        """Unique short name."""
        existing = auth_selectors.organisation_by_slug(field.data)
        if existing and existing.id != self.organisation_id:
            raise ValidationError(_l("This short name is taken."))


class UserForm(FlaskForm):
    """Create a user or change their roles."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    roles = MultiCheckboxField(_l("Roles"), choices=[(r, ROLE_LABELS[r]) for r in ROLES])
    language = SelectField(_l("Language"), choices=[("", "—"), ("fi", "suomi"), ("sv", "svenska"),
                                                    ("en", "English")])

    def __init__(self, *args, user_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_id = user_id

    def validate_email(self, field):
        """One account per address."""
        existing = auth_selectors.user_by_email(field.data)
        if existing and existing.id != self.user_id:
            raise ValidationError(_l("A user with this e-mail already exists."))

    def validate_roles(self, field):
        """At least one role."""
        if not field.data:
            raise ValidationError(_l("Choose at least one role."))


class DiagnosisWordForm(FlaskForm):
    """Add a diagnosis stem the list misses, or an exception for an ordinary word the guard flags."""

    kind = SelectField(_l("What to add"), choices=[("term", _l("A diagnosis stem the list misses")),
                                                   ("exception", _l("An exception: an ordinary word to let through"))])
    word = StringField(_l("Word or stem"), validators=[DataRequired(), Length(min=4, max=80)],
                       description=_l("A stem catches every ending and lengthened letters: “skitsofren” also finds "
                                      "“skitsofreeninen”. Start with * to find it inside compound words too. An "
                                      "exception lets through every word that starts with it."))
    lang = SelectField(_l("Language"), choices=[("fi", _l("Finnish")), ("sv", _l("Swedish")), ("en", _l("English"))])


class TwoFactorPolicyForm(FlaskForm):
    """Which roles must log in with a second factor (network administrator)."""

    roles = MultiCheckboxField(_l("Roles that must use two-factor login"), choices=[(r, ROLE_LABELS[r]) for r in ROLES])


class LockLiftForm(FlaskForm):
    """Lift a login lock: an account at an address, or a whole address or account."""

    email = StringField(validators=[Length(max=254)])
    ip = StringField(validators=[Length(max=64)])
