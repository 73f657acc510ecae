"""Dashboard and accessibility statement routes."""

from datetime import date

from flask import current_app

from app.core.auth import public
from app.core.htmx import render
from app.home import bp

STATEMENT_DATE = date(2026, 12, 4)  # when the accessibility statement was last reviewed: change with its text


@bp.get("/")
def dashboard():
    """My dashboard: the regions other packages contribute (worklist, new leads, my employers)."""
    return render("home/dashboard.html")


@bp.get("/accessibility")
@public
def accessibility():
    """The accessibility statement (Act on the Provision of Digital Services, section 15), public like /privacy."""
    config = current_app.config
    return render("home/accessibility.html", statement_date=STATEMENT_DATE,
                  contact=config.get("ACCESSIBILITY_CONTACT", ""),
                  authority=config.get("ACCESSIBILITY_AUTHORITY", ""),
                  authority_url=config.get("ACCESSIBILITY_AUTHORITY_URL", ""))
