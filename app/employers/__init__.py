"""The network-shared employer directory: employers, sites, contact persons and organisations' relationships."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, register_nav

bp = Blueprint("employers", __name__)


def setup(app: Flask) -> None:
    """Navigation entry and template labels."""
    from app.core.registry import register_demo_loader
    from app.employers import demo, labels

    register_nav(app, NavItem("employers.index", _l("Employers"), 10))
    app.context_processor(labels.template_labels)
    register_demo_loader(app, 20, demo.load)


from app.employers import routes  # noqa: E402,F401
