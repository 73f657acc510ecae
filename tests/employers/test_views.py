"""Employer directory and pages through HTTP: status codes, fragments, validation, conflicts."""

from __future__ import annotations


def test_directory_lists_and_searches(factory, make_client):
    user = factory.user(roles=("coordinator",))
    factory.employer("Pielisen Puutyö Oy", municipality="Joensuu")
    other = factory.employer("Kauppa Koski Oy", municipality="Lieksa")
    factory.contact(other, name="Matti Meikäläinen")
    c = make_client(login=user.email)
    page = c.get("/employers")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Pielisen Puutyö Oy" in body and "Kauppa Koski Oy" in body and "<html" in body
    assert "HX-Request" in page.headers["Vary"] and "HX-Target" in page.headers["Vary"]
    fragment = c.get("/employers?q=meikäläinen", htmx="employer-results")
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Kauppa Koski Oy" in text and "Pielisen" not in text


def test_create_with_bad_business_id_shows_error_then_saves(factory, make_client):
    user = factory.user()
    c = make_client(login=user.email)
    bad = c.post("/employers/new", data={"name": "Uusi Oy", "business_id": "1234567-8", "pwa_experience": "unknown"})
    assert bad.status_code == 422
    assert "not a valid Y-tunnus" in bad.get_data(as_text=True)
    good = c.post("/employers/new", data={"name": "Uusi Oy", "business_id": "FI01120389",
                                          "pwa_experience": "unknown"})
    assert good.status_code == 303
    detail = c.get(good.headers["Location"]).get_data(as_text=True)
    assert "0112038-9" in detail


def test_duplicate_business_id_links_to_existing(factory, make_client):
    user = factory.user()
    existing = factory.employer("Vanha Oy", business_id="0112038-9")
    c = make_client(login=user.email)
    response = c.post("/employers/validate/business_id", data={"business_id": "0112038 9", "name": "x"}, htmx=True)
    text = response.get_data(as_text=True)
    assert "already exists" in text and f"/employers/{existing.id}" in text


def test_stale_edit_is_refused_with_newer_values(factory, make_client):
    user = factory.user()
    employer = factory.employer("Alku Oy")
    a, b = make_client(login=user.email), make_client(login=user.email)
    form = {"name": "B:n nimi Oy", "pwa_experience": "unknown", "version": "1"}
    assert b.post(f"/employers/{employer.id}/edit", data=form).status_code == 303
    stale = a.post(f"/employers/{employer.id}/edit", data={**form, "name": "A:n nimi Oy"})
    assert stale.status_code == 409
    text = stale.get_data(as_text=True)
    assert "B:n nimi Oy" in text and "A:n nimi Oy" in text
    assert "B:n nimi Oy" in a.get(f"/employers/{employer.id}").get_data(as_text=True)


def test_unknown_employer_is_404_page_and_fragment(factory, make_client):
    user = factory.user()
    c = make_client(login=user.email)
    assert c.get("/employers/999999").status_code == 404
    fragment = c.get("/employers/999999", htmx="main")
    assert fragment.status_code == 404 and "<html" not in fragment.get_data(as_text=True)
    assert fragment.headers["HX-Retarget"] == "#messages"
