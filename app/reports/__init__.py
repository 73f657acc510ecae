"""Reports (C7): cadence health, employer work against the IPS figure, coverage, the RATKO funnel, placements and
retention, leads; for my organisation and, for the network administrator, the whole network. Charts are
server-drawn SVG with their tables; every report exports to .xlsx and prints."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("reports", __name__)


def setup(app: Flask) -> None:
    """Navigation, the dashboard's weekly summary, demo data, the value filter of the report templates and
    `flask reports store`."""
    from app.core.registry import NavItem, Region, register_demo_loader, register_nav, register_region
    from app.reports import commands, demo
    from app.reports.formatting import change_text, report_value

    register_nav(app, NavItem("reports.index", _l("Reports"), 85, roles=("manager", "coordinator")))
    register_region(app, Region("dashboard", "reports.weekly_region", 5, arg=""))
    register_demo_loader(app, 80, demo.load)
    app.jinja_env.filters["report_value"] = report_value
    app.jinja_env.filters["report_change"] = change_text
    app.cli.add_command(commands.reports)


from app.reports import routes  # noqa: E402,F401
