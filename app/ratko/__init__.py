"""RATKO: engagements with employers, workshops, the task inventory, the carving board and task bundles."""

from flask import Blueprint

bp = Blueprint("ratko", __name__)

from app.ratko import models  # noqa: E402,F401
