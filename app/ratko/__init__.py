"""RATKO: engagements with employers, workshops, the task inventory, the carving board and task bundles."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("ratko", __name__)
EDITORS = ("manager", "consultant", "coach")


def setup(app: Flask) -> None:
    """Navigation, the employer-page region, the worklist source, demo data and template labels."""
    from app.core.registry import (
        NavItem,
        Region,
        register_demo_loader,
        register_nav,
        register_region,
        register_work_kinds,
        register_work_source,
    )
    from app.employers.picker import PickerPurpose, register_picker
    from app.ratko import demo, labels, worklist

    register_nav(app, NavItem("ratko.index", _l("RATKO"), 30))
    register_region(app, Region("employer", "ratko.employer_region", 30))
    register_work_source(app, worklist.work_items)
    register_demo_loader(app, 40, demo.load)
    app.context_processor(labels.template_labels)
    register_work_kinds(app, {"ratko_revisit": _l("RATKO revisit"), "ratko_follow_up": _l("RATKO follow-up")})
    register_picker(app, PickerPurpose("engagement", "ratko/_employer_choice.html", roles=EDITORS))


from app.ratko import models, routes  # noqa: E402,F401
