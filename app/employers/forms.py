"""Employer, site, contact and relationship forms; validators shared with inline validation and imports."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import optional_int
from app.employers import reference, selectors, ytunnus
from app.employers.labels import CHANNEL_LABELS, PWA_LABELS, SIZE_LABELS, STATUS_LABELS
from app.employers.normalise import email_normalise, phone_e164

HIDDEN = ("csrf_token", "version", "loaded")


def with_id_prefix(form, prefix: str):
    """Give every field's element (and its label) an id starting with `prefix`: one page may hold several forms with
    the same field names (the site form and open contact forms on the employer page). Field names do not change."""
    for bound in form:
        bound.id = f"{prefix}-{bound.name}"
        bound.label.field_id = bound.id
    return form


def _choices(labels: dict, blank: bool = True) -> list[tuple[str, str]]:
    return ([("", "—")] if blank else []) + [(code, label) for code, label in labels.items()]


def business_id_problem(raw: str | None, *, exclude_id: int | None = None) -> tuple[str | None, object | None]:
    """Why a typed Y-tunnus cannot be saved (bad check digit, or taken: returns the existing employer too)."""
    if not (raw or "").strip():
        return None, None
    normalised = ytunnus.normalise(raw)
    if normalised is None:
        return str(_l("This is not a valid Y-tunnus: check the digits (form 1234567-8).")), None
    existing = selectors.employer_by_business_id(normalised)
    if existing is not None and existing.id != exclude_id:
        return str(_l("An employer with this Y-tunnus already exists.")), existing
    return None, None


def website_problem(raw: str | None) -> str | None:
    """Only http and https addresses are accepted (RELIABILITY.md D3)."""
    text = (raw or "").strip()
    if not text:
        return None
    parts = urlsplit(text if "://" in text else f"https://{text}")
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        return str(_l("Give a web address starting with http:// or https://."))
    return None


class EmployerForm(FlaskForm):
    """Create or edit an employer."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    business_id = StringField(_l("Y-tunnus"), validators=[Optional(), Length(max=20)],
                              render_kw={"inputmode": "numeric", "autocomplete": "off"})
    industry_code = SelectField(_l("Industry (TOL 2008)"), validators=[Optional()])
    size_class = SelectField(_l("Size"), choices=_choices(SIZE_LABELS), validators=[Optional()])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)],
                               render_kw={"list": "municipality-list", "autocomplete": "off"})
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)], render_kw={"inputmode": "url"})
    diversity_stance = TextAreaField(_l("Diversity stance"), validators=[Optional(), Length(max=4000)])
    pwa_experience = SelectField(_l("Experience of employing people with partial work ability"),
                                 choices=_choices(PWA_LABELS, blank=False), default="unknown")
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=400)])
    version = HiddenField()
    loaded = HiddenField()  # signed snapshot of the values the form was loaded with (app.core.conflict)

    def __init__(self, *args, employer_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer_id = employer_id
        self.duplicate_of = None
        self.industry_code.choices = [("", "—")] + reference.industry_choices()

    def validate_business_id(self, field):
        """Check digit and uniqueness."""
        problem, existing = business_id_problem(field.data, exclude_id=self.employer_id)
        self.duplicate_of = existing
        if problem:
            raise ValidationError(problem)

    def validate_municipality(self, field):
        """A Finnish municipality, in Finnish or Swedish."""
        if field.data and reference.municipalities() and not reference.municipality_canonical(field.data):
            raise ValidationError(_l("Unknown municipality. Use the Finnish or Swedish name."))

    def validate_website(self, field):
        """http(s) only."""
        problem = website_problem(field.data)
        if problem:
            raise ValidationError(problem)

    def cleaned(self) -> dict:
        """Field values normalised for storage."""
        data = {k: v for k, v in self.data.items() if k not in HIDDEN}
        data["business_id"] = ytunnus.normalise(data["business_id"]) if data["business_id"] else None
        data["municipality"] = reference.municipality_canonical(data["municipality"]) or \
            (data["municipality"] or "").strip() or None
        website = (data["website"] or "").strip()
        data["website"] = (website if "://" in website else f"https://{website}") if website else None
        data["tags"] = parse_tags(data["tags"])
        return data


def parse_tags(raw: str | None) -> list[str]:
    """Comma-separated tags, trimmed, lower-cased, unique, at most 40 characters each."""
    seen: list[str] = []
    for part in (raw or "").replace(";", ",").split(","):
        tag = part.strip().lower()[:40]
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class SiteForm(FlaskForm):
    """A unit or branch."""

    name = StringField(_l("Site name"), validators=[DataRequired(), Length(max=200)])
    parent_id = SelectField(_l("Part of"), coerce=optional_int, validators=[Optional()])
    municipality = StringField(_l("Municipality"), validators=[Optional(), Length(max=80)],
                               render_kw={"list": "municipality-list"})
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])


class ContactForm(FlaskForm):
    """A contact person."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)], render_kw={"autocomplete": "off"})
    title = StringField(_l("Title"), validators=[Optional(), Length(max=120)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)], render_kw={"type": "tel"})
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=254)], render_kw={"type": "email"})
    preferred_channel = SelectField(_l("Preferred channel"), choices=_choices(CHANNEL_LABELS),
                                    validators=[Optional()])
    site_id = SelectField(_l("Site"), coerce=optional_int, validators=[Optional()])
    source = StringField(_l("Source"), validators=[Optional(), Length(max=200)],
                         description=_l("Where we met, e.g. a recruitment fair"))
    ambassador = BooleanField(_l("Ambassador (speaks for supported employment)"))
    version = HiddenField()
    loaded = HiddenField()

    def validate_phone(self, field):
        """Any format a person types; stored as E.164 with Finland as the default country."""
        if field.data and phone_e164(field.data) is None:
            raise ValidationError(_l("This is not a valid phone number."))

    def validate_email(self, field):
        """A plausible address."""
        if field.data and email_normalise(field.data) is None:
            raise ValidationError(_l("This is not a valid e-mail address."))

    def cleaned(self) -> dict:
        """Values normalised for storage."""
        data = {k: v for k, v in self.data.items() if k not in HIDDEN}
        data["phone"] = phone_e164(data["phone"])
        data["email"] = email_normalise(data["email"])
        for key in ("title", "source", "preferred_channel"):
            data[key] = (data[key] or "").strip() or None
        return data


class RelationshipForm(FlaskForm):
    """My organisation's relationship with an employer."""

    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), choices=_choices(STATUS_LABELS, blank=False), default="prospect")
    cadence_target = IntegerField(_l("Contacts per year (target)"), default=3,
                                  validators=[DataRequired(), NumberRange(min=1, max=12)])
    cadence_minimum = IntegerField(_l("Contacts per year (minimum)"), default=2,
                                   validators=[DataRequired(), NumberRange(min=1, max=12)])
    started_on = DateField(_l("Started on"), validators=[Optional()])
    private_note = TextAreaField(_l("Private note (only my organisation)"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()
    loaded = HiddenField()

    def validate_cadence_minimum(self, field):
        """The minimum cannot exceed the target."""
        if field.data and self.cadence_target.data and field.data > self.cadence_target.data:
            raise ValidationError(_l("The minimum cannot be higher than the target."))
