"""Column mapping: detection from Finnish, Swedish and English header variants, conflicts, fingerprints."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.spreadsheets.mapping import (
    FIELDS,
    SKIP,
    SYNONYMS,
    detect_field,
    detect_mapping,
    fingerprint,
    header_key,
    mapping_problems,
)

ISSUE_HEADERS = {
    "Yritys": "employer_name", "Yrityksen nimi": "employer_name", "Företag": "employer_name",
    "Company": "employer_name", "Y-tunnus": "business_id", "FO-nummer": "business_id", "Business ID": "business_id",
    "VAT number": "business_id", "Yhteyshenkilö": "contact_name", "Kontaktperson": "contact_name",
    "Contact": "contact_name", "Etunimi": "first_name", "Sukunimi": "last_name", "First Name": "first_name",
    "Last Name": "last_name", "Puhelin": "phone", "Telefon": "phone", "Business Phone": "phone",
    "Sähköposti": "email", "E-post": "email", "E-mail Address": "email", "Kunta": "municipality",
    "Kommun": "municipality", "City": "municipality", "Toimiala": "industry", "Bransch": "industry",
    "Industry": "industry", "Tehtävä": "title", "Titteli": "title", "Titel": "title", "Job Title": "title",
    "Vastuuhenkilö": "owner", "Owner": "owner", "Tila": "status", "Status": "status", "Tunnisteet": "tags",
    "Tags": "tags", "Taggar": "tags",
}
SYNONYM_PAIRS = [(word, field) for field, words in SYNONYMS.items() if field != SKIP for word in words]


@pytest.mark.parametrize(("header", "field"), sorted(ISSUE_HEADERS.items()))
def test_headers_named_in_the_issue_are_detected(app, header, field):
    with app.app_context():
        assert detect_field(header)[0] == field


def _variant(draw, word: str) -> str:
    letters = [c.upper() if draw(st.booleans()) else c.lower() for c in word]
    text = "".join(letters)
    text = draw(st.sampled_from(["", " ", "  ", "\t", "\u00a0"])) + text + draw(st.sampled_from(["", " ", ":", " *",
                                                                                               ".", " (1)"[:0]]))
    if " " in text.strip() and draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["_", "-", "  ", ". "])))
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@st.composite
def header_variants(draw):
    word, field = draw(st.sampled_from(SYNONYM_PAIRS))
    return _variant(draw, word), field


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header_variants())
def test_case_spaces_punctuation_and_bom_do_not_change_detection(app, variant):
    header, field = variant
    with app.app_context():
        assert detect_field(header)[0] == field, header


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(ISSUE_HEADERS)), min_size=1, max_size=8, unique=True), st.randoms())
def test_mapping_maps_each_field_once_whatever_the_column_order(app, headers, rng):
    fields_seen: set[str] = set()
    headers = [h for h in headers if not (ISSUE_HEADERS[h] in fields_seen or fields_seen.add(ISSUE_HEADERS[h]))]
    with app.app_context():
        mapping = detect_mapping(headers)
        shuffled = list(headers)
        rng.shuffle(shuffled)
        again = dict(zip(shuffled, detect_mapping(shuffled), strict=True))
    used = [f for f in mapping if f]
    assert len(used) == len(set(used))
    assert fingerprint(headers) == fingerprint(shuffled)
    assert {h: f for h, f in zip(headers, mapping, strict=True)} == again


def test_suffixes_prefixes_and_unknown_headers(app):
    with app.app_context():
        assert detect_field("Yhteyshenkilön puhelin")[0] == "phone"
        assert detect_field("Contact Email")[0] == "email"
        assert detect_field("Sähköpostiosoite (työ)")[0] == "email"
        assert detect_field("Lempiväri") == ("", 0)
        assert detect_field("") == ("", 0)


def test_outlook_title_is_not_the_job_title(app):
    with app.app_context():
        mapping = detect_mapping(["First Name", "Last Name", "Title", "Job Title", "Company"])
    assert mapping == ["first_name", "last_name", "", "title", "employer_name"]


def test_export_only_columns_are_recognised_and_left_out(app):
    with app.app_context():
        assert detect_mapping(["Employer", "Last touchpoint", "Cadence"]) == ["employer_name", "", ""]


def test_remembered_mapping_wins_over_detection(app):
    with app.app_context():
        mapping = detect_mapping(["Nimi", "Puhelin"], remembered={"nimi": "contact_name", "puhelin": ""})
    assert mapping == ["contact_name", ""]


def test_labels_in_every_language_map_back(app):
    from flask_babel import force_locale

    with app.test_request_context():
        for language in ("fi", "sv", "en"):
            with force_locale(language):
                labels = [str(f.label) for f in FIELDS]
            assert detect_mapping(labels) == [f.key for f in FIELDS], language


def test_header_key_and_problems():
    assert header_key("\ufeff E-mail  Address:") == "emailaddress"
    assert header_key("Sähköposti") == "sahkoposti"
    assert [p["code"] for p in mapping_problems(["contact_name", ""])] == ["map_required"]
    assert [p["code"] for p in mapping_problems(["employer_name", "phone", "phone"])] == ["map_twice"]
    assert mapping_problems(["business_id", "phone"]) == []
