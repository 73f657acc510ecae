"""The web's forms validate the API's input too, so a refused value gets the same message in the same language as
on the page: a JSON body (already checked for types and unknown fields by its schema) is handed to the form as if it
had been posted, and the form's errors become the problem document's `errors`."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.api.problems import Problem, field_error, flatten


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "y" if value else None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def as_formdata(values: dict[str, Any]) -> MultiDict:
    """Form fields as a browser would post them: lists as repeated values, false and null as absent."""
    data = MultiDict()
    for name, value in values.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            text = _text(item)
            if text is not None:
                data.add(name, text)
    return data


def validated(form_class, values: dict[str, Any], *, names: dict[str, str] | None = None, setup=None, **kwargs):
    """A form of `form_class` filled with `values` and validated; 422 with the form's messages when it refuses.
    `names` maps form fields to the API's field names in the errors; `setup(form)` fills choices before validating."""
    form = form_class(formdata=as_formdata(values), meta={"csrf": False}, **kwargs)
    if setup is not None:
        setup(form)
    if not form.validate():
        raise Problem(422, _("Nothing was saved."), kind="validation", errors=[
            field_error((names or {}).get(field, field), message) for field, message in flatten(form.errors)])
    return form


def refused(error, *, names: dict[str, str] | None = None) -> Problem:
    """A service's refusal (field and message) as the same 422 problem."""
    field = getattr(error, "field", None)
    message = getattr(error, "message", None) or str(error)
    return Problem(422, _("Nothing was saved."), kind="validation",
                   errors=[field_error((names or {}).get(field, field) if field else None, message)])
