"""Translated labels for the employer package's stored codes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.employers import reference
from app.employers.normalise import phone_display

STATUS_LABELS = {
    "prospect": _l("Prospect"), "contacted": _l("Contacted"), "meeting_agreed": _l("Meeting agreed"),
    "active_partner": _l("Active partner"), "dormant": _l("Dormant"), "do_not_contact": _l("Do not contact"),
}
SIZE_LABELS = {"micro": _l("Micro (under 10)"), "small": _l("Small (10–49)"), "medium": _l("Medium (50–249)"),
               "large": _l("Large (250 or more)")}
PWA_LABELS = {"unknown": _l("Not known"), "none": _l("None yet"), "some": _l("Some"),
              "extensive": _l("Extensive")}
CHANNEL_LABELS = {"phone": _l("Phone"), "email": _l("E-mail"), "visit": _l("Visit"),
                  "text_message": _l("Text message"), "video": _l("Video call")}


def _label(table: dict, code: str | None) -> str:
    return str(table.get(code, code or ""))


def template_labels() -> dict:
    """Label helpers for templates."""
    return {
        "status_label": lambda code: _label(STATUS_LABELS, code),
        "size_label": lambda code: _label(SIZE_LABELS, code),
        "pwa_label": lambda code: _label(PWA_LABELS, code),
        "channel_label": lambda code: _label(CHANNEL_LABELS, code),
        "industry_label": reference.industry_label,
        "phone_display": phone_display,
        "industry_sections": lambda: [(i.code, f"{i.code} {i.name()}") for i in reference.industries().values()
                                      if i.level == "section"],
    }
