"""Issue 10 item 4: a stale save is merged three ways against the values the form was loaded with. Only the fields
this user changed are written, the other person's changes stay, and a field both changed differently is a conflict
shown with both values ("yours" and "saved by <name>"); saving the conflict form again never reverts their change.
Employers (tags included), contacts and relationships, through HTTP exactly as the pages post their forms."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.conflict import BOTH, MINE, THEIRS, ConflictError, three_way
from app.employers import selectors, services
from app.employers.models import ContactPerson, Employer, Relationship
from app.extensions import db
from tests.employers.formdata import form_values, table_rows

BOTH_TEXT = "Yours: you both changed this. Saving again keeps yours."
THEIRS_TEXT = "Theirs: only they changed this."
MINE_TEXT = "Yours: only you changed this."


def test_three_way_merge_rules():
    base = {"a": "1", "b": "1", "c": "1", "d": "1", "tags": ["x"]}
    mine = {"a": "2", "b": "1", "c": "3", "d": "2", "tags": ["x", "y"]}
    theirs = {"a": "1", "b": "2", "c": "4", "d": "2", "tags": ["x"]}
    merge = three_way(key="k", base=base, mine=mine, theirs=theirs)
    assert [(f.name, f.outcome) for f in merge.fields] == [("a", MINE), ("b", THEIRS), ("c", BOTH), ("tags", MINE)]
    assert merge.apply == {"a": "2", "tags": ["x", "y"]}
    unknown = three_way(key="k", base=None, mine=mine, theirs=theirs)
    assert {f.outcome for f in unknown.fields} == {BOTH}


@pytest.fixture
def people(factory):
    org = factory.org()
    return factory.user(org, name="Anna Aho"), factory.user(org, name="Bertta Berg")


def _open(client, url: str, form: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_values(response.get_data(as_text=True), form)


def test_employer_changes_of_two_people_to_different_fields_are_both_kept(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy", municipality="Joensuu", tags=["kesätyöt"])
    url = f"/employers/{employer.id}/edit"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#employer-form"), _open(b, url, "#employer-form")
    assert a_form["tags"] == "kesätyöt" and a_form["version"] == "1"
    assert b.post(url, data={**b_form, "municipality": "Lieksa", "tags": "kesätyöt, ratko"}).status_code == 303
    saved = a.post(url, data={**a_form, "name": "Annan Alku Oy"})
    assert saved.status_code == 303
    page = a.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Meanwhile Bertta Berg had saved changes; theirs were kept: Municipality, Tags." in page
    with app.app_context():
        stored = db.session.get(Employer, employer.id)
        assert (stored.name, stored.municipality, sorted(stored.tags)) == ("Annan Alku Oy", "Lieksa",
                                                                           ["kesätyöt", "ratko"])


def test_employer_conflict_lists_every_difference_and_saving_again_keeps_their_change(app, factory, make_client,
                                                                                      people):
    anna, bertta = people
    employer = factory.employer("Alku Oy", municipality="Joensuu", tags=["kesätyöt"])
    url = f"/employers/{employer.id}/edit"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#employer-form"), _open(b, url, "#employer-form")
    assert b.post(url, data={**b_form, "name": "Bertan Oy", "address": "Kauppakatu 1",
                             "tags": "kesätyöt, ratko"}).status_code == 303
    refused = a.post(url, data={**a_form, "name": "Annan Oy", "website": "anna.example.fi",
                                "tags": "kesätyöt, siivous"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Saved by Bertta Berg" in html and "Since you opened this form, Bertta Berg saved changes." in html
    assert table_rows(html) == [
        ["Name", "Annan Oy", "Bertan Oy", BOTH_TEXT],
        ["Address", "—", "Kauppakatu 1", THEIRS_TEXT],
        ["Website", "https://anna.example.fi", "—", MINE_TEXT],
        ["Tags", "kesätyöt, siivous", "kesätyöt, ratko", BOTH_TEXT],
    ]
    again = form_values(html, "#employer-form")
    assert (again["name"], again["address"], again["website"], again["tags"]) == (
        "Annan Oy", "Kauppakatu 1", "anna.example.fi", "kesätyöt, siivous")
    assert again["version"] == "2" and again["loaded"] != a_form["loaded"]
    assert a.post(url, data=again).status_code == 303
    with app.app_context():
        stored = db.session.get(Employer, employer.id)
        assert (stored.name, stored.address, stored.website, sorted(stored.tags)) == (
            "Annan Oy", "Kauppakatu 1", "https://anna.example.fi", ["kesätyöt", "siivous"])


def test_the_loaded_values_survive_a_validation_error(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy", municipality="Joensuu")
    url = f"/employers/{employer.id}/edit"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#employer-form"), _open(b, url, "#employer-form")
    invalid = a.post(url, data={**a_form, "name": "Annan Oy", "business_id": "1234567-8"})
    assert invalid.status_code == 422
    a_form = form_values(invalid.get_data(as_text=True), "#employer-form")
    assert b.post(url, data={**b_form, "municipality": "Lieksa"}).status_code == 303
    assert a.post(url, data={**a_form, "business_id": "0112038-9"}).status_code == 303
    with app.app_context():
        stored = db.session.get(Employer, employer.id)
        assert (stored.name, stored.business_id, stored.municipality) == ("Annan Oy", "0112038-9", "Lieksa")


def test_a_forged_or_missing_snapshot_never_merges_silently(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy", municipality="Joensuu")
    url = f"/employers/{employer.id}/edit"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#employer-form"), _open(b, url, "#employer-form")
    assert b.post(url, data={**b_form, "municipality": "Lieksa"}).status_code == 303
    for loaded in ("forged", "", _open(a, f"/employers/{factory.employer('Toinen Oy').id}/edit",
                                        "#employer-form")["loaded"]):
        refused = a.post(url, data={**a_form, "loaded": loaded, "name": "Annan Oy"})
        assert refused.status_code == 409
        rows = table_rows(refused.get_data(as_text=True))
        assert rows == [["Name", "Annan Oy", "Alku Oy", BOTH_TEXT], ["Municipality", "Joensuu", "Lieksa", BOTH_TEXT]]
    with app.app_context():
        assert db.session.get(Employer, employer.id).municipality == "Lieksa"


def test_a_tag_change_alone_bumps_the_version_and_is_audited(app):
    with app.app_context():
        employer = services.employer_create(data={"name": "Alku Oy", "tags": ["a"]})
        db.session.commit()
        services.employer_update(employer=employer, data={"tags": ["a", "b"]}, expected_version=1)
        db.session.commit()
        assert employer.version == 2
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "update")).all()
        assert [e.change_dict for e in events] == [{"tags": ["a", "a, b"]}]
        with pytest.raises(ConflictError):
            services.employer_update(employer=employer, data={"tags": ["c"]}, expected_version=1)
        db.session.rollback()


def test_contact_merge_conflict_and_resave(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy")
    contact = factory.contact(employer, name="Liisa Laine", title="Esihenkilö", phone="+358401234567")
    url = f"/contacts/{contact.id}/edit"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)

    def open_form(client):
        response = client.get(url, htmx=f"contact-{contact.id}")
        return form_values(response.get_data(as_text=True), url)

    a_form, b_form = open_form(a), open_form(b)
    assert b.post(url, data={**b_form, "phone": "040 7654321"}, htmx=True).status_code == 200
    merged = a.post(url, data={**a_form, "title": "Toimitusjohtaja"}, htmx=True)
    assert merged.status_code == 200
    assert "Meanwhile Bertta Berg had saved changes; theirs were kept: Phone." in merged.get_data(as_text=True)

    a_form, b_form = open_form(a), open_form(b)
    changed = {**b_form, "name": "Liisa Lehto", "email": "liisa@example.fi"}
    assert b.post(url, data=changed, htmx=True).status_code == 200
    refused = a.post(url, data={**a_form, "name": "Liisa Laine-Lehto"}, htmx=True)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Saved by Bertta Berg" in html
    assert table_rows(html) == [["Name", "Liisa Laine-Lehto", "Liisa Lehto", BOTH_TEXT],
                                ["E-mail", "—", "liisa@example.fi", THEIRS_TEXT]]
    assert a.post(url, data=form_values(html, url), htmx=True).status_code == 200
    with app.app_context():
        stored = db.session.get(ContactPerson, contact.id)
        assert (stored.name, stored.title, stored.phone, stored.email) == (
            "Liisa Laine-Lehto", "Toimitusjohtaja", "+358407654321", "liisa@example.fi")


def test_relationship_merge_conflict_and_resave(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy")
    factory.relationship(employer, anna)
    url = f"/employers/{employer.id}/relationship"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#relationship-form"), _open(b, url, "#relationship-form")
    assert b.post(url, data={**b_form, "status": "contacted", "cadence_target": "4"}).status_code == 303
    assert a.post(url, data={**a_form, "private_note": "Soita syksyllä"}).status_code == 303

    a_form, b_form = _open(a, url, "#relationship-form"), _open(b, url, "#relationship-form")
    assert b.post(url, data={**b_form, "status": "meeting_agreed", "owner_id": str(bertta.id)}).status_code == 303
    refused = a.post(url, data={**a_form, "status": "dormant"})
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert table_rows(html) == [["Owner", "Anna Aho", "Bertta Berg", THEIRS_TEXT],
                                ["Status", "Dormant", "Meeting agreed", BOTH_TEXT]]
    assert a.post(url, data=form_values(html, "#relationship-form")).status_code == 303
    with app.app_context():
        stored = db.session.scalar(select(Relationship).where(Relationship.employer_id == employer.id))
        assert (stored.status, stored.owner_id, stored.cadence_target, stored.private_note) == (
            "dormant", bertta.id, 4, "Soita syksyllä")


def test_starting_a_relationship_someone_else_started_meanwhile_merges(app, factory, make_client, people):
    anna, bertta = people
    employer = factory.employer("Alku Oy")
    url = f"/employers/{employer.id}/relationship"
    a, b = make_client(login=anna.email), make_client(login=bertta.email)
    a_form, b_form = _open(a, url, "#relationship-form"), _open(b, url, "#relationship-form")
    assert a_form["version"] == ""
    assert b.post(url, data={**b_form, "status": "contacted"}).status_code == 303
    assert a.post(url, data={**a_form, "private_note": "Tuttu yrittäjä"}).status_code == 303
    with app.app_context():
        stored = db.session.scalars(select(Relationship).where(Relationship.employer_id == employer.id)).all()
        assert [(r.status, r.owner_id, r.private_note) for r in stored] == [("contacted", bertta.id,
                                                                            "Tuttu yrittäjä")]
        assert selectors.employer_get_or_404(employer.id).name == "Alku Oy"
