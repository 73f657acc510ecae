"""Issue 11 item 3: Finnish inflection, compounds and exceptions in the diagnosis guard, and the network
administrator's page for extra stems and exceptions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.diagnosis import Matcher, find_diagnosis_terms
from app.core.diagnosis_words import DiagnosisWord
from app.extensions import db


@pytest.mark.parametrize(("text", "found"), [
    ("Hän on skitsofreenikko.", ["skitsofreenikko"]),
    ("Skitsofreeninen oireilu", ["Skitsofreeninen"]),
    ("Skitsofrenian takia", ["Skitsofrenian"]),
    ("masennuksen jälkeen", ["masennuksen"]),
    ("Masentunut ja psykoottinen", ["Masentunut", "psykoottinen"]),
    ("talousmasennus", ["talousmasennus"]),  # a long stem inside a compound word
    ("Rintasyövän hoito", ["Rintasyövän"]),  # "*syövä": a short stem marked for compounds
    ("lapsuusautismi, autismikirjon nuori", ["lapsuusautismi", "autismikirjon"]),
    ("Hänellä on ADHD:n piirteitä", ["ADHD"]),
    ("Hon har schizofreni", ["schizofreni"]),
    ("Nautiskella romaanisarjasta ja psykososiaalisesta tuesta", []),  # "autis", "maanis", "psykoo" inside words
    ("Psykologi ja syöpäläistorjunta", []),  # lengthening only; a seed exception
])
def test_inflected_and_compound_forms(app, text, found):
    with app.app_context():
        assert find_diagnosis_terms(text) == found


def test_exceptions_and_extra_stems_change_what_is_found():
    assert Matcher(extra=("uniapne",)).find("Uniapnean takia") == ["Uniapnean"]
    assert Matcher().find("Uniapnean takia") == []
    assert Matcher(exceptions=("masennuskau",)).find("Masennuskausi ja masennus") == ["masennus"]


def test_administrator_adds_a_stem_and_an_exception(app, factory, make_client):
    admin = factory.user(roles=("admin",))
    c = make_client(login=admin.email)
    page = c.get("/admin/diagnosis-words?text=Uniapnea+ja+syöpäpotilas")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and "<mark>syöpäpotilas</mark>" in body and "uniapnea" not in body.lower()[
        body.lower().index("try-result"):]
    assert c.post("/admin/diagnosis-words", data={"kind": "term", "word": " Uniapne ", "lang": "fi"}).status_code == 303
    assert c.post("/admin/diagnosis-words", data={"kind": "exception", "word": "syöpäpotila",
                                                  "lang": "fi"}).status_code == 303
    again = c.post("/admin/diagnosis-words", data={"kind": "term", "word": "uniapne", "lang": "fi"})
    assert again.status_code == 422 and "already on the list" in again.get_data(as_text=True)
    short = c.post("/admin/diagnosis-words", data={"kind": "term", "word": "ms", "lang": "fi"})
    assert short.status_code == 422
    body = c.get("/admin/diagnosis-words?text=Uniapnea+ja+syöpäpotilas").get_data(as_text=True)
    assert "<mark>Uniapnea</mark>" in body and "<mark>syöpäpotilas</mark>" not in body
    with app.app_context():
        assert find_diagnosis_terms("Uniapnean vuoksi") == ["Uniapnean"]
        rows = db.session.scalars(select(DiagnosisWord).order_by(DiagnosisWord.id)).all()
        assert [(r.kind, r.word, r.created_by_id) for r in rows] == [("term", "uniapne", admin.id),
                                                                     ("exception", "syöpäpotila", admin.id)]
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.entity == "diagnosis_words")) is not None
        term_id = rows[0].id
    assert c.post(f"/admin/diagnosis-words/{term_id}/delete").status_code == 303
    with app.app_context():
        assert find_diagnosis_terms("Uniapnean vuoksi") == []


def test_only_the_network_administrator_edits_the_words(factory, make_client):
    manager = factory.user(roles=("manager",))
    c = make_client(login=manager.email)
    assert c.get("/admin/diagnosis-words").status_code == 403
    assert c.post("/admin/diagnosis-words", data={"kind": "term", "word": "uniapne", "lang": "fi"}).status_code == 403
