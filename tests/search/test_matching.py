"""Matching rules of the search box: case and accents, any word order, word beginnings and parts of compound words,
short words, the Y-tunnus with or without its hyphen, phone numbers in any format; ranking and grouping."""

from __future__ import annotations

import pytest

from app.search.text import document, index_words, parse_query, phone_forms


def _search(client, q: str, *, htmx: bool = True) -> str:
    headers = {"HX-Request": "true", "HX-Target": "search-suggestions"} if htmx else {}
    response = client.http.get("/search", query_string={"q": q}, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def directory(factory):
    coach = factory.user(roles=("coach",))
    piira = factory.employer("Piirakkapaja Kärnä Oy", business_id="0112038-9", municipality="Joensuu")
    factory.contact(piira, name="Äijälä Öystilä", title="HR-päällikkö", phone="+358401234567",
                    email="oystila@piirakkapaja.fi")
    other = factory.employer("Lähikauppa Ab", municipality="Lieksa")
    factory.contact(other, name="Matti Virtanen", title="Myymäläpäällikkö", phone="+358501112222")
    return coach, piira, other


def test_text_folding_and_phone_forms():
    assert index_words("Kärnä-Mäki Oy (Joensuu)") == ["karna", "maki", "oy", "joensuu"]
    assert index_words("Åland ØRESUND") == ["aland", "oresund"]
    assert phone_forms("+358 40 123 4567") == ["358401234567", "0401234567"]
    assert phone_forms("040-1234567") == ["0401234567", "358401234567"]
    assert document("Piirakkapaja Oy", "0112038-9") == " piirakkapaja oy 0112038 9 "
    assert parse_query("040 123 4567").words == ("0401234567",)
    assert parse_query("+358 (40) 123-4567").words == ("358401234567",)
    assert parse_query("0112038-9").words == ("01120389",)
    assert parse_query("Kärnä  KÄRNÄ piira").words == ("karna", "piira")
    assert not parse_query("k").searchable and parse_query("ka").searchable


@pytest.mark.parametrize("query", ["karna", "KÄRNÄ", "piira", "PIIRAKKA", "joensuu piira", "piira joensuu",
                                   "kkapaja", "0112038-9", "01120389", "0112038"])
def test_employer_is_found_by_accents_prefixes_word_order_and_ytunnus(app, make_client, directory, query):
    coach, _piira, _other = directory
    body = _search(make_client(login=coach.email), query)
    assert "Piirakkapaja Kärnä Oy" in body
    assert "Lähikauppa Ab" not in body


@pytest.mark.parametrize("query", ["aijala", "oystila aijala", "hr-paallikko", "HR päällikkö", "040 123 4567",
                                   "0401234567", "+358 40 1234567", "358401234567", "40 123 45", "oystila@piir",
                                   "piirakkapaja aij"])
def test_contact_is_found_by_name_title_phone_in_any_format_email_and_employer(app, make_client, directory, query):
    coach, _piira, _other = directory
    body = _search(make_client(login=coach.email), query)
    assert "Äijälä Öystilä" in body
    assert "Matti Virtanen" not in body


def test_short_words_match_the_beginning_of_a_word(app, make_client, directory):
    coach, _piira, _other = directory
    client = make_client(login=coach.email)
    assert "Lähikauppa Ab" in _search(client, "la")  # "Lähikauppa" starts with "la"
    assert "Lähikauppa Ab" not in _search(client, "ka")  # inside a word: too short to mean anything
    assert "Matti Virtanen" in _search(client, "matti v")  # a one-letter word narrows the others
    assert "Matti Virtanen" not in _search(client, "matti k")
    assert "Type at least two letters" in _search(client, "m")


def test_results_are_grouped_with_counts_and_link_to_their_pages(app, make_client, directory):
    coach, piira, _other = directory
    body = _search(make_client(login=coach.email), "piirakkapaja")
    assert "Employers" in body and "Contact persons" in body
    assert f'href="/employers/{piira.id}"' in body
    assert f"/employers/{piira.id}#contact-" in body
    assert "2 results for" in body  # in the status line read out by screen readers


def test_label_matches_rank_first(app, make_client, factory):
    coach = factory.user(roles=("coach",))
    factory.employer("Aamukahvila Joensuu Oy")
    factory.employer("Joensuun Kahvila Oy")
    factory.employer("Kahvila Helmi Oy")
    body = _search(make_client(login=coach.email), "kahvila")
    assert body.index("Kahvila Helmi") < body.index("Joensuun Kahvila") < body.index("Aamukahvila")


def test_full_results_page_works_without_javascript(app, make_client, directory):
    coach, _piira, _other = directory
    client = make_client(login=coach.email)
    body = _search(client, "piirakkapaja", htmx=False)
    assert "<h1>Search</h1>" in body and 'id="search-page-results"' in body and "Äijälä Öystilä" in body
    assert 'value="piirakkapaja"' in body
    one_kind = client.http.get("/search?q=piirakkapaja&kind=contact").get_data(as_text=True)
    assert "Äijälä Öystilä" in one_kind and "Piirakkapaja Kärnä Oy</span>" not in one_kind
    assert 'role="search"' in client.http.get("/").get_data(as_text=True)  # the header box on every page


@pytest.mark.parametrize("query", ["karna", "KÄRNÄ", "Kärnä", "kärnä leipomo", "0112038-9"])
def test_ratko_engagement_list_folds_the_employer_search(app, make_client, factory, query):
    from tests.ratko.conftest import RatkoFactory

    consultant = factory.user(roles=("consultant",))
    ratko = RatkoFactory(app, factory)
    ratko.engagement(consultant, employer=factory.employer("Kärnän Leipomo Oy", business_id="0112038-9"),
                     title="Leipomon tehtävät")
    ratko.engagement(consultant, employer=factory.employer("Muu Oy"), title="Toinen")
    body = make_client(login=consultant.email).get(f"/ratko/engagements?q={query}&mine=0",
                                                   htmx="engagement-results").get_data(as_text=True)
    assert "Leipomon tehtävät" in body and "Toinen" not in body
