"""Translated labels for the seekers package's stored codes, and template helpers."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {"engaged": _l("Engaged"), "job_finding": _l("Job finding"), "in_work": _l("In work"),
                 "follow_up": _l("Follow-up"), "ended": _l("Ended")}
LIGHT_LABELS = {"green": _l("Green: most wanted"), "yellow": _l("Yellow: possible"),
                "orange": _l("Orange: at the edge of possible")}
LIGHT_SHORT = {"green": _l("Green"), "yellow": _l("Yellow"), "orange": _l("Orange")}
SCOPE_LABELS = {
    "network_matching": _l("Matching: share a pseudonymous capability profile for matching in the network"),
    "employer_disclosure": _l("Disclosure: tell the named employers what is agreed below"),
    "information_exchange": _l("Information exchange with the named parties"),
}
SCOPE_SHORT = {"network_matching": _l("Matching in the network"), "employer_disclosure": _l("Disclosure to employers"),
               "information_exchange": _l("Information exchange")}
EVENT_LABELS = {"granted": _l("Given"), "reviewed": _l("Gone through orally"),
                "confirmed": _l("Confirmed in writing"), "withdrawn": _l("Withdrawn")}
SKIP_LABELS = {"no_profile": _l("No capability assessment yet.")}


def template_labels() -> dict:
    """Label helpers for templates."""
    return {
        "seeker_status_label": lambda code: str(STATUS_LABELS.get(code, code)),
        "light_label": lambda code: str(LIGHT_LABELS.get(code, code)),
        "light_short": lambda code: str(LIGHT_SHORT.get(code, code)),
        "scope_label": lambda code: str(SCOPE_SHORT.get(code, code)),
        "scope_long": lambda code: str(SCOPE_LABELS.get(code, code)),
        "consent_event_label": lambda code: str(EVENT_LABELS.get(code, code)),
        "skip_label": lambda skipped: skipped.message or str(SKIP_LABELS.get(skipped.reason, skipped.reason)),
    }
