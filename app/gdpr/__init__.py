"""GDPR tools (issue 11, item 6): the access export of a person, retention periods and their deletion run, and the
register description at /privacy, all read from the field declarations of `app.core.privacy`. A top-layer package:
it reads every other package, none reads it."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("gdpr", __name__)


def setup(app: Flask) -> None:
    """Navigation, the seeker page's data-protection section, the `retention` command, the demo step."""
    from app.core.registry import NavItem, Region, register_demo_loader, register_nav, register_region
    from app.gdpr import demo
    from app.gdpr.commands import retention

    register_nav(app, NavItem("gdpr.retention_page", _l("Data retention"), 94, roles=("manager",)))
    register_region(app, Region("seeker", "gdpr.seeker_region", 90, arg="seeker_id"))
    app.cli.add_command(retention)
    register_demo_loader(app, 90, demo.load)


from app.gdpr import models, routes  # noqa: E402,F401
