"""Package spreadsheets (built by its issue)."""

from flask import Blueprint

bp = Blueprint("spreadsheets", __name__)
