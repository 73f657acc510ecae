"""Package profiles (built by its issue)."""

from flask import Blueprint

bp = Blueprint("profiles", __name__)
