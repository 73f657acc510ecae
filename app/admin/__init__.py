"""Administration: organisations, users, the audit log."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, register_nav

bp = Blueprint("admin", __name__)


def setup(app: Flask) -> None:
    """Navigation entries for administrators and managers."""
    register_nav(app, NavItem("admin.users", _l("Users"), 90, roles=("manager",)))
    register_nav(app, NavItem("admin.organisations", _l("Organisations"), 91, roles=("admin",)))
    register_nav(app, NavItem("admin.audit", _l("Audit log"), 92, roles=("manager",)))
    register_nav(app, NavItem("admin.diagnosis_words_page", _l("Diagnosis words"), 93, roles=("admin",)))
    register_nav(app, NavItem("admin.security", _l("Login security"), 94, roles=("admin",)))


from app.admin import routes  # noqa: E402,F401
