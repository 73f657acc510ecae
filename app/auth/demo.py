"""Demo network: three organisations and the demo logins (DESIGN.md "Demo and set-up contract"). Two-factor login is
not required of any role in the demo, so every demo login works with the password alone; the network administrator
(admin@example.org) can require it under Login security to try the set-up."""

from __future__ import annotations

from app.auth import selectors, services

ORGANISATIONS = (
    ("joensuu", "Joensuun kaupungin työllisyyspalvelut", "municipal"),
    ("tyovalmennus", "Työvalmennussäätiö Pohjois-Karjala", "ngo"),
    ("vaara", "Vaaran ammattiopisto", "college"),
)
USERS = (
    ("admin@example.org", "Aino Admin", "joensuu", ["admin", "manager"]),
    ("coordinator@example.org", "Kaisa Koordinaattori", "joensuu", ["coordinator", "manager"]),
    ("consultant@example.org", "Riikka RATKO-konsultti", "joensuu", ["consultant", "coach"]),
    ("coach@example.org", "Ville Valmentaja", "joensuu", ["coach"]),
    ("coach2@example.org", "Sanna Säätiö", "tyovalmennus", ["coach", "coordinator"]),
    ("manager2@example.org", "Pekka Päällikkö", "tyovalmennus", ["manager", "consultant"]),
    ("coach3@example.org", "Olli Opettaja", "vaara", ["coach", "consultant"]),
    ("coordinator3@example.org", "Maija Mentori", "vaara", ["coordinator", "manager"]),
)
DEMO_PASSWORD = "demo-password"


def load() -> None:
    """Create the demo organisations and users (idempotent by slug and e-mail)."""
    for slug, name, kind in ORGANISATIONS:
        if selectors.organisation_by_slug(slug) is None:
            services.organisation_create(slug=slug, name=name, kind=kind)
    for email, name, slug, roles in USERS:
        if selectors.user_by_email(email) is None:
            services.user_create(organisation=selectors.organisation_by_slug(slug), email=email, name=name,
                                 password=DEMO_PASSWORD, roles=roles, language="fi")
    if selectors.network_setting(selectors.TWO_FACTOR_ROLES) is None:
        services.network_setting_set(key=selectors.TWO_FACTOR_ROLES, value=[])
