"""Translated labels for roles and organisation kinds."""

from flask_babel import lazy_gettext as _l

from app.auth.devices import device_label

ROLE_LABELS = {"admin": _l("Network administrator"), "manager": _l("Manager"), "coordinator": _l("Coordinator"),
               "consultant": _l("RATKO consultant"), "coach": _l("Job coach")}
KIND_LABELS = {"municipal": _l("Municipal service"), "ngo": _l("NGO"), "college": _l("Vocational college"),
               "private": _l("Private provider"), "other": _l("Other")}


def template_labels() -> dict:
    """Label helpers for templates."""
    return {"role_label": lambda code: str(ROLE_LABELS.get(code, code)),
            "org_kind_label": lambda code: str(KIND_LABELS.get(code, code)), "device_label": device_label}
