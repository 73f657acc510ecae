"""The base refusal and the one helper that shows it on a form."""

from __future__ import annotations

import pytest
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from app.core.conflict import ConflictError
from app.core.diagnosis_words import WordRefused
from app.core.refusals import Refusal, refuse
from app.leads.services import LeadRefused
from app.profiles.services import InUseError
from app.ratko.hours import HoursError
from app.ratko.services.common import RuleError
from app.seekers.consent import ConsentRequired
from app.spreadsheets.messages import FileProblem
from app.spreadsheets.services.lifecycle import WrongState
from app.touchpoints.services import HandoverIncomplete, TouchpointInvalid


class _Form(FlaskForm):
    title = StringField("Title")
    ends_on = StringField("Ends")
    phase_ends_on = StringField("Phase ends")


def _form(app):
    with app.test_request_context(method="POST", data={"title": "x"}):
        form = _Form(meta={"csrf": False})
        form.validate()
        return form


@pytest.mark.parametrize("refusal", [
    RuleError("m", "f"), LeadRefused("f", "m"), TouchpointInvalid("f", "m"), WrongState("done"),
    HandoverIncomplete(1, 2, "Anna"), InUseError("code", "Item"), HoursError("m"), FileProblem("empty_file"),
    ConflictError(None), WordRefused("m")])
def test_every_refusal_is_a_refusal(app, refusal):
    with app.test_request_context():
        assert isinstance(refusal, Refusal) and refusal.text


def test_consent_required_is_a_refusal_with_its_reason(app):
    from app.seekers.consent import ConsentCheck

    with app.test_request_context():
        refusal = ConsentRequired(ConsentCheck(False, "withdrawn", "network_matching"))
        assert isinstance(refusal, Refusal) and refusal.text == "The consent was withdrawn."


def test_message_stays_lazy_until_shown(app):
    refusal = Refusal(_l("Give the lead a title, for example warehouse assistant."), "title")
    assert refusal.field == "title" and refusal.message is refusal.args[1]
    with app.test_request_context():
        assert str(refusal) == "title: Give the lead a title, for example warehouse assistant."


def test_refuse_marks_the_named_field(app):
    form = _form(app)
    with app.test_request_context():
        refuse(form, Refusal("Too long.", "title"))
    assert form.title.errors == ["Too long."] and not form.form_errors
    assert form.errors == {"title": ["Too long."]}


def test_refuse_finds_a_field_written_with_a_dash(app):
    form = _form(app)
    with app.test_request_context():
        refuse(form, Refusal("Before the start.", "phase-ends_on"))
    assert form.phase_ends_on.errors == ["Before the start."]


def test_refuse_without_a_field_on_the_form_goes_above_it_or_to_the_fallback(app):
    form = _form(app)
    with app.test_request_context():
        refuse(form, Refusal("Not allowed.", "status"))
        refuse(form, Refusal("No field."))
        refuse(form, Refusal("Next to the title.", "status"), fallback="title")
    assert form.form_errors == ["Not allowed.", "No field."]
    assert form.title.errors == ["Next to the title."]
    assert form.errors[form._form_error_key] == ["Not allowed.", "No field."]  # error_summary(form) lists them
