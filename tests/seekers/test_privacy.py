"""Privacy: no seeker field reaches another organisation through pages, fragments, rankings, exports or the
comparison; the same pages do show them to the seeker's own organisation (so the check is not vacuous)."""

from __future__ import annotations

from tests.access.test_routes import _text
from tests.access.world import build_world


def _urls(world) -> list[str]:
    b_seeker = world.private["seeker_id"]
    a_bundle, b_bundle = world.profiles["a_bundle"].id, world.profiles["b_bundle"].id
    a_seeker = world.own["seeker_id"]
    return [f"/compare?bundle={a_bundle}&seeker={b_seeker}", f"/compare?bundle={b_bundle}&seeker={a_seeker}",
            f"/compare?bundle={b_bundle}&seeker={b_seeker}", f"/seekers/{b_seeker}",
            f"/seekers/{b_seeker}/bundles", f"/seekers/{b_seeker}/capability", f"/seekers/ranking/{b_bundle}",
            f"/seekers/{b_seeker}/disclosure/{world.shared['employer_id']}", f"/profiles/bundles/{b_bundle}"]


def test_other_organisation_sees_no_seeker_data_anywhere(app, make_client, factory):
    world = build_world(app, factory)
    a = make_client(login=world.a.email)
    for url in _urls(world):
        for htmx in (False, "main"):
            response = a.get(url, htmx=htmx)
            assert response.status_code == 404, (url, htmx, response.status_code)
    a_bundle = world.profiles["a_bundle"].id
    pages = [f"/seekers/ranking/{a_bundle}", "/seekers", "/seekers?q=SECRET", "/compare",
             f"/compare?bundle={a_bundle}&seeker={world.own['seeker_id']}", f"/seekers/{world.own['seeker_id']}",
             f"/seekers/{world.own['seeker_id']}/bundles", "/profiles/bundles", "/profiles/catalogue",
             f"/employers/{world.shared['employer_id']}", "/employers?q=SECRET"]
    if "spreadsheets.export_employers" in app.view_functions:
        pages.append("/exports/employers.xlsx")
    for url in pages:
        body = _text(a.get(url))
        for marker in world.markers:
            assert marker not in body, (url, marker)


def test_own_organisation_sees_its_seeker(app, make_client, factory):
    world = build_world(app, factory)
    b = make_client(login=world.b.email)
    seeker_page = b.get(f"/seekers/{world.private['seeker_id']}").get_data(as_text=True)
    shown = [m for m in world.markers if m in seeker_page]
    assert any("alias" in m for m in shown) and any("disclosure" in m for m in shown)
    assert any("workplace" in m for m in shown) and any("review" in m for m in shown)
    disclosure = b.get(f"/seekers/{world.private['seeker_id']}/disclosure/{world.shared['employer_id']}")
    assert disclosure.status_code == 200 and any(m in disclosure.get_data(as_text=True) for m in world.markers)
