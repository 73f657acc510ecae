"""The account page's form for a new personal access token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length

DAY_CHOICES = ((30, _l("30 days")), (90, _l("90 days")), (180, _l("180 days")), (365, _l("a year")))


class TokenForm(FlaskForm):
    """Name, scope and lifetime of a new token."""

    name = StringField(_l("What is it for?"), validators=[DataRequired(), Length(max=80)],
                       description=_l("For example: the monthly report script"))
    scope = RadioField(_l("It may"), default="read", choices=[
        ("read", _l("Read only")), ("write", _l("Read and change (log contacts, record and edit leads)"))])
    days = SelectField(_l("Valid for"), coerce=int, default=90, choices=DAY_CHOICES)
