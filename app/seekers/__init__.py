"""Package seekers (built by its issue)."""

from flask import Blueprint

bp = Blueprint("seekers", __name__)
