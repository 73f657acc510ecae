"""The password policy (issue 14 item 4, RELIABILITY.md A1): zxcvbn's estimate with the context words "ratko", the
organisation's name and the e-mail's parts refused with a message naming the word."""

from __future__ import annotations

import pytest

from app.auth.passwords import context_words, password_problem
from tests.conftest import PASSWORD

CONTEXT = context_words(email="maija.virtanen@kunta.example", name="Maija Virtanen",
                        organisation_name="Joensuun kaupungin työllisyyspalvelut", organisation_slug="joensuu")


def test_context_words_come_from_the_user_and_the_organisation():
    assert {"maija.virtanen", "maija", "virtanen", "kunta", "joensuun", "kaupungin", "joensuu", "ratko"} <= set(CONTEXT)
    assert all(len(word) >= 4 for word in CONTEXT)


@pytest.mark.parametrize(("password", "word"), [
    ("ratko-ratko-1", "ratko"),  # passed before issue 14
    ("Ratko-kesäilta-pitkä", "ratko"),
    ("R4tk0-kesäilta-pitkä", "ratko"),  # digits for letters
    ("joensuun-kesä-lentää-2025", "joensuun"),
    ("virtanen-sininen-taivas", "virtanen"),
    ("kunta-sininen-taivas-7", "kunta"),
    ("jobcoach-sininen-taivas", "jobcoach"),
])
def test_context_words_are_refused_naming_the_word(app, password, word):
    with app.test_request_context():
        problem = password_problem(password, context=CONTEXT)
    assert problem == f'Do not use "{word}" in your password: anyone who knows you or this service could guess it.'


@pytest.mark.parametrize("password", ["aaaabbbbcccc1", "qwertyuiop123", "salasana2024!", "Salasana123!"])
def test_easy_guesses_are_refused(app, password):
    with app.test_request_context():
        assert password_problem(password, context=CONTEXT) in (
            "This password is too easy to guess. Add a few more words or make it longer.",
            "This password is too common or too simple.")


@pytest.mark.parametrize("password", [
    "kesäkuun-pitkä-lause", "sininen lintu lentää yli",
    "Pohjois-Karjalan metsissä kasvaa mäntyjä, kuusia ja koivuja; talvella lunta on paljon ja kesällä yöt ovat "
    "valoisia ja lyhyitä.",  # over 72 characters: zxcvbn judges the start, the length limit is 128
])
def test_good_passwords_pass_whatever_their_length(app, password):
    with app.test_request_context():
        assert password_problem(password[:128], context=CONTEXT) is None


def test_change_password_page_applies_the_policy_with_my_context(app, factory, make_client):
    org = factory.org(slug="vaara", name="Vaaran ammattiopisto")
    user = factory.user(org, email="olli.opettaja@vaara.example", name="Olli Opettaja")
    c = make_client(login=user.email)
    for password, word in (("opettaja-sininen-taivas", "opettaja"), ("ammattiopisto-sininen-1", "ammattiopisto"),
                           ("ratko-ratko-1", "ratko")):
        response = c.post("/auth/password", data={"current": PASSWORD, "new": password, "repeat": password})
        assert response.status_code == 422
        assert f"Do not use &#34;{word}&#34; in your password" in response.get_data(as_text=True)
    good = "kesäkuun-pitkä-lause"
    assert c.post("/auth/password", data={"current": PASSWORD, "new": good, "repeat": good}).status_code == 303
