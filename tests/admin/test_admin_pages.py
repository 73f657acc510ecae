"""The administration pages and the audit log: who may open them, that each renders, and that their main actions
work (organisations, users, the audit log; security, diagnosis words, retention and API tokens for access)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.auth.models import Organisation, User
from app.extensions import db

ADMIN_ONLY = ["/admin/organisations", "/admin/security", "/admin/diagnosis-words", "/retention/periods",
              "/admin/api-tokens"]
MANAGERS = ["/admin/users", "/audit", "/retention"]


@pytest.fixture
def people(factory):
    """Two organisations: the network administrator, a manager and a coach at home; a manager elsewhere. (Addresses
    at example.org: the user form's e-mail check refuses the factory's special-use .test domain.)"""
    home, other = factory.org("koti", "Kotijärjestö"), factory.org("muu", "Muu järjestö")
    return SimpleNamespace(
        home=home, other=other,
        admin=factory.user(home, roles=("admin",), name="Aino Ylläpitäjä", email="aino@koti.example.org"),
        manager=factory.user(home, roles=("manager",), name="Matti Esihenkilö", email="matti@koti.example.org"),
        coach=factory.user(home, roles=("coach",), name="Kaisa Valmentaja", email="kaisa@koti.example.org"),
        stranger=factory.user(other, roles=("manager",), name="Sanna Muualta", email="sanna@muu.example.org"))


def _one_time_password(response) -> str:
    return response.get_data(as_text=True).split('id="one-time-password">')[1].split("<")[0]


def _user(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return user and SimpleNamespace(id=user.id, name=user.name, roles=list(user.roles), active=user.active,
                                        organisation_id=user.organisation_id)


def test_anonymous_visitors_are_sent_to_the_login(client):
    for path in ADMIN_ONLY + MANAGERS + ["/admin/users/1", "/admin/organisations/1"]:
        response = client.get(path)
        assert response.status_code in (302, 401), path
        if response.status_code == 302:
            assert "/auth/login" in response.headers["Location"], path


def test_each_page_opens_for_its_roles_only(people, make_client):
    admin, manager, coach = (make_client(login=p.email) for p in (people.admin, people.manager, people.coach))
    for path in ADMIN_ONLY + MANAGERS + [f"/admin/users/{people.coach.id}", f"/admin/organisations/{people.home.id}"]:
        response = admin.get(path)
        assert response.status_code == 200, path
        assert "<h1" in response.get_data(as_text=True), path
    for path in MANAGERS + [f"/admin/users/{people.coach.id}"]:
        assert manager.get(path).status_code == 200, path
    for path in ADMIN_ONLY + [f"/admin/organisations/{people.home.id}"]:
        assert manager.get(path).status_code == 403, path
    for path in ADMIN_ONLY + MANAGERS + [f"/admin/users/{people.manager.id}"]:
        assert coach.get(path).status_code == 403, path
    for path in (f"/admin/users/{people.coach.id}/reset-password", f"/admin/users/{people.coach.id}/active"):
        assert coach.post(path).status_code == 403, path
    assert coach.post("/admin/organisations", data={"slug": "x", "name": "X", "kind": "ngo"}).status_code == 403


def test_the_administrator_creates_renames_and_deactivates_an_organisation(app, people, make_client):
    admin = make_client(login=people.admin.email)
    created = admin.post("/admin/organisations", data={"slug": "uusi-paja", "name": "Uusi Paja", "kind": "ngo"})
    assert created.status_code == 303
    assert "Uusi Paja" in admin.get("/admin/organisations").get_data(as_text=True)
    taken = admin.post("/admin/organisations", data={"slug": "uusi-paja", "name": "Toinen", "kind": "ngo"})
    assert taken.status_code == 422 and "This short name is taken." in taken.get_data(as_text=True)
    bad = admin.post("/admin/organisations", data={"slug": "Iso Kirjain", "name": "X", "kind": "ngo"})
    assert bad.status_code == 422
    with app.app_context():
        new_id = db.session.scalar(select(Organisation.id).where(Organisation.slug == "uusi-paja"))
    assert admin.get(f"/admin/organisations/{new_id}").status_code == 200
    saved = admin.post(f"/admin/organisations/{new_id}", data={"slug": "uusi-paja", "name": "Vanha Paja",
                                                                "kind": "college"})  # active unticked
    assert saved.status_code == 303
    with app.app_context():
        organisation = db.session.get(Organisation, new_id)
        assert (organisation.name, organisation.kind, organisation.active) == ("Vanha Paja", "college", False)
    assert admin.get("/admin/organisations/999999").status_code == 404
    audit = admin.get("/audit?entity=organisations").get_data(as_text=True)
    assert "Vanha Paja" in audit and "Uusi Paja" in audit
    region = admin.get("/audit?entity=organisations", headers={"HX-Request": "true", "HX-Target": "audit-results"})
    assert "Uusi Paja" in region.get_data(as_text=True) and "<h1>" not in region.get_data(as_text=True)
    unknown = admin.get("/audit?entity=" + "x" * 200).get_data(as_text=True)  # cut to 60 characters, matches nothing
    assert "Uusi Paja" not in unknown and 'id="audit-results"' in unknown


def test_a_manager_invites_a_user_of_their_own_organisation_who_must_choose_a_password(app, people, make_client):
    manager = make_client(login=people.manager.email)
    form = manager.get("/admin/users").get_data(as_text=True)
    assert people.coach.email in form and people.stranger.email not in form  # only the own organisation's users
    assert 'value="admin"' not in form  # a manager cannot hand out the administrator's role
    shown = manager.post("/admin/users", data={"email": "Uusi@Example.org", "name": "Uusi Käyttäjä",
                                               "organisation_id": people.home.id, "roles": ["coach"],
                                               "language": "fi"})
    assert shown.status_code == 200
    new = _user(app, "uusi@example.org")
    assert new.roles == ["coach"] and new.organisation_id == people.home.id
    assert make_client(login="uusi@example.org", password=_one_time_password(shown)).get(
        "/employers").headers["Location"].endswith("/auth/password")
    again = manager.post("/admin/users", data={"email": "uusi@example.org", "name": "Kaksoiskappale",
                                               "organisation_id": people.home.id, "roles": ["coach"]})
    assert again.status_code == 422 and "A user with this e-mail already exists." in again.get_data(as_text=True)
    elsewhere = manager.post("/admin/users", data={"email": "muu@example.org", "name": "Muu",
                                                   "organisation_id": people.other.id, "roles": ["coach"]})
    assert elsewhere.status_code == 422 and _user(app, "muu@example.org") is None
    as_admin = manager.post("/admin/users", data={"email": "pomo@example.org", "name": "Pomo",
                                                  "organisation_id": people.home.id, "roles": ["admin"]})
    assert as_admin.status_code == 422 and _user(app, "pomo@example.org") is None
    no_role = manager.post("/admin/users", data={"email": "tyhja@example.org", "name": "Tyhjä",
                                                 "organisation_id": people.home.id})
    assert no_role.status_code == 422 and "Choose at least one role." in no_role.get_data(as_text=True)


def test_a_manager_edits_resets_and_deactivates_their_users_but_not_others(app, people, make_client):
    manager = make_client(login=people.manager.email)
    coach_id = people.coach.id
    saved = manager.post(f"/admin/users/{coach_id}", data={"name": "Kaisa Koordinaattori",
                                                           "organisation_id": people.home.id,
                                                           "roles": ["coach", "coordinator"], "language": "sv"})
    assert saved.status_code == 303
    assert _user(app, people.coach.email).roles == ["coordinator", "coach"]
    reset = manager.post(f"/admin/users/{coach_id}/reset-password")
    assert reset.status_code == 200
    assert make_client().login(people.coach.email).status_code == 401  # the old password no longer works
    make_client(login=people.coach.email, password=_one_time_password(reset))  # asserts the login works
    second_session = make_client(login=people.manager.email)
    assert manager.post(f"/admin/users/{coach_id}/active").status_code == 303
    assert _user(app, people.coach.email).active is False
    assert manager.post(f"/admin/users/{coach_id}/active", data={"active": "1"}).status_code == 303
    assert _user(app, people.coach.email).active is True
    refused = manager.post(f"/admin/users/{people.manager.id}/active")
    assert refused.status_code == 303 and _user(app, people.manager.email).active is True
    assert second_session.get("/admin/users").status_code == 200  # refusing to deactivate oneself ended nothing
    for path in (f"/admin/users/{people.stranger.id}", f"/admin/users/{people.stranger.id}/reset-password",
                 f"/admin/users/{people.stranger.id}/active"):
        response = manager.get(path) if path.endswith(str(people.stranger.id)) else manager.post(path)
        assert response.status_code == 404, path
    assert _user(app, people.stranger.email).active is True
    assert make_client(login=people.admin.email).get(f"/admin/users/{people.stranger.id}").status_code == 200


def test_the_audit_log_shows_my_organisations_events_filtered_and_paged(app, people, make_client):
    manager = make_client(login=people.manager.email)
    manager.post(f"/admin/users/{people.coach.id}", data={"name": "Kaisa Valmentaja", "roles": ["consultant"],
                                                          "organisation_id": people.home.id, "language": ""})
    stranger = make_client(login=people.stranger.email)  # the login itself is an event of the other organisation
    mine = manager.get("/audit").get_data(as_text=True)
    assert "roles" in mine and people.coach.email in mine and "consultant" in mine
    assert people.stranger.email not in mine  # another organisation's events stay there
    theirs = stranger.get("/audit").get_data(as_text=True)
    assert people.coach.email not in theirs and people.stranger.email in theirs
    filtered = manager.get("/audit?entity=users").get_data(as_text=True)
    assert '<option value="users" selected>' in filtered and people.coach.email in filtered
    nothing = manager.get("/audit?entity=employers").get_data(as_text=True)
    assert "No events." in nothing
    for query in ("page=99", "page=x", "page=-1", "entity=" + "x" * 100):  # out of range or nonsense: still a page
        assert manager.get(f"/audit?{query}").status_code == 200, query
    network = make_client(login=people.admin.email).get("/audit?entity=organisations").get_data(as_text=True)
    assert "Muu järjestö" in network  # the administrator also sees the network's records
