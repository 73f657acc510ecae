"""The network-shared employer directory: employers, sites, contact persons and organisations' relationships."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, register_nav

bp = Blueprint("employers", __name__)


def setup(app: Flask) -> None:
    """Navigation entry, template labels and the employer picker's purposes for templates."""
    from app.core.registry import register_demo_loader
    from app.employers import demo, labels
    from app.employers.picker import picker_purpose

    register_nav(app, NavItem("employers.index", _l("Employers"), 10))
    app.context_processor(labels.template_labels)
    register_demo_loader(app, 20, demo.load)
    app.jinja_env.globals["picker_purpose"] = picker_purpose


from app.employers import picker, routes  # noqa: E402,F401
