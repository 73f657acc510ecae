"""Every GET page and fragment, as a user with every role and as the network administrator, renders no attribute
whose value is the text "None" (WTForms writes a None keyword as "None": aria-invalid="None", value="None"), in
English and in Finnish. Walks the routes like test_routes.py, with the two-organisation world's ids."""

from __future__ import annotations

import re

from tests.access.test_routes import PARAM, _fill, _rules
from tests.access.world import build_world

NONE_ATTRIBUTE = re.compile(r"""[\w:.-]+=(?:"None"|'None')""")
SKIP = ("api", "api_")  # JSON endpoints (bearer tokens; tests/api walks them)


def _walk(client, values: dict) -> tuple[int, list[str]]:
    pages, found = 0, []
    for rule in _rules(client.app):
        if "GET" not in rule.methods or rule.endpoint.startswith(SKIP):
            continue
        url = _fill(rule, values)
        if url is None:
            continue
        for htmx in (False, True, "modal-body"):
            response = client.get(url, htmx=htmx)
            if not response.mimetype.startswith("text/html"):
                continue
            pages += 1
            for match in NONE_ATTRIBUTE.finditer(response.get_data(as_text=True)):
                found.append(f"{url} (htmx={htmx}): {match.group(0)}")
    return pages, found


def test_no_attribute_renders_as_none(app, make_client, factory):
    world = build_world(app, factory)
    admin = factory.user(factory.org("net", "Network"), email="admin@example.test", roles=("admin",))
    values = {**world.shared, **world.own, "user_id": world.a.id, "organisation_id": world.a.organisation_id,
              "field": "business_id", "filename": "x", "token": "nope"}
    for param, value in world.private.items():
        values.setdefault(param, value)
    unfilled = {name for rule in _rules(app) for _, name in PARAM.findall(rule.rule)} - set(values)
    checked, found = 0, []
    for email in (world.a.email, admin.email):
        client = make_client(login=email)
        for language in ("en", "fi"):
            client.post("/auth/language", data={"language": language})
            pages, problems = _walk(client, values)
            checked += pages
            found += problems
    assert checked > 200, (checked, unfilled)
    assert not found, "\n".join(dict.fromkeys(found))
