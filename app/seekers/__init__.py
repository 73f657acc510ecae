"""Job seekers (pseudonymous, private to their organisation), consent, workplace wishes, capability profiles,
the comparison page and the rankings."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("seekers", __name__)


def setup(app: Flask) -> None:
    """Navigation, template labels, the seeker ranking region on bundle pages, consent reminders, the demo step."""
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
    from app.profiles import MATCHING_ROLES
    from app.seekers import demo, labels, worklist

    register_nav(app, NavItem("seekers.index", _l("Job seekers"), 40, roles=("coach", "consultant", "manager")))
    register_region(app, Region("bundle", "seekers.bundle_ranking", 50, arg="bundle_id"))
    register_region(app, Region("bundle-actions", "seekers.compare_button", 10, arg="bundle_id"))
    app.context_processor(labels.template_labels)
    register_demo_loader(app, 60, demo.load)
    register_work_source(app, worklist.work_items)
    register_work_kinds(app, {"consent_ends": _l("Consent ends")})
    register_picker(app, PickerPurpose("workplace", "seekers/_workplace_choice.html", roles=MATCHING_ROLES))


from app.seekers import routes  # noqa: E402,F401
