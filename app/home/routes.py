"""Dashboard route."""

from app.core.htmx import render
from app.home import bp


@bp.get("/")
def dashboard():
    """My dashboard: the regions other packages contribute (worklist, new leads, my employers)."""
    return render("home/dashboard.html")
