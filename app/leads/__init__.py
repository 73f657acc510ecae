"""Regional vacancy leads shared across the network (C6), "we have a candidate" proposals, and placements with
their support plan and follow-ups. Placements live in the `placements` sub-package, on this blueprint."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("leads", __name__)


def setup(app: Flask) -> None:
    """Navigation, regions on the dashboard, employer, seeker and bundle pages, the work source, demo data, labels
    and the consent-withdrawal hook."""
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
    from app.leads import demo, hooks, labels, worklist  # noqa: F401  (hooks registers the consent listener)
    from app.leads.routes import EDITORS

    register_nav(app, NavItem("leads.index", _l("Leads"), 45))
    register_nav(app, NavItem("leads.placements", _l("Placements"), 46, roles=("coach", "consultant", "manager")))
    register_region(app, Region("dashboard", "leads.dashboard_region", 20, arg=""))
    register_region(app, Region("employer", "leads.employer_region", 40))
    register_region(app, Region("seeker", "leads.seeker_region", 20, arg="seeker_id"))
    register_region(app, Region("seeker", "leads.seeker_placements", 30, arg="seeker_id"))
    register_region(app, Region("bundle", "leads.bundle_region", 60, arg="bundle_id"))
    register_work_source(app, worklist.work_items)
    register_demo_loader(app, 70, demo.load)
    app.context_processor(labels.template_labels)
    register_work_kinds(app, labels.WORK_KIND_LABELS)
    for form in ("lead", "placement"):  # the employer picker of the lead and placement forms (radio buttons)
        register_picker(app, PickerPurpose(form, "leads/_employer_choice.html", roles=EDITORS, radio=True))


from app.leads import models, routes  # noqa: E402,F401
from app.leads.placements import models as placement_models  # noqa: E402,F401
