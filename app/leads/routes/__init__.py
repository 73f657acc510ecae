"""Routes of the leads blueprint: the board, leads, proposals, regions on other pages, and placements."""

EDITORS = ("manager", "coordinator", "consultant", "coach")
MATCHERS = ("manager", "consultant", "coach")

from app.leads.placements import routes as placement_routes  # noqa: E402,F401
from app.leads.routes import board, leads, proposals, regions  # noqa: E402,F401
