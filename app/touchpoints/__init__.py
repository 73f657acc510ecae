"""Package touchpoints (built by its issue)."""

from flask import Blueprint

bp = Blueprint("touchpoints", __name__)
