"""Upload, source (sheet and header row), mapping and commit forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField
from wtforms.validators import NumberRange, Optional

from app.spreadsheets.mapping import FIELDS

GROUP_LABELS = {"employer": _l("Employer"), "contact": _l("Contact person"), "relationship": _l("Our relationship")}
POLICY_CHOICES = [("update", _l("Update them with the file's values (empty cells change nothing)")),
                  ("fill", _l("Only fill in what is empty")),
                  ("skip", _l("Leave them as they are"))]


class UploadForm(FlaskForm):
    """Choose a file to import."""

    file = FileField(_l("Contact list"), validators=[FileRequired(_l("Choose a file to upload."))],
                     render_kw={"accept": ".xlsx,.xls,.csv,.txt,application/vnd.openxmlformats-officedocument."
                                          "spreadsheetml.sheet,application/vnd.ms-excel,text/csv"})


class SourceForm(FlaskForm):
    """Which sheet to read and where its header row is."""

    sheet = SelectField(_l("Sheet"), validators=[Optional()], validate_choice=False)
    header_row = IntegerField(_l("Header row"), validators=[Optional(), NumberRange(min=1, max=50)])


class CommitForm(FlaskForm):
    """Commit a previewed batch."""

    skip_errors = BooleanField(_l("Skip the rows with errors and import the rest"))


class EmptyForm(FlaskForm):
    """A button that changes state (undo, discard, resume): CSRF only."""


class OptionsForm(FlaskForm):
    """How existing records and relationships are treated; the column selects are added per file."""

    policy = RadioField(_l("Employers and contacts that already exist"), choices=POLICY_CHOICES, default="update")
    default_owner_id = SelectField(_l("Owner of new relationships (when the file has no owner column)"),
                                   coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                                   validators=[Optional()])
    start_all = BooleanField(_l("Also start a relationship with existing employers in the file that my "
                                "organisation has none with"))


def field_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a column select by group: employer, contact and relationship fields."""
    groups: dict[str, list] = {}
    for field in FIELDS:
        groups.setdefault(str(GROUP_LABELS[field.group]), []).append((field.key, str(field.label)))
    return list(groups.items())


def mapping_form(headers: list[str], mapping: list[str], owners: list[tuple[int, str]], options: dict,
                 formdata=None) -> OptionsForm:
    """The options form with one select per column of the file (col_0, col_1, ...)."""

    class MappingForm(OptionsForm):
        pass

    choices = [("", "")] + [(field.key, field.key) for field in FIELDS]
    for index, header in enumerate(headers):
        label = header or _("Column %(number)s", number=index + 1)
        setattr(MappingForm, f"col_{index}", SelectField(label, choices=choices, validate_choice=False,
                                                         default=mapping[index] if index < len(mapping) else ""))
    kwargs = {"formdata": formdata} if formdata is not None else {"formdata": None}
    form = MappingForm(**kwargs, data={"policy": options.get("policy", "update"),
                                       "default_owner_id": options.get("default_owner_id"),
                                       "start_all": bool(options.get("start_all"))} if formdata is None else None)
    form.default_owner_id.choices = [("", _("Nobody yet"))] + [(user_id, name) for user_id, name in owners]
    form.columns = [form[f"col_{index}"] for index in range(len(headers))]
    return form


def form_mapping(form: OptionsForm) -> list[str]:
    """The chosen field of every column."""
    return [(column.data or "") for column in form.columns]
