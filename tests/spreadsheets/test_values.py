"""Normalisation of single cells: Y-tunnus forms, phones stored as numbers, dates, labels, lengths."""

from __future__ import annotations

from datetime import date

import pytest

from app.spreadsheets.values import Context, normalise_row, parse_date


@pytest.mark.parametrize(("raw", "expected"), [
    ("45352", date(2024, 3, 1)), ("45352.5", date(2024, 3, 1)), ("2024-03-01 00:00:00", date(2024, 3, 1)),
    ("2024-03-01", date(2024, 3, 1)), ("1.3.2024", date(2024, 3, 1)), ("01.03.2024", date(2024, 3, 1)),
    ("1.3.24", date(2024, 3, 1)), ("1.3.2024 klo 12.30", date(2024, 3, 1)), ("31.2.2024", None), ("2024", None),
    ("eilen", None), ("3/1/2024", None)])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


HEADERS = ["Yritys", "Y-tunnus", "Puhelin", "Sähköposti", "Tila", "Koko", "Kotisivu", "Tunnisteet"]
MAPPING = ["employer_name", "business_id", "phone", "email", "status", "size_class", "website", "tags"]


@pytest.mark.parametrize(("business_id", "phone", "expected_id", "expected_phone"), [
    ("0112038-9", "040 123 4567", "0112038-9", "+358401234567"),
    ("01120389", "401234567", "0112038-9", "+358401234567"),
    ("0112038 9", "0401234567", "0112038-9", "+358401234567"),
    ("FI01120389", "+358 40 123 4567", "0112038-9", "+358401234567"),
    ("112038-9", "00358401234567", "0112038-9", "+358401234567"),
    (" 0112038-9 ", "013 123 456", "0112038-9", "+35813123456"),
])
def test_business_ids_and_phones_in_every_common_form(app, business_id, phone, expected_id, expected_phone):
    with app.app_context():
        values, errors, _warnings = normalise_row(["A Oy", business_id, phone, "", "", "", "", ""],
                                                  HEADERS + ["Yhteyshenkilö"], MAPPING + ["contact_name"],
                                                  Context.build([]))
        values, errors, _warnings = normalise_row(["A Oy", business_id, phone, "", "", "", "", "", "Liisa"],
                                                  HEADERS + ["Yhteyshenkilö"], MAPPING + ["contact_name"],
                                                  Context.build([]))
    assert errors == []
    assert values["business_id"] == expected_id and values["phone"] == expected_phone


def test_labels_lists_and_notes_name_the_column(app):
    with app.test_request_context():
        values, errors, warnings = normalise_row(
            ["A Oy", "1234567-8", "12", "Liisa.Laine@Example.FI ", "Meeting agreed", "small",
             "www.example.fi", "Kesätyö; metalli, kesätyö"], HEADERS, MAPPING, Context.build([]))
    assert values == {"employer_name": "A Oy", "status": "meeting_agreed", "size_class": "small",
                      "website": "https://www.example.fi", "tags": ["kesätyö", "metalli"]}
    assert errors == []  # optional values that cannot be read are left out with a note naming the column
    assert [(w.get("column"), w["code"], w.get("left_out")) for w in warnings] == [
        ("Y-tunnus", "ytunnus", True), ("Puhelin", "phone", True),
        (None, "contact_name", None)]  # e-mail without a person: left out, employer kept


def test_too_long_values_are_errors_not_cut(app):
    with app.app_context():
        values, errors, _warnings = normalise_row(["A" * 201], ["Yritys"], ["employer_name"], Context.build([]))
    assert values == {} and errors[0]["code"] == "too_long" and errors[0]["params"] == {"max": 200}
