"""RATKO routes, one module per area."""

from app.ratko.routes import board, bundles, engagements, regions, tasks, workshops  # noqa: F401
