"""Package reports (built by its issue)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)
