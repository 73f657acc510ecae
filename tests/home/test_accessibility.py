"""The accessibility statement (/accessibility): public, in fi/sv/en, linked in every page's footer; the feedback
contact and the supervisory authority come from the configuration."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext

CONFORMANCE = ("The RATKO workbench partially conforms to WCAG 2.1 level AA. The shortcomings we know of are listed "
               "below; we fix them as the service is developed.")


@pytest.mark.parametrize("language", ["en", "fi", "sv"])
def test_statement_is_public_in_every_language(app, client, language):
    with app.test_request_context(), force_locale(language):
        heading, conformance = gettext("Accessibility statement"), gettext(CONFORMANCE)
    response = client.get("/accessibility", headers={"Accept-Language": language})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body
    assert conformance in body and "WCAG 2.1" in conformance
    assert body.count("<li>") >= 3  # the known gaps, listed
    assert 'id="statement-date"' in body
    assert 'href="https://www.saavutettavuusvaatimukset.fi/"' in body


def test_feedback_contact_and_authority_are_configurable(app, client):
    body = client.get("/accessibility").get_data(as_text=True)
    assert "Contact the organisation that gave you your login" in body
    assert "Traficom" in body
    app.config.update(ACCESSIBILITY_CONTACT="saavutettavuus@kunta.example", ACCESSIBILITY_AUTHORITY="Valvoja X",
                      ACCESSIBILITY_AUTHORITY_URL="https://valvoja.example/")
    try:
        body = client.get("/accessibility").get_data(as_text=True)
    finally:
        app.config.update(ACCESSIBILITY_CONTACT="", ACCESSIBILITY_AUTHORITY="",
                          ACCESSIBILITY_AUTHORITY_URL="https://www.saavutettavuusvaatimukset.fi/")
    assert '<a href="mailto:saavutettavuus@kunta.example">saavutettavuus@kunta.example</a>' in body
    assert "Valvoja X" in body and 'href="https://valvoja.example/"' in body
    assert "Contact the organisation that gave you your login" not in body


def test_footer_links_the_statement_before_and_after_login(client, make_client, factory):
    assert 'href="/accessibility"' in client.get("/auth/login").get_data(as_text=True)
    user = factory.user(roles=("coach",))
    assert 'href="/accessibility"' in make_client(login=user.email).get("/").get_data(as_text=True)
