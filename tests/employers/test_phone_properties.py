"""Phone numbers, property-based: every way of writing the same number gives the same E.164, and what is stored
reads back to itself through its display form."""

from __future__ import annotations

import phonenumbers
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.employers.normalise import phone_display, phone_e164

# Finnish national significant numbers: mobiles (04x, 050) and landlines by area code (09 Helsinki, 02 Turku, ...).
PREFIXES = ["40", "41", "44", "45", "46", "50", "9", "2", "3", "5", "6", "8", "13", "14", "15", "16", "17", "19"]


@st.composite
def finnish_numbers(draw):
    """A valid Finnish number as its national significant number (without the leading 0)."""
    prefix = draw(st.sampled_from(PREFIXES))
    rest = draw(st.text(alphabet="0123456789", min_size=5, max_size=8))
    nsn = prefix + rest
    number = phonenumbers.parse("+358" + nsn, None)
    assume(phonenumbers.is_valid_number(number))
    return nsn


@st.composite
def spacing(draw, digits: str) -> str:
    """The digits with spaces or hyphens typed between some of them."""
    out = []
    for n, digit in enumerate(digits):
        if n and draw(st.integers(min_value=0, max_value=3)) == 0:
            out.append(draw(st.sampled_from([" ", "-", "  "])))
        out.append(digit)
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(finnish_numbers(), st.data())
def test_every_writing_of_a_number_gives_the_same_e164(nsn, data):
    expected = "+358" + nsn
    number = phonenumbers.parse(expected, None)
    writings = [
        expected,
        "0" + nsn,
        "00358" + nsn,
        "358" + nsn if 8 <= len(nsn) <= 10 else expected,  # the + lost (Excel)
        nsn, nsn + ".0",  # a number cell: the leading zero lost
        data.draw(spacing("0" + nsn)),
        "+358 " + data.draw(spacing(nsn)),
        f"(0{nsn[:2]}) {nsn[2:]}",
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        "  " + "0" + nsn + "\t",
    ]
    assert {w: phone_e164(w) for w in writings} == dict.fromkeys(writings, expected)


@settings(max_examples=150, deadline=None)
@given(finnish_numbers())
def test_stored_numbers_round_trip_through_their_display(nsn):
    stored = phone_e164("0" + nsn)
    assert stored is not None
    assert phone_e164(stored) == stored
    assert phone_e164(phone_display(stored)) == stored


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=20))
def test_anything_typed_gives_a_valid_e164_or_none(text):
    result = phone_e164(text)
    assert result is None or (result.startswith("+") and phonenumbers.is_valid_number(phonenumbers.parse(result)))
