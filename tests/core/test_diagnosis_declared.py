"""Issue 11 item 3, driven by the declarations: every employer-facing column is written by a guarded form field,
and every such field refuses diagnosis words in their inflected forms while keeping the text; the flush refuses
what a form did not check."""

from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select

from app.core.diagnosis import DiagnosisGuardMixin, DiagnosisRefused
from app.core.privacy import model_columns, registry
from app.extensions import db

INFLECTED = ["Hän on skitsofreenikko", "skitsofreeninen nuori", "masennuksen vuoksi", "autismikirjon henkilö",
             "Han har en depression"]


def _form_classes() -> list[type]:
    found, stack = [], list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return [cls for cls in found if issubclass(cls, DiagnosisGuardMixin) and not cls.__name__.startswith("_")]


def _covered(cls) -> dict[tuple[str, str], str]:
    """(table, column) -> form field name, for the columns a guarded form class writes."""
    result = {}
    if cls.privacy_model is not None:
        for key, declaration in model_columns(cls.privacy_model).items():
            if hasattr(cls, key):
                result[(declaration.table, declaration.column)] = key
    for name, (model, key) in cls.privacy_fields.items():
        declaration = model_columns(model).get(key)
        if declaration is not None and hasattr(cls, name):
            result[(declaration.table, declaration.column)] = name
    return result


def _form(cls):
    """The form as a route builds it, with the choices routes fill in left empty."""
    form = cls()
    for field in form:
        if getattr(field, "choices", False) is None:
            field.choices = []
    return form


def _cases(app) -> list[tuple[type, str]]:
    with app.app_context():
        blocked = {(d.table, d.column) for d in registry() if d.guard == "block"}
        return [(cls, field) for cls in _form_classes() for column, field in _covered(cls).items()
                if column in blocked]


def test_every_employer_facing_column_has_a_guarded_form(app):
    with app.app_context():
        blocked = {(d.table, d.column) for d in registry() if d.guard == "block"}
        covered = {column for cls in _form_classes() for column in _covered(cls)}
    assert blocked, "no employer-facing columns declared"
    assert blocked <= covered, f"employer-facing columns no guarded form writes: {sorted(blocked - covered)}"


def test_every_guarded_employer_facing_field_refuses_inflected_diagnosis_words(app):
    cases = _cases(app)
    assert len(cases) >= 18
    app.config["WTF_CSRF_ENABLED"] = False
    try:
        for cls, field in cases:
            for text in INFLECTED:
                with app.test_request_context(method="POST", data={field: text, "diagnosis_reason": "Because"}):
                    form = _form(cls)
                    assert not form.validate(), (cls.__name__, field, text)
                    assert field in form.diagnosis_blocked, (cls.__name__, field, text)
                    assert any("names a diagnosis" in str(e) for e in form[field].errors), (cls.__name__, field)
                    assert form[field].data == text and form.diagnosis_override is None
            with app.test_request_context(method="POST", data={field: "Tarkka ja täsmällinen."}):
                form = _form(cls)
                form.validate()
                assert field not in form.diagnosis_blocked and not any(
                    "names a diagnosis" in str(e) for e in form[field].errors), (cls.__name__, field)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True


def test_the_flush_refuses_employer_facing_text_that_no_form_checked(app, factory):
    from app.leads.models import Lead

    user = factory.user()
    employer = factory.employer("Varasto Oy")
    with app.app_context():
        db.session.add(Lead(organisation_id=user.organisation_id, employer_id=employer.id, kind="open_vacancy",
                            title="Varastoapulainen", description="Sopii skitsofreenikolle"))
        with pytest.raises(DiagnosisRefused) as refused:
            db.session.flush()
        assert (refused.value.table, refused.value.column) == ("leads", "description")
        db.session.rollback()
        lead = Lead(organisation_id=user.organisation_id, employer_id=employer.id, kind="open_vacancy",
                    title="Varastoapulainen", private_note="Asiakkaalla masennusta")  # private: the form warns
        db.session.add(lead)
        db.session.commit()
        lead.status = "closed"  # unchanged employer-facing text is not checked again
        db.session.commit()
        assert db.session.scalar(select(Lead.status)) == "closed"
