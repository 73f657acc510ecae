"""The characteristic catalogue: seed loading (idempotent), names in the user's language, admin edits,
deactivation, and items in use never deleted."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.extensions import db
from app.profiles.catalogue import catalogue_load, seed_data
from app.profiles.models import Characteristic, CharacteristicGroup
from tests.profiles import builders


def test_seed_has_melba_and_imba_like_groups_in_three_languages(app):
    data = seed_data()
    families = {g["family"] for g in data["groups"]}
    psychosocial = [i for g in data["groups"] if g["family"] == "psychosocial" for i in g["items"]]
    assert families == {"psychosocial", "physical"} and len(psychosocial) == 29
    for group in data["groups"]:
        for item in group["items"]:
            assert all(item["name"][lang] for lang in ("fi", "sv", "en")), item["code"]


def test_load_is_idempotent_and_the_command_reports(app):
    with app.app_context():
        first = catalogue_load()
        db.session.commit()
        again = catalogue_load()
        db.session.commit()
        count = db.session.scalar(select(func.count()).select_from(Characteristic))
    assert first["items"] == count > 50 and first["groups"] == 13
    assert again == {"groups": 0, "items": 0, "updated": 0}
    result = app.test_cli_runner().invoke(args=["seed", "catalogue"])
    assert result.exit_code == 0 and "0 items added" in result.output


def test_catalogue_page_in_the_users_language(app, factory, make_client, codes):
    user = factory.user(roles=("coach",))
    c = make_client(login=user.email)
    body = c.get("/profiles/catalogue").get_data(as_text=True)
    assert "Work planning" in body and "Cognitive characteristics" in body and "Very high" in body
    c.post("/auth/language", data={"language": "fi"})
    body = c.get("/profiles/catalogue").get_data(as_text=True)
    assert "Työn suunnittelu" in body and "Kognitiiviset ominaisuudet" in body
    assert "Add an item" not in body and "Lisää" not in body.split("<main")[1].split("catalogue-group")[0]


def test_admin_adds_edits_and_deactivates_items(app, factory, make_client, codes):
    admin = factory.user(roles=("admin",))
    c = make_client(login=admin.email)
    with app.app_context():
        group_id = db.session.scalar(select(CharacteristicGroup.id).where(CharacteristicGroup.code == "environment"))
    form = {"group_id": group_id, "code": "vibration", "position": "9", "name_fi": "Tärinä", "name_sv": "Vibration",
            "name_en": "Vibration", "description_en": "Vibrating tools or floors.", "level_3_en": "Some vibration"}
    duplicate = c.post("/profiles/catalogue/new", data={**form, "code": "noise"})
    assert duplicate.status_code == 422 and "already uses this code" in duplicate.get_data(as_text=True)
    missing = c.post("/profiles/catalogue/new", data={**form, "name_sv": ""})
    assert missing.status_code == 422
    assert c.post("/profiles/catalogue/new", data=form).status_code == 303
    with app.app_context():
        item = db.session.scalar(select(Characteristic).where(Characteristic.code == "vibration"))
        assert item.levels == {"3": {"fi": "", "sv": "", "en": "Some vibration"}}
        item_id, version = item.id, item.version
    edit = c.get(f"/profiles/catalogue/{item_id}/edit").get_data(as_text=True)
    assert 'value="Some vibration"' in edit
    assert c.post(f"/profiles/catalogue/{item_id}/edit", data={**form, "name_en": "Vibration at work",
                                                               "version": version}).status_code == 303
    stale = c.post(f"/profiles/catalogue/{item_id}/edit", data={**form, "version": version})
    assert stale.status_code == 409
    assert c.post(f"/profiles/catalogue/{item_id}/active", data={"active": "0"}).status_code == 303
    with app.app_context():
        item = db.session.get(Characteristic, item_id)
        assert not item.active and item.name_en == "Vibration at work"
        assert json.loads(item.levels_json)["3"]["en"] == "Some vibration"


def test_items_in_use_are_never_deleted(app, factory, make_client, codes):
    admin = factory.user(roles=("admin",))
    user = factory.user(roles=("coach",))
    builders.bundle(app, user, tasks=[("Nostot", {"lifting": 3})])
    builders.seeker(app, user, ratings={"carrying": 2})
    c = make_client(login=admin.email)
    for code in ("lifting", "carrying"):
        response = c.post(f"/profiles/catalogue/{codes[code]}/delete")
        assert response.status_code == 303
        assert "cannot be deleted" in c.get("/profiles/catalogue").get_data(as_text=True)
        with app.app_context():
            assert db.session.get(Characteristic, codes[code]) is not None
    assert c.post(f"/profiles/catalogue/{codes['dust_odours']}/delete").status_code == 303
    with app.app_context():
        assert db.session.get(Characteristic, codes["dust_odours"]) is None


def test_only_admins_change_the_catalogue(app, factory, make_client, codes):
    user = factory.user(roles=("manager", "coach", "consultant", "coordinator"))
    c = make_client(login=user.email)
    assert c.get("/profiles/catalogue/new").status_code == 403
    assert c.post(f"/profiles/catalogue/{codes['lifting']}/active", data={"active": "0"}).status_code == 403
    assert c.post(f"/profiles/catalogue/{codes['lifting']}/delete").status_code == 403


def test_inactive_items_leave_new_forms_but_stay_in_existing_profiles(app, factory, make_client, codes):
    admin = factory.user(roles=("admin",))
    user = factory.user(roles=("coach",))
    rated = builders.seeker(app, user, code="R-1", ratings={"lifting": 2})
    fresh = builders.seeker(app, user, code="R-2")
    make_client(login=admin.email).post(f"/profiles/catalogue/{codes['lifting']}/active", data={"active": "0"})
    c = make_client(login=user.email)
    assert f'name="level_{codes["lifting"]}"' in c.get(f"/seekers/{rated.id}/capability/new").get_data(as_text=True)
    assert f'name="level_{codes["lifting"]}"' not in c.get(f"/seekers/{fresh.id}/capability/new").get_data(
        as_text=True)
