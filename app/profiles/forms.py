"""Forms: catalogue items, profile headers and 0-5 ratings (one field per catalogue item, built per request)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.core.dates import today
from app.profiles.catalogue import level_names
from app.profiles.models import LANGS, LEVELS

RATING_MESSAGE = _l("Give a whole number from 0 to 5.")


def coerce_rating(value) -> int | None:
    """'' -> None, '0'..'5' -> int; anything else is refused with a message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
        return value
    text = str(value).strip()
    if text.isdigit() and int(text) in LEVELS:
        return int(text)
    raise ValueError(str(RATING_MESSAGE))


class RatingField(SelectField):
    """A 0-5 rating rendered as a select with the scale's level names; blank means not rated."""

    def __init__(self, label=None, validators=None, blank_label=None, side="demand", **kwargs):
        super().__init__(label, validators, coerce=coerce_rating, validate_choice=False, **kwargs)
        names = level_names(side=side)
        self.choices = [("", str(blank_label or "—"))] + [(str(n), f"{n} · {names[n]}") for n in LEVELS]

    def process_formdata(self, valuelist):
        """Parse the posted value; a value outside 0-5 becomes a field error."""
        if valuelist:
            try:
                self.data = coerce_rating(valuelist[0])
            except ValueError as error:
                self.data = None
                raise ValueError(str(RATING_MESSAGE)) from error


class ProfileHeaderForm(FlaskForm):
    """Who assessed a profile, when, and with which instrument."""

    assessed_on = DateField(_l("Assessed on"), validators=[Optional()])
    assessed_by_id = SelectField(_l("Assessed by"), coerce=lambda v: int(v) if v else None, validators=[Optional()])
    assessor_name = StringField(_l("Assessor (if not a user here)"), validators=[Optional(), Length(max=120)])
    licensed = BooleanField(_l("Assessed with the licensed MELBA/IMBA instrument by a trained assessor"))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)])
    version = HiddenField()

    def validate_assessed_on(self, field):
        """An assessment cannot be in the future."""
        if field.data and field.data > today():
            raise ValidationError(_l("The date cannot be in the future."))

    def header(self) -> dict:
        """Header values for the service."""
        return {name: self[name].data for name in ("assessed_on", "assessed_by_id", "assessor_name", "licensed",
                                                    "note")}


def _user_choices(users) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(u.id), u.name) for u in users]


def rating_field_name(item_id: int) -> str:
    """The form field name of an item's rating."""
    return f"level_{item_id}"


def ratings_form(items, *, users, base=ProfileHeaderForm, blank_label=None, side="demand", **kwargs):
    """A form with the profile header and one rating per item (`side`: "demand" or "capability" wording)."""
    attrs = {rating_field_name(i.id): RatingField(i.name(), blank_label=blank_label, side=side) for i in items}
    form = type("RatingsForm", (base,), attrs)(**kwargs)
    form.assessed_by_id.choices = _user_choices(users)
    form.items = items
    return form


def ratings_of(form) -> dict[int, int | None]:
    """{item id: level or None} from a validated ratings form."""
    return {item.id: form[rating_field_name(item.id)].data for item in form.items}


class BundleProfileBase(ProfileHeaderForm):
    """Bundle profile: overrides of the computed demand need a reason."""

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: an override that differs from the computed demand needs a reason."""
        valid = super().validate(extra_validators)
        for item in self.items:
            level = self[rating_field_name(item.id)].data
            computed = self.computed.get(item.id)
            reason = (self[f"reason_{item.id}"].data or "").strip()
            if level is not None and computed is not None and level != computed and not reason:
                self[f"reason_{item.id}"].errors = [*self[f"reason_{item.id}"].errors, _l(
                    "Give a reason for changing the demand computed from the tasks (%(level)d).", level=computed)]
                valid = False
        return valid


def bundle_profile_form(items, *, users, computed: dict[int, int], **kwargs):
    """The bundle profile form: per item an override, its reason and a key-item flag."""
    attrs = {}
    for item in items:
        attrs[rating_field_name(item.id)] = RatingField(item.name(), blank_label=_l("as computed"))
        attrs[f"reason_{item.id}"] = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
        attrs[f"key_{item.id}"] = BooleanField(_l("Key item"))
    form = type("BundleProfileForm", (BundleProfileBase,), attrs)(**kwargs)
    form.assessed_by_id.choices = _user_choices(users)
    form.items, form.computed = items, computed
    return form


def bundle_overrides_of(form) -> tuple[dict[int, tuple[int | None, str | None]], set[int]]:
    """(overrides, key items) from a validated bundle profile form."""
    overrides, key = {}, set()
    for item in form.items:
        level = form[rating_field_name(item.id)].data
        if level is not None:
            overrides[item.id] = (level, form[f"reason_{item.id}"].data)
        if form[f"key_{item.id}"].data:
            key.add(item.id)
    return overrides, key


class UnbundleForm(FlaskForm):
    """Move a task out of its bundle: the task's version and where to go back to."""

    version = HiddenField()
    next = HiddenField()


class CharacteristicForm(FlaskForm):
    """Add or edit a catalogue item (names in Finnish, Swedish and English)."""

    group_id = SelectField(_l("Group"), coerce=lambda v: int(v) if v else None, validators=[DataRequired()])
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=60), Regexp(
        r"^[a-z][a-z0-9_]*$", message=_l("Use lower-case letters, digits and underscores."))])
    position = IntegerField(_l("Order in the group"), default=99, validators=[Optional(), NumberRange(0, 999)])
    name_fi = StringField(_l("Name in Finnish"), validators=[DataRequired(), Length(max=160)])
    name_sv = StringField(_l("Name in Swedish"), validators=[DataRequired(), Length(max=160)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=160)])
    description_fi = TextAreaField(_l("Description in Finnish"), validators=[Optional(), Length(max=2000)])
    description_sv = TextAreaField(_l("Description in Swedish"), validators=[Optional(), Length(max=2000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=2000)])
    version = HiddenField()

    def __init__(self, *args, item=None, groups=(), taken=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item, self.taken = item, taken
        self.group_id.choices = [(g.id, g.name()) for g in groups]

    def validate_code(self, field):
        """Codes are unique in the catalogue."""
        if self.taken is not None:
            existing = self.taken(field.data)
            if existing is not None and (self.item is None or existing.id != self.item.id):
                raise ValidationError(_l("Another item already uses this code."))


def characteristic_form(*, item=None, groups=(), taken=None, **kwargs) -> CharacteristicForm:
    """The catalogue item form with level texts for levels 1-5 in each language."""
    attrs = {f"level_{n}_{lang}": StringField(_l("Level %(n)d (%(lang)s)", n=n, lang=lang),
                                              validators=[Optional(), Length(max=500)])
             for n in LEVELS[1:] for lang in LANGS}
    form_class = type("CharacteristicLevelsForm", (CharacteristicForm,), attrs)
    if item is not None:
        kwargs.setdefault("obj", item)
        kwargs["data"] = {f"level_{n}_{lang}": item.levels.get(str(n), {}).get(lang, "")
                          for n in LEVELS[1:] for lang in LANGS}
    return form_class(item=item, groups=groups, taken=taken, **kwargs)


def item_data(form) -> dict:
    """Values of a validated catalogue item form for the service."""
    data = {name: form[name].data for name in ("group_id", "code", "position", *(f"name_{x}" for x in LANGS),
                                              *(f"description_{x}" for x in LANGS))}
    data["position"] = data["position"] if data["position"] is not None else 99
    levels = {}
    for n in LEVELS[1:]:
        texts = {lang: (form[f"level_{n}_{lang}"].data or "").strip() for lang in LANGS}
        if any(texts.values()):
            levels[str(n)] = texts
    data["levels"] = levels
    return data
