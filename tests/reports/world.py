"""Reports in the access walk: every report page, export and print view is visited (as A, with B's markers planted
by the other packages) under the `report` parameter; the routes take no record ids."""

from __future__ import annotations


def build(world) -> None:
    """Name a report so the walk fills `/reports/<report>...` (a network-level name, not a private record)."""
    world.shared["report"] = "placements"
