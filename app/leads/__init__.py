"""Package leads (built by its issue)."""

from flask import Blueprint

bp = Blueprint("leads", __name__)
