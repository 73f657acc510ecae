"""Issue 10 item 8 (employer parts): no duplicate element ids on the employer page with contact forms open; sites
nested under their own parents; "Include archived" adds archived employers to the directory, marked as archived."""

from __future__ import annotations

from collections import Counter

from app.employers import selectors, services
from app.extensions import db
from tests.employers.formdata import element_ids, li_parents


def test_employer_page_has_unique_ids_with_contact_forms_open(factory, make_client):
    user = factory.user(roles=("coordinator",))
    employer = factory.employer("Alku Oy")
    contact = factory.contact(employer, name="Liisa Laine")
    factory.contact(employer, name="Matti Meikäläinen")
    c = make_client(login=user.email)
    page = c.get(f"/employers/{employer.id}").get_data(as_text=True)
    closed_region = c.get(f"/employers/{employer.id}/contacts", htmx="contacts-region").get_data(as_text=True)
    new_form = c.get(f"/employers/{employer.id}/contacts/new", htmx="contacts-region").get_data(as_text=True)
    edit_form = c.get(f"/contacts/{contact.id}/edit", htmx=f"contact-{contact.id}").get_data(as_text=True)
    assert 'id="contact-new-name"' in new_form and f'id="contact-{contact.id}-name"' in edit_form
    assert 'id="site-name"' in page and 'for="site-name"' in page
    # The page as the browser holds it: the add form open in the contacts region and one contact in edit mode.
    ids = Counter(element_ids(page))
    ids.subtract(Counter(element_ids(closed_region)))
    ids.update(element_ids(new_form))
    ids.subtract({f"contact-{contact.id}": 1})
    ids.update(element_ids(edit_form))
    duplicates = sorted(i for i, n in ids.items() if n > 1)
    assert duplicates == []


def test_child_sites_are_shown_under_their_own_parent(app, factory, make_client):
    user = factory.user(roles=("coordinator",))
    employer = factory.employer("Ketju Oy")
    c = make_client(login=user.email)
    url = f"/employers/{employer.id}/sites"

    def add(name, parent=None):
        response = c.post(url, data={"name": name, "parent_id": str(parent or "")}, htmx="sites-region")
        assert response.status_code == 200
        with app.app_context():
            return next(s.id for s in selectors.employer_sites(selectors.employer_get_or_404(employer.id))
                        if s.name == name)

    bravo = add("Bravo-ketju")
    kesko = add("Keskusvarasto")
    east = add("Alue Itä", kesko)
    store = add("Myymälä Joensuu", east)
    other = add("Aaa-myymälä", bravo)
    html = c.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert li_parents(html, "site-") == {f"site-{bravo}": None, f"site-{other}": f"site-{bravo}",
                                         f"site-{kesko}": None, f"site-{east}": f"site-{kesko}",
                                         f"site-{store}": f"site-{east}"}
    assert "Keskusvarasto › Alue Itä › Myymälä Joensuu</option>" in html
    with app.app_context():  # an archived parent's children move to the top level
        services.site_archive(site=selectors.site_get_or_404(east))
        db.session.commit()
    html = c.get(f"/employers/{employer.id}").get_data(as_text=True)
    assert li_parents(html, "site-")[f"site-{store}"] is None


def test_site_tree_survives_a_loop_of_parents():
    from types import SimpleNamespace as S

    a, b = S(id=1, parent_id=2, name="A"), S(id=2, parent_id=1, name="B")
    root = S(id=3, parent_id=None, name="C")
    nodes = selectors.site_tree([a, b, root])
    assert sorted(n.site.id for n in nodes) == [1, 3]
    assert [c.site.id for c in next(n for n in nodes if n.site.id == 1).children] == [2]


def test_include_archived_adds_archived_employers_marked(app, factory, make_client):
    user = factory.user(roles=("coordinator",))
    active = factory.employer("Toimiva Oy")
    gone = factory.employer("Lopettanut Oy")
    with app.app_context():
        services.employer_archive(employer=selectors.employer_get_or_404(gone.id))
        db.session.commit()
    c = make_client(login=user.email)
    page = c.get("/employers").get_data(as_text=True)
    assert "Include archived" in page and "Show archived" not in page
    assert "Toimiva Oy" in page and "Lopettanut Oy" not in page
    both = c.get("/employers?archived=1", htmx="employer-results").get_data(as_text=True)
    assert "Toimiva Oy" in both and "Lopettanut Oy" in both and "2 employers" in both

    def row(employer):
        return both.split(f'id="employer-row-{employer.id}"', 1)[1].split("</tr>", 1)[0]

    assert '<span class="badge">Archived</span>' in row(gone) and "Archived" not in row(active)


def test_a_phone_typed_with_358_but_without_its_plus_is_read_as_finnish():
    """Issue 10 item 2: the contact form and the import read 358401234000 the same way (one normaliser)."""
    from app.employers.normalise import phone_e164

    assert phone_e164("358401234000") == phone_e164("358 40 123 4000") == "+358401234000"
    assert phone_e164("0401234000") == phone_e164("00358401234000") == "+358401234000"
    assert phone_e164("3584012340001234") is None
