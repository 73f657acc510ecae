"""Excel and CSV import of contact lists (upload, mapping, preview, commit, undo) and Excel export of the directory."""

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app.core.registry import NavItem, register_nav

bp = Blueprint("spreadsheets", __name__)
IMPORTERS = ("manager", "coordinator", "consultant", "coach")


def setup(app: Flask) -> None:
    """Navigation entry and defaults (jobs run in threads unless IMPORT_JOB_MODE is "inline")."""
    app.config.setdefault("IMPORT_JOB_MODE", "thread")
    app.config.setdefault("IMPORT_MAX_BYTES", app.config.get("MAX_CONTENT_LENGTH") or 10 * 1024 * 1024)
    app.config.setdefault("EXPORT_RATE_LIMIT", 10)
    register_nav(app, NavItem("spreadsheets.index", _l("Imports"), 60, roles=IMPORTERS))
    from app.spreadsheets.labels import template_helpers

    app.context_processor(template_helpers)
    from app.core.erasure import register_erasure_step
    from app.spreadsheets.erasure import STEP

    register_erasure_step(app, STEP)  # erasing a contact person masks their staged rows and deletes the uploads


from app.spreadsheets import models, routes  # noqa: E402,F401

