"""Login, second-factor, password and language forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.auth.passwords import password_problem


def language_choices():
    """The UI languages, each named in itself."""
    return [("", _l("Browser default")), ("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    next = StringField(render_kw={"hidden": True})


class PasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(_l("New password"), validators=[DataRequired()])
    repeat = PasswordField(_l("New password again"),
                           validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ."))])

    def __init__(self, *args, context: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._context = context

    def validate_new(self, field):
        """Apply the password policy."""
        problem = password_problem(field.data or "", context=self._context)
        if problem:
            raise ValidationError(problem)


class LanguageForm(FlaskForm):
    """Pick the UI language."""

    language = SelectField(_l("Language"), choices=language_choices, validate_choice=True)


class TwoFactorForm(FlaskForm):
    """The second step of a login: a code from the authenticator app or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])


class TotpForm(FlaskForm):
    """Confirm a new authenticator app with a code it shows."""

    code = StringField(_l("Code from the app"), validators=[DataRequired(), Length(max=12)])
