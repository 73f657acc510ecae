"""Package ratko (built by its issue)."""

from flask import Blueprint

bp = Blueprint("ratko", __name__)
