"""A two-organisation world for the access tests. Each package adds its records in tests/<package>/world.py.

A world module defines `build(world)`; it creates records of organisation B (and A where useful) and registers:
- `world.private[param] = id` for URL parameters naming B's organisation-private records (A must get 404),
- `world.shared[param] = id` for network-shared records (A may read them),
- `world.markers` strings planted in B's private fields (they must never reach A in any response).
"""

from __future__ import annotations

import importlib
import secrets
from dataclasses import dataclass, field
from types import SimpleNamespace

PACKAGES = ("auth", "employers", "touchpoints", "spreadsheets", "ratko", "profiles", "seekers", "leads", "reports",
            "gdpr")
ALL_ROLES = ("manager", "coordinator", "consultant", "coach")


@dataclass
class World:
    """Records and ids used by the access tests."""

    app: object
    factory: object
    a: SimpleNamespace = None
    b: SimpleNamespace = None
    private: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)
    own: dict = field(default_factory=dict)
    markers: list = field(default_factory=list)

    def marker(self, label: str) -> str:
        """A unique string to plant in one of B's private fields."""
        value = f"SECRET-B-{label}-{secrets.token_hex(3)}"
        self.markers.append(value)
        return value


def build_world(app, factory) -> World:
    """Organisations A and B with users holding every non-admin role, then every package's records."""
    world = World(app=app, factory=factory)
    org_a, org_b = factory.org("orga", "Organisation A"), factory.org("orgb", "Organisation B")
    world.a = factory.user(org_a, email="a@example.test", roles=ALL_ROLES, name="Alice A")
    world.b = factory.user(org_b, email="b@example.test", roles=ALL_ROLES, name="Bob B")
    for package in PACKAGES:
        try:
            module = importlib.import_module(f"tests.{package}.world")
        except ModuleNotFoundError:
            continue
        module.build(world)
    return world
