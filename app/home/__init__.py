"""The dashboard: a page assembled from regions that other packages register."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, register_nav

bp = Blueprint("home", __name__)


def setup(app: Flask) -> None:
    """Put the dashboard first in the navigation."""
    register_nav(app, NavItem("home.dashboard", _l("Dashboard"), 0))


from app.home import routes  # noqa: E402,F401
