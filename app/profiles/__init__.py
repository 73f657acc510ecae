"""The characteristic catalogue, demand profiles of RATKO tasks and bundles, and the demand-vs-capability comparison."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("profiles", __name__)
MATCHING_ROLES = ("consultant", "coach", "manager")


def setup(app: Flask) -> None:
    """Navigation, template labels, the demo step and the `seed catalogue` command."""
    from app.core.registry import NavItem, Region, register_demo_loader, register_nav, register_region
    from app.profiles import demo, labels

    register_nav(app, NavItem("profiles.catalogue", _l("Catalogue"), 80, roles=("admin",)))
    register_region(app, Region("bundle", "profiles.bundle_region", 40, arg="bundle_id"))
    app.context_processor(labels.template_labels)
    register_demo_loader(app, 50, demo.load)


from app.profiles import routes  # noqa: E402,F401
