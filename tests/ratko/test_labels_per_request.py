"""Option lists are translated per request, not when the module loads: the same form class renders Finnish for a
Finnish user and English for an English one, one after the other in the same process."""

from __future__ import annotations

import re

from flask import render_template_string

from app.auth.models import User
from app.extensions import db

OPTION = re.compile(r"<option[^>]*>([^<]*)</option>")


def _options(client, url):
    return set(OPTION.findall(client.get(url).get_data(as_text=True)))


def test_option_lists_follow_the_users_language(app, make_client, factory, ratko, consultant):
    english = factory.user(org=consultant.org, roles=("consultant",))
    with app.app_context():
        db.session.get(User, consultant.id).language = "fi"
        db.session.get(User, english.id).language = "en"
        db.session.commit()
    e = ratko.engagement(consultant)
    b = ratko.bundle(e)
    fi, en = make_client(login=consultant.email), make_client(login=english.email)
    for _round in range(2):  # alternate: nothing is fixed by whoever rendered first
        page = _options(fi, f"/ratko/engagements/{e.id}")
        assert {"Johto", "Lähiesihenkilö", "Valmistelu", "Työpajat", "Ei vielä päätetty"} <= page, page
        assert not {"Management", "Supervisor", "Preparation", "Workshops", "Not decided yet"} & page
        assert {"Management", "Supervisor", "Preparation", "Workshops"} <= _options(en, f"/ratko/engagements/{e.id}")
        edit = _options(fi, f"/ratko/engagements/{e.id}/edit")
        assert "Own diversity goal" not in edit and "Own diversity goal" in _options(
            en, f"/ratko/engagements/{e.id}/edit")
        assert "Draft" not in _options(fi, f"/ratko/bundles/{b.id}")
        assert "Draft" in _options(en, f"/ratko/bundles/{b.id}")


def test_the_diagnosis_warning_heading_is_in_the_users_language(app):
    class Field:
        label = type("Label", (), {"text": "Muistiinpano"})()

    class Reason:
        data, errors, id, description = "", [], "diagnosis_reason", ""

        def label(self):
            return ""

        def __call__(self, **kwargs):
            return ""

    form = type("Form", (), {"diagnosis_hits": {"note": ["ADHD"]}, "diagnosis_reason": Reason(),
                             "__getitem__": lambda self, name: Field()})()
    template = '{% from "_macros/diagnosis.html" import diagnosis_warning %}{{ diagnosis_warning(form) }}'
    for language, heading in (("fi", "Sisäisessä muistiinpanossa mainitaan diagnoosi"),
                              ("en", "A private note names a diagnosis")):
        with app.test_request_context(headers={"Accept-Language": language}):
            assert heading in render_template_string(template, form=form)
