"""Y-tunnus normalisation and check digit, including property-based tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.employers import ytunnus

bodies = st.text(alphabet="0123456789", min_size=7, max_size=7)


@pytest.mark.parametrize("raw, expected", [
    ("0112038-9", "0112038-9"),
    ("01120389", "0112038-9"),
    ("FI01120389", "0112038-9"),
    ("fi 0112038-9", "0112038-9"),
    (" 0112038 9 ", "0112038-9"),
    ("112038-9", "0112038-9"),       # the old six-digit form
    ("2331972-7", "2331972-7"),
    ("1234567-8", None),             # wrong check digit
    ("1234567-", None),
    ("12-345678", None),
    ("ABCDEFG-H", None),
    ("", None),
    (None, None),
    ("123456789", None),
])
def test_normalise(raw, expected):
    assert ytunnus.normalise(raw) == expected


def test_remainder_one_has_no_valid_id():
    # 7*0 + 9*0 + 10*0 + 5*0 + 8*0 + 4*0 + 2*6 = 12 -> remainder 1
    assert ytunnus.check_digit("0000006") is None
    assert ytunnus.with_check_digit("0000006") is None


@given(bodies)
def test_every_completed_id_normalises_to_itself_in_any_spelling(body):
    canonical = ytunnus.with_check_digit(body)
    if canonical is None:
        return
    digits = canonical.replace("-", "")
    for spelling in (canonical, digits, f"FI{digits}", f" {body} {digits[-1]} ", canonical.lower()):
        assert ytunnus.normalise(spelling) == canonical


@given(bodies, st.integers(min_value=0, max_value=7), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_caught(body, position, delta):
    canonical = ytunnus.with_check_digit(body)
    if canonical is None:
        return
    digits = list(canonical.replace("-", ""))
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert ytunnus.normalise("".join(digits)) is None
