"""The network administrator's retention periods."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from app.gdpr.retention import TYPES


class RetentionForm(FlaskForm):
    """One period per record type, in the unit of its rule."""

    seeker = IntegerField(_l("Job seeker data (months)"), validators=[
        InputRequired(), NumberRange(min=1, max=TYPES["seeker"].maximum)])
    placement = IntegerField(_l("Ended placements (months)"), validators=[
        InputRequired(), NumberRange(min=1, max=TYPES["placement"].maximum)])
    import_file = IntegerField(_l("Uploaded import files (days)"), validators=[
        InputRequired(), NumberRange(min=1, max=TYPES["import_file"].maximum)])

    def periods(self) -> dict[str, int]:
        """The chosen periods by record type."""
        return {code: getattr(self, code).data for code in TYPES}
