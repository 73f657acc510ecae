"""Touchpoints and cadence: log contacts with employers, keep every relationship warm 2-3 times a year (C2)."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, Region, register_nav, register_region

bp = Blueprint("touchpoints", __name__)


def setup(app: Flask) -> None:
    """Navigation, regions on the employer page, dashboard and account page, the work source and demo data."""
    from app.core.registry import register_demo_loader, register_work_kinds, register_work_source
    from app.touchpoints import demo, labels, worklist

    register_nav(app, NavItem("touchpoints.worklist", _l("Worklist"), 5))
    register_nav(app, NavItem("touchpoints.settings", _l("Cadence settings"), 89, roles=("manager",)))
    register_region(app, Region("employer-actions", "touchpoints.actions", 10))
    register_region(app, Region("employer-network", "touchpoints.network", 10))
    register_region(app, Region("employer", "touchpoints.timeline", 10))
    register_region(app, Region("dashboard", "touchpoints.summary", 10, arg=""))
    register_region(app, Region("account", "touchpoints.calendar_link", 10, arg=""))
    register_work_source(app, worklist.touchpoint_work)
    register_demo_loader(app, 30, demo.load)
    app.context_processor(labels.template_labels)
    register_work_kinds(app, labels.KIND_LABELS)
    app.before_request(routes.settings.guard_deactivation)


from app.touchpoints import routes  # noqa: E402,F401
