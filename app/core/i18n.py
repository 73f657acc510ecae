"""Language choice (user's setting, then this browser's choice, then Accept-Language, then English) and formats."""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app, request, session
from flask_babel import format_date, get_locale
from flask_login import current_user


def select_locale() -> str:
    """Pick the UI language for this request."""
    languages = current_app.config["LANGUAGES"]
    user_language = getattr(current_user, "language", None) if getattr(current_user, "is_authenticated", False) \
        else None
    if user_language in languages:
        return user_language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def fmt_date(value: date | datetime | None, style: str = "short") -> str:
    """A date in the user's language (d.M.yyyy in Finnish)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if style == "short" and str(get_locale()) in ("fi", "sv"):
        return f"{value.day}.{value.month}.{value.year}"
    return format_date(value, style)


def fmt_hours(value: float | None) -> str:
    """Hours with at most one decimal, in the user's number format."""
    if value is None:
        return ""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if str(get_locale()) in ("fi", "sv") else text
