"""The comparison button reaches the demand-profile pages through the "bundle-actions" region, so the profiles
package (a lower layer) never names a seekers endpoint."""

from __future__ import annotations

from tests.profiles import builders


def test_profile_pages_load_the_compare_button_from_the_region(app, factory, make_client, codes):
    user = factory.user(roles=("consultant",))
    b = builders.bundle(app, user, tasks=[("Postin jako", {"walking": 3})])
    c = make_client(login=user.email)
    assert f'hx-get="/compare/button?bundle_id={b.id}"' in c.get(f"/profiles/bundles/{b.id}").get_data(as_text=True)
    assert 'hx-get="/compare/button"' in c.get("/profiles/bundles").get_data(as_text=True)
    for_bundle = c.get(f"/compare/button?bundle_id={b.id}&small=1").get_data(as_text=True)
    assert f'href="/compare?bundle={b.id}"' in for_bundle and "button small" in for_bundle
    assert 'href="/compare"' in c.get("/compare/button").get_data(as_text=True)


def test_the_button_region_refuses_other_roles_and_other_organisations(app, factory, make_client, codes):
    owner = factory.user(roles=("consultant",))
    b = builders.bundle(app, owner, tasks=[("Postin jako", {"walking": 3})])
    assert make_client(login=factory.user(roles=("coordinator",)).email).get("/compare/button").status_code == 403
    stranger = factory.user(roles=("consultant",))  # a new organisation of its own
    assert make_client(login=stranger.email).get(f"/compare/button?bundle_id={b.id}").status_code == 404
