"""How report values read on screen: "< 5" for protected counts, percentages, one decimal, dates, grouped digits."""

from __future__ import annotations

from datetime import date

from flask_babel import get_locale

from app.core.i18n import fmt_date
from app.reports.tables import SMALL


def report_value(value, kind: str = "int") -> str:
    """A value of a report cell or figure, in the user's number format."""
    if value is SMALL:
        return "< 5"
    if value is None or value == "":
        return "–" if kind != "text" else ""
    if kind == "text":
        return str(value)
    if kind == "date" and isinstance(value, date):
        return fmt_date(value)
    comma = str(get_locale()) in ("fi", "sv")
    if kind == "pct":
        text = f"{value * 100:.0f}\u00a0%"
    elif kind == "num":
        text = f"{value:,.1f}"
    else:
        text = f"{int(round(value)):,}"
    if comma:
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def change_text(figure) -> str:
    """The change from the previous period as signed text ("+3", "−2 %-points"), or an empty string."""
    change = figure.change
    if change is None:
        return ""
    if figure.kind == "pct":
        points = round(change * 100)
        return f"{points:+d}".replace("-", "\u2212")
    text = report_value(abs(change), figure.kind)
    return ("+" if change > 0 else "\u2212" if change < 0 else "±") + text
